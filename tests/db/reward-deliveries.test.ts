/**
 * Rewards the store's team sends (a reward for points without a coupon): each redemption becomes
 * a delivery in the same transaction, staff mark it sent once with how it went, the company reads
 * it beside its points, and the migration takes in the redemptions made before it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, ok, type Member, type Store } from './fixtures.ts';

let store: Store;
let kit: string;
let voucher: string;

beforeAll(async () => {
  store = await createStore({ label: 'deliveries' });
  const insert = async (table: string, row: object) =>
    (ok(await store.owner.client.from(table).insert({ store_id: store.id, ...row }).select('id').single()) as { id: string }).id;
  kit = await insert('rewards', { name: { en: 'Colour-card kit' }, points_cost: 100 });
  const coupon = await insert('coupons', { code: 'PTS-20', kind: 'percent', value: 20, claimable: false, per_member_limit: 5 });
  voucher = await insert('rewards', { name: { en: '20% voucher' }, points_cost: 100, coupon_id: coupon });
});

async function withPoints(points: number): Promise<Member> {
  const member = await addMember(store);
  ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: points, p_note: 'To spend' }));
  return member;
}

const deliveriesOf = (member: Member) =>
  sql<{ reward_id: string; sent_at: string | null; sent_note: string | null; matches_entry: boolean }>(
    `select d.reward_id, d.sent_at, d.sent_note,
       (l.reason = 'redemption' and l.reward_id = d.reward_id and l.member_id = d.member_id and d.requested_at = l.created_at) as matches_entry
     from public.reward_deliveries d join public.points_ledger l on l.id = d.points_entry_id
     where d.member_id = $1 order by d.requested_at`, [member.id]);

describe('a redemption', () => {
  it('of a reward without a coupon is a delivery to send; one with a coupon is not', async () => {
    const member = await withPoints(300);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: voucher }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit }));
    expect(await deliveriesOf(member)).toEqual([
      { reward_id: kit, sent_at: null, sent_note: null, matches_entry: true },
      { reward_id: kit, sent_at: null, sent_note: null, matches_entry: true },
    ]);
  });

  it('refused for want of points leaves no delivery', async () => {
    const member = await withPoints(50);
    expectError(await member.client.rpc('redeem_reward', { p_reward_id: kit }), 'P0001', 'points balance is 50, 100 needed');
    expect(await deliveriesOf(member)).toEqual([]);
  });
});

describe('marking a delivery sent', () => {
  it('records when, by whom and how, once; the company reads it beside the redemption in its points history', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit }));
    const id = (await sql<{ id: number }>(`select points_entry_id::int as id from public.reward_deliveries where member_id = $1`, [member.id]))[0]!.id;
    const colleague = await addStaff(store);
    const sent = ok(await colleague.client.rpc('mark_reward_sent', { p_points_entry_id: id, p_note: '  DHL 1Z999AA10123456784 ' })) as Record<string, unknown>;
    expect(sent).toMatchObject({ points_entry_id: id, sent_by: colleague.user.id, sent_note: 'DHL 1Z999AA10123456784' });
    expectError(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id }), 'P0001', /^delivery was already marked sent at /);

    const history = ok(await member.client.from('points_ledger').select('reason, delivery:reward_deliveries(sent_at, sent_note)').eq('member_id', member.id).eq('reason', 'redemption'));
    expect(history).toEqual([{ reason: 'redemption', delivery: { sent_at: expect.any(String), sent_note: 'DHL 1Z999AA10123456784' } }]);
  });

  it('takes no note, and refuses a redemption with a coupon as nothing to send', async () => {
    const member = await withPoints(200);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: voucher }));
    const entries = await sql<{ id: number; reward_id: string }>(`select id::int as id, reward_id from public.points_ledger where member_id = $1 and reason = 'redemption'`, [member.id]);
    const kitEntry = entries.find((entry) => entry.reward_id === kit)!.id;
    const voucherEntry = entries.find((entry) => entry.reward_id === voucher)!.id;
    expect(ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: kitEntry }))).toMatchObject({ sent_note: null });
    expectError(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: voucherEntry }), 'PT404', /^points_entry_id matches no reward to send$/);
  });
});

describe('the migration', () => {
  it('takes in redemptions made before it of rewards without a coupon that issued none, not sent', async () => {
    await withDatabaseBefore('20261205000200', async (client, migrate) => {
      await client.query(`
        ${oldStoreRows()}
        insert into public.coupons (id, store_id, code, kind, value) values
          ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', 'OLD-5', 'percent', 5);
        insert into public.rewards (id, store_id, name, points_cost, coupon_id) values
          ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '{"en": "Kit"}', 10, null),
          ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000001', '{"en": "Voucher"}', 10, '00000000-0000-4000-8000-000000000003');
        insert into public.points_ledger (store_id, member_id, delta, reason, expires_at, remaining) values
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 20, 'adjustment', now() + interval '1 year', 20);
        insert into public.points_ledger (store_id, member_id, delta, reason, reward_id, created_at) values
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', -10, 'redemption', '00000000-0000-4000-8000-000000000004', now() - interval '3 days'),
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', -10, 'redemption', '00000000-0000-4000-8000-000000000005', now() - interval '2 days');
        -- The voucher's redemption issued its coupon then; the store took the coupon off the reward since.
        insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_at)
          values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 1, 'reward', now() - interval '2 days');
        update public.rewards set coupon_id = null where id = '00000000-0000-4000-8000-000000000005';`);
      expect(await migrate()).toContain('20261205000200_reward_deliveries.sql');
      const { rows } = await client.query(`select reward_id, sent_at, requested_at < now() - interval '2 days' as requested_then from public.reward_deliveries`);
      expect(rows).toEqual([{ reward_id: '00000000-0000-4000-8000-000000000004', sent_at: null, requested_then: true }]);
    });
  }, 120_000);
});
