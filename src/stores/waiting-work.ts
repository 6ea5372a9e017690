/**
 * How much daily work waits at the console's store, shown beside its navigation entries: sample
 * requests to decide, inquiries to answer, rewards to send. Read when a store is chosen and again
 * after a screen acts on one of them, so the count beside an entry follows the list under it.
 */
import { atom } from 'nanostores';
import { z } from 'zod';
import { supabase } from '../lib/supabase.ts';

export type WaitingKind = 'samples' | 'inquiries' | 'rewards';
export type WaitingWork = Record<WaitingKind, number>;

/** The counts for the store they were read for; null before (or when a read failed: no counts shown). */
export const $waitingWork = atom<{ storeId: string; counts: WaitingWork } | null>(null);

const counted = z.object({ count: z.number().int().nonnegative(), error: z.null() });

export async function loadWaitingWork(storeId: string): Promise<void> {
  const db = supabase();
  // Counted under the staff's own select policies, as the lists under the entries read them.
  const answers = await Promise.all([
    db.from('sample_claims').select('id', { count: 'exact', head: true }).eq('store_id', storeId).eq('status', 'requested'),
    db.from('inquiries').select('id', { count: 'exact', head: true }).eq('store_id', storeId).eq('status', 'open'),
    db.from('reward_deliveries').select('points_entry_id', { count: 'exact', head: true }).eq('store_id', storeId).is('sent_at', null),
  ]);
  const parsed = answers.map((answer) => counted.safeParse(answer));
  if (parsed.some((result) => !result.success)) {
    if ($waitingWork.get()?.storeId !== storeId) $waitingWork.set(null);
    return;
  }
  const [samples, inquiries, rewards] = parsed.map((result) => result.data!.count) as [number, number, number];
  $waitingWork.set({ storeId, counts: { samples, inquiries, rewards } });
}
