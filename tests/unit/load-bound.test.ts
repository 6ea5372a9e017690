import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBound, loadTimedOut, thrownError, withinBound } from '../../src/components/console/ui/use-load.ts';

describe('withinBound: a console read has loadBound to answer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('fails a read with no answer once the bound has passed, said as no answer in time', async () => {
    const stalled = withinBound(new Promise<never>(() => {}));
    const failed = stalled.then(() => null, thrownError);
    await vi.advanceTimersByTimeAsync(loadBound - 1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await failed).toEqual({ code: loadTimedOut, message: 'No answer within 30 s' });
  });

  it('gives an answer within the bound as it came, and leaves no timer behind', async () => {
    await expect(withinBound(Promise.resolve('rows'))).resolves.toBe('rows');
    await expect(withinBound(Promise.reject(new Error('Failed to fetch'))).catch(thrownError)).resolves.toEqual({ message: 'Failed to fetch' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
