/**
 * What the console's operations screens read and write beyond the engine's RPCs (migration
 * 20261203000400): member search, sample quota use beside the queue, coupon and reward use, and
 * the staff's rebate credit, and its correction (20261207000300) with the checks of a coupon's
 * use on an imported order. By actor: the store's staff succeed; another store's staff, the
 * store's own members and anonymous callers are refused (or answered like a missing row) and
 * nothing changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, pastTriggers, serviceClient, sql } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, refusalOf, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let otherStaff: Actor;
let acme: Member;
let zenith: Member;
let stranger: Member;

interface Listed { member_id: string; company_name: string; total: number; tier_rank: number; stage: string; matched_contact_name: string | null; matched_contact_email: string | null }

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'console-ops' }), createStore({ label: 'console-ops-other' })]);
  [staff, otherStaff] = await Promise.all([addStaff(store), addStaff(other)]);
  [acme, zenith, stranger] = await Promise.all([
    addMember(store, 'Acme 100%_Hair GmbH'),
    addMember(store, 'Zenith Salon Supply'),
    addMember(other, 'Acme Elsewhere Ltd'),
  ]);
  // A contact name to find Zenith by.
  await sql(`update public.member_contacts set full_name = 'Priya Raman' where id = $1`, [zenith.contactId]);
  // Numbers to find them by, written on their own cards as buyers write them.
  await Promise.all([
    zenith.client.from('member_contacts').update({ phone: '+86 139 1234 5678' }).eq('id', zenith.contactId).then(ok),
    // Acme's WhatsApp as saved before it needed + and its country code (20261226000200): such numbers stay, and are found.
    pastTriggers('update public.member_contacts set whatsapp = $2 where id = $1', [acme.contactId, '0049 (151) 234-5678']),
    stranger.client.from('member_contacts').update({ phone: '+1 415 555 0199' }).eq('id', stranger.contactId).then(ok),
  ]);
  await importOrders(store, [orderRow(zenith, { amount: 250 })]);
});

const search = (client = staff.client, args: Record<string, unknown> = {}) =>
  client.rpc('staff_member_search', { p_store_id: store.id, p_search: 'acme', ...args });

describe('staff_member_search', () => {
  it('finds companies by name, by a contact\'s name or card e-mail, case-insensitively, only at the store', async () => {
    const byName = ok(await search()) as Listed[];
    expect(byName.map((r) => r.company_name)).toEqual(['Acme 100%_Hair GmbH']);
    expect(byName[0]!.total).toBe(1);

    const byContact = ok(await search(staff.client, { p_search: 'PRIYA' })) as Listed[];
    expect(byContact.map((r) => r.member_id)).toEqual([zenith.id]);
    // Zenith's order made it senior and a buyer: the same columns staff_members gives.
    expect(byContact[0]).toMatchObject({ tier_rank: 1, stage: 'purchasing', total: 1 });

    const [card] = await sql<{ email: string }>('select email from public.member_contacts where id = $1', [acme.contactId]);
    expect((ok(await search(staff.client, { p_search: card!.email.slice(0, 12) })) as Listed[]).map((r) => r.member_id)).toEqual([acme.id]);
  });

  it('takes % and _ literally, and combines the search with staff_members\' filters and paging', async () => {
    expect((ok(await search(staff.client, { p_search: '100%_h' })) as Listed[]).map((r) => r.member_id)).toEqual([acme.id]);
    expect(ok(await search(staff.client, { p_search: '_%' })) as Listed[]).toEqual([]);
    expect(ok(await search(staff.client, { p_search: 'a', p_tier_id: store.tiers[1]!.id })) as Listed[]).toHaveLength(1);
    const paged = ok(await search(staff.client, { p_search: 's', p_limit: 1, p_offset: 1 })) as Listed[];
    expect(paged).toHaveLength(1);
    expect(paged[0]!.total).toBe(2);
  });

  it('finds a contact by phone or WhatsApp number, digits only: however spaced, with + or 00, or without the country code', async () => {
    const found = async (p_search: string, client = staff.client, p_store_id = store.id) =>
      (ok(await search(client, { p_search, p_store_id })) as Listed[]).map((r) => r.member_id);
    for (const typed of ['+86 139 1234 5678', '13912345678', '139 1234 5678', '0086-139-1234-5678', '(139) 1234-5678']) {
      expect(await found(typed), typed).toEqual([zenith.id]);
    }
    // Stored as 0049 (151) 234-5678 on WhatsApp; typed with + or with the national trunk 0.
    for (const typed of ['+49 151 2345678', '0151 2345678']) expect(await found(typed), typed).toEqual([acme.id]);
    // Fewer than 6 digits would match too many numbers: only names and e-mails are searched.
    expect(await found('+86 139')).toEqual([]);
    // Another store's contact is found at that store only.
    expect(await found('+1 415 555 0199')).toEqual([]);
    expect(await found('415-555-0199', otherStaff.client, other.id)).toEqual([stranger.id]);
  });

  it('says which contact matched when a contact did, and none when the company\'s name did', async () => {
    const matched = async (p_search: string) =>
      (ok(await search(staff.client, { p_search })) as Listed[]).map((r) => [r.member_id, r.matched_contact_name, r.matched_contact_email]);
    const [priya, acmeCard] = await sql<{ full_name: string; email: string }>(
      'select full_name, email from public.member_contacts where id = any($1) order by full_name <> \'Priya Raman\'', [[zenith.contactId, acme.contactId]]);
    expect(await matched('raman')).toEqual([[zenith.id, 'Priya Raman', priya!.email]]);
    expect(await matched(acmeCard!.email.slice(0, 12))).toEqual([[acme.id, acmeCard!.full_name, acmeCard!.email]]);
    // By number: the contact whose card holds it.
    expect(await matched('139 1234 5678')).toEqual([[zenith.id, 'Priya Raman', priya!.email]]);
    // "a" is in both companies' names and in Priya Raman: the name says why, no contact is named.
    expect((await matched('a')).map(([, name, email]) => [name, email])).toEqual([[null, null], [null, null]]);
    expect(await matched('zenith')).toEqual([[zenith.id, null, null]]);
  });

  it('names the first of several matching contacts by name, whatever their case', async () => {
    const [zed, anna] = await Promise.all([addColleague(zenith), addColleague(zenith)]);
    await sql(`update public.member_contacts set full_name = case id when $1 then 'Zed Chen' else 'anna chen' end where id in ($1, $2)`, [zed.contactId, anna.contactId]);
    const [found] = ok(await search(staff.client, { p_search: 'chen' })) as Listed[];
    // By code point (C.UTF-8) "Zed Chen" came first.
    expect([found!.member_id, found!.matched_contact_name]).toEqual([zenith.id, 'anna chen']);
  });

  it('reads runs of spaces in the search as one', async () => {
    for (const typed of ['Priya  Raman', '\u3000priya \u00a0RAMAN ']) {
      expect((ok(await search(staff.client, { p_search: typed })) as Listed[]).map((r) => r.member_id), typed).toEqual([zenith.id]);
    }
  });

  it('refuses other callers and bad input', async () => {
    expectError(await search(otherStaff.client), '42501', 'Only this store\'s staff may do this');
    expectError(await search(acme.client), '42501');
    expectError(await search(anonClient()), '42501');
    expectError(await search(staff.client, { p_search: '   ' }), '22023', /^search is required/);
    expectError(await search(staff.client, { p_search: '\u3000 \u00a0' }), '22023', /^search is required/);
    expectError(await search(staff.client, { p_search: 'x'.repeat(101) }), '22023', /^search must be at most 100 characters/);
    expectError(await search(staff.client, { p_stage: 'bored' }), '22023', /^stage must be one of/);
  });
});

describe('sample_quota_use', () => {
  it('gives each listed company its claims in the period and its effective tier\'s quota; other stores\' companies are left out', async () => {
    const product = await addProduct(store);
    ok(await acme.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
    const rows = ok(await staff.client.rpc('sample_quota_use', { p_store_id: store.id, p_member_ids: [acme.id, zenith.id, stranger.id] })) as
      { member_id: string; used: number; quota: number | null }[];
    const byId = Object.fromEntries(rows.map((r) => [r.member_id, r]));
    expect(Object.keys(byId).sort()).toEqual([acme.id, zenith.id].sort());
    expect(byId[acme.id]).toMatchObject({ used: 1, quota: store.tiers[0]!.sample_quota });
    expect(byId[zenith.id]).toMatchObject({ used: 0, quota: store.tiers[1]!.sample_quota });
  });

  it('answers only the store\'s staff', async () => {
    expectError(await otherStaff.client.rpc('sample_quota_use', { p_store_id: store.id, p_member_ids: [acme.id] }), '42501');
    expectError(await acme.client.rpc('sample_quota_use', { p_store_id: store.id, p_member_ids: [acme.id] }), '42501');
    expectError(await anonClient().rpc('sample_quota_use', { p_store_id: store.id, p_member_ids: [acme.id] }), '42501');
    expectError(await staff.client.rpc('sample_quota_use', { p_store_id: store.id, p_member_ids: Array(501).fill(acme.id) }), '22023', /^member_ids must hold at most 500/);
  });
});

describe('coupon_usage and reward_usage', () => {
  it('count copies held, used, given as gift pack or reward, and redemptions', async () => {
    const coupon = ok(await serviceClient().from('coupons').insert({
      store_id: store.id, code: 'THANKS-5', description: { en: 'Five off' }, kind: 'amount', value: 5, currency: 'USD', claimable: true,
    }).select('id').single()) as { id: string };
    const reward = ok(await serviceClient().from('rewards').insert({ store_id: store.id, name: { en: 'Voucher' }, points_cost: 10, coupon_id: coupon.id })
      .select('id').single()) as { id: string };
    ok(await staff.client.rpc('adjust_points', { p_member_id: zenith.id, p_delta: 50, p_note: 'Welcome' }));
    ok(await zenith.client.rpc('redeem_reward', { p_reward_id: reward.id }));
    const held = ok(await acme.client.rpc('claim_coupon', { p_coupon_id: coupon.id })) as { id: string };
    ok(await staff.client.rpc('record_coupon_use', { p_member_coupon_id: held.id, p_order_ref: 'PO-1' }));

    expect(ok(await staff.client.rpc('coupon_usage', { p_store_id: store.id }))).toEqual([
      { coupon_id: coupon.id, claimed: 2, used: 1, gift_pack: 0, reward: 1 },
    ]);
    expect(ok(await staff.client.rpc('reward_usage', { p_store_id: store.id }))).toEqual([
      { reward_id: reward.id, redeemed: 1, points_spent: 10 },
    ]);
    for (const fn of ['coupon_usage', 'reward_usage']) {
      expectError(await otherStaff.client.rpc(fn, { p_store_id: store.id }), '42501');
      expectError(await zenith.client.rpc(fn, { p_store_id: store.id }), '42501');
      expectError(await anonClient().rpc(fn, { p_store_id: store.id }), '42501');
    }
  });
});

describe('credit_rebate', () => {
  const wallet = async (memberId: string) =>
    (await sql<{ balance: string; rows: number }>(
      `select m.rebate_balance::text as balance, (select count(*)::int from public.rebate_ledger r where r.member_id = m.id) as rows
       from public.members m where m.id = $1`, [memberId]))[0]!;

  it('credits the wallet in the base currency with the staff\'s note, as a ledger row the member reads', async () => {
    expect(ok(await staff.client.rpc('credit_rebate', { p_member_id: acme.id, p_amount: 12.5, p_note: '  Late delivery  ' }))).toBe(12.5);
    const rows = ok(await acme.client.from('rebate_ledger').select('delta, currency, reason, note, created_by, order_id')) as unknown[];
    expect(rows).toEqual([{ delta: 12.5, currency: 'USD', reason: 'credit', note: 'Late delivery', created_by: staff.user.id, order_id: null }]);
    // The credit is spendable like any rebate.
    expect(ok(await staff.client.rpc('apply_rebate', { p_member_id: acme.id, p_amount: 2.5, p_order_ref: 'PO-2' }))).toBe(10);
  });

  it('refuses bad input, other callers and rows the caller cannot read, changing nothing', async () => {
    const before = await wallet(acme.id);
    const credit = (client = staff.client, args: Record<string, unknown> = {}) =>
      client.rpc('credit_rebate', { p_member_id: acme.id, p_amount: 5, p_note: 'Goodwill', ...args });
    expect(JSON.parse(expectError(await credit(staff.client, { p_amount: 0 }), '22023').details!)).toMatchObject({ field: 'amount' });
    expectError(await credit(staff.client, { p_amount: 1.234 }), '22023', /^amount /);
    expectError(await credit(staff.client, { p_amount: 'NaN' }), '22023', /^amount /);
    expect(JSON.parse(expectError(await credit(staff.client, { p_note: ' ' }), '22023', /^note is required/).details!)).toMatchObject({ field: 'note' });
    expectError(await credit(acme.client), '42501', 'member_id is not a member of a store you staff');
    expectError(await credit(anonClient()), '42501');
    // Another store's staff: exactly as for a company that does not exist.
    expect(refusalOf(await credit(otherStaff.client))).toEqual(
      refusalOf(await credit(otherStaff.client, { p_member_id: crypto.randomUUID() })));
    expectError(await credit(otherStaff.client), 'PT404', 'member_id matches no member');
    expect(await wallet(acme.id)).toEqual(before);
  });

  it('keeps the wallet below the column\'s limit', async () => {
    ok(await staff.client.rpc('credit_rebate', { p_member_id: zenith.id, p_amount: 1, p_note: 'Goodwill' }));
    expectError(await staff.client.rpc('credit_rebate', { p_member_id: zenith.id, p_amount: 999999999999.99, p_note: 'x' }), 'P0001', /^amount would take the rebate balance/);
  });
});

describe('correct_rebate_credit', () => {
  const balance = async (member: Member) =>
    (await sql<{ balance: string }>('select rebate_balance::text as balance from public.members where id = $1', [member.id]))[0]!.balance;
  const creditOf = async (member: Member, amount: number, note = 'Goodwill') => {
    ok(await staff.client.rpc('credit_rebate', { p_member_id: member.id, p_amount: amount, p_note: note }));
    return (await sql<{ id: number }>(`select id::int from public.rebate_ledger where member_id = $1 and reason = 'credit' order by id desc limit 1`, [member.id]))[0]!.id;
  };
  const correct = (credit: number, amount: number, client = staff.client, note = 'Typed 500 for 50') =>
    client.rpc('correct_rebate_credit', { p_credit_id: credit, p_amount: amount, p_note: note });

  it('takes back part of a mistaken credit, then the rest, never more: the member reads each with its note', async () => {
    const buyer = await addMember(store);
    const credit = await creditOf(buyer, 500, 'Late delivery');
    expect(ok(await correct(credit, 450))).toBe(50);
    expectError(await correct(credit, 50.01), 'P0001', 'amount exceeds the 50.00 USD left of this credit');
    expect(ok(await correct(credit, 50, staff.client, 'Nothing was owed'))).toBe(0);
    expectError(await correct(credit, 1), 'P0001', 'credit was already taken back in full');
    // The buyer's wallet: the credit, then each correction naming it, signed and with the note.
    expect(ok(await buyer.client.from('rebate_ledger').select('delta, reason, note, corrects_id, created_by').order('id'))).toEqual([
      { delta: 500, reason: 'credit', note: 'Late delivery', corrects_id: null, created_by: staff.user.id },
      { delta: -450, reason: 'correction', note: 'Typed 500 for 50', corrects_id: credit, created_by: staff.user.id },
      { delta: -50, reason: 'correction', note: 'Nothing was owed', corrects_id: credit, created_by: staff.user.id },
    ]);
    expect(await balance(buyer)).toBe('0.00');
  });

  it('takes back at most the balance: rebate already used on an order stays used', async () => {
    const buyer = await addMember(store);
    const credit = await creditOf(buyer, 100);
    ok(await staff.client.rpc('apply_rebate', { p_member_id: buyer.id, p_amount: 80, p_order_ref: 'NEXT-1' }));
    expectError(await correct(credit, 100), 'P0001', 'amount exceeds the rebate balance of 20.00 USD');
    expect(ok(await correct(credit, 20))).toBe(0);
  });

  it('lets two corrections at once take what is left only once', async () => {
    const buyer = await addMember(store);
    const credit = await creditOf(buyer, 30);
    const results = await Promise.all([correct(credit, 30), correct(credit, 30)]);
    expect(results.map((r) => r.error?.code ?? 'ok').sort()).toEqual(['P0001', 'ok']);
    expect(await balance(buyer)).toBe('0.00');
  });

  it('refuses an order\'s rebate, bad input, the member, anon and another store\'s staff, changing nothing', async () => {
    const buyer = await addMember(store);
    const credit = await creditOf(buyer, 10);
    await makeVip(store, buyer);
    const [orderRebate] = await sql<{ id: number }>(`select id::int from public.rebate_ledger where member_id = $1 and reason = 'order' limit 1`, [buyer.id]);
    const before = await balance(buyer);
    // An order's rebate is taken back by its refund, not by hand: as unknown as a missing row.
    expectError(await correct(orderRebate!.id, 1), 'PT404', 'credit_id matches no rebate credit');
    expect(JSON.parse(expectError(await correct(credit, 0), '22023', /^amount /).details!)).toMatchObject({ field: 'amount' });
    expectError(await correct(credit, 1.234), '22023', /^amount /);
    expectError(await staff.client.rpc('correct_rebate_credit', { p_credit_id: credit, p_amount: 'NaN', p_note: 'x' }), '22023', /^amount /);
    expect(JSON.parse(expectError(await correct(credit, 1, staff.client, '  '), '22023', /^note is required/).details!)).toMatchObject({ field: 'note' });
    expectError(await correct(credit, 1, buyer.client), '42501', 'Only this store\'s staff may do this');
    expectError(await correct(credit, 1, anonClient()), '42501');
    expect(refusalOf(await correct(credit, 1, otherStaff.client))).toEqual(refusalOf(await correct(2_000_000_000, 1, otherStaff.client)));
    expectError(await correct(credit, 1, otherStaff.client), 'PT404', 'credit_id matches no rebate credit');
    // Another company's contact at the store cannot read the credit either.
    expectError(await correct(credit, 1, zenith.client), 'PT404', 'credit_id matches no rebate credit');
    expect(await balance(buyer)).toBe(before);
    expect(await sql(`select count(*)::int as n from public.rebate_ledger where member_id = $1 and reason = 'correction'`, [buyer.id])).toEqual([{ n: 0 }]);
  });

  it('keeps a correction naming its credit, and nothing else naming one', async () => {
    const buyer = await addMember(store);
    const credit = await creditOf(buyer, 5);
    expect(await sql(`insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, note)
      values ($1, $2, -1, 'USD', 'correction', 'No credit named') returning id`, [store.id, buyer.id]).catch((error: Error) => error.message))
      .toMatch(/rebate_ledger_correction_names_credit/);
    expect(await sql(`insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, corrects_id)
      values ($1, $2, -1, 'USD', 'applied', 'NEXT-2', $3) returning id`, [store.id, buyer.id, credit]).catch((error: Error) => error.message))
      .toMatch(/rebate_ledger_correction_names_credit/);
  });
});

describe('record_coupon_use on an imported order', () => {
  let coupon: string;
  beforeAll(async () => {
    coupon = (ok(await serviceClient().from('coupons').insert({
      store_id: store.id, code: 'WELCOME-10', description: { en: 'Ten off' }, kind: 'percent', value: 10, claimable: true, per_member_limit: 10,
    }).select('id').single()) as { id: string }).id;
  });
  const held = async (member: Member) => (ok(await member.client.rpc('claim_coupon', { p_coupon_id: coupon })) as { id: string }).id;
  const use = (copy: string, ref: string) => staff.client.rpc('record_coupon_use', { p_member_coupon_id: copy, p_order_ref: ref });
  const used = async (copy: string) => (await sql<{ ref: string | null }>('select used_order_ref as ref from public.member_coupons where id = $1', [copy]))[0]!.ref;

  it('refuses an order of the company placed before the coupon was received, and another company\'s order', async () => {
    const [buyer, other] = await Promise.all([addMember(store), addMember(store)]);
    const [early, late] = [orderRow(buyer, { placed_at: daysAgo(330) }), orderRow(buyer, { placed_at: daysAgo(0.5) })];
    const others = orderRow(other, { placed_at: daysAgo(0.5) });
    await importOrders(store, [early, late, others]);
    const copy = await held(buyer);
    const [received] = await sql<{ day: string }>(`select to_char(claimed_at at time zone 'UTC', 'YYYY-MM-DD') as day from public.member_coupons where id = $1`, [copy]);
    const placed = early.placed_at!.slice(0, 10);
    const refused = expectError(await use(copy, ` ${early.external_ref} `), 'P0001',
      `order_ref ${early.external_ref} was placed on ${placed}, before the coupon was received on ${received!.day}`);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'order_ref' });
    expectError(await use(copy, others.external_ref!), 'P0001', `order_ref ${others.external_ref} is an order of another company`);
    expect(await used(copy)).toBeNull();
    // An order placed within the day before: an order imported by its day alone may have come after.
    ok(await use(copy, late.external_ref!));
    expect(await used(copy)).toBe(late.external_ref);
  });

  it('refuses an imported order refunded or cancelled, and takes it once paid again', async () => {
    const buyer = await addMember(store);
    const [refunded, cancelled] = [orderRow(buyer, { placed_at: daysAgo(0.5) }), orderRow(buyer, { placed_at: daysAgo(0.5) })];
    await importOrders(store, [refunded, cancelled]);
    await importOrders(store, [{ ...refunded, status: 'refunded' }, { ...cancelled, status: 'cancelled' }]);
    const copy = await held(buyer);
    expectError(await use(copy, refunded.external_ref!), 'P0001', `order_ref ${refunded.external_ref} was refunded`);
    expectError(await use(copy, cancelled.external_ref!), 'P0001', `order_ref ${cancelled.external_ref} was cancelled`);
    expect(await used(copy)).toBeNull();
    await importOrders(store, [refunded]);
    ok(await use(copy, refunded.external_ref!));
    expect(await used(copy)).toBe(refunded.external_ref);
  });

  it('records a reference no imported order has, as typed: not every order is imported', async () => {
    const buyer = await addMember(store);
    const copy = await held(buyer);
    ok(await use(copy, 'W5-0001'));
    expect(await used(copy)).toBe('W5-0001');
  });
});
