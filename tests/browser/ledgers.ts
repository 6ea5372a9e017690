/**
 * A company's points and rebate ledgers as the member portal and the console's member page both
 * list them: an older order imported after a newer one, at a tier with a rebate, so that listed by
 * id its entries would come before the newer order's; by time of effect they come after.
 */
import { expect, type Locator } from '@playwright/test';
import { adminClient } from './console-helpers.ts';
import { sql } from './env.ts';
import { formatDate } from '../../src/i18n/format.ts';
import { ledgerReasons } from '../../src/i18n/ledger-reasons.en.ts';
import { ledgerReasonKey } from '../../src/lib/ledger-note.ts';

/** Imports `newer` (placed 3 days ago), then `older` (9 days ago), with the store's best rebate tier granted. */
export async function importOlderOrderLate(memberId: string, newer: string, older: string): Promise<void> {
  const [member] = await sql<{ store_id: string }>(
    `update public.members m set tier_override_expires_at = now() + interval '30 days', tier_override_reason = 'A rebate tier',
       tier_override_id = (select t.id from public.tiers t where t.store_id = m.store_id and t.rebate_percent > 0 order by t.rank desc limit 1)
     where m.id = $1 returning m.store_id`, [memberId]);
  const order = (ref: string, days: number) => ({
    external_ref: ref, member_id: memberId, amount: 1000, currency: 'USD', placed_at: new Date(Date.now() - days * 86_400_000).toISOString(), status: 'paid',
  });
  for (const row of [order(newer, 3), order(older, 9)]) {
    expect((await adminClient().rpc('import_orders', { p_store_id: member!.store_id, p_rows: [row] })).error).toBeNull();
  }
}

interface Entry { reason: string; ref: string | null; earned_at: Date }

/**
 * The ledger's entries newest first by time of effect then id, each with the reason line both
 * screens show in English; checked to differ from the ids' order, so the screens' order is tested.
 */
export async function ledgerAsListed(ledger: 'points' | 'rebate', memberId: string): Promise<(Entry & { line: string })[]> {
  const rows = await sql<Entry & { id: string }>(
    `select l.id, l.reason, coalesce(o.external_ref, ${ledger === 'rebate' ? 'l.applied_to_order_ref' : 'null'}) as ref, l.earned_at
     from public.${ledger}_ledger l left join public.orders o on o.id = l.order_id where l.member_id = $1`, [memberId]);
  const byTime = rows.toSorted((a, b) => b.earned_at.getTime() - a.earned_at.getTime() || Number(b.id) - Number(a.id));
  expect(byTime.map((r) => r.id)).not.toEqual(rows.toSorted((a, b) => Number(b.id) - Number(a.id)).map((r) => r.id));
  return byTime.map((r) => ({ ...r, line: [ledgerReasons[ledgerReasonKey(ledger, r.reason)], r.ref].filter(Boolean).join(' · ') }));
}

/** A ledger's table on either screen: its columns, then each entry of ledgerAsListed in order, dated and worded as listed. */
export async function expectLedgerTable(history: Locator, columns: readonly string[], entries: Awaited<ReturnType<typeof ledgerAsListed>>): Promise<void> {
  await expect(history.getByRole('columnheader')).toHaveText([...columns]);
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(entries.length);
  for (const [index, entry] of entries.entries()) {
    await expect(rows.nth(index).locator('td').nth(0)).toHaveText(formatDate(entry.earned_at.toISOString(), 'en'));
    await expect(rows.nth(index).locator('td').nth(1)).toHaveText(entry.line);
  }
}

/**
 * The line of each expiry among the member's newest `newest` points entries (all of them when
 * null), as both screens word it: the day the points were earned, how long points lasted then,
 * and the order that earned them (not a bare "Expired").
 */
export async function expiryLines(memberId: string, newest: number | null = null): Promise<string[]> {
  const expired = await sql<{ earned_at: Date; days: number; ref: string | null }>(
    `select c.earned_at, extract(day from c.expires_at - c.earned_at)::int as days, o.external_ref as ref
     from (select * from public.points_ledger where member_id = $1 order by earned_at desc, id desc limit $2) l
     join public.points_ledger c on c.id = l.credit_id left join public.orders o on o.id = c.order_id
     where l.reason = 'expiry'`, [memberId, newest]);
  return expired.map(({ earned_at, days, ref }) =>
    `Points earned on ${formatDate(earned_at.toISOString(), 'en')} expired (points are valid for ${days} days)${ref ? ` · ${ref}` : ''}`);
}
