/**
 * The store an owner just deleted, or a member of staff just left (`left`), said once by the
 * console's store list it goes to: the page it was deleted or left from is left for /console/, and the name is kept for that one next page in this
 * tab's sessionStorage (not the address, where a reload or a shared link would say it again).
 * Taken when the signed-in console draws, not before: a sign-in form shown first keeps it for the
 * screen after. Kept with the time it was deleted, and not said after a minute: a tab whose next
 * console page came much later (a failed redirect, a session ended) would announce old news.
 * Storage that refuses (a private window's quota, a blocked site) costs the sentence, not the
 * deletion.
 *
 * The browser's other console tabs are told at once (announceDeletedStore, onDeletedElsewhere):
 * one still showing the store would otherwise learn of it only when a save there was refused as
 * a change to a store it may not touch.
 */
import { z } from 'zod';
import { locales } from '../../i18n/locales.ts';

const key = 'cardclub.deletedStore';
/** Long enough for the redirect and a slow load of /console/, short enough to be this deletion's. */
const freshFor = 60_000;
const deletedSchema = z.object({ name: z.string().min(1), lang: z.enum(locales), at: z.number(), left: z.literal(true).optional() });
export type DeletedStore = Omit<z.infer<typeof deletedSchema>, 'at'>;

export function rememberDeletedStore(store: DeletedStore, now = Date.now()): void {
  try {
    sessionStorage.setItem(key, JSON.stringify({ ...store, at: now }));
  } catch {
    // Not kept: the store list shows without the sentence.
  }
}

/** The store deleted or left just before, once: read and forgotten. */
export function takeDeletedStore(now = Date.now()): DeletedStore | null {
  try {
    const stored = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    const parsed = deletedSchema.safeParse(JSON.parse(stored ?? 'null'));
    if (!parsed.success || now - parsed.data.at > freshFor || parsed.data.at > now) return null;
    return { name: parsed.data.name, lang: parsed.data.lang, ...(parsed.data.left && { left: true }) };
  } catch {
    return null;
  }
}

/**
 * One channel per tab, shared by the deleting dialog and the layout: a channel never hears its
 * own messages, so the tab that deleted goes on to /console/ rather than being told the store
 * went in another tab. Browsers without BroadcastChannel tell the other tabs nothing; they find
 * out on their next load.
 */
let channel: BroadcastChannel | null | undefined;
function consoleChannel(): BroadcastChannel | null {
  channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel('cardclub.console') : null;
  return channel;
}

/** What a tab says when its owner has deleted a store; checked on arrival as any outside input. */
export const storeDeletedMessage = deletedSchema.extend({ type: z.literal('store-deleted'), storeId: z.uuid() });

export function announceDeletedStore(storeId: string, store: DeletedStore, now = Date.now()): void {
  const message: z.infer<typeof storeDeletedMessage> = { type: 'store-deleted', storeId, ...store, at: now };
  consoleChannel()?.postMessage(message);
}

/** The store a message says was deleted, when it is the one this tab shows (`shownStoreId`). */
export function deletedHere(message: unknown, shownStoreId: string | null): DeletedStore | null {
  const parsed = storeDeletedMessage.safeParse(message);
  if (!parsed.success || shownStoreId === null || parsed.data.storeId !== shownStoreId) return null;
  return { name: parsed.data.name, lang: parsed.data.lang };
}

/** Calls `handler` when another tab deletes the store this tab shows; returns the unsubscribe. */
export function onDeletedElsewhere(shownStoreId: string | null, handler: (store: DeletedStore) => void): () => void {
  const listening = consoleChannel();
  if (!listening || shownStoreId === null) return () => {};
  const heard = (event: MessageEvent) => {
    const store = deletedHere(event.data, shownStoreId);
    if (store) handler(store);
  };
  listening.addEventListener('message', heard);
  return () => listening.removeEventListener('message', heard);
}
