import { describe, expect, it } from 'vitest';
import { countedAfter } from '../../src/components/counted-alert.tsx';

describe('a counted refusal', () => {
  it('counts the same words said again, so that their alert is drawn anew and announced', () => {
    const first = countedAfter(null, 'No new code was sent.');
    const again = countedAfter(first, 'No new code was sent.');
    expect(first).toEqual({ said: 'No new code was sent.', count: 1 });
    expect(again).toEqual({ said: 'No new code was sent.', count: 2 });
  });

  it('is gone once cleared, and counts from the start after', () => {
    const cleared = countedAfter(countedAfter(null, 'Wait a minute.'), null);
    expect(cleared).toBeNull();
    expect(countedAfter(cleared, 'Wait a minute.')).toEqual({ said: 'Wait a minute.', count: 1 });
  });
});
