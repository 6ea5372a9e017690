/**
 * A field's error edited away stays hidden until the form checks again: a new errors object (a
 * check or a refusal, whether a submit made it or the tier editor's what-if), not the same
 * sentence in the same one (a request in flight).
 */
import { describe, expect, it } from 'vitest';
import { errorShown } from '../../src/components/console/ui/shown-error.ts';

describe('a field\'s error as shown', () => {
  const check = { fields: { min_paid_amount: 'Enter a number' } };
  const edited = { error: 'Enter a number', check };

  it('goes once edited, while the form has not checked again (a save in flight)', () => {
    expect(errorShown('Enter a number', check, null)).toBe(true);
    expect(errorShown('Enter a number', check, edited)).toBe(false);
  });

  it('shows the same sentence again when the form checks again without a submit', () => {
    expect(errorShown('Enter a number', { fields: { min_paid_amount: 'Enter a number' } }, edited)).toBe(true);
  });

  it('shows another sentence at once, and nothing when there is none', () => {
    expect(errorShown('Too large', check, edited)).toBe(true);
    expect(errorShown(null, check, null)).toBe(false);
  });
});
