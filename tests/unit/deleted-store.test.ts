/**
 * The store an owner just deleted, or a member of staff left, is said once on the next console page: kept in this tab's
 * sessionStorage, read and forgotten, only when well formed (its language one of the console's)
 * and recent (a minute). The browser's other console tabs are told at once, through a
 * BroadcastChannel (Node's own here), each acting only on the store it shows.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  announceDeletedStore,
  deletedHere,
  onDeletedElsewhere,
  rememberDeletedStore,
  storeDeletedMessage,
  takeDeletedStore,
} from '../../src/components/console/deleted-store.ts';

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

  it('is said as left when its staff member left it', () => {
    rememberDeletedStore({ name: 'Lumina Hair Co.', lang: 'en', left: true }, now);
    expect(takeDeletedStore(now + 2_000)).toStrictEqual({ name: 'Lumina Hair Co.', lang: 'en', left: true });
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

describe('the other tabs told of the deletion', () => {
  const storeId = 'a1000000-0000-4000-8000-000000000001';
  const otherStoreId = 'a1000000-0000-4000-8000-000000000002';
  const message = { type: 'store-deleted', storeId, name: '假发之家', lang: 'zh-CN', at: 1 };
  let otherTab: BroadcastChannel;
  beforeEach(() => {
    otherTab = new BroadcastChannel('cardclub.console');
  });
  afterEach(() => otherTab.close());

  it('take a message only in its shape: the type, a store id, a name, a console language, a time', () => {
    expect(storeDeletedMessage.safeParse(message).success).toBe(true);
    for (const wrong of [
      { ...message, type: 'store-renamed' },
      { ...message, storeId: 'demo-wigs' },
      { ...message, name: '' },
      { ...message, lang: 'fr' },
      { ...message, at: undefined },
      'store-deleted',
      null,
    ]) {
      expect(storeDeletedMessage.safeParse(wrong).success).toBe(false);
    }
  });

  it('act only where the tab shows that store', () => {
    expect(deletedHere(message, storeId)).toEqual({ name: '假发之家', lang: 'zh-CN' });
    expect(deletedHere(message, otherStoreId)).toBeNull();
    // A tab with no store chosen (the picker, a sign-in form) shows nothing to replace.
    expect(deletedHere(message, null)).toBeNull();
    expect(deletedHere({ ...message, lang: 'fr' }, storeId)).toBeNull();
  });

  it('hear another tab\'s deletion of the store they show, not of another, nor their own', async () => {
    const shown = vi.fn();
    const elsewhere = vi.fn();
    const stop = [onDeletedElsewhere(storeId, shown), onDeletedElsewhere(otherStoreId, elsewhere)];
    otherTab.postMessage(message);
    await vi.waitFor(() => expect(shown).toHaveBeenCalledWith({ name: '假发之家', lang: 'zh-CN' }));
    const heardByOther = new Promise((resolve) => otherTab.addEventListener('message', (event) => resolve((event as MessageEvent).data), { once: true }));
    announceDeletedStore(storeId, { name: 'Demo Wigs', lang: 'en' }, 5);
    expect(await heardByOther).toEqual({ type: 'store-deleted', storeId, name: 'Demo Wigs', lang: 'en', at: 5 });
    // This tab's own announcement reached the other tab, never this tab's listeners.
    otherTab.postMessage({ ...message, name: 'after' });
    await vi.waitFor(() => expect(shown).toHaveBeenCalledTimes(2));
    expect(shown).toHaveBeenLastCalledWith({ name: 'after', lang: 'zh-CN' });
    expect(elsewhere).not.toHaveBeenCalled();
    expect(shown).not.toHaveBeenCalledWith({ name: 'Demo Wigs', lang: 'en' });
    // Unsubscribed, no longer told: a listener added after hears the next message, the same event.
    for (const unsubscribe of stop) unsubscribe();
    const later = vi.fn();
    const stopLater = onDeletedElsewhere(storeId, later);
    otherTab.postMessage(message);
    await vi.waitFor(() => expect(later).toHaveBeenCalledOnce());
    stopLater();
    expect(shown).toHaveBeenCalledTimes(2);
  });
});
