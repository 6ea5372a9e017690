/**
 * Lifecycle stage and churn risk at their boundaries, the staff member list with its filters,
 * and the inquiry flow (send, answer, close) that feeds the stage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, addProduct, addStaff, createStore, expectError, importOrders, makeVip, ok, orderRow, shipTo, type Member, type Store } from './fixtures.ts';

interface Listed {
  member_id: string;
  stage: string;
  churn_risk: boolean;
  tier_rank: number;
  country: string;
  last_order_at: string | null;
  total: number;
}

async function listed(store: Store, filters: Record<string, unknown> = {}): Promise<Listed[]> {
  return ok(await store.owner.client.rpc('staff_members', { p_store_id: store.id, ...filters })) as Listed[];
}

async function rowOf(store: Store, member: Member): Promise<Listed> {
  return (await listed(store)).find((r) => r.member_id === member.id)!;
}

async function stageOf(member: Member, store: Store): Promise<string> {
  return (ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { lifecycle: { stage: string } }).lifecycle.stage;
}

/** `days` ago, shifted by `minutes` (positive: later, so more recent). */
function ago(days: number, minutes = 0): string {
  return new Date(Date.now() - days * 86_400_000 + minutes * 60_000).toISOString();
}

describe('lifecycle stage', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'stage' });
  });

  it('is cognitive with only a business card', async () => {
    expect(await stageOf(await addMember(store), store)).toBe('cognitive');
  });

  it('is interested after an inquiry, a sample claim or a redemption', async () => {
    const asker = await addMember(store);
    ok(await asker.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'MOQ for 613 blonde?' }));
    expect(await stageOf(asker, store)).toBe('interested');

    const sampler = await addMember(store);
    const product = await addProduct(store);
    ok(await sampler.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
    expect(await stageOf(sampler, store)).toBe('interested');

    const redeemer = await addMember(store);
    const reward = ok(await store.owner.client.from('rewards').insert({ store_id: store.id, name: 'Kit', points_cost: 1 }).select().single()) as { id: string };
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: redeemer.id, p_delta: 1, p_note: 'Try a reward' }));
    ok(await redeemer.client.rpc('redeem_reward', { p_reward_id: reward.id, p_ship_to: shipTo }));
    expect(await stageOf(redeemer, store)).toBe('interested');
  });

  it('is purchasing with one paid order in the period, counted only while inside it', async () => {
    const inside = await addMember(store);
    await importOrders(store, [orderRow(inside, { placed_at: ago(365, 5) })]);
    expect(await stageOf(inside, store)).toBe('purchasing');

    const outside = await addMember(store);
    await importOrders(store, [orderRow(outside, { placed_at: ago(365, -1) })]);
    expect(await stageOf(outside, store)).toBe('cognitive');

    const refunded = await addMember(store);
    await importOrders(store, [orderRow(refunded, { status: 'refunded' })]);
    expect(await stageOf(refunded, store)).toBe('cognitive');
  });

  it('is loyal with a second paid order in the period, or as VIP with one', async () => {
    const repeat = await addMember(store);
    await importOrders(store, [orderRow(repeat, { placed_at: ago(100) }), orderRow(repeat, { placed_at: ago(365, -1) })]);
    expect(await stageOf(repeat, store)).toBe('purchasing');
    await importOrders(store, [orderRow(repeat, { placed_at: ago(10) })]);
    expect(await stageOf(repeat, store)).toBe('loyal');

    const vip = await addMember(store);
    await makeVip(store, vip);
    expect(await stageOf(vip, store)).toBe('loyal');
  });
});

describe('churn risk', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'churn' });
    ok(await store.owner.client.from('stores').update({ churn_threshold_days: 30 }).eq('id', store.id).select().single());
  });

  it('with one paid order, flags when the time since it exceeds the store threshold', async () => {
    const [past, within, never] = await Promise.all([addMember(store), addMember(store), addMember(store)]);
    await importOrders(store, [orderRow(past, { placed_at: ago(30, -1) }), orderRow(within, { placed_at: ago(30, 1) })]);
    expect((await rowOf(store, past)).churn_risk).toBe(true);
    expect((await rowOf(store, within)).churn_risk).toBe(false);
    expect((await rowOf(store, never)).churn_risk).toBe(false);
  });

  it('with several, also requires more than twice the median reorder interval', async () => {
    const [over, under, slow] = await Promise.all([addMember(store), addMember(store), addMember(store)]);
    await importOrders(store, [
      // Median interval 30 days: 60 days (and a moment) since the last order is over twice it.
      orderRow(over, { placed_at: ago(90) }), orderRow(over, { placed_at: ago(60) }),
      // Median interval 30 days and 5 minutes: twice it is not yet reached.
      orderRow(under, { placed_at: ago(90, -5) }), orderRow(under, { placed_at: ago(60) }),
      // Median of intervals 100, 100 and 10 days is 100: 60 days since the last is fine.
      orderRow(slow, { placed_at: ago(270) }), orderRow(slow, { placed_at: ago(170) }),
      orderRow(slow, { placed_at: ago(70) }), orderRow(slow, { placed_at: ago(60) }),
    ]);
    expect((await rowOf(store, over)).churn_risk).toBe(true);
    expect((await rowOf(store, under)).churn_risk).toBe(false);
    expect((await rowOf(store, slow)).churn_risk).toBe(false);
  });
});

describe('the staff member list', () => {
  let store: Store;
  let members: Record<'card' | 'buyer' | 'vip' | 'lapsed', Member>;
  beforeAll(async () => {
    store = await createStore({ label: 'list' });
    const [card, buyer, vip, lapsed] = await Promise.all([addMember(store), addMember(store), addMember(store), addMember(store)]);
    members = { card, buyer, vip, lapsed };
    ok(await card.client.from('members').update({ country: 'MX' }).eq('id', card.id).select().single());
    await importOrders(store, [orderRow(buyer, { placed_at: ago(5) }), orderRow(lapsed, { placed_at: ago(200) })]);
    await makeVip(store, vip);
  });

  const ids = (rows: Listed[]) => rows.map((r) => r.member_id).sort();

  it('lists every member, newest buyers first, with stage, tier and a total', async () => {
    const rows = await listed(store);
    expect(rows.map((r) => r.member_id)).toEqual([members.vip.id, members.buyer.id, members.lapsed.id, members.card.id]);
    expect(rows.map((r) => [r.stage, r.churn_risk, r.total])).toEqual([
      ['loyal', false, 4], ['purchasing', false, 4], ['purchasing', true, 4], ['cognitive', false, 4],
    ]);
  });

  it('filters by tier, stage, churn risk, country and last order window, and pages', async () => {
    expect(ids(await listed(store, { p_tier_id: store.tiers[2]!.id }))).toEqual([members.vip.id]);
    expect(ids(await listed(store, { p_stage: 'purchasing' }))).toEqual(ids([{ member_id: members.buyer.id }, { member_id: members.lapsed.id }] as Listed[]));
    expect(ids(await listed(store, { p_churn_risk: true }))).toEqual([members.lapsed.id]);
    expect(ids(await listed(store, { p_country: 'MX' }))).toEqual([members.card.id]);
    expect(ids(await listed(store, { p_last_order_from: ago(300), p_last_order_to: ago(100) }))).toEqual([members.lapsed.id]);
    const page = await listed(store, { p_limit: 1, p_offset: 1 });
    expect(page.map((r) => [r.member_id, r.total])).toEqual([[members.buyer.id, 4]]);
  });

  it('rejects bad filters with the field named', async () => {
    expectError(await store.owner.client.rpc('staff_members', { p_store_id: store.id, p_stage: 'whale' }), '22023', /^stage must be one of/);
    expectError(await store.owner.client.rpc('staff_members', { p_store_id: store.id, p_country: 'Mexico' }), '22023', /^country/);
    expectError(await store.owner.client.rpc('staff_members', { p_store_id: store.id, p_limit: 0 }), '22023', /^limit/);
  });
});

describe('inquiries', () => {
  let store: Store;
  let member: Member;
  beforeAll(async () => {
    store = await createStore({ label: 'inquiry' });
    member = await addMember(store);
  });

  it('carry a product the member can see, a quantity and a target price in the product\'s currency', async () => {
    const product = await addProduct(store, { visibility: 'members' });
    const inquiry = ok(await member.client.rpc('send_inquiry', {
      p_store_slug: store.slug, p_message: 'Quote for 300 units?', p_product_id: product.id, p_quantity: 300, p_target_price: 85.5,
    }));
    expect(inquiry).toMatchObject({ member_id: member.id, contact_id: member.contactId, quantity: 300, target_price: 85.5, currency: 'USD', status: 'open' });
    // A currency of the caller's own, in any case; blank is none (the default).
    const inEuro = ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'In euro?', p_target_price: 80, p_currency: ' eur' }));
    expect(inEuro).toMatchObject({ target_price: 80, currency: 'EUR' });
    const blank = ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Any price?', p_currency: ' ' }));
    expect(blank).toMatchObject({ target_price: null, currency: null });
  });

  it('refuse products the member\'s tier cannot see, and bad fields, with the field named', async () => {
    const vipOnly = await addProduct(store, { visibility: 'tier', min_tier_rank: 2 });
    const send = (args: Record<string, unknown>) => member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Hi', ...args });
    expectError(await send({ p_product_id: vipOnly.id }), 'PT404', 'product_id matches no product');
    // Visibility before the other fields: a hidden product with a bad message is still not found.
    expectError(await send({ p_product_id: vipOnly.id, p_message: '  ' }), 'PT404', 'product_id matches no product');
    expectError(await send({ p_message: '  ' }), '22023', 'message is required');
    expectError(await send({ p_quantity: 0 }), '22023', /^quantity/);
    expectError(await send({ p_target_price: -1 }), '22023', /^target_price/);
    expectError(await send({ p_target_price: 10, p_currency: 'dollars' }), '22023', /^currency/);
  });

  it('are answered and closed by the store\'s staff; a closed inquiry takes no answer', async () => {
    const { id } = ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Lead time?' })) as { id: string };
    expect(ok(await store.owner.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: '12 working days' })))
      .toMatchObject({ status: 'answered', answer: '12 working days', answered_by: store.owner.user.id });
    expectError(await member.client.rpc('close_inquiry', { p_inquiry_id: id }), '42501');
    expect(ok(await store.owner.client.rpc('close_inquiry', { p_inquiry_id: id }))).toMatchObject({ status: 'closed' });
    expectError(await store.owner.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: 'More' }), 'P0001', 'inquiry is closed');
    expect(ok(await member.client.from('inquiries').select('status, answer').eq('id', id).single())).toEqual({ status: 'closed', answer: '12 working days' });
  });

  it('keep when they were first answered; a new answer replaces only the one its sender read, and the same one again changes nothing', async () => {
    const colleague = await addStaff(store);
    const { id } = ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'MOQ for 24"?' })) as { id: string };
    const read = async () => ok(await member.client.from('inquiries').select('answer, answered_by, answered_at, first_answered_at').eq('id', id).single()) as {
      answer: string | null; answered_by: string | null; answered_at: string | null; first_answered_at: string | null;
    };
    const first = ok(await store.owner.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: ' 50 pieces ' })) as { first_answered_at: string; answered_at: string };
    expect(first.first_answered_at).toBe(first.answered_at);
    const answered = await read();
    expect(answered).toMatchObject({ answer: '50 pieces', answered_by: store.owner.user.id, first_answered_at: first.answered_at });

    // Answered while the colleague's form was open on the inquiry unanswered; then over an answer never given.
    expectError(await colleague.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: '100 pieces' }), 'P0001', 'answer_read is not the answer now: someone answered since it was read');
    expectError(await colleague.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: '100 pieces', p_answer_read: '40 pieces' }), 'P0001', /^answer_read is not the answer now/);
    expect(await read()).toEqual(answered);
    // The answer it has, sent again over an older one (a repeat whose first reply was lost): nothing moves.
    ok(await store.owner.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: '50 pieces', p_answer_read: '40 pieces' }));
    expect(await read()).toEqual(answered);
    // Its buyer cannot, read or not.
    expectError(await member.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: 'Fine', p_answer_read: '50 pieces' }), '42501');

    const changed = ok(await colleague.client.rpc('answer_inquiry', { p_inquiry_id: id, p_answer: '100 pieces, or 50 at +5 %', p_answer_read: '50 pieces' })) as { answered_at: string };
    expect(await read()).toEqual({ answer: '100 pieces, or 50 at +5 %', answered_by: colleague.user.id, answered_at: changed.answered_at, first_answered_at: first.answered_at });
    expect(Date.parse(changed.answered_at)).toBeGreaterThan(Date.parse(first.answered_at));
  });
});
