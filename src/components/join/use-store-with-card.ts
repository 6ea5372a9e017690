/**
 * The store with its merchant's card (store_profile) for a join card: the portal's store page
 * (StoreJoin) and the widget frame. What the card offers depends on the login as well as the
 * store: gift_pack_received_before says a login that had the gift pack gets none again (join_store
 * gives it once per person), so the card says "Welcome back" in its place. A login signing in (or
 * out) with the card open, as the frame's sign-in does before the exchange, has the store read
 * again for it, quietly: the card shown meanwhile keeps what the buyer typed, and a quiet read
 * failing keeps it too. Each read is counted and only the latest one's answer drawn (a read made
 * for the former login, answered after the new one's, would bring its gift pack back).
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../i18n/locales.ts';
import { supabase } from '../../lib/supabase.ts';
import { $session } from '../../stores/session.ts';
import { fetchStoreWithCard, type StoreWithCard } from './join-api.ts';

export type StoreLoad = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; store: StoreWithCard | null };

/** `enabled` false: nothing is read yet (the frame before the page embedding it has introduced itself). */
export function useStoreWithCard(slug: string, locale: Locale, enabled = true): { load: StoreLoad; retry: () => void } {
  const session = useStore($session);
  const [load, setLoad] = useState<StoreLoad>({ status: 'loading' });
  const userId = session === undefined ? undefined : (session?.user.id ?? null);
  // The login each read was made for; undefined while $session was not known yet, when the read
  // went with the session supabase-js restored, which is the one $session then names.
  const readFor = useRef<string | null | undefined>(undefined);
  const latestUser = useRef(userId);
  latestUser.current = userId;
  const reads = useRef(0);
  function read(quiet: boolean) {
    const mine = ++reads.current;
    readFor.current = latestUser.current;
    if (!quiet) setLoad({ status: 'loading' });
    fetchStoreWithCard(supabase(), slug, locale).then(
      (store) => mine === reads.current && setLoad({ status: 'ready', store }),
      (error: unknown) => {
        console.error(error);
        if (mine === reads.current) setLoad((before) => (quiet && before.status === 'ready' ? before : { status: 'failed' }));
      },
    );
  }
  useEffect(() => {
    if (enabled) read(false);
  }, [slug, locale, enabled]);
  useEffect(() => {
    if (!enabled || userId === undefined || readFor.current === userId) return;
    const unknownThen = readFor.current === undefined;
    readFor.current = userId;
    if (!unknownThen) read(true);
  }, [userId]);
  return { load, retry: () => read(false) };
}
