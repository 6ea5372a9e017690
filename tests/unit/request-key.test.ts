/**
 * The key a form sends an action that adds to a total with (components/request-key.ts): the same
 * for a retry of the same values, so an applied request whose answer was lost is not applied
 * again; another once the values change or the action was applied.
 */
import { describe, expect, it } from 'vitest';
import { requestKeys } from '../../src/components/request-key.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('a form\'s request keys', () => {
  it('keeps the key while the same values are sent again, as a retry after no answer', () => {
    const keys = requestKeys();
    const key = keys.for({ memberId: 'm1', delta: 40, note: 'Trade fair' });
    expect(key).toMatch(uuid);
    expect(keys.for({ memberId: 'm1', delta: 40, note: 'Trade fair' })).toBe(key);
    expect(keys.for({ memberId: 'm1', delta: 40, note: 'Trade fair' })).toBe(key);
  });

  it('makes a new key once the values change, and does not go back to the old one when they change back', () => {
    const keys = requestKeys();
    const first = keys.for({ amount: 12.5, note: 'Goodwill' });
    const changed = keys.for({ amount: 125, note: 'Goodwill' });
    expect(changed).not.toBe(first);
    expect(keys.for({ amount: 12.5, note: 'Goodwill' })).not.toBe(first);
    expect(keys.for({ amount: 12.5, note: 'Goodwill', order_ref: undefined })).toBe(keys.for({ amount: 12.5, note: 'Goodwill' }));
  });

  it('makes a new key for the same values once the action was applied: sent again then, it is meant again', () => {
    const keys = requestKeys();
    const applied = keys.for({ reward: 'r1' });
    keys.done();
    const next = keys.for({ reward: 'r1' });
    expect(next).not.toBe(applied);
    expect(keys.for({ reward: 'r1' })).toBe(next);
  });

  it('keeps each form\'s keys apart', () => {
    let made = 0;
    const newKey = () => `key-${++made}`;
    const [points, rebate] = [requestKeys(newKey), requestKeys(newKey)];
    expect(points.for({ delta: 5 })).toBe('key-1');
    expect(rebate.for({ delta: 5 })).toBe('key-2');
    rebate.done();
    expect(points.for({ delta: 5 })).toBe('key-1');
  });
});
