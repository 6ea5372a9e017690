import { defineConfig } from 'vitest/config';
import { LongFilesFirst } from './support/long-files-first.ts';

export default defineConfig({
  test: {
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          root: 'tests/unit',
          include: ['**/*.test.ts'],
          // Modules kept from file to file in a worker, as the db project does: the suite took
          // 39-43 s importing each file's modules afresh, 9 s so. A test that needs a module's
          // state new takes its own copy (vi.resetModules); runs shuffled with
          // --sequence.shuffle pass, so no test leans on another's leftovers.
          isolate: false,
        },
      },
      {
        test: {
          name: 'db',
          root: 'tests/db',
          include: ['**/*.test.ts'],
          // One throw-away stack (Postgres, PostgREST, gateway) for the whole run.
          globalSetup: ['../support/stack-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files run in parallel against the one stack; each uses its own fresh store. Three on
          // a 2-core machine: a file waits on the database as much as it computes (the suite took
          // 87 s with three or four, 101 s with two).
          maxWorkers: 3,
          // A worker keeps its modules from file to file instead of starting afresh for each: the
          // files share nothing but the stack and the pool of tests/support/clients.ts (99 s
          // against 111 s).
          isolate: false,
        },
      },
    ],
  },
});
