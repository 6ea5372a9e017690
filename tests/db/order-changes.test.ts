/**
 * What a correction or refund changed (migration 20261211000300): the orders import records each
 * change to a paid order in order_changes (amounts before and after, corrected, refunded in part or
 * in full), read by the company's contacts and the store's staff only; the buyer's Updates say it,
 * with what the order's own points and rebate moved, and the later orders it re-rated.
 * 20261211000800: a refund in part keeps the order's exchange rate, and its checks against the
 * order, like a row's contact found by e-mail, are made under the company's lock.
 * 20261216000200: who made each change, for the store's staff alone (store_order_changes): a
 * staff login with its e-mail then, or the service role as such.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, holdLocks, serviceClient, sql, untilWaiting } from '../support/clients.ts';
import {
  addColleague, addMember, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow,
  type Actor, type Member, type Store,
} from './fixtures.ts';

interface Change { kind: string; amount_before: number; currency_before: string; amount_after: number; currency_after: string }
interface Update { kind: string; [field: string]: unknown }

let store: Store;
let staff: Actor;

beforeAll(async () => {
  store = await createStore({ label: 'order-changes' });
  staff = await addStaff(store);
});

const changes = async (reader: Actor, orderRef: string) =>
  ok(await reader.client.from('order_changes')
    .select('kind, amount_before, currency_before, amount_after, currency_after, orders!inner(external_ref)')
    .eq('orders.external_ref', orderRef).order('id')) as unknown as Change[];
const updates = async (member: Member, locale = 'en') =>
  (ok(await member.client.rpc('my_updates', { p_store_slug: store.slug, p_locale: locale })) as { updates: Update[] }).updates;
const before = (rows: Change[]) => rows.map((r) => [r.kind, Number(r.amount_before), Number(r.amount_after)]);

describe('the import records what it changed in a paid order', () => {
  let buyer: Member;
  beforeAll(async () => {
    buyer = await addMember(store);
  });

  it('a correction: the amount before and after; the Updates say it with the points it moved', async () => {
    const order = orderRow(buyer, { amount: 1200 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, amount: 1000 }]);
    expect(before(await changes(buyer, order.external_ref!))).toEqual([['corrected', 1200, 1000]]);
    const update = (await updates(buyer)).find((u) => u.kind === 'order_corrected');
    // Senior (x1.5): 1,800 points earned, 1,500 now.
    expect(update).toMatchObject({ order_ref: order.external_ref, amount_before: 1200, amount_after: 1000,
      currency_before: 'USD', currency_after: 'USD', base_currency: 'USD', points: -300, rebate: null });
    // The same row again changes nothing and records nothing.
    expect(await importOrders(store, [{ ...order, amount: 1000 }])).toMatchObject({ unchanged: 1 });
    expect(await changes(buyer, order.external_ref!)).toHaveLength(1);
  });

  it('a refund in part keeps the original amount; in full, the order left paid', async () => {
    const order = orderRow(buyer, { amount: 1000 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, amount: 800, status: 'partially_refunded' }]);
    // Idempotent as any row: the order is paid at 800 already.
    expect(await importOrders(store, [{ ...order, amount: 800, status: 'partially_refunded' }])).toMatchObject({ unchanged: 1 });
    await importOrders(store, [{ ...order, amount: 800, status: 'refunded' }]);
    expect(before(await changes(buyer, order.external_ref!))).toEqual([['refunded_in_part', 1000, 800], ['refunded_in_full', 800, 800]]);
    const [status] = await sql<{ status: string; amount: string }>('select status, amount from public.orders where external_ref = $1', [order.external_ref]);
    expect(status).toEqual({ status: 'refunded', amount: '800.00' });
    const feed = await updates(buyer);
    expect(feed.find((u) => u.kind === 'order_refunded_in_part')).toMatchObject({ order_ref: order.external_ref, amount_before: 1000, amount_after: 800, points: -300 });
    expect(feed.find((u) => u.kind === 'order_refunded' && u.order_ref === order.external_ref)).toMatchObject({ order_status: 'refunded', points: 1200 });
  });

  it('a new order, a date moved, an order imported refunded and paid later (its first payment): no change of a paid order\'s amount', async () => {
    const order = orderRow(buyer, { amount: 300, status: 'refunded' });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'paid' }]);
    await importOrders(store, [{ ...order, status: 'paid', placed_at: new Date(Date.now() - 86_400_000).toISOString() }]);
    const fresh = orderRow(buyer, { amount: 50, status: 'partially_refunded' });
    await importOrders(store, [fresh]);
    expect(await changes(buyer, order.external_ref!)).toEqual([]);
    expect(await changes(buyer, fresh.external_ref!)).toEqual([]);
  });

  it('a refunded or cancelled order paid again: reinstated, the amount it left paid with and the one it is paid at; told with what it earned again', async () => {
    const order = orderRow(buyer, { amount: 640 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'cancelled' }]);
    // Paid again for another amount: still a payment again, not a correction.
    await importOrders(store, [{ ...order, amount: 600 }]);
    expect(before(await changes(buyer, order.external_ref!))).toEqual([
      ['refunded_in_full', 640, 640], ['reinstated', 640, 640], ['cancelled', 640, 640], ['reinstated', 640, 600]]);
    // Senior (x1.5): 960 points each payment; the newest of the order's updates says it is paid again.
    const told = (await updates(buyer)).filter((u) => 'order_ref' in u && u.order_ref === order.external_ref);
    expect(told.map((u) => [u.kind, u.amount, u.points])).toEqual([
      ['order_paid_again', 600, 900], ['order_refunded', null, 960], ['order_paid_again', 640, 960], ['order_refunded', null, 960]]);
    expect(told[0]).toMatchObject({ currency: 'USD', base_currency: 'USD', rebate: null });
    // What the order holds is what it earns once: each payment credited, each refund took back.
    expect(await sql('select sum(delta)::int as points from public.points_ledger where order_id = (select id from public.orders where external_ref = $1)',
      [order.external_ref])).toEqual([{ points: 900 }]);
    // The same row again is no change.
    expect(await importOrders(store, [{ ...order, amount: 600 }])).toMatchObject({ unchanged: 1 });
    expect(await changes(buyer, order.external_ref!)).toHaveLength(4);
  });

  it('refuses a refund in part of more than the order, in another currency or of an order not paid, changing nothing', async () => {
    const order = orderRow(buyer, { amount: 500 });
    const refunded = orderRow(buyer, { amount: 500, status: 'refunded' });
    await importOrders(store, [order, refunded]);
    const refuse = async (row: object, field: string, reason: string) => {
      const result = await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: [orderRow(buyer), row] });
      expectError(result, '22023', `Row 2: ${field} ${reason}`);
      expect(JSON.parse(result.error!.details!)).toEqual({ row: 2, field, reason });
    };
    await refuse({ ...order, amount: 600, status: 'partially_refunded' }, 'amount',
      'must not exceed the order\'s 500.00 USD for partially_refunded (the amount left after the refund)');
    await refuse({ ...order, amount: 400, currency: 'EUR', exchange_rate: 1.1, status: 'partially_refunded' }, 'currency', 'must stay USD for partially_refunded');
    await refuse({ ...refunded, amount: 400, status: 'partially_refunded' }, 'status', 'partially_refunded needs a paid order; this one is refunded');
    await refuse({ ...order, status: 'part' }, 'status', 'must be one of paid, partially_refunded, refunded, cancelled');
    expect(await changes(buyer, order.external_ref!)).toEqual([]);
    const [kept] = await sql<{ amount: string }>('select amount from public.orders where external_ref = $1', [order.external_ref]);
    expect(kept!.amount).toBe('500.00');
  });
  it('a refund in part of an order in another currency keeps the rate it was paid at, whatever rate the row carries', async () => {
    const order = orderRow(buyer, { amount: 1000, currency: 'EUR', exchange_rate: 1 });
    await importOrders(store, [order]);
    // The shop's export carries the day's rate: counted at it, EUR 950 would be 1,140 in the store's currency.
    await importOrders(store, [{ ...order, amount: 950, exchange_rate: 1.2, status: 'partially_refunded' }]);
    // The same amount at yet another rate is the same refund: unchanged, not a check violation.
    expect(await importOrders(store, [{ ...order, amount: 950, exchange_rate: 0.9, status: 'partially_refunded' }])).toMatchObject({ unchanged: 1 });
    expect(await sql('select amount::float, exchange_rate::float, amount_base::float from public.orders where external_ref = $1', [order.external_ref]))
      .toEqual([{ amount: 950, exchange_rate: 1, amount_base: 950 }]);
    expect(await sql(`select kind, amount_before::float, amount_base_before::float, amount_after::float, amount_base_after::float, currency_after
                      from public.order_changes where order_id = (select id from public.orders where external_ref = $1)`, [order.external_ref]))
      .toEqual([{ kind: 'refunded_in_part', amount_before: 1000, amount_base_before: 1000, amount_after: 950, amount_base_after: 950, currency_after: 'EUR' }]);
    // Senior (x1.5): 1,500 points earned, 1,425 now; none added.
    expect((await updates(buyer)).find((u) => u.kind === 'order_refunded_in_part' && u.order_ref === order.external_ref))
      .toMatchObject({ amount_base_before: 1000, amount_base_after: 950, points: -75 });
  });

  it('a correction after a refund in part: each change holds the amount just before it', async () => {
    const order = orderRow(buyer, { amount: 1000 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, amount: 800, status: 'partially_refunded' }]);
    await importOrders(store, [{ ...order, amount: 900 }]);
    expect(before(await changes(buyer, order.external_ref!))).toEqual([['refunded_in_part', 1000, 800], ['corrected', 800, 900]]);
    expect((await updates(buyer)).find((u) => u.kind === 'order_corrected' && u.order_ref === order.external_ref))
      .toMatchObject({ amount_before: 800, amount_after: 900, points: 150 });
  });
});

describe('a change made while the import waits on the company\'s lock', () => {
  type Blocker = Awaited<ReturnType<typeof holdLocks>>;
  /**
   * import_orders sent by staff while another transaction holds the company's lock and, once the
   * import waits on it, makes `meanwhile`; the import's answer.
   */
  const importWhile = async (member: Member, rows: object[], meanwhile: (blocker: Blocker) => Promise<void>) => {
    const blocker = await holdLocks('select 1 from public.members where id = $1 for update', [member.id]);
    try {
      const answer = Promise.resolve(staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows }));
      await untilWaiting(blocker.pid, 1);
      await meanwhile(blocker);
      await blocker.commit();
      return await answer;
    } catch (error) {
      await blocker.release();
      throw error;
    }
  };
  /** Another import, as the merchant's back end, in the blocker's transaction. */
  const importAs = async (blocker: Blocker, rows: object[]) => {
    await blocker.run('set local role service_role');
    await blocker.run(`select set_config('request.jwt.claims', '{"role": "service_role"}', true)`);
    await blocker.run('select public.import_orders($1, $2::jsonb)', [store.id, JSON.stringify(rows)]);
    await blocker.run('reset role');
  };
  const orderNow = async (ref: string) =>
    sql('select status, amount::float from public.orders where external_ref = $1', [ref]);

  it('refuses a refund in part of an order refunded in full or corrected below it meanwhile, as one sent after', async () => {
    const buyer = await addMember(store);
    const cases = [
      { meanwhile: { status: 'refunded' }, field: 'status', reason: 'partially_refunded needs a paid order; this one is refunded', now: { status: 'refunded', amount: 1000 } },
      { meanwhile: { amount: 700 }, field: 'amount', now: { status: 'paid', amount: 700 },
        reason: 'must not exceed the order\'s 700.00 USD for partially_refunded (the amount left after the refund)' },
    ];
    for (const { meanwhile, field, reason, now } of cases) {
      const order = orderRow(buyer, { amount: 1000 });
      await importOrders(store, [order]);
      const changed = await changes(buyer, order.external_ref!);
      const answer = await importWhile(buyer, [orderRow(buyer), { ...order, amount: 800, status: 'partially_refunded' }],
        (blocker) => importAs(blocker, [{ ...order, ...meanwhile }]));
      const refused = expectError(answer, '22023', `Row 2: ${field} ${reason}`);
      expect(JSON.parse(refused.details!)).toEqual({ row: 2, field, reason });
      expect(await orderNow(order.external_ref!)).toEqual([now]);
      expect((await changes(buyer, order.external_ref!)).length).toBe(changed.length + 1);
    }
  });

  it('refused after its changes were written (a reference another company took meanwhile): neither the change nor its author is kept', async () => {
    const buyer = await addMember(store);
    const rival = await addMember(store);
    const order = orderRow(buyer, { amount: 1000 });
    await importOrders(store, [order]);
    const taken = orderRow(buyer);
    const authors = () => sql<{ n: number }>(`select count(*)::int as n from private.order_change_authors a
      join public.order_changes c on c.id = a.order_change_id where c.member_id = $1`, [buyer.id]);
    // Row 1 corrects a paid order: its change and author are written by the upsert's statement,
    // before the check that the new reference of row 2 is still free refuses the batch.
    const answer = await importWhile(buyer, [{ ...order, amount: 900 }, taken],
      (blocker) => importAs(blocker, [{ ...orderRow(rival), external_ref: taken.external_ref }]));
    expectError(answer, '22023', 'Row 2: external_ref already belongs to another member\'s order');
    expect(await orderNow(order.external_ref!)).toEqual([{ status: 'paid', amount: 1000 }]);
    expect(await changes(buyer, order.external_ref!)).toEqual([]);
    expect(await authors()).toEqual([{ n: 0 }]);
    // The same row alone is written with its author: the refusal, not the row, kept them out.
    ok(await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: [{ ...order, amount: 900 }] }));
    expect(await authors()).toEqual([{ n: 1 }]);
  });

  it('refuses a row matched by the e-mail of a contact who left meanwhile, as one sent after', async () => {
    const buyer = await addMember(store);
    const colleague = await addColleague(buyer);
    const row = { ...orderRow(buyer), member_id: undefined, email: colleague.user.email };
    const answer = await importWhile(buyer, [row], async (blocker) => {
      await blocker.run('set local role authenticated');
      await blocker.run(`select set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ sub: colleague.user.id, role: 'authenticated', aud: 'authenticated' })]);
      await blocker.run('select public.leave_store($1, true)', [store.slug]);
    });
    const refused = expectError(answer, '22023', 'Row 1: email matches no member contact of this store');
    expect(JSON.parse(refused.details!)).toEqual({ row: 1, field: 'email', reason: 'matches no member contact of this store' });
    expect(await orderNow(row.external_ref!)).toEqual([]);
  });
});

describe('a change that re-rates later orders', () => {
  it('the Updates say the re-rating beside the refund in part and the tier change, in every language', async () => {
    const buyer = await addMember(store);
    // Senior, then the fourth order crosses US$10,000: it earns at VIP (x2, 5 % rebate).
    const orders = [4000, 2700, 2000, 1500].map((amount) => orderRow(buyer, { amount }));
    for (const order of orders) await importOrders(store, [order]);
    await importOrders(store, [{ ...orders[2]!, amount: 500, status: 'partially_refunded' }]);
    const vip = { en: 'VIP', 'zh-CN': 'VIP会员', es: 'Miembro VIP' };
    for (const [locale, name] of Object.entries(vip)) {
      const feed = await updates(buyer, locale);
      const instant = feed.filter((u) => u.happened_at === feed[0]!.happened_at);
      expect(instant.map((u) => u.kind)).toEqual(['tier_changed', 'order_refunded_in_part', 'orders_rerated']);
      // The refunded order: Senior, 3,000 points then 750. The 1,500 order back to Senior: 3,000 and US$75 then 2,250 and none.
      expect(instant[1]).toMatchObject({ order_ref: orders[2]!.external_ref, amount_before: 2000, amount_after: 500, points: -2250, rebate: null });
      expect(instant[2]).toMatchObject({ orders: 1, points: -750, rebate: -75, base_currency: 'USD' });
      // The tier it moved is its own update, as any change of the orders' (reason 'orders'), naming
      // the one change it follows.
      expect(instant[0]).toMatchObject({ reason: 'orders', up: false, from_tier: name, from_tier_lang: locale,
        orders_changed: 1, changed_order_ref: orders[2]!.external_ref });
    }
  });

  it('a tier moved by new orders, by a correction raising it or by several changes at once names no order', async () => {
    const buyer = await addMember(store);
    // Senior from the first order; US$9,700 in four orders, short of VIP's US$10,000.
    const orders = [4000, 2700, 2000, 1000].map((amount) => orderRow(buyer, { amount }));
    await importOrders(store, orders);
    await importOrders(store, [{ ...orders[3]!, amount: 1500 }]);
    await importOrders(store, [{ ...orders[0]!, amount: 3800, status: 'partially_refunded' }, { ...orders[1]!, amount: 2600, status: 'partially_refunded' }]);
    const moves = (await updates(buyer)).filter((u) => u.kind === 'tier_changed')
      .map((u) => [u.reason, u.up, u.orders_changed, u.changed_order_ref]);
    // Newest first: two refunds in part back to Senior, the correction up to VIP, the first orders.
    expect(moves).toEqual([['orders', false, 2, null], ['orders', true, 1, null], ['orders', true, 0, null]]);
  });

  describe('the tier history says it too, decided in SQL (orders_changed, changed_order_ref: 20261214000500)', () => {
    // What My membership's tier note and the console's tier history read: tier_changes with its computed fields.
    const history = async (reader: Actor, member: Member) =>
      (ok(await reader.client.from('tier_changes').select('reason, orders_changed, changed_order_ref')
        .eq('member_id', member.id).neq('reason', 'join').order('changed_at', { ascending: false }).order('seq', { ascending: false })) as
        { reason: string; orders_changed: number; changed_order_ref: string | null }[]).map((row) => [row.reason, row.orders_changed, row.changed_order_ref]);
    const feed = async (member: Member) =>
      (await updates(member)).filter((u) => u.kind === 'tier_changed').map((u) => [u.reason, u.orders_changed, u.changed_order_ref]);
    let refundedOne: Member;
    let changedTwo: Member;
    let refundedRef: string;
    beforeAll(async () => {
      // Senior, then VIP as the fourth order crosses US$10,000; one order refunded in part back to Senior.
      refundedOne = await addMember(store);
      const orders = [4000, 2700, 2000, 1500].map((amount) => orderRow(refundedOne, { amount }));
      for (const order of orders) await importOrders(store, [order]);
      await importOrders(store, [{ ...orders[2]!, amount: 500, status: 'partially_refunded' }]);
      refundedRef = orders[2]!.external_ref!;
      // Senior from new orders, VIP after a correction, back to Senior as two orders are refunded in part at once.
      changedTwo = await addMember(store);
      const more = [4000, 2700, 2000, 1000].map((amount) => orderRow(changedTwo, { amount }));
      await importOrders(store, more);
      await importOrders(store, [{ ...more[3]!, amount: 1500 }]);
      await importOrders(store, [{ ...more[0]!, amount: 3800, status: 'partially_refunded' }, { ...more[1]!, amount: 2600, status: 'partially_refunded' }]);
    });

    it('a drop after one order\'s refund names it, after two orders\' changes counts them, a move with no change counts none: to the buyer and to staff, as the Updates', async () => {
      // Newest first: (a) the drop after the refund in part of one order; the rise of new orders (no change).
      const one = [['orders', 1, refundedRef], ['orders', 0, null], ['orders', 0, null]];
      // (b) the drop after two orders' refunds in part; the correction's rise (one change, no drop: no name); (c) the new orders' rise.
      const two = [['orders', 2, null], ['orders', 1, null], ['orders', 0, null]];
      for (const reader of [refundedOne, staff]) expect(await history(reader, refundedOne)).toEqual(one);
      for (const reader of [changedTwo, staff]) expect(await history(reader, changedTwo)).toEqual(two);
      expect(await feed(refundedOne)).toEqual(one);
      expect(await feed(changedTwo)).toEqual(two);
    });

    it('a move for another reason counts no change, even one at the instant the import refunded an order', async () => {
      // Senior from one order; refunded in full, back to Ordinary for the reason `refund` (its
      // order_changes row at that instant); then an override to VIP, with no order changed.
      const buyer = await addMember(store);
      const order = orderRow(buyer, { amount: 4000 });
      await importOrders(store, [order]);
      await importOrders(store, [{ ...order, status: 'refunded' }]);
      ok(await staff.client.rpc('set_tier_override', { p_member_id: buyer.id, p_tier_id: store.tiers[2]!.id,
        p_expires_at: new Date(Date.now() + 86_400_000).toISOString(), p_reason: 'Trade fair' }));
      const moves = [['override', 0, null], ['refund', 0, null], ['orders', 0, null]];
      for (const reader of [buyer, staff]) expect(await history(reader, buyer)).toEqual(moves);
      expect(await feed(buyer)).toEqual(moves);
    });

    // What the console's tier history and My membership's tier note read, and the Updates' tier_changed.
    const moves = async (reader: Actor, member: Member) =>
      (ok(await reader.client.from('tier_changes').select('reason, changed_order_ref, moved_order_refs').eq('member_id', member.id).neq('reason', 'join')
        .order('changed_at', { ascending: false }).order('seq', { ascending: false })) as { reason: string; changed_order_ref: string | null; moved_order_refs: string[] }[])
        .map((row) => [row.reason, row.changed_order_ref, row.moved_order_refs]);
    const movesInUpdates = async (member: Member, slug = store.slug) =>
      (ok(await member.client.rpc('my_updates', { p_store_slug: slug })) as { updates: Update[] }).updates
        .filter((u) => u.kind === 'tier_changed').map((u) => [u.reason, u.changed_order_ref, u.moved_order_refs]);

    it('a move for paid orders or a refund names its orders, and a settled order\'s rows the tier it earned at before (moved_order_refs: 20261215000200, tier_before: 20261214000700)', async () => {
      const buyer = await addMember(store);
      const [senior, vip] = [store.tiers[1]!.id, store.tiers[2]!.id];
      const [small, big] = [orderRow(buyer, { amount: 250 }), orderRow(buyer, { amount: 10000 })];
      // Senior from the first order, Ordinary once it is refunded, VIP from US$10,000, back to Senior as 10 % of it is refunded.
      await importOrders(store, [small]);
      await importOrders(store, [{ ...small, status: 'refunded' }]);
      await importOrders(store, [big]);
      await importOrders(store, [{ ...big, amount: 9000, status: 'partially_refunded' }]);
      for (const reader of [buyer, staff]) {
        expect(await moves(reader, buyer)).toEqual([
          ['orders', big.external_ref, []], ['orders', null, [big.external_ref]], ['refund', null, [small.external_ref]], ['orders', null, [small.external_ref]]]);
      }
      expect(await movesInUpdates(buyer)).toEqual(await moves(buyer, buyer));
      // The big order earned at VIP (20,000 points, US$500); refunded in part it earns at Senior (13,500, no rebate).
      const rated = async (reader: Actor, ledger: 'points_ledger' | 'rebate_ledger') =>
        (ok(await reader.client.from(ledger).select('reason, delta, tier_id, tier_before, orders!inner(external_ref)').eq('orders.external_ref', big.external_ref!).order('id')) as
          { reason: string; delta: number; tier_id: string | null; tier_before: string | null }[]).map((row) => [row.reason, Number(row.delta), row.tier_id, row.tier_before]);
      for (const reader of [buyer, staff]) {
        expect(await rated(reader, 'points_ledger')).toEqual([['order', 20000, vip, null], ['order_correction', -6500, senior, vip]]);
        expect(await rated(reader, 'rebate_ledger')).toEqual([['order', 500, vip, null], ['order_correction', -500, senior, vip]]);
      }
      const other = await addStaff(await createStore({ label: 'order-changes-named' }));
      expect(await moves(other, buyer)).toEqual([]);
      expect(await rated(other, 'points_ledger')).toEqual([]);
    });

    it('a move after several orders paid in one import, or refunded in one, names them all in their place', async () => {
      const pair = await addMember(store);
      // Placed apart, imported in one batch (the later one first): named oldest first.
      const [first, second] = [orderRow(pair, { amount: 4000, placed_at: daysAgo(3) }), orderRow(pair, { amount: 7000, placed_at: daysAgo(1) })];
      await importOrders(store, [second, first]);
      await importOrders(store, [{ ...first, status: 'refunded' }, { ...second, status: 'cancelled' }]);
      const named = [['refund', null, [first.external_ref, second.external_ref]], ['orders', null, [first.external_ref, second.external_ref]]];
      for (const reader of [pair, staff]) expect(await moves(reader, pair)).toEqual(named);
      expect(await movesInUpdates(pair)).toEqual(named);
    });

    it('a move after an order that earned nothing (no ledger row) names it', async () => {
      // A store that gives no points, whose Senior gives no rebate: the order that makes a company Senior writes no ledger row.
      const bare = await createStore({ label: 'order-changes-bare' });
      ok(await bare.owner.client.from('stores').update({ points_per_currency_unit: 0 }).eq('id', bare.id));
      const buyer = await addMember(bare);
      const order = orderRow(buyer, { amount: 300 });
      await importOrders(bare, [order]);
      expect(await sql(`select 1 from public.points_ledger where member_id = $1 and reason = 'order'
        union all select 1 from public.rebate_ledger where member_id = $1 and reason = 'order'`, [buyer.id])).toEqual([]);
      for (const reader of [buyer, bare.owner]) expect(await moves(reader, buyer)).toEqual([['orders', null, [order.external_ref]]]);
      expect(await movesInUpdates(buyer, bare.slug)).toEqual([['orders', null, [order.external_ref]]]);
    });

    it('a rebate re-rated for an order that earned none before says the tier it earned at, from its points (tier_before: 20261215000100)', async () => {
      const buyer = await addMember(store);
      const [senior, vip] = [store.tiers[1]!.id, store.tiers[2]!.id];
      // Two orders at Senior (x1.5, no rebate); the first corrected up to US$9,500 lifts the second's figures to VIP (US$10,500).
      const [first, second] = [orderRow(buyer, { amount: 1000, placed_at: daysAgo(3) }), orderRow(buyer, { amount: 1000, placed_at: daysAgo(1) })];
      await importOrders(store, [first]);
      await importOrders(store, [second]);
      await importOrders(store, [{ ...first, amount: 9500 }]);
      const rows = async (client: Actor['client'], ledger: 'points_ledger' | 'rebate_ledger') =>
        (ok(await client.from(ledger).select('reason, tier_id, tier_before, orders!inner(external_ref)').eq('orders.external_ref', second.external_ref!).order('id')) as
          { reason: string; tier_id: string | null; tier_before: string | null }[]).map((row) => [row.reason, row.tier_id, row.tier_before]);
      // The merchant's back end (the service role) reads it too (20261215000500).
      for (const client of [buyer.client, staff.client, serviceClient()]) {
        expect(await rows(client, 'points_ledger')).toEqual([['order', senior, null], ['order_rerated', vip, senior]]);
        // Its first rebate row: what it earned at before is only in its points rows.
        expect(await rows(client, 'rebate_ledger')).toEqual([['order_rerated', vip, senior]]);
      }
    });

    // One import's upsert calls refresh_tiers twice, UPDATE's rows first: the first call sees every
    // row written and makes the move, whichever rows it was given (20261215000500).
    it('a move in an import that also updates orders names every order the import paid: one paid again, one re-sent with its delivery date, one corrected', async () => {
      const [again, delivered, corrected] = [await addMember(store), await addMember(store), await addMember(store)];
      // (A) Senior, Ordinary once refunded, then VIP as it is paid again with a new US$9,950.
      const [ax, an] = [orderRow(again, { amount: 50, placed_at: daysAgo(2) }), orderRow(again, { amount: 9950, placed_at: daysAgo(1) })];
      await importOrders(store, [ax]);
      await importOrders(store, [{ ...ax, status: 'refunded' }]);
      await importOrders(store, [{ ...ax }, an]);
      // (B) Senior, then VIP from a new US$10,000 sent with the first order's delivery date.
      const [d1, d2] = [orderRow(delivered, { amount: 1000, placed_at: daysAgo(2) }), orderRow(delivered, { amount: 10000, placed_at: daysAgo(1) })];
      await importOrders(store, [d1]);
      expect(await importOrders(store, [{ ...d1, delivered_at: daysAgo(0.5) }, d2])).toMatchObject({ inserted: 1, updated: 1 });
      // (C) Senior, then VIP from a correction and a new order.
      const [c1, c3] = [orderRow(corrected, { amount: 1000, placed_at: daysAgo(2) }), orderRow(corrected, { amount: 9000, placed_at: daysAgo(1) })];
      await importOrders(store, [c1]);
      await importOrders(store, [{ ...c1, amount: 1100 }, c3]);
      const named: [Member, unknown[][]][] = [
        [again, [['orders', null, [ax.external_ref, an.external_ref]], ['refund', null, [ax.external_ref]], ['orders', null, [ax.external_ref]]]],
        [delivered, [['orders', null, [d2.external_ref]], ['orders', null, [d1.external_ref]]]],
        [corrected, [['orders', null, [c3.external_ref]], ['orders', null, [c1.external_ref]]]],
      ];
      for (const [member, expected] of named) {
        for (const reader of [member, staff]) expect(await moves(reader, member)).toEqual(expected);
        expect(await movesInUpdates(member)).toEqual(expected);
      }
      // The order paid again (recorded as reinstated) is one the rise paid, not a change it followed.
      expect((await history(again, again))[0]).toEqual(['orders', 0, null]);
    });

    it('a drop in an import that time made says so, naming no order: a lapsed period, an expired override', async () => {
      // As if time passed: the order that made the company VIP left the period, and the cache
      // lapsed, before the nightly re-evaluation; an override expired the same way.
      const passTime = (member: Member, order = '') => sql(`begin; set local session_replication_role = replica;
        update public.orders set placed_at = now() - interval '400 days' where store_id = '${store.id}' and external_ref = '${order}';
        update public.members set tier_valid_until = now() - interval '1 second',
          tier_override_expires_at = case when tier_override_id is not null then now() - interval '1 second' end where id = '${member.id}'; commit`);
      const lapsed = await addMember(store);
      const old = orderRow(lapsed, { amount: 10000, placed_at: daysAgo(10) });
      await importOrders(store, [old]);
      await passTime(lapsed, old.external_ref);
      await importOrders(store, [orderRow(lapsed, { amount: 100 })]);
      const expired = await addMember(store);
      const first = orderRow(expired, { amount: 100 });
      await importOrders(store, [first]);
      ok(await staff.client.rpc('set_tier_override', { p_member_id: expired.id, p_tier_id: store.tiers[2]!.id,
        p_expires_at: new Date(Date.now() + 86_400_000).toISOString(), p_reason: 'Trade fair' }));
      await passTime(expired);
      await importOrders(store, [orderRow(expired, { amount: 100 })]);
      // The same lapse met by an order paid again, which raises a tier as a new one does.
      const repaid = await addMember(store);
      const [small, big] = [orderRow(repaid, { amount: 100, placed_at: daysAgo(20) }), orderRow(repaid, { amount: 10000, placed_at: daysAgo(10) })];
      await importOrders(store, [small]);
      await importOrders(store, [{ ...small, status: 'refunded' }]);
      await importOrders(store, [big]);
      await passTime(repaid, big.external_ref);
      await importOrders(store, [small]);
      const dropped: [Member, unknown[][]][] = [
        [lapsed, [['period', null, []], ['orders', null, [old.external_ref]]]],
        [expired, [['override_expired', null, []], ['override', null, []], ['orders', null, [first.external_ref]]]],
        [repaid, [['period', null, []], ['orders', null, [big.external_ref]], ['refund', null, [small.external_ref]], ['orders', null, [small.external_ref]]]],
      ];
      for (const [member, expected] of dropped) {
        for (const reader of [member, staff]) expect(await moves(reader, member)).toEqual(expected);
        expect(await movesInUpdates(member)).toEqual(expected);
      }
      expect(await sql(`select reason, paid_order_refs from public.tier_changes where member_id = any ($1) and reason in ('period', 'override_expired')`,
        [[lapsed.id, expired.id]])).toEqual(expect.arrayContaining([{ reason: 'period', paid_order_refs: null }, { reason: 'override_expired', paid_order_refs: null }]));
    });

    it('a rise in an import that refunds one order and pays another follows the payment: reason orders, naming the order paid', async () => {
      const buyer = await addMember(store);
      const [bx, by] = [orderRow(buyer, { amount: 4000 }), orderRow(buyer, { amount: 20000 })];
      await importOrders(store, [bx]);
      await importOrders(store, [{ ...bx, status: 'refunded' }, by]);
      // The refund is the import's one change of an order, counted, not named on a rise.
      const expected = [['orders', null, [by.external_ref]], ['orders', null, [bx.external_ref]]];
      for (const reader of [buyer, staff]) expect(await moves(reader, buyer)).toEqual(expected);
      expect(await movesInUpdates(buyer)).toEqual(expected);
    });

    it('a move records its paid orders exactly for the reason orders (tier_changes_paid_order_refs_for_orders)', async () => {
      const buyer = await addMember(store);
      const insert = (reason: string, refs: string[] | null) => sql(`insert into public.tier_changes (member_id, store_id, reason, paid_order_refs) values ($1, $2, $3, $4)`,
        [buyer.id, store.id, reason, refs]);
      await expect(insert('orders', null)).rejects.toThrow(/tier_changes_paid_order_refs_for_orders/);
      await expect(insert('period', [])).rejects.toThrow(/tier_changes_paid_order_refs_for_orders/);
    });

    it('another store\'s staff and buyers read none of it, and a row handed to the fields as theirs counts nothing they cannot read', async () => {
      const other = await createStore({ label: 'order-changes-other' });
      const [otherStaff, otherBuyer] = [await addStaff(other), await addMember(other)];
      for (const reader of [otherStaff, otherBuyer]) expect(await history(reader, refundedOne)).toEqual([]);
      // The fields read order_changes and orders under the caller's RLS (security invoker), so the
      // drop's row, handed over directly, tells another store's staff and buyer nothing of its orders.
      const [drop] = await sql<{ row: unknown }>(
        `select to_jsonb(h) as row from public.tier_changes h where h.member_id = $1 and h.reason = 'orders' order by h.changed_at desc limit 1`, [refundedOne.id]);
      for (const reader of [otherStaff, otherBuyer, refundedOne]) {
        const session = await holdLocks('set local role authenticated', []);
        try {
          await session.run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: reader.user.id, role: 'authenticated', aud: 'authenticated' })]);
          const { rows } = await session.run(
            `select public.orders_changed(r) as orders_changed, public.changed_order_ref(r) as changed_order_ref
             from jsonb_populate_record(null::public.tier_changes, $1) r`, [drop!.row]);
          expect(rows).toEqual([reader === refundedOne ? { orders_changed: 1, changed_order_ref: refundedRef } : { orders_changed: 0, changed_order_ref: null }]);
        } finally {
          await session.release();
        }
      }
    });
  });
});

describe('refunds in full and cancellations in the Updates', () => {
  let buyer: Member;
  const refunds = async (ref: string) => (await updates(buyer)).filter((u) => u.kind === 'order_refunded' && u.order_ref === ref);
  const ledgerRows = async (ref: string) => (await sql<{ n: number }>(
    `select (select count(*) from public.points_ledger l where l.order_id = o.id)::int + (select count(*) from public.rebate_ledger r where r.order_id = o.id)::int as n
     from public.orders o where o.external_ref = $1`, [ref]))[0]!.n;
  beforeAll(async () => {
    buyer = await addMember(store);
  });

  it('an order that earned nothing, refunded or cancelled, is told once with nothing taken back', async () => {
    // Under a point at Senior's x1.5, and no rebate: nothing to take back.
    const [refunded, cancelled] = [orderRow(buyer, { amount: 0.5 }), orderRow(buyer, { amount: 0.6 })];
    await importOrders(store, [refunded, cancelled]);
    await importOrders(store, [{ ...refunded, status: 'refunded' }, { ...cancelled, status: 'cancelled' }]);
    expect(await ledgerRows(refunded.external_ref!)).toBe(0);
    expect(await refunds(refunded.external_ref!)).toEqual([expect.objectContaining({ order_status: 'refunded', points: null, amount: null, currency: null })]);
    expect(await refunds(cancelled.external_ref!)).toEqual([expect.objectContaining({ order_status: 'cancelled', points: null, amount: null })]);
  });

  it('a refund that took points back is told once; one without an order_changes row (as before it existed) once from its ledger rows', async () => {
    const order = orderRow(buyer, { amount: 1000 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    expect(await refunds(order.external_ref!)).toEqual([expect.objectContaining({ order_status: 'refunded', points: 1500 })]);

    const old = orderRow(buyer, { amount: 400 });
    await importOrders(store, [old]);
    // Written as the import did before order_changes: the order's row alone, its triggers taking the points back.
    await sql(`update public.orders set status = 'refunded', updated_at = now() where external_ref = $1`, [old.external_ref]);
    expect(await changes(buyer, old.external_ref!)).toEqual([]);
    expect(await refunds(old.external_ref!)).toEqual([expect.objectContaining({ order_status: 'refunded', points: 600 })]);
    // Paid again and refunded by the import: two refunds, each told once.
    await importOrders(store, [{ ...old, status: 'paid' }]);
    await importOrders(store, [{ ...old, status: 'refunded' }]);
    expect((await refunds(old.external_ref!)).map((u) => u.points)).toEqual([600, 600]);
  });

  it('a refund told from its ledger rows, older than a page of order changes, is on the next page', async () => {
    // The ledgers' refund branches start at the page's p_limit-th newest order change (20261214000310).
    const company = await addMember(store);
    const old = orderRow(company, { amount: 400 });
    await importOrders(store, [old]);
    await sql(`update public.orders set status = 'refunded', updated_at = now() where external_ref = $1`, [old.external_ref]);
    const later = [1, 2, 3].map(() => orderRow(company, { amount: 300 }));
    await importOrders(store, later);
    await importOrders(store, later.map((order) => ({ ...order, status: 'refunded' as const })));
    const page = async (before?: string) =>
      (ok(await company.client.rpc('my_updates', { p_store_slug: store.slug, p_limit: 2, p_before: before })) as { updates: Update[] }).updates;
    const first = await page();
    const refs = (rows: Update[]) => rows.filter((u) => u.kind === 'order_refunded').map((u) => u.order_ref).sort();
    expect(refs(first)).toEqual(later.map((o) => o.external_ref).sort());
    const next = await page(first.at(-1)!.happened_at as string);
    expect(next.filter((u) => u.kind === 'order_refunded')).toEqual([expect.objectContaining({ order_ref: old.external_ref, order_status: 'refunded' })]);
  });
});

describe('who reads the changes', () => {
  let buyer: Member;
  let ref: string;
  beforeAll(async () => {
    buyer = await addMember(store);
    const order = orderRow(buyer, { amount: 900 });
    ref = order.external_ref!;
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, amount: 700, status: 'partially_refunded' }]);
  });

  it('the company\'s contacts and the store\'s staff; not another company or another store\'s staff', async () => {
    const colleague = await addColleague(buyer);
    for (const reader of [buyer, colleague, staff, store.owner]) expect(before(await changes(reader, ref))).toEqual([['refunded_in_part', 900, 700]]);
    const other = await addMember(store);
    const otherStore = await createStore({ label: 'order-changes-other' });
    for (const reader of [other, otherStore.owner]) expect(await changes(reader, ref)).toEqual([]);
  });

  it('no client writes them', async () => {
    const [row] = await sql<{ order_id: string }>('select order_id from public.order_changes where member_id = $1', [buyer.id]);
    const forged = { store_id: store.id, member_id: buyer.id, order_id: row!.order_id, kind: 'corrected', amount_before: 1, currency_before: 'USD',
      amount_base_before: 1, amount_after: 2, currency_after: 'USD', amount_base_after: 2 };
    expectError(await staff.client.from('order_changes').insert(forged), '42501');
    expectError(await buyer.client.from('order_changes').update({ amount_before: 5 }).eq('member_id', buyer.id), '42501');
    expectError(await store.owner.client.from('order_changes').delete().eq('member_id', buyer.id), '42501');
  });

  it('go into my_data', async () => {
    const data = ok(await buyer.client.rpc('my_data', { p_store_slug: store.slug })) as { order_changes: Change[] };
    expect(before(data.order_changes)).toEqual([['refunded_in_part', 900, 700]]);
    // Refunded and paid again: both changes, in the order they were made.
    const order = orderRow(buyer, { amount: 300 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    await importOrders(store, [order]);
    const again = ok(await buyer.client.rpc('my_data', { p_store_slug: store.slug })) as { order_changes: Change[] };
    expect(before(again.order_changes)).toEqual([['refunded_in_part', 900, 700], ['refunded_in_full', 300, 300], ['reinstated', 300, 300]]);
  });
});

describe('who made a change (store_order_changes: 20261216000200)', () => {
  interface Listed {
    id: number; kind: string; order_ref: string; member_id: string; member: { company_name: string; left_at: string | null };
    amount_before: number; amount_after: number; changed_at: string;
    author: { via: string; email: string | null; login_deleted: boolean; is_staff: boolean } | null;
  }
  let own: Store;
  let clerk: Actor;
  let buyer: Member;
  const list = async (reader: Actor, args: Record<string, unknown> = {}) =>
    ok(await reader.client.rpc('store_order_changes', { p_store_id: own.id, ...args })) as { as_of: string; total: number; changes: Listed[] };
  const byRef = async (ref: string) => (await list(own.owner)).changes.filter((c) => c.order_ref === ref);

  beforeAll(async () => {
    own = await createStore({ label: 'order-change-authors' });
    clerk = await addStaff(own);
    buyer = await addMember(own, 'Authors Hair Trading');
  });

  it('a staff import records its login and its e-mail; the service role\'s records itself, with no login', async () => {
    const order = orderRow(buyer, { amount: 500 });
    await importOrders(own, [order]);
    ok(await clerk.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...order, amount: 450 }] }));
    await importOrders(own, [{ ...order, amount: 400 }]);
    const [service, staffMade] = await byRef(order.external_ref!);
    expect(staffMade).toMatchObject({ kind: 'corrected', amount_before: 500, amount_after: 450,
      author: { via: 'staff', email: clerk.user.email, login_deleted: false, is_staff: true },
      member_id: buyer.id, member: { company_name: 'Authors Hair Trading', left_at: null } });
    expect(service).toMatchObject({ kind: 'corrected', amount_before: 450, amount_after: 400,
      author: { via: 'service_role', email: null, login_deleted: false, is_staff: false } });
    // Only changes from before authors were kept read as not recorded.
    const [{ id }] = await sql<{ id: string }>(`select c.id from public.order_changes c join public.orders o on o.id = c.order_id
      where o.external_ref = $1 and c.amount_after = 400`, [order.external_ref]) as [{ id: string }];
    await sql('delete from private.order_change_authors where order_change_id = $1', [id]);
    expect((await byRef(order.external_ref!))[0]).toMatchObject({ amount_after: 400, author: null });
  });

  it('a change sent as the console\'s Change sends it (one row, the stored rate) records the owner', async () => {
    const order = orderRow(buyer, { amount: 300 });
    await importOrders(own, [order]);
    ok(await own.owner.client.rpc('import_orders', { p_store_id: own.id,
      p_rows: [{ ...order, exchange_rate: 1, amount: 250, status: 'partially_refunded' }] }));
    expect(await byRef(order.external_ref!)).toMatchObject([{ kind: 'refunded_in_part', author: { email: own.owner.user.email, is_staff: true } }]);
  });

  it('an order refunded and paid again by the console\'s Change: both listed, each with who made it, and by the kind reinstated', async () => {
    const order = orderRow(buyer, { amount: 640 });
    await importOrders(own, [order]);
    ok(await clerk.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...order, exchange_rate: 1, status: 'refunded' }] }));
    ok(await own.owner.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...order, exchange_rate: 1 }] }));
    expect(await byRef(order.external_ref!)).toMatchObject([
      { kind: 'reinstated', amount_before: 640, amount_after: 640, author: { via: 'staff', email: own.owner.user.email, is_staff: true } },
      { kind: 'refunded_in_full', amount_before: 640, amount_after: 640, author: { via: 'staff', email: clerk.user.email, is_staff: true } },
    ]);
    const listed = await list(clerk, { p_kind: 'reinstated' });
    expect(listed.changes.map((c) => [c.order_ref, c.kind])).toContainEqual([order.external_ref, 'reinstated']);
    expect(listed.changes.every((c) => c.kind === 'reinstated')).toBe(true);
  });

  it('a refused import records no author, as it records no change', async () => {
    const order = orderRow(buyer, { amount: 200 });
    await importOrders(own, [order]);
    // This store's authors only: other files import into their own stores meanwhile.
    const authors = () => sql<{ n: number }>(`select count(*)::int as n from private.order_change_authors a
      join public.order_changes c on c.id = a.order_change_id where c.store_id = $1`, [own.id]);
    const before = await authors();
    expectError(await clerk.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...order, amount: 150 }, { ...order, external_ref: ' ' }] }), '22023');
    expect(await authors()).toEqual(before);
    expect(await byRef(order.external_ref!)).toEqual([]);
  });

  it('a staff member removed is still named, no longer staff; a login deleted keeps the e-mail it had; a later address is not the one shown', async () => {
    const leaver = await addStaff(own);
    const gone = await addStaff(own);
    const kept = orderRow(buyer, { amount: 120 });
    const erased = orderRow(buyer, { amount: 130 });
    await importOrders(own, [kept, erased]);
    ok(await leaver.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...kept, status: 'cancelled' }] }));
    ok(await gone.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...erased, status: 'refunded' }] }));
    ok(await leaver.client.rpc('remove_staff', { p_store_id: own.id, p_user_id: leaver.user.id }));
    // The audit trail reads who it was then: the address the login moves to afterwards is not it.
    expect((await serviceClient().auth.admin.updateUserById(leaver.user.id, { email: `later-${leaver.user.email}` })).error).toBeNull();
    expect((await serviceClient().auth.admin.deleteUser(gone.user.id)).error).toBeNull();
    expect(await byRef(kept.external_ref!)).toMatchObject([{ kind: 'cancelled', author: { via: 'staff', email: leaver.user.email, login_deleted: false, is_staff: false } }]);
    expect(await byRef(erased.external_ref!)).toMatchObject([{ kind: 'refunded_in_full', author: { via: 'staff', email: gone.user.email, login_deleted: true, is_staff: false } }]);
  });

  it('no contact learns the author: not from order_changes, my_data or the Updates; the RPC and the table refuse them', async () => {
    const order = orderRow(buyer, { amount: 900 });
    await importOrders(own, [order]);
    ok(await clerk.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...order, amount: 600, status: 'partially_refunded' }] }));
    const reads = [
      ok(await buyer.client.from('order_changes').select('*')),
      ok(await buyer.client.from('order_changes').select('*, orders(*)')),
      ok(await buyer.client.rpc('my_data', { p_store_slug: own.slug })),
      ok(await buyer.client.rpc('my_updates', { p_store_slug: own.slug, p_limit: 100 })),
    ];
    // The reads hold the change, and nothing that names who made it.
    expect(JSON.stringify(reads[0])).toContain('"amount_after":600');
    for (const read of reads) {
      const text = JSON.stringify(read);
      expect(text).not.toContain(clerk.user.id);
      expect(text).not.toContain(clerk.user.email);
    }
    expectError(await buyer.client.rpc('store_order_changes', { p_store_id: own.id }), '42501', /^Only this store's staff may do this$/);
    // Not exposed at all: PostgREST has no such table, nor the schema it is in, for staff either.
    for (const reader of [buyer, clerk]) {
      for (const read of [reader.client.from('order_change_authors').select('*'), reader.client.schema('private').from('order_change_authors').select('*')]) {
        const { data, error } = await read;
        expect([data, error?.code]).toEqual([null, expect.stringMatching(/^(42P01|PGRST205|PGRST106)$/)]);
      }
    }
  });

  it('lists the store\'s changes newest first, by period and kind, a page at a time; another store\'s staff read none', async () => {
    const other = await addMember(own, 'Period Wigs GmbH');
    const rows = [1, 2, 3].map(() => orderRow(other, { amount: 100 }));
    await importOrders(own, rows);
    const from = (await sql<{ now: string }>('select now()::text as now'))[0]!.now;
    for (const row of rows) ok(await clerk.client.rpc('import_orders', { p_store_id: own.id, p_rows: [{ ...row, status: row === rows[1] ? 'cancelled' : 'refunded' }] }));
    const recent = await list(clerk, { p_from: from });
    expect(recent.total).toBe(3);
    expect(recent.changes.map((c) => [c.order_ref, c.kind])).toEqual([
      [rows[2]!.external_ref, 'refunded_in_full'], [rows[1]!.external_ref, 'cancelled'], [rows[0]!.external_ref, 'refunded_in_full']]);
    const all = await list(clerk);
    expect(all.changes.map((c) => c.changed_at)).toEqual([...all.changes.map((c) => c.changed_at)].sort().reverse());
    expect(await list(clerk, { p_from: from, p_kind: 'cancelled' })).toMatchObject({ total: 1, changes: [{ order_ref: rows[1]!.external_ref }] });
    expect(await list(clerk, { p_to: from, p_kind: 'cancelled' })).toMatchObject({ total: 1, changes: [{ kind: 'cancelled' }] });
    const page = await list(clerk, { p_from: from, p_limit: 2, p_offset: 2 });
    expect(page).toMatchObject({ total: 3, changes: [{ order_ref: rows[0]!.external_ref }] });
    // A change recorded after the first page was read shifts no later page read up to its as_of.
    const first = await list(clerk, { p_from: from, p_limit: 2 });
    const late = orderRow(other, { amount: 60 });
    await importOrders(own, [late]);
    await importOrders(own, [{ ...late, status: 'cancelled' }]);
    expect((await list(clerk, { p_from: from })).total).toBe(4);
    expect(await list(clerk, { p_from: from, p_to: first.as_of, p_limit: 2, p_offset: 2 }))
      .toMatchObject({ total: 3, changes: [{ order_ref: rows[0]!.external_ref }] });
    const otherStore = await createStore({ label: 'order-change-authors-other' });
    expectError(await otherStore.owner.client.rpc('store_order_changes', { p_store_id: own.id }), '42501');
  });

  it('refuses a period that ends before it starts, an unknown kind and a page out of bounds, by field', async () => {
    const refused = async (args: Record<string, unknown>, message: RegExp) =>
      expectError(await clerk.client.rpc('store_order_changes', { p_store_id: own.id, ...args }), '22023', message);
    await refused({ p_from: '2026-03-01', p_to: '2026-03-01' }, /^p_to must be later than p_from$/);
    await refused({ p_from: 'infinity' }, /^p_from must be a finite timestamp or null$/);
    await refused({ p_kind: 'refunded' }, /^p_kind must be one of corrected, refunded_in_part, refunded_in_full, cancelled, reinstated$/);
    await refused({ p_limit: 101 }, /^p_limit must be between 1 and 100$/);
    await refused({ p_offset: -1 }, /^p_offset must be 0 or more$/);
  });

  it('is not executable without a login: the anon key, and the service role\'s (staff reads, no back end\'s)', async () => {
    for (const caller of [anonClient(), serviceClient()]) {
      expectError(await caller.rpc('store_order_changes', { p_store_id: own.id }), '42501', /^permission denied for function store_order_changes$/);
    }
  });
});
