/**
 * Rewards the store's team sends (a reward for points without a coupon): each redemption becomes
 * a delivery in the same transaction, staff mark it sent once with how it went, the company reads
 * it beside its points, and the migration takes in the redemptions made before it. A reward handed
 * over (in person or by e-mail) is owed the same way, with no address, carrier or tracking number.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { sql } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, expectError, ok, refusalOf, shipTo, type Member, type Store } from './fixtures.ts';

let store: Store;
let kit: string;
let voucher: string;
let consultation: string;

beforeAll(async () => {
  store = await createStore({ label: 'deliveries' });
  const insert = async (table: string, row: object) =>
    (ok(await store.owner.client.from(table).insert({ store_id: store.id, ...row }).select('id').single()) as { id: string }).id;
  kit = await insert('rewards', { name: { en: 'Colour-card kit' }, points_cost: 100 });
  const coupon = await insert('coupons', { code: 'PTS-20', kind: 'percent', value: 20, claimable: false, per_member_limit: 5 });
  voucher = await insert('rewards', { name: { en: '20% voucher' }, points_cost: 100, coupon_id: coupon });
  consultation = await insert('rewards', { name: { en: 'Styling consultation' }, points_cost: 100, delivery: 'handed_over' });
});

async function withPoints(points: number): Promise<Member> {
  const member = await addMember(store);
  ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: points, p_note: 'To spend' }));
  return member;
}

const balanceOf = async (member: Member) =>
  (await sql<{ points: number }>('select points_balance::int as points from public.members where id = $1', [member.id]))[0]!.points;
const entryOf = async (member: Member) =>
  (await sql<{ id: number }>(`select points_entry_id::int as id from public.reward_deliveries where member_id = $1 order by requested_at desc limit 1`, [member.id]))[0]!.id;

const deliveriesOf = (member: Member) =>
  sql<{ reward_id: string; sent_at: string | null; sent_note: string | null; matches_entry: boolean }>(
    `select d.reward_id, d.sent_at, d.sent_note,
       (l.reason = 'redemption' and l.reward_id = d.reward_id and l.member_id = d.member_id and d.requested_at = l.created_at) as matches_entry
     from public.reward_deliveries d join public.points_ledger l on l.id = d.points_entry_id
     where d.member_id = $1 order by d.requested_at`, [member.id]);

describe('a redemption', () => {
  it('of a reward without a coupon is a delivery to send; one with a coupon is not', async () => {
    const member = await withPoints(300);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: voucher }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    expect(await deliveriesOf(member)).toEqual([
      { reward_id: kit, sent_at: null, sent_note: null, matches_entry: true },
      { reward_id: kit, sent_at: null, sent_note: null, matches_entry: true },
    ]);
  });

  it('refused for want of points leaves no delivery', async () => {
    const member = await withPoints(50);
    expectError(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }), 'P0001', 'points balance is 50, 100 needed');
    expect(await deliveriesOf(member)).toEqual([]);
  });
});

describe('marking a delivery sent', () => {
  it('records when, by whom and how, once; the company reads it beside the redemption in its points history', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
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
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: voucher }));
    const entries = await sql<{ id: number; reward_id: string }>(`select id::int as id, reward_id from public.points_ledger where member_id = $1 and reason = 'redemption'`, [member.id]);
    const kitEntry = entries.find((entry) => entry.reward_id === kit)!.id;
    const voucherEntry = entries.find((entry) => entry.reward_id === voucher)!.id;
    expect(ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: kitEntry }))).toMatchObject({ sent_note: null });
    expectError(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: voucherEntry }), 'PT404', /^points_entry_id matches no reward to send$/);
  });
});

describe('where a reward goes and how it went', () => {
  it('records the address a redemption gives, trimmed and checked as a sample claim\'s', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: { ...shipTo, company: '  Haarwerk GmbH ', country: 'de', region: '' } }));
    expect(await sql('select ship_to from public.reward_deliveries where member_id = $1', [member.id]))
      .toEqual([{ ship_to: { ...shipTo, company: 'Haarwerk GmbH', country: 'DE' } }]);
  });

  it.each([
    [undefined, 'ship_to', 'is required: the store sends this reward'],
    [{ ...shipTo, city: ' ' }, 'ship_to.city', 'is required'],
    [{ ...shipTo, phone: 'call me' }, 'ship_to.phone', undefined],
    [{ ...shipTo, postal_code: '10115!' }, 'ship_to.postal_code', 'must be at most 16 letters, digits, spaces or hyphens'],
    [{ ...shipTo, floor: '3' }, 'ship_to.floor', 'is not an address field'],
  ])('refuses an address the samples refuse, naming the field and why, and spends nothing (%#)', async (address, field, reason) => {
    const member = await withPoints(100);
    const refused = await member.client.rpc('redeem_reward', { p_reward_id: kit, ...(address && { p_ship_to: address }) });
    expectError(refused, '22023', new RegExp(`^${field.replace('.', '\\.')} `));
    const details = JSON.parse(refusalOf(refused).details ?? '{}') as { field: string; reason: string };
    expect(details.field).toBe(field);
    if (reason) expect(details.reason).toBe(reason);
    expect(await balanceOf(member)).toBe(100);
    expect(await deliveriesOf(member)).toEqual([]);
  });

  it('takes no address for a reward that gives a coupon', async () => {
    const member = await withPoints(100);
    expectError(await member.client.rpc('redeem_reward', { p_reward_id: voucher, p_ship_to: shipTo }), '22023', /^ship_to is not taken: this reward is a coupon, sent to no address$/);
    expect(await balanceOf(member)).toBe(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: voucher }));
    expect(await balanceOf(member)).toBe(0);
  });

  it('marks it sent with a carrier and tracking number, which the company reads with the date and its address; a malformed number changes nothing', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    const id = await entryOf(member);
    const refused = await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, p_carrier: 'DHL', p_tracking_number: '1Z 999 #4' });
    expectError(refused, '22023', /^tracking_number must be letters and digits, with spaces \. _ \/ - between them$/);
    expect(JSON.parse(refusalOf(refused).details ?? '{}')).toMatchObject({ field: 'tracking_number' });
    expect(await sql('select sent_at, carrier, tracking_number from public.reward_deliveries where points_entry_id = $1', [id])).toEqual([{ sent_at: null, carrier: null, tracking_number: null }]);

    expect(ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, p_carrier: ' DHL Express ', p_tracking_number: ' 1Z999AA10123456784 ' })))
      .toMatchObject({ carrier: 'DHL Express', tracking_number: '1Z999AA10123456784', sent_note: null });
    const history = ok(await member.client.from('points_ledger').select('reason, delivery:reward_deliveries(sent_at, carrier, tracking_number, ship_to)').eq('member_id', member.id).eq('reason', 'redemption'));
    expect(history).toEqual([{ reason: 'redemption', delivery: { sent_at: expect.any(String), carrier: 'DHL Express', tracking_number: '1Z999AA10123456784', ship_to: shipTo } }]);
    // The address and how it went are the company's data: in its export.
    const exported = ok(await member.client.rpc('my_data', { p_store_slug: store.slug })) as { reward_deliveries: Record<string, unknown>[] };
    expect(exported.reward_deliveries).toEqual([expect.objectContaining({ points_entry_id: id, ship_to: shipTo, carrier: 'DHL Express', tracking_number: '1Z999AA10123456784' })]);
  });

  it('another store\'s staff neither read the address nor mark it sent', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    const id = await entryOf(member);
    const other = await createStore({ label: 'other-deliveries' });
    expect(ok(await other.owner.client.from('reward_deliveries').select('ship_to').eq('points_entry_id', id))).toEqual([]);
    expectError(await other.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, p_tracking_number: '1Z999' }), 'PT404', /^points_entry_id matches no reward to send$/);
    expect(await sql('select sent_at from public.reward_deliveries where points_entry_id = $1', [id])).toEqual([{ sent_at: null }]);
  });

  it('one redeemed without an address (before there was one) is still marked sent', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    const id = await entryOf(member);
    await sql('update public.reward_deliveries set ship_to = null where points_entry_id = $1', [id]);
    expect(ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, p_tracking_number: 'RR123456789CN' }))).toMatchObject({ ship_to: null, tracking_number: 'RR123456789CN' });
  });

  it('keeps only the country of the address once the contact who redeemed leaves; a colleague\'s stays', async () => {
    const member = await withPoints(200);
    const colleague = await addColleague(member);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    ok(await colleague.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: { ...shipTo, name: 'Col League' } }));
    ok(await member.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expect(await sql('select ship_to, sent_at from public.reward_deliveries where member_id = $1 order by requested_at', [member.id]))
      .toEqual([{ ship_to: { country: 'DE' }, sent_at: null }, { ship_to: { ...shipTo, name: 'Col League' }, sent_at: null }]);
  });
});

describe('a reward handed over', () => {
  it('is shipped unless staff say otherwise; an unknown way is refused by its check and changes nothing', async () => {
    expect(await sql('select delivery from public.rewards where id = $1', [kit])).toEqual([{ delivery: 'shipped' }]);
    expectError(await store.owner.client.from('rewards').update({ delivery: 'emailed' }).eq('id', kit), '23514', /rewards_delivery_is_known/);
    expect(await sql('select delivery from public.rewards where id = $1', [kit])).toEqual([{ delivery: 'shipped' }]);
  });

  it.each([
    ['shipped', 'with', null],
    ['shipped', 'without', 'ship_to is required: the store sends this reward'],
    ['handed_over', 'with', 'ship_to is not taken: this reward is handed over, sent to no address'],
    ['handed_over', 'without', null],
  ])('a %s reward redeemed %s an address', async (kind, withAddress, refusal) => {
    const member = await withPoints(100);
    const answer = await member.client.rpc('redeem_reward', { p_reward_id: kind === 'shipped' ? kit : consultation, ...(withAddress === 'with' && { p_ship_to: shipTo }) });
    if (refusal) {
      expectError(answer, '22023', new RegExp(`^${refusal}$`));
      expect(JSON.parse(refusalOf(answer).details ?? '{}')).toMatchObject({ field: 'ship_to' });
      expect(await balanceOf(member)).toBe(100);
      expect(await deliveriesOf(member)).toEqual([]);
    } else {
      ok(answer);
      expect(await balanceOf(member)).toBe(0);
      expect(await sql('select delivery, ship_to from public.reward_deliveries where member_id = $1', [member.id]))
        .toEqual([{ delivery: kind, ship_to: kind === 'shipped' ? shipTo : null }]);
    }
  });

  it('is marked handed over with how it went but no carrier or tracking number; the company reads it so, and in its export', async () => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: consultation }));
    const id = await entryOf(member);
    for (const [field, args] of [['carrier', { p_carrier: 'DHL' }], ['tracking_number', { p_tracking_number: '1Z999AA10123456784' }]] as const) {
      const refused = await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, ...args });
      expectError(refused, '22023', new RegExp(`^${field} is not taken: this reward is handed over, not shipped$`));
      expect(JSON.parse(refusalOf(refused).details ?? '{}')).toMatchObject({ field });
    }
    expect(await sql('select sent_at from public.reward_deliveries where points_entry_id = $1', [id])).toEqual([{ sent_at: null }]);

    expect(ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, p_carrier: ' ', p_note: 'Video call on Monday' })))
      .toMatchObject({ delivery: 'handed_over', carrier: null, tracking_number: null, sent_note: 'Video call on Monday' });
    const history = ok(await member.client.from('points_ledger').select('delivery:reward_deliveries(delivery, sent_at, sent_note, ship_to)').eq('member_id', member.id).eq('reason', 'redemption'));
    expect(history).toEqual([{ delivery: { delivery: 'handed_over', sent_at: expect.any(String), sent_note: 'Video call on Monday', ship_to: null } }]);
    const exported = ok(await member.client.rpc('my_data', { p_store_slug: store.slug })) as { reward_deliveries: Record<string, unknown>[] };
    expect(exported.reward_deliveries).toEqual([expect.objectContaining({ points_entry_id: id, delivery: 'handed_over', ship_to: null })]);
  });

  it.each([
    ['shipped', 'a bad note and a bad carrier', 'note', { p_note: 'Sent\nby courier', p_carrier: 'DHL\nExpress' }, 'must be a single line without control characters'],
    ['handed_over', 'a bad note and a bad carrier', 'note', { p_note: 'Sent\nby e-mail', p_carrier: 'DHL\nExpress' }, 'must be a single line without control characters'],
    // Refused for being given, not for a form nobody asks of them.
    ['handed_over', 'a carrier of two lines', 'carrier', { p_note: 'Video call', p_carrier: 'DHL\nExpress' }, 'is not taken: this reward is handed over, not shipped'],
    ['handed_over', 'a malformed tracking number', 'tracking_number', { p_tracking_number: '1Z 999 #4' }, 'is not taken: this reward is handed over, not shipped'],
    ['handed_over', 'a tracking number too long', 'tracking_number', { p_tracking_number: 'X'.repeat(101) }, 'is not taken: this reward is handed over, not shipped'],
  ])('marking a %s delivery with %s is refused on %s: the note checked first, a handed-over one\'s carrier and tracking number for being given (20261218000300)', async (kind, _, field, args, reason) => {
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kind === 'shipped' ? kit : consultation, ...(kind === 'shipped' && { p_ship_to: shipTo }) }));
    const id = await entryOf(member);
    const error = expectError(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, ...args }), '22023');
    expect(error.message).toBe(`${field} ${reason}`);
    expect(JSON.parse(error.details!)).toEqual({ field, reason });
    expect(await sql('select sent_at, sent_note, carrier, tracking_number from public.reward_deliveries where points_entry_id = $1', [id]))
      .toEqual([{ sent_at: null, sent_note: null, carrier: null, tracking_number: null }]);
  });

  it('loses the staff\'s note with the address when the contact who redeemed leaves, every one when the company is erased, as a sample claim its rejection reason (20261218000420)', async () => {
    const member = await withPoints(300);
    const colleague = await addColleague(member);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: consultation }));
    ok(await colleague.client.rpc('redeem_reward', { p_reward_id: consultation }));
    const entries = await sql<{ id: number }>('select points_entry_id::int as id from public.reward_deliveries where member_id = $1 order by requested_at', [member.id]);
    const marks = [
      { p_note: 'Left with the porter, Ana Ruiz', p_carrier: 'DHL', p_tracking_number: '1Z999AA10123456784' },
      { p_note: 'E-mailed the file to ana@example.com' },
      { p_note: 'E-mailed the file to col@example.com' },
    ];
    for (const [i, { id }] of entries.entries()) ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: id, ...marks[i] }));
    const deliveries = () => sql('select ship_to, sent_note, carrier, tracking_number, sent_at is not null as sent from public.reward_deliveries where member_id = $1 order by requested_at', [member.id]);
    const kept = { carrier: 'DHL', tracking_number: '1Z999AA10123456784', sent: true };
    const handedOver = { ship_to: null, carrier: null, tracking_number: null, sent: true };

    ok(await member.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expect(await deliveries()).toEqual([
      { ...kept, ship_to: { country: 'DE' }, sent_note: null },
      { ...handedOver, sent_note: null },
      { ...handedOver, sent_note: 'E-mailed the file to col@example.com' },
    ]);
    ok(await store.owner.client.rpc('erase_member', { p_member_id: member.id, p_confirm: true }));
    expect(await deliveries()).toEqual([
      { ...kept, ship_to: { country: 'DE' }, sent_note: null },
      { ...handedOver, sent_note: null },
      { ...handedOver, sent_note: null },
    ]);
  });

  it('switched from shipped leaves the redemptions made before it shipped, with their address; later ones are handed over', async () => {
    const gift = (ok(await store.owner.client.from('rewards').insert({ store_id: store.id, name: { en: 'Warranty' }, points_cost: 50 }).select('id').single()) as { id: string }).id;
    const member = await withPoints(100);
    ok(await member.client.rpc('redeem_reward', { p_reward_id: gift, p_ship_to: shipTo }));
    ok(await store.owner.client.from('rewards').update({ delivery: 'handed_over' }).eq('id', gift));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: gift }));
    expect(await sql('select delivery, ship_to from public.reward_deliveries where member_id = $1 order by requested_at', [member.id]))
      .toEqual([{ delivery: 'shipped', ship_to: shipTo }, { delivery: 'handed_over', ship_to: null }]);
    const [shipped] = await sql<{ id: number }>(`select points_entry_id::int as id from public.reward_deliveries where member_id = $1 and delivery = 'shipped'`, [member.id]);
    expect(ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: shipped!.id, p_tracking_number: 'RR123456789CN' }))).toMatchObject({ tracking_number: 'RR123456789CN' });
  });

  it('a member changes no reward\'s delivery', async () => {
    const member = await addMember(store);
    expect(ok(await member.client.from('rewards').update({ delivery: 'shipped' }).eq('id', consultation).select('id'))).toEqual([]);
    expect(await sql('select delivery from public.rewards where id = $1', [consultation])).toEqual([{ delivery: 'handed_over' }]);
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
