/**
 * A field's error edited away stays hidden until the form checks again: a new errors object (a
 * check or a refusal, whether a submit made it or the tier editor's what-if), not the same
 * sentence in the same one (a request in flight).
 */
import { describe, expect, it } from 'vitest';
import { errorMemory, errorShown } from '../../src/components/console/ui/shown-error.ts';

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

describe('a field\'s error in a form without a check of its own (a typed name, a dialog kept mounted)', () => {
  const wrong = 'Type the store’s name exactly as shown: Demo Wigs';

  it('shows the same sentence again once it went and the attempt is repeated', () => {
    const render = errorMemory();
    expect(render(wrong, undefined).error).toBe(wrong);
    expect(render(wrong, undefined).edit()).toBe(true);
    // The edit clears the mismatch: the render after it has no error.
    expect(render(null, undefined).error).toBeNull();
    // Another wrong name confirmed: the same sentence, no FormCheck.
    expect(render(wrong, undefined).error).toBe(wrong);
  });

  it('keeps an edited error hidden while the form still gives it (a request in flight)', () => {
    const render = errorMemory();
    render(wrong, undefined).edit();
    expect(render(wrong, undefined).error).toBeNull();
    expect(render(wrong, undefined).edit()).toBe(false);
  });

  it('hides for one row what was edited there, not the next row\'s error after the dialog cleared it', () => {
    const render = errorMemory();
    const first = { fields: { reason: 'Required' } };
    render('Required', first).edit();
    expect(render('Required', first).error).toBeNull();
    expect(render(undefined, undefined).error).toBeNull();
    expect(render('Required', { fields: { reason: 'Required' } }).error).toBe('Required');
  });
});
