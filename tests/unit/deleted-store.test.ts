/**
 * The store an owner just deleted is said once on the next console page: kept in this tab's
 * sessionStorage, read and forgotten, only when well formed (its language one of the console's)
 * and recent (a minute).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { rememberDeletedStore, takeDeletedStore } from '../../src/components/console/deleted-store.ts';

const key = 'cardclub.deletedStore';
const stored = new Map<string, string>();
Object.assign(globalThis, {
  sessionStorage: {
    getItem: (name: string) => stored.get(name) ?? null,
    setItem: (name: string, value: string) => void stored.set(name, value),
    removeItem: (name: string) => void stored.delete(name),
  },
});

describe('the deleted store kept for the next page', () => {
  const now = Date.UTC(2026, 11, 11, 9, 0, 0);
  beforeEach(() => stored.clear());

  it('is said once, with its language', () => {
    rememberDeletedStore({ name: '假发之家', lang: 'zh-CN' }, now);
    expect(takeDeletedStore(now + 2_000)).toEqual({ name: '假发之家', lang: 'zh-CN' });
    expect(takeDeletedStore(now + 3_000)).toBeNull();
  });

  it('is not said a minute later, and is forgotten', () => {
    rememberDeletedStore({ name: 'Demo Wigs', lang: 'en' }, now);
    expect(takeDeletedStore(now + 61_000)).toBeNull();
    expect(stored.has(key)).toBe(false);
  });

  it('is not said when stored without a time, in a language the console has not, or without a name', () => {
    for (const value of [
      { name: 'Demo Wigs', lang: 'en' },
      { name: 'Demo Wigs', lang: 'fr', at: now },
      { name: '', lang: 'en', at: now },
      'Demo Wigs',
    ]) {
      stored.set(key, JSON.stringify(value));
      expect(takeDeletedStore(now)).toBeNull();
    }
    stored.set(key, '{not json');
    expect(takeDeletedStore(now)).toBeNull();
  });
});
