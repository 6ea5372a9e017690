/**
 * Order import: idempotent by external reference, all-or-nothing with the first bad row named,
 * buyers matched by member id or by a contact's login email, currencies with exchange rates.
 */
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { isoCurrencies } from '../../src/lib/iso-currencies.ts';
import { holdLocks, serviceClient, sql, stack, untilWaiting } from '../support/clients.ts';
import { addMember, createStore, createStoreInWithdrawnCurrency, daysAgo, expectError, importOrders, makeVip, orderRow, type Member, type OrderRow, type Store } from './fixtures.ts';

let store: Store;
let member: Member;

beforeEach(async () => {
  store = await createStore({ label: 'import' });
  member = await addMember(store);
});

const orderCount = async () =>
  (await sql<{ n: number }>('select count(*)::int as n from public.orders where store_id = $1', [store.id]))[0]!.n;
const importAsStaff = (rows: unknown) => store.owner.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows });

describe('idempotency', () => {
  it('re-importing the same batch changes nothing; a changed status updates', async () => {
    const batch = [orderRow(member, { external_ref: 'A' }), orderRow(member, { external_ref: 'B', placed_at: daysAgo(10) })];
    expect(await importOrders(store, batch)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const before = await sql('select id, updated_at from public.orders where store_id = $1 order by external_ref', [store.id]);

    expect(await importOrders(store, batch)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await sql('select id, updated_at from public.orders where store_id = $1 order by external_ref', [store.id])).toEqual(before);

    expect(await importOrders(store, [{ ...batch[1]!, status: 'refunded' }, orderRow(member, { external_ref: 'C' })]))
      .toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await sql('select external_ref, status from public.orders where store_id = $1 order by external_ref', [store.id]))
      .toEqual([{ external_ref: 'A', status: 'paid' }, { external_ref: 'B', status: 'refunded' }, { external_ref: 'C', status: 'paid' }]);
  });

  it('records a delivery date sent later without counting it as a change otherwise', async () => {
    const row = orderRow(member, { external_ref: 'D', placed_at: daysAgo(5) });
    await importOrders(store, [row]);
    const delivered = daysAgo(1);
    expect(await importOrders(store, [{ ...row, delivered_at: delivered }])).toMatchObject({ updated: 1 });
    expect(await importOrders(store, [row])).toMatchObject({ unchanged: 1 });
    const [order] = await sql<{ delivered_at: Date }>('select delivered_at from public.orders where external_ref = $1 and store_id = $2', ['D', store.id]);
    expect(order!.delivered_at.toISOString()).toBe(delivered);
  });
});

describe('dates', () => {
  it('takes a day alone as noon UTC, the same day on every clock from UTC-11 to UTC+11, and keeps a time as given', async () => {
    await importOrders(store, [
      orderRow(member, { external_ref: 'DAY', placed_at: '2026-03-01', delivered_at: '2026-03-05' }),
      orderRow(member, { external_ref: 'TIME', placed_at: '2026-03-01T23:30:00-06:00' }),
    ]);
    expect(await sql(`select external_ref, placed_at, delivered_at from public.orders where store_id = $1 order by external_ref`, [store.id])).toEqual([
      { external_ref: 'DAY', placed_at: new Date('2026-03-01T12:00:00Z'), delivered_at: new Date('2026-03-05T12:00:00Z') },
      { external_ref: 'TIME', placed_at: new Date('2026-03-02T05:30:00Z'), delivered_at: null },
    ]);
  });

  // The clock is private.latest_order_day's argument: now() cannot be set, and the old rule failed only two hours a day.
  const latestDay = async (now: string) =>
    (await sql<{ day: string }>(`select private.latest_order_day($1)::text as day`, [now]))[0]!.day;

  it('takes a day alone from its first minute at UTC+14 and until its end at UTC-12', async () => {
    // 00:00 on 2 March at UTC+14: 2 March has begun (refused till 02:00 there, read as its noon UTC a day ahead); a second before, not.
    expect(await latestDay('2026-03-01T10:00:00Z')).toBe('2026-03-02');
    expect(await latestDay('2026-03-01T09:59:59Z')).toBe('2026-03-01');
    // 23:59 on 1 March at UTC-12: its own day and the next two, begun at UTC+14 (01:59 on 3 March).
    expect(await latestDay('2026-03-02T11:59:00Z')).toBe('2026-03-03');
  });

  it('imports today at UTC+14, placed and delivered, and refuses the day after, which has begun nowhere', async () => {
    const [{ today, tomorrow }] = await sql<{ today: string; tomorrow: string }>(
      `select to_char(now() at time zone '+14:00'::interval, 'YYYY-MM-DD') as today,
              to_char(now() at time zone '+14:00'::interval + interval '1 day', 'YYYY-MM-DD') as tomorrow`) as [{ today: string; tomorrow: string }];
    expect(await importOrders(store, [orderRow(member, { external_ref: 'KIRIBATI', placed_at: today, delivered_at: today })])).toMatchObject({ inserted: 1 });
    expectError(await importAsStaff([orderRow(member, { placed_at: tomorrow })]), '22023', 'Row 1: placed_at must be at most a day ahead');
    expectError(await importAsStaff([orderRow(member, { placed_at: today, delivered_at: tomorrow })]), '22023', 'Row 1: delivered_at must be at most a day ahead');
    expect(await orderCount()).toBe(1);
  });
});

describe('all-or-nothing', () => {
  it('a bad row 3 leaves no rows, and the error names the row, field and reason', async () => {
    const rows = [orderRow(member), orderRow(member), orderRow(member, { amount: -5 }), orderRow(member)];
    const error = expectError(await importAsStaff(rows), '22023', 'Row 3: amount must be a positive number');
    expect(JSON.parse(error.details!)).toEqual({ row: 3, field: 'amount', reason: 'must be a positive number' });
    expect(await orderCount()).toBe(0);
    expect(await sql('select 1 from public.tier_changes where member_id = $1 and reason <> $2', [member.id, 'join'])).toEqual([]);
  });

  const bad: [string, OrderRow | string, string][] = [
    ['no reference', { external_ref: ' ' }, 'Row 2: external_ref is required (1-100 characters)'],
    ['no buyer', { member_id: undefined }, 'Row 2: member_id or email is required'],
    ['unknown member id', { member_id: crypto.randomUUID() }, 'Row 2: member_id is not a member of this store'],
    ['malformed member id', { member_id: 'abc' }, 'Row 2: member_id is not a member of this store'],
    ['unknown email', { member_id: undefined, email: 'nobody@example.test' }, 'Row 2: email matches no member contact of this store'],
    ['amount as text', { amount: '100' as unknown as number }, 'Row 2: amount must be a positive number'],
    ['amount with 3 decimals', { amount: 1.005 }, 'Row 2: amount must have at most 2 decimals and 12 digits'],
    ['bad currency', { currency: 'usd' }, 'Row 2: currency must be a three-letter ISO 4217 code such as USD'],
    ['bad currency with a rate', { currency: 'usd ', exchange_rate: 1.1 }, 'Row 2: currency must be a three-letter ISO 4217 code such as USD'],
    ['unknown currency with a rate', { currency: 'XYZ', exchange_rate: 1.1 }, 'Row 2: currency XYZ is not an ISO 4217 currency in use'],
    ['withdrawn currency with a rate', { currency: 'HRK', exchange_rate: 0.13 }, 'Row 2: currency HRK is not an ISO 4217 currency in use'],
    ['fund code with a rate', { currency: 'CLF', exchange_rate: 45 }, 'Row 2: currency CLF is not an ISO 4217 currency in use'],
    ['foreign currency without rate', { currency: 'EUR' }, 'Row 2: exchange_rate is required for EUR (store currency USD)'],
    ['base currency with a rate', { exchange_rate: 1.2 }, 'Row 2: exchange_rate must be 1 for the store currency USD'],
    ['zero rate', { currency: 'EUR', exchange_rate: 0 }, 'Row 2: exchange_rate must be a positive number'],
    ['unparseable date', { placed_at: 'yesterday-ish' }, 'Row 2: placed_at must be a date or timestamp such as 2026-03-01T10:00:00Z'],
    ['future date', { placed_at: new Date(Date.now() + 3 * 86_400_000).toISOString() }, 'Row 2: placed_at must be at most a day ahead'],
    ['unknown status', { status: 'shipped' as 'paid' }, 'Row 2: status must be one of paid, partially_refunded, refunded, cancelled'],
    ['delivery before order', { placed_at: daysAgo(2), delivered_at: daysAgo(3) }, 'Row 2: delivered_at must be a timestamp no earlier than placed_at'],
    ['not an object', 'ORD-1', 'Row 2: must be an object'],
  ];
  it.each(bad)('%s is refused and nothing is written', async (_name, fields, message) => {
    const second = typeof fields === 'string' ? fields : orderRow(member, fields);
    expectError(await importAsStaff([orderRow(member), second]), '22023', message);
    expect(await orderCount()).toBe(0);
  });

  it('a reference repeated within a batch names both rows', async () => {
    expectError(await importAsStaff([orderRow(member, { external_ref: 'X' }), orderRow(member), orderRow(member, { external_ref: 'X' })]),
      '22023', 'Row 3: external_ref repeats row 1 of this batch');
    expect(await orderCount()).toBe(0);
  });

  it('an order cannot move to another buyer', async () => {
    const other = await addMember(store);
    await importOrders(store, [orderRow(member, { external_ref: 'OWNED' })]);
    expectError(await importAsStaff([orderRow(other, { external_ref: 'OWNED' })]), '22023', "Row 1: external_ref already belongs to another member's order");
  });

  it('a new reference another import gives another buyer while this one waits on its buyer is refused, that order untouched', async () => {
    const other = await addMember(store);
    const blocker = await holdLocks('select 1 from public.members where id = $1 for update', [other.id]);
    let answer: Promise<Awaited<ReturnType<typeof importAsStaff>>> | undefined;
    try {
      // Checked before the lock, when no order has the reference; then waits on its buyer.
      answer = Promise.resolve(importAsStaff([orderRow(other, { external_ref: 'RACED', amount: 500, status: 'refunded' })]));
      await untilWaiting(blocker.pid, 1);
      await blocker.run(`select set_config('request.jwt.claims', '{"role": "service_role"}', true)`);
      await blocker.run('select private.import_orders($1, $2::jsonb, false)', [store.id, JSON.stringify([orderRow(member, { external_ref: 'RACED', amount: 100 })])]);
      await blocker.commit();
    } catch (error) {
      await blocker.release();
      throw error;
    }
    // Before: the upsert wrote this row's amount and status over the first buyer's order.
    const refused = expectError(await answer, '22023', "Row 1: external_ref already belongs to another member's order");
    expect(JSON.parse(refused.details!)).toEqual({ row: 1, field: 'external_ref', reason: "already belongs to another member's order" });
    expect(await sql('select member_id, amount::float, status from public.orders where store_id = $1', [store.id]))
      .toEqual([{ member_id: member.id, amount: 100, status: 'paid' }]);
  });

  it('refuses an empty or non-array batch', async () => {
    expectError(await importAsStaff([]), '22023', 'rows must be a non-empty array of orders');
    expectError(await importAsStaff({ external_ref: 'A' }), '22023', 'rows must be a non-empty array of orders');
  });
});

describe('matching buyers and currencies', () => {
  it('matches a buyer by a contact\'s login email, case-insensitively, and keeps who placed it', async () => {
    await importOrders(store, [orderRow(member, { member_id: undefined, email: member.user.email.toUpperCase() })]);
    expect(await sql('select member_id, contact_id from public.orders where store_id = $1', [store.id]))
      .toEqual([{ member_id: member.id, contact_id: member.contactId }]);
  });

  it('does not match a member of another store', async () => {
    const elsewhere = await addMember(await createStore({ label: 'import-other' }));
    expectError(await importAsStaff([orderRow(elsewhere)]), '22023', 'Row 1: member_id is not a member of this store');
    expectError(await importAsStaff([orderRow(elsewhere, { member_id: undefined, email: elsewhere.user.email })]), '22023', 'Row 1: email matches no member contact of this store');
  });

  it('converts into the store currency with the row\'s exchange rate', async () => {
    await importOrders(store, [orderRow(member, { amount: 1000, currency: 'CNY', exchange_rate: 0.1389 })]);
    const [order] = await sql<{ amount_base: string }>('select amount_base from public.orders where store_id = $1', [store.id]);
    expect(order!.amount_base).toBe('138.90');
  });

  it('names an unknown currency\'s row and field in the details, before its missing rate', async () => {
    const error = expectError(await importAsStaff([orderRow(member), orderRow(member), orderRow(member, { currency: 'XYZ' })]),
      '22023', 'Row 3: currency XYZ is not an ISO 4217 currency in use');
    expect(JSON.parse(error.details!)).toEqual({ row: 3, field: 'currency', reason: 'XYZ is not an ISO 4217 currency in use' });
    expect(await orderCount()).toBe(0);
  });

  it('takes a store\'s own currency, even one since withdrawn', async () => {
    const kuna = await createStoreInWithdrawnCurrency('import-hrk');
    const buyer = await addMember(kuna);
    expect(await importOrders(kuna, [orderRow(buyer, { currency: 'HRK' }), orderRow(buyer, { currency: 'EUR', exchange_rate: 7.5345 })]))
      .toEqual({ inserted: 2, updated: 0, unchanged: 0 });
  });

  it('knows the currencies the console\'s file check knows (src/lib/iso-currencies.ts)', async () => {
    const codes = await sql<{ code: string }>('select code from private.iso_currencies order by code');
    expect(codes.map((c) => c.code)).toEqual([...isoCurrencies].sort());
  });

  it('the service role imports for any store; it is the merchant back end\'s path', async () => {
    const { data, error } = await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [orderRow(member)] });
    expect(error).toBeNull();
    expect(data).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });
});

describe('tier and payment instant stamped once per batch', () => {
  // orders_stamp_tier and orders_stamp_paid_at cost a call each per row (bench/README.md, round
  // 28): the import writes what they would, and they stay for every other writer.
  it('gives its rows the tier held when placed and the payment instant without the row triggers, as a write outside it gets them', async () => {
    const vip = await addMember(store);
    await makeVip(store, vip);
    const tierRank = new Map(store.tiers.map((t) => [t.id, t.rank]));
    const first = [
      orderRow(member, { external_ref: 'S-NOW' }),
      orderRow(vip, { external_ref: 'S-VIP' }),
      orderRow(vip, { external_ref: 'S-OLD', placed_at: daysAgo(400) }),
      orderRow(member, { external_ref: 'S-LATER', status: 'cancelled' }),
      orderRow(member, { external_ref: 'S-REFUNDED', status: 'refunded' }),
    ];
    // Paid at last, and the VIP's order moved before it joined.
    const second = [{ ...first[3]!, status: 'paid' }, { ...first[1]!, placed_at: daysAgo(400) }];
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`set local track_functions = 'all'`);
      await client.query(`select set_config('request.jwt.claims', '{"role": "service_role"}', true)`);
      await client.query('set local role service_role');
      for (const rows of [first, second]) await client.query('select public.import_orders($1, $2::jsonb)', [store.id, JSON.stringify(rows)]);
      await client.query('reset role');
      const calls = async () => (await client.query<{ tier: number; paid: number }>(`
        select coalesce(pg_stat_get_xact_function_calls('private.stamp_order_tier'::regproc), 0)::int as tier,
               coalesce(pg_stat_get_xact_function_calls('private.stamp_order_paid_at'::regproc), 0)::int as paid`)).rows[0];
      const imported = await calls();
      // Written outside the import: the triggers stamp it.
      await client.query(`
        insert into public.orders (store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status)
        values ($1, $2, 'S-DIRECT', 10, 'USD', 1, now() - interval '400 days', 'paid')`, [store.id, vip.id]);
      const direct = await calls();
      const { rows: orders } = await client.query<{ ref: string; tier_id: string | null; held: boolean; paid: boolean | null }>(`
        select o.external_ref as ref, o.tier_id,
          o.tier_id is not distinct from private.tier_at(o.store_id, o.member_id, o.placed_at) as held,
          o.paid_at = private.payment_instant() as paid
        from public.orders o where o.store_id = $1 and o.external_ref like 'S-%' order by o.external_ref`, [store.id]);
      await client.query('rollback');

      expect(imported).toEqual({ tier: 0, paid: 0 });
      expect(direct).toEqual({ tier: 1, paid: 1 });
      expect(orders.map((o) => [o.ref, o.tier_id === null ? null : tierRank.get(o.tier_id), o.held, o.paid])).toEqual([
        ['S-DIRECT', null, true, true],
        ['S-LATER', 0, true, true],
        ['S-NOW', 0, true, true],
        ['S-OLD', null, true, true],
        ['S-REFUNDED', 0, true, null],
        ['S-VIP', null, true, true],
      ]);
    } finally {
      await client.end();
    }
  });
});

describe('one write per buyer', () => {
  // Every write of a member row re-runs the members' CHECK functions and, once the row is the
  // transaction's own, its foreign-key checks: a batch that moves a buyer's tier and earns it
  // points and rebate still writes that buyer's row once (bench/README.md, round 3).
  it('writes each buyer\'s row once per import, tier and balances together, equal to the ledgers', async () => {
    const vip = await addMember(store);
    await makeVip(store, vip);
    const rows = [orderRow(member, { amount: 40 }), orderRow(member, { amount: 60 }), orderRow(vip), orderRow(vip, { status: 'refunded' })];
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`set local track_functions = 'all'`);
      await client.query(`select set_config('request.jwt.claims', '{"role": "service_role"}', true)`);
      await client.query('set local role service_role');
      await client.query('select public.import_orders($1, $2::jsonb)', [store.id, JSON.stringify(rows)]);
      await client.query('reset role');
      // This transaction's own counts: the import's writes of members rows.
      const { rows: [writes] } = await client.query<{ n: number }>(
        `select n_tup_upd::int as n from pg_stat_xact_user_tables where relid = 'public.members'::regclass`);
      // And the members' CHECK functions it ran for them: none for the values the buyers left
      // empty (no web site, purchase volume or categories; migration 20261214000610).
      const { rows: checks } = await client.query<{ fn: string; n: number }>(`
        select f as fn, coalesce(pg_stat_get_xact_function_calls(('private.' || f)::regproc), 0)::int as n
        from unnest(array['is_web_url', 'is_purchase_volume', 'are_product_categories']) f order by f`);
      const { rows: [empty] } = await client.query<{ n: number }>(`
        select count(*)::int as n from public.members m
        where m.id = any ($1) and m.website is null and m.purchase_volume is null and m.product_categories = '{}'`, [[member.id, vip.id]]);
      const { rows: buyers } = await client.query<{ id: string; rank: number; points: boolean; rebate: boolean }>(`
        select m.id, t.rank,
          m.points_balance = (select sum(l.delta) from public.points_ledger l where l.member_id = m.id) as points,
          m.rebate_balance = (select coalesce(sum(r.delta), 0) from public.rebate_ledger r where r.member_id = m.id) as rebate
        from public.members m join public.tiers t on t.id = m.tier_id where m.id = any ($1) order by t.rank`, [[member.id, vip.id]]);
      const { rows: credits } = await client.query<{ member_id: string; ledger: string; n: number }>(`
        select l.member_id, 'points' as ledger, count(*)::int as n from public.points_ledger l
        where l.member_id = any ($1) and l.reason = 'order' and l.order_id in (select o.id from public.orders o where o.external_ref = any ($2))
        group by 1 union all
        select r.member_id, 'rebate', count(*)::int from public.rebate_ledger r
        where r.member_id = any ($1) and r.reason = 'order' and r.order_id in (select o.id from public.orders o where o.external_ref = any ($2))
        group by 1 order by 2, 3`, [[member.id, vip.id], rows.map((r) => r.external_ref)]);
      await client.query('rollback');

      expect(buyers).toEqual([
        { id: member.id, rank: 1, points: true, rebate: true },
        { id: vip.id, rank: 2, points: true, rebate: true },
      ]);
      // Both paid orders earned points, the VIP's paid order a rebate; the refunded one nothing.
      expect(credits.map((c) => [c.member_id === vip.id ? 'vip' : 'senior', c.ledger, c.n]))
        .toEqual([['vip', 'points', 1], ['senior', 'points', 2], ['vip', 'rebate', 1]]);
      expect(writes!.n).toBe(2);
      expect(empty!.n).toBe(2);
      expect(checks).toEqual([
        { fn: 'are_product_categories', n: 0 }, { fn: 'is_purchase_volume', n: 0 }, { fn: 'is_web_url', n: 0 },
      ]);
    } finally {
      await client.end();
    }
  });
});
