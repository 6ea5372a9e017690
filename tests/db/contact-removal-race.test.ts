/**
 * A member's request waiting on its company's lock while staff take the caller off the company
 * (remove_member_contact) is answered as the same request sent after the removal is, byte for
 * byte, and writes nothing (migrations 20261210000100 and, for review_order, 20261210000800). Each
 * request read the caller's card before the lock and never again: a reward was paid for in points
 * and a coupon issued for a contact gone, and a sample claim, an inquiry, an invitation or a review
 * failed on the card's foreign key (23503, a 409 naming a constraint). Here the company's row is held, the request sent and seen waiting on it, the
 * removal made in the holding transaction and committed, and the request let go.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { holdLocks, sql, uniqueEmail, untilWaiting } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, refusalOf, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';

interface Answer {
  status: number;
  error: { code?: string; message: string; details?: string | null; hint?: string | null } | null;
}

let store: Store;
let staff: Actor;
/** The company whose colleagues are removed; its primary stays. */
let company: Member;

beforeAll(async () => {
  store = await createStore({ label: 'removed-meanwhile' });
  [staff, company] = await Promise.all([addStaff(store), addMember(store, 'Removed Meanwhile Ltd')]);
  ok(await store.owner.client.rpc('adjust_points', { p_member_id: company.id, p_delta: 500, p_note: 'Budget' }));
});

/** Everything the company's requests write, to show a refusal wrote none of it. */
const written = async () =>
  (await sql(`select
      (select count(*)::int from public.points_ledger x where x.member_id = $1) as points,
      (select m.points_balance from public.members m where m.id = $1) as balance,
      (select count(*)::int from public.member_coupons x where x.member_id = $1) as coupons,
      (select count(*)::int from public.reward_deliveries x where x.member_id = $1) as deliveries,
      (select count(*)::int from public.sample_claims x where x.member_id = $1) as claims,
      (select count(*)::int from public.inquiries x where x.member_id = $1) as inquiries,
      (select count(*)::int from public.member_invitations x where x.member_id = $1 and x.accepted_at is null) as invitations,
      (select count(*)::int from public.order_reviews x where x.member_id = $1) as reviews`,
  [company.id]))[0];

/**
 * `request` by a new colleague, sent while the company's row is held and answered once staff have
 * removed that colleague and let go: its answer, checked to be the one the same request sent
 * afterwards gets, and to have written nothing.
 */
async function removedWhileWaiting(request: (colleague: Member) => PromiseLike<Answer>): Promise<Answer> {
  const colleague = await addColleague(company);
  const before = await written();
  const blocker = await holdLocks('select 1 from public.members where id = $1 for update', [company.id]);
  let answer: Promise<Answer> | undefined;
  try {
    answer = Promise.resolve(request(colleague));
    await untilWaiting(blocker.pid, 1);
    await blocker.run('set local role authenticated');
    await blocker.run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: staff.user.id, role: 'authenticated', aud: 'authenticated' })]);
    await blocker.run('select public.remove_member_contact($1, $2, true)', [company.id, colleague.contactId]);
    await blocker.commit();
  } catch (error) {
    await blocker.release();
    throw error;
  }
  const answered = await answer;
  expect(await sql('select 1 from public.member_contacts where id = $1', [colleague.contactId])).toEqual([]);
  expect(refusalOf(answered)).toEqual(refusalOf(await request(colleague)));
  expect(await written()).toEqual(before);
  return answered;
}

describe('a member request waiting while staff remove its contact', () => {
  it('redeem_reward spends no points and owes no reward', async () => {
    const reward = (ok(await store.owner.client.from('rewards').insert({ store_id: store.id, name: 'Sample kit', points_cost: 100 }).select('id').single()) as { id: string }).id;
    expectError(await removedWhileWaiting((c) => c.client.rpc('redeem_reward', { p_reward_id: reward, p_ship_to: shipTo })), 'PT404', /^reward_id matches no active reward$/);
  });

  it('claim_coupon issues no coupon', async () => {
    const coupon = (ok(await store.owner.client.from('coupons').insert({ store_id: store.id, code: 'MEANWHILE-5', kind: 'percent', value: 5 }).select('id').single()) as { id: string }).id;
    expectError(await removedWhileWaiting((c) => c.client.rpc('claim_coupon', { p_coupon_id: coupon })), 'PT404', /^coupon_id matches no coupon$/);
  });

  it('claim_sample claims no sample', async () => {
    const product = await addProduct(store);
    expectError(await removedWhileWaiting((c) => c.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })),
      '42501', /^Only members of this store can claim samples$/);
  });

  it('send_inquiry sends no inquiry', async () => {
    expectError(await removedWhileWaiting((c) => c.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Price for 500 units?' })),
      '42501', /^You are not a member of this store$/);
  });

  it('invite_colleague invites nobody', async () => {
    expectError(await removedWhileWaiting((c) => c.client.rpc('invite_colleague', { p_member_id: company.id, p_email: uniqueEmail('invitee') })),
      'PT404', /^member_id matches no member$/);
  });

  it('review_order reviews nothing and earns no points', async () => {
    ok(await store.owner.client.from('stores').update({ review_points: 25 }).eq('id', store.id));
    const delivered = orderRow(company, { placed_at: daysAgo(2), delivered_at: daysAgo(1) });
    await importOrders(store, [delivered]);
    const [order] = await sql<{ id: string }>('select id from public.orders where store_id = $1 and external_ref = $2', [store.id, delivered.external_ref]);
    expectError(await removedWhileWaiting((c) => c.client.rpc('review_order', { p_order_id: order!.id, p_rating: 5, p_body: 'Arrived on time' })),
      'PT404', /^order_id matches no order of your company$/);
  });
});
