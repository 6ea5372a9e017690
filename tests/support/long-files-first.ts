/**
 * Vitest's order of test files, with the files that take long for what they compute started first.
 * Vitest starts the files it has timed longest first, but a clean checkout (CI) has no timings, and
 * then it starts the largest first: supervision.test.ts, a small file that mostly waits for the
 * services it kills to come back, started last and ran alone at the end of the db tests (25 s of
 * their 139 s, two of the three workers idle). Its waits, and the other long small files', overlap
 * the rest once they start first. A file missing from the list only runs in Vitest's own order.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const startFirst = ['supervision.test.ts', 'settings-save.test.ts', 'faults-import.test.ts', 'faults.test.ts'];

export class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = startFirst.indexOf(path.basename(spec.moduleId));
      return at < 0 ? startFirst.length : at;
    };
    // Array sort is stable: the rest keep Vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
