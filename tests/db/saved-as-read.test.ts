/**
 * Two members of staff editing one record: the console saves a row written through its table only
 * while it is still as its editor read it (migrations 20261219000700 posts, 20261219000710 tiers,
 * 20261219000720 coupons and rewards, 20261219000730 segments, 20261220000100 the store's settings
 * and the merchant's card, 20261221000300 the card's logo apart from it; lib/console/changed-since.ts).
 * Per table: updated_at moves on every change, whoever writes and whatever updated_at the write
 * names, and stays on a write that changes nothing; an update made, as the editor makes it, by the
 * row's id and its updated_at as read, after someone else saved the row, writes nothing and gives no
 * row back, their change kept; made over the row as read again, it saves.
 * The company's card is saved so on My membership by its contacts (20261221000200, member-api.ts).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { serviceClient, sql } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, expectError, ok, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let first: Actor;
let second: Actor;
/** A second owner: tiers are the owners' to edit. */
let coOwner: Actor;
/** A buyer company and a colleague of its first contact: both edit the company's card. */
let company: Member;
let colleague: Member;
/** The highest tier's rank: a tier inserted takes the next (ranks have no gaps). */
let ranks = 2;

beforeAll(async () => {
  store = await createStore({ label: 'as-read' });
  [first, second, coOwner] = await Promise.all([addStaff(store), addStaff(store), addStaff(store)]);
  ok(await store.owner.client.rpc('set_staff_role', { p_store_id: store.id, p_user_id: coOwner.user.id, p_role: 'owner' }));
  company = await addMember(store, 'Lumina Trading GmbH');
  colleague = await addColleague(company);
});

interface Table {
  table: string;
  /** The column a row is saved by: `id` unless said. */
  key?: string;
  /** The two members of staff (or contacts) editing its rows. */
  editors: () => [Actor, Actor];
  /** A new row of the store, written as `staff`: its id. */
  insert: (staff: SupabaseClient) => Promise<string>;
  /** What the first member of staff saves, and what the second saved meanwhile: different values of the same columns. */
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
}

const tables: Table[] = [
  {
    table: 'posts',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('posts').insert({
      store_id: store.id, kind: 'trend_report', title: 'Winter trends', body: 'The text as both read it.', locale: 'en', visibility: 'members',
    }).select('id').single()) as { id: string }).id,
    mine: { body: 'The first member of staff’s long rewrite.', title: 'Winter trends' },
    theirs: { body: 'The second member of staff’s rewrite.', title: 'Winter trends 2027' },
  },
  {
    // Its names and perks are its row's: one time covers all the tier editor shows.
    table: 'tiers',
    editors: () => [store.owner, coOwner],
    insert: async (owner) => {
      ranks += 1;
      return (ok(await owner.from('tiers').insert({ store_id: store.id, rank: ranks, name: { en: `Gold ${ranks}` }, min_paid_orders: ranks }).select('id').single()) as { id: string }).id;
    },
    mine: { min_paid_amount: 5000, discount_percent: 8, perks: { en: ['Free samples'] } },
    theirs: { min_paid_amount: 8000, discount_percent: 10, perks: { en: ['Free samples', 'A dedicated account manager'] } },
  },
  {
    table: 'coupons',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('coupons').insert({
      store_id: store.id, code: `SPRING-${randomUUID().slice(0, 8).toUpperCase()}`, kind: 'percent', value: 10,
    }).select('id').single()) as { id: string }).id,
    mine: { value: 12, description: { en: 'Spring restock' } },
    theirs: { value: 15, description: { en: 'Spring restock, this week only' } },
  },
  {
    table: 'rewards',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('rewards').insert({ store_id: store.id, name: { en: 'Tote bag' }, points_cost: 500 }).select('id').single()) as { id: string }).id,
    mine: { points_cost: 600, active: true },
    theirs: { points_cost: 800, active: false },
  },
  {
    // The settings as a PATCH saves them (the console saves them whole, the period with them, through
    // save_store_settings: settings-save.test.ts).
    // A store is made by create_store: its one row is the store's, each test's edits made over it as read then.
    table: 'stores',
    editors: () => [store.owner, coOwner],
    insert: async () => store.id,
    mine: { join_points: 150, embed_origins: ['https://shop.example.com'] },
    theirs: { join_points: 300, embed_origins: ['https://shop.example.com', 'https://www.shop.example.com'] },
  },
  {
    // One per store: made anew by its owner for each test.
    table: 'merchant_cards',
    key: 'store_id',
    editors: () => [store.owner, coOwner],
    insert: async (owner) => {
      ok(await serviceClient().from('merchant_cards').delete().eq('store_id', store.id));
      return (ok(await owner.from('merchant_cards').insert({ store_id: store.id, title: { en: 'Lumina Hair Co.' } }).select('store_id').single()) as { store_id: string }).store_id;
    },
    // Cleaned first (merchant_cards_check_contact): a phone written back as it is stored changes nothing.
    mine: { phone: '+86 20 1234 5678', introduction: { en: 'Wholesale wigs since 2009.' } },
    theirs: { phone: '+86 20 8765 4321', introduction: { en: 'Wholesale wigs and hair extensions since 2009.' } },
  },
  {
    // The company's card, by two contacts of the company: its one row, each test's edits made over it as read then.
    table: 'members',
    editors: () => [company, colleague],
    insert: async () => company.id,
    mine: { website: 'https://lumina-trading.example', industry: 'Hair wholesale' },
    theirs: { website: 'https://www.lumina-trading.example', industry: 'Wigs and hair extensions' },
  },
  {
    // Its filters are normalised first (segments_check): written back as they are, nothing changed.
    table: 'segments',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('segments').insert({ store_id: store.id, name: `Big spenders ${randomUUID().slice(0, 8)}`, filters: {} })
      .select('id').single()) as { id: string }).id,
    mine: { filters: { points_at_least: 100 } },
    theirs: { filters: { points_at_least: 500, churn_risk: true } },
  },
];

describe.each(tables)('$table', ({ table, key = 'id', editors, insert, mine, theirs }) => {
  let first: Actor;
  let second: Actor;
  beforeAll(() => void ([first, second] = editors()));
  const columns = Object.keys(mine);
  const read = async (id: string) => ok(await serviceClient().from(table).select(`updated_at, ${columns.join(', ')}`).eq(key, id).single()) as Record<string, unknown>;
  const updatedAt = async (id: string) => (await read(id)).updated_at as string;

  it('moves updated_at on every change, whoever writes, and keeps it on a write that changes nothing', async () => {
    const id = await insert(first.client);
    const created = await updatedAt(id);
    ok(await second.client.from(table).update(theirs).eq(key, id));
    const changed = await updatedAt(id);
    expect(Date.parse(changed)).toBeGreaterThan(Date.parse(created));
    // Written back as it is, by staff or the service role: no change, the time stays (no save is refused for it).
    ok(await first.client.from(table).update(theirs).eq(key, id));
    ok(await serviceClient().from(table).update(theirs).eq(key, id));
    expect(await updatedAt(id)).toBe(changed);
    // A time named by the writer is not taken: the row is as it was, so is its time.
    ok(await serviceClient().from(table).update({ updated_at: '2000-01-01T00:00:00Z' }).eq(key, id));
    expect(await updatedAt(id)).toBe(changed);
    ok(await serviceClient().from(table).update(mine).eq(key, id));
    expect(Date.parse(await updatedAt(id))).toBeGreaterThan(Date.parse(changed));
  });

  it('refuses a save made over the row as read once someone else saved it: nothing written, no row back; read again, it saves', async () => {
    const id = await insert(first.client);
    const asRead = await updatedAt(id);
    ok(await second.client.from(table).update(theirs).eq(key, id));
    const refused = ok(await first.client.from(table).update(mine).eq(key, id).eq('updated_at', asRead).select(key)) as unknown[];
    expect(refused).toEqual([]);
    expect(await read(id)).toMatchObject(theirs);
    const again = await updatedAt(id);
    expect(ok(await first.client.from(table).update(mine).eq(key, id).eq('updated_at', again).select(key))).toEqual([{ [key]: id }]);
    expect(await read(id)).toMatchObject(mine);
  });

  it('gives its editors no write of updated_at', async () => {
    const id = await insert(first.client);
    expectError(await first.client.from(table).update({ updated_at: '2000-01-01T00:00:00Z' }).eq(key, id), '42501');
  });
});

describe('a tier moved aside by another tier’s rank', () => {
  it('has changed: its editor’s save of its rank as read is refused rather than moving it back', async () => {
    const [{ top }] = await sql<{ top: number }>('select max(rank) as top from public.tiers where store_id = $1', [store.id]) as [{ top: number }];
    const [lower, upper] = ok(await store.owner.client.from('tiers').insert([
      { store_id: store.id, rank: top + 1, name: { en: 'Silver 30' }, min_paid_orders: 30 },
      { store_id: store.id, rank: top + 2, name: { en: 'Gold 31' }, min_paid_orders: 31 },
    ]).select('id, updated_at').order('rank')) as { id: string; updated_at: string }[];
    // The other owner puts the lower tier at the upper's rank: the upper comes down to make room (tiers_make_room).
    ok(await coOwner.client.from('tiers').update({ rank: top + 2 }).eq('id', lower!.id));
    const moved = ok(await serviceClient().from('tiers').select('rank, updated_at').eq('id', upper!.id).single()) as { rank: number; updated_at: string };
    expect(moved.rank).toBe(top + 1);
    expect(moved.updated_at).not.toBe(upper!.updated_at);
    expect(ok(await store.owner.client.from('tiers').update({ rank: top + 2 }).eq('id', upper!.id).eq('updated_at', upper!.updated_at).select('id'))).toEqual([]);
    expect(ok(await serviceClient().from('tiers').select('rank').eq('id', upper!.id).single())).toEqual({ rank: top + 1 });
  });
});

describe('the store’s settings', () => {
  it('change their time alone: pausing joining, an action of its own on the same page, leaves it', async () => {
    const read = async () => (ok(await serviceClient().from('stores').select('updated_at, joining_paused_at').eq('id', store.id).single()) as { updated_at: string; joining_paused_at: string | null });
    const before = await read();
    ok(await store.owner.client.rpc('set_joining_paused', { p_store_id: store.id, p_paused: true }));
    const paused = await read();
    expect(paused.joining_paused_at).not.toBeNull();
    expect(paused.updated_at).toBe(before.updated_at);
    ok(await store.owner.client.rpc('set_joining_paused', { p_store_id: store.id, p_paused: false }));
    // The settings saved over them as read still save.
    expect(ok(await coOwner.client.from('stores').update({ review_points: 20 }).eq('id', store.id).eq('updated_at', before.updated_at).select('id'))).toEqual([{ id: store.id }]);
  });
});

describe('the merchant’s card', () => {
  it('made by two owners who each read none: the second is refused by its key, the first one’s card kept', async () => {
    ok(await serviceClient().from('merchant_cards').delete().eq('store_id', store.id));
    ok(await coOwner.client.from('merchant_cards').insert({ store_id: store.id, title: { en: 'Lumina Hair Co.' }, phone: '+86 20 8765 4321' }));
    expectError(await store.owner.client.from('merchant_cards').insert({ store_id: store.id, title: { en: 'Lumina Wigs' } }), '23505');
    expect(ok(await serviceClient().from('merchant_cards').select('title, phone').eq('store_id', store.id).single())).toEqual({ title: { en: 'Lumina Hair Co.' }, phone: '+86 20 8765 4321' });
  });

  interface Times { updated_at: string; logo_updated_at: string }
  const times = async () => ok(await serviceClient().from('merchant_cards').select('updated_at, logo_updated_at').eq('store_id', store.id).single()) as Times;
  const card = () => store.owner.client.from('merchant_cards');

  it('keeps the time of its logo apart: each time moves on a change of its own part alone, whoever writes', async () => {
    const before = await times();
    ok(await card().update({ logo_path: `${store.id}/logo-1.png` }).eq('store_id', store.id));
    const logo = await times();
    expect(logo.updated_at).toBe(before.updated_at);
    expect(Date.parse(logo.logo_updated_at)).toBeGreaterThan(Date.parse(before.logo_updated_at));
    ok(await card().update({ phone: '+86 20 1111 2222' }).eq('store_id', store.id));
    const fields = await times();
    expect(fields.logo_updated_at).toBe(logo.logo_updated_at);
    expect(Date.parse(fields.updated_at)).toBeGreaterThan(Date.parse(logo.updated_at));
    // One write naming both, only the logo changed (the phone written back as it is): the card's time stays.
    ok(await serviceClient().from('merchant_cards').update({ phone: '+86 20 1111 2222', logo_path: `${store.id}/logo-2.png` }).eq('store_id', store.id));
    const both = await times();
    expect(both.updated_at).toBe(fields.updated_at);
    expect(Date.parse(both.logo_updated_at)).toBeGreaterThan(Date.parse(fields.logo_updated_at));
    // The logo written back as it is, or a time named by the writer: the logo's time stays.
    ok(await card().update({ logo_path: `${store.id}/logo-2.png` }).eq('store_id', store.id));
    ok(await serviceClient().from('merchant_cards').update({ logo_updated_at: '2000-01-01T00:00:00Z' }).eq('store_id', store.id));
    expect(await times()).toEqual(both);
    expectError(await card().update({ logo_updated_at: '2000-01-01T00:00:00Z' }).eq('store_id', store.id), '42501');
  });

  it('saves its card and its logo each over its own time: someone else’s change of the other part refuses neither, of the same part both', async () => {
    const read = await times();
    // The other owner changes the logo: the card saved over the card as read goes through, their logo kept.
    ok(await coOwner.client.from('merchant_cards').update({ logo_path: `${store.id}/their-logo.png` }).eq('store_id', store.id).eq('logo_updated_at', read.logo_updated_at));
    expect(ok(await card().update({ phone: '+86 20 3333 4444' }).eq('store_id', store.id).eq('updated_at', read.updated_at).select('store_id'))).toEqual([{ store_id: store.id }]);
    // The logo saved over the logo as read, after theirs: refused, theirs kept.
    expect(ok(await card().update({ logo_path: `${store.id}/my-logo.png` }).eq('store_id', store.id).eq('logo_updated_at', read.logo_updated_at).select('store_id'))).toEqual([]);
    expect(ok(await serviceClient().from('merchant_cards').select('phone, logo_path').eq('store_id', store.id).single()))
      .toEqual({ phone: '+86 20 3333 4444', logo_path: `${store.id}/their-logo.png` });

    const again = await times();
    // The other owner changes the card: the logo saved over the logo as read goes through, their card kept.
    ok(await coOwner.client.from('merchant_cards').update({ phone: '+86 20 5555 6666' }).eq('store_id', store.id).eq('updated_at', again.updated_at));
    expect(ok(await card().update({ logo_path: `${store.id}/my-logo.png` }).eq('store_id', store.id).eq('logo_updated_at', again.logo_updated_at).select('store_id'))).toEqual([{ store_id: store.id }]);
    // The card saved over the card as read, after theirs: refused, theirs kept.
    expect(ok(await card().update({ phone: '+86 20 7777 8888' }).eq('store_id', store.id).eq('updated_at', again.updated_at).select('store_id'))).toEqual([]);
    expect(ok(await serviceClient().from('merchant_cards').select('phone, logo_path').eq('store_id', store.id).single()))
      .toEqual({ phone: '+86 20 5555 6666', logo_path: `${store.id}/my-logo.png` });
  });
});

describe('the company’s card', () => {
  it('changes its time alone: the engine, staff and the buying profile writing the rest of the row leave it, and a save over it as read still saves', async () => {
    const cardTime = async () => (ok(await serviceClient().from('members').select('updated_at').eq('id', company.id).single()) as { updated_at: string }).updated_at;
    const before = await cardTime();
    const card = ok(await serviceClient().from('members').select('company_name, country, website, industry').eq('id', company.id).single()) as Record<string, unknown>;
    ok(await store.owner.client.rpc('set_tier_override', {
      p_member_id: company.id, p_tier_id: store.tiers[2]!.id, p_expires_at: '2999-01-01T00:00:00Z', p_reason: 'Trade fair agreement',
    }));
    // Saved in one write with the card as it is: the card's trigger runs, and only the card's columns count.
    ok(await company.client.from('members').update({ ...card, purchase_volume: '50k_200k' }).eq('id', company.id));
    expect(ok(await serviceClient().from('members').select('tier_override_id, purchase_volume').eq('id', company.id).single()))
      .toEqual({ tier_override_id: store.tiers[2]!.id, purchase_volume: '50k_200k' });
    expect(await cardTime()).toBe(before);
    expect(ok(await colleague.client.from('members').update({ industry: 'Salon supplies' }).eq('id', company.id).eq('updated_at', before).select('id')))
      .toEqual([{ id: company.id }]);
  });
});
