/**
 * The console's check of a name typed to confirm a deletion (sameName) strips the same spaces as
 * the server's private.typed_name (the same pairs: tests/db/delete-store.test.ts): a name copied
 * with a no-break space after it passes both, a zero-width space neither.
 */
import { describe, expect, it } from 'vitest';
import { sameName } from '../../src/components/console/ui/TypedNameField.tsx';
import { typedNamePairs } from '../support/typed-names.ts';

describe('a name typed to confirm', () => {
  it.each(typedNamePairs)('$typed against $name: $same', ({ typed, name, same }) => {
    expect(sameName(typed, name)).toBe(same);
  });
});
