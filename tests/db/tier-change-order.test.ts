/**
 * The tier history in the order it was written (migration 20261204000700). Two changes of one
 * member in one transaction share changed_at; written here with ids chosen so that the later
 * has the smaller uuid, so ordering by (changed_at, id), as before, gets them the wrong way round
 * every time. The console's and the portal's reads list the later first, the export lists it
 * last, and it is the tier in effect: for the tier spans and for stamping an order's tier.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newest } from '../../src/lib/history-order.ts';
import { summaryRequests } from '../../src/lib/member-summary.ts';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { stack, sql } from '../support/clients.ts';
import { addMember, createStore, ok, type Member, type Store } from './fixtures.ts';

let store: Store;
let member: Member;

/** A uuid beginning with eight of `digit`, unique all the same. */
const uuidFrom = (digit: string) => `${digit.repeat(8)}-${randomUUID().slice(9)}`;
const written = ['Ordinary>Senior', 'Senior>Ordinary'];

beforeAll(async () => {
  vi.stubEnv('PUBLIC_SUPABASE_URL', stack().apiUrl);
  vi.stubEnv('PUBLIC_SUPABASE_ANON_KEY', stack().anonKey);
  store = await createStore({ label: 'tier-order' });
  member = await addMember(store);
  const [ordinary, senior] = store.tiers.map((tier) => tier.id);
  // A promotion and, in the same transaction, its refund: the first written gets the largest
  // uuid, the second the smallest.
  const change = (id: string, from: string, to: string, reason: string) =>
    `insert into public.tier_changes (id, member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason, paid_order_refs)
     select '${id}', '${member.id}', '${store.id}', f.id, f.name, t.id, t.name, '${reason}', ${reason === 'orders' ? `'{}'` : 'null'}
     from public.tiers f, public.tiers t where f.id = '${from}' and t.id = '${to}';`;
  await sql(`begin;
    ${change(uuidFrom('f'), ordinary!, senior!, 'orders')}
    ${change(uuidFrom('0'), senior!, ordinary!, 'refund')}
    commit;`);
});

/** The instant both were written at. */
const at = `(select changed_at from public.tier_changes where member_id = $2 and reason = 'refund')`;

interface Change { from_tier_name: string | null; to_tier_name: string }
const steps = (rows: Change[]) =>
  rows.filter((row) => row.from_tier_name !== null).map((row) => `${row.from_tier_name}>${row.to_tier_name}`);

describe('two tier changes of one transaction', () => {
  it('share their instant', async () => {
    expect(await sql(`select count(distinct changed_at)::int as n from public.tier_changes where member_id = $1 and reason <> 'join'`, [member.id]))
      .toEqual([{ n: 1 }]);
  });

  it('list the later first on the console’s member page', async () => {
    const rows = ok(await newest(store.owner.client.from('tier_changes')
      .select('from_tier_name:from_tier_name_local, to_tier_name:to_tier_name_local').eq('member_id', member.id).eq('store_id', store.id), 'tier_changes')) as Change[];
    expect(steps(rows)).toEqual(written.toReversed());
  });

  it('list the later first in the member portal', async () => {
    const { data } = await member.client.auth.getSession();
    const rows = await summaryRequests.tierChanges(data.session!.access_token, member.user.id, store.slug, 'en', '2000-01-01T00:00:00.000Z') as Change[];
    expect(steps(rows)).toEqual(written.toReversed());
    // Read after a visit (lastVisit), the changes up to it are left out: here both, made in one instant.
    const [last] = await sql<{ changed: string }>(
      `select to_char(max(changed_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as changed from public.tier_changes where member_id = $1`, [member.id]);
    expect(await summaryRequests.tierChanges(data.session!.access_token, member.user.id, store.slug, 'en', last!.changed)).toEqual([]);
  });

  it('export oldest first, the later last', async () => {
    const data = ok(await member.client.rpc('my_data', { p_store_slug: store.slug })) as
      { tier_changes: { from_tier_name: { en: string } | null; to_tier_name: { en: string } }[] };
    expect(steps(data.tier_changes.map((row) => ({ from_tier_name: row.from_tier_name?.en ?? null, to_tier_name: row.to_tier_name.en }))))
      .toEqual(written);
  });

  it('leave the member in the later one’s tier: the tier an order placed then is stamped with, and the current span', async () => {
    const [ordinary, senior] = store.tiers.map((tier) => tier.id);
    expect(await sql(`select private.tier_at($1, $2, ${at}) as tier`, [store.id, member.id])).toEqual([{ tier: ordinary }]);
    // The earlier change's span ends as it starts.
    expect(await sql(`select tier_id as tier, until is null as current from private.store_tier_spans($1, 'infinity')
      where member_id = $2 and since = ${at} order by current`, [store.id, member.id]))
      .toEqual([{ tier: senior, current: false }, { tier: ordinary, current: true }]);
  });
});

describe('the tier history written before seq', () => {
  it('is numbered in the order it was listed, and changes written since come after it', async () => {
    await withDatabaseBefore('20261204000700', async (client, migrate) => {
      await client.query(`
        ${oldStoreRows()}
        insert into public.tier_changes (id, member_id, store_id, reason, changed_at) values
          ('ffffffff-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'orders', now() - interval '1 day'),
          ('00000000-ffff-4000-8000-000000000000', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'refund', now() - interval '1 day');`);
      const before = (await client.query(`select id from public.tier_changes order by changed_at, id`)).rows.map((row: { id: string }) => row.id);

      expect(await migrate()).toContain('20261204000700_tier_change_order.sql');
      await client.query(`insert into public.tier_changes (member_id, store_id, reason)
        values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'period')`);
      const after = (await client.query(`select id, reason from public.tier_changes order by seq`)).rows as { id: string; reason: string }[];
      expect(after.slice(0, -1).map((row) => row.id)).toEqual(before);
      expect(after.at(-1)!.reason).toBe('period');
    });
  });
});
