/**
 * Saving the store's settings (save_store_settings, migration 20261222000100): one request and one
 * transaction whatever changed, the statistical period with the rest, all of it or nothing: the
 * console saved them with a PATCH and then set_statistical_period, and a refused or failed period
 * left the PATCH saved. Owners only, as the PATCH's policy has it. Made over the settings as read
 * (`p_settings_read`, migration 20261220000100): once someone else saved them since, refused with
 * nothing written. A new period's members follow at once, under the function's own 60 s statement
 * timeout (a large store's member rewrite outlasts the `authenticated` role's 8 s); PATCH does not
 * write the period (migration 20261203000900).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, holdLocks, sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, importOrders, ok, orderRow, daysAgo, settingsAsRead, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let staff: Actor;
let member: Member;

const period = async () => (await sql<{ days: number }>('select statistical_period_days as days from public.stores where id = $1', [store.id]))[0]!.days;
/** The store's row and its members' rows as they are: a save refused writes neither. */
const written = async () => (await sql<{ store: unknown; members: string }>(
  `select (select to_jsonb(s) from public.stores s where s.id = $1) as store,
     (select md5(string_agg(m::text, '|' order by m.id)) from public.members m where m.store_id = $1) as members`, [store.id]))[0]!;
const save = (client: SupabaseClient, settings: unknown, read: string | null) =>
  client.rpc('save_store_settings', { p_store_id: store.id, p_settings: settings, p_settings_read: read });

beforeAll(async () => {
  store = await createStore({ label: 'settings-save' });
  [staff, member] = await Promise.all([addStaff(store), addMember(store)]);
  await importOrders(store, [orderRow(member, { amount: 10_000, placed_at: daysAgo(60) })]);
});

describe('save_store_settings', () => {
  it('is the owners’: plain staff, a member and anonymous callers are refused, nothing written', async () => {
    const read = await settingsAsRead(store.id);
    const before = await written();
    for (const settings of [{ join_points: 50 }, { statistical_period_days: 30 }]) {
      expectError(await save(staff.client, settings, read), '42501', /^Only this store's owners may do this$/);
      expectError(await save(member.client, settings, read), '42501', /^Only this store's owners may do this$/);
      expectError(await save(anonClient(), settings, read), '42501', /^permission denied for function save_store_settings$/);
    }
    // As the PATCH's policy has it: plain staff change no setting.
    expect(ok(await staff.client.from('stores').update({ join_points: 50 }).eq('id', store.id).select('id'))).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it('saves every setting the owner gives, the period with them, in one request; the members follow at once', async () => {
    const read = await settingsAsRead(store.id);
    const settings = {
      name: { en: 'Lumina Wigs', es: 'Pelucas Lumina' }, default_locale: 'en', brand_color: '#0a6e4f', embed_origins: ['https://shop.example.com'],
      statistical_period_days: 30, sample_period_days: 90, churn_threshold_days: 60, points_expiry_days: 400,
      points_per_currency_unit: 1.125, join_points: 1000, review_points: 20,
    };
    // The store comes back as saved, its settings' time moved on: the console's next save is made over it.
    const saved = ok(await save(store.owner.client, settings, read).select('*').single()) as typeof settings & { updated_at: string };
    expect(saved).toMatchObject(settings);
    expect(saved.updated_at).toBe(await settingsAsRead(store.id));
    expect(Date.parse(saved.updated_at)).toBeGreaterThan(Date.parse(read));
    // 30 days: the order of 60 days ago no longer counts, the VIP falls back when next read.
    const [cache] = await sql<{ valid: string | null }>('select tier_valid_until as valid from public.members where id = $1', [member.id]);
    expect(cache!.valid).toBeNull();
    expect((ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { tier: { rank: number } }).tier.rank).toBe(0);

    // The same settings again change nothing: their time stays. A field left out keeps its value.
    expect(ok(await save(store.owner.client, settings, saved.updated_at).select('updated_at').single())).toEqual({ updated_at: saved.updated_at });
    const reviewed = ok(await save(store.owner.client, { review_points: 25 }, saved.updated_at).select('*').single());
    expect(reviewed).toMatchObject({ ...settings, review_points: 25 });
  });

  it('writes nothing when the period is refused, and no period when another setting is', async () => {
    const read = await settingsAsRead(store.id);
    const before = await written();
    const others = { join_points: 7, churn_threshold_days: 45, embed_origins: ['https://www.example.com'] };
    const period = 'statistical_period_days must be a whole number of days from 1 to 3650';
    for (const days of [0, 3651, 30.5, '30', null]) {
      expectError(await save(store.owner.client, { ...others, statistical_period_days: days }, read), '22023', period);
    }
    // A new period (the member's 60-day-old order counts again: every member row would be rewritten)
    // with a setting refused by this function's check, by the table's CHECK, by its triggers, or not
    // a setting at all.
    const refusals: [Record<string, unknown>, string, string | RegExp][] = [
      [{ join_points: -1 }, '22023', 'join_points must be a whole number from 0 to 1000000'],
      [{ points_per_currency_unit: 0.00005 }, '22023', 'points_per_currency_unit must be a number from 0 to 1000 with at most 4 decimals'],
      [{ name: 'Lumina' }, '22023', 'name must be a JSON object'],
      [{ brand_color: '#ffff66' }, '23514', /stores_brand_color_is_readable/],
      [{ embed_origins: ['https://shop.example.com/path'] }, '22023', /^embed_origins "https:\/\/shop\.example\.com\/path" must be an origin/],
      // The name saved with it lacks the new default language.
      [{ default_locale: 'zh-CN' }, '22023', /^name needs a text in zh-CN, the store's default language$/],
      [{ slug: 'renamed' }, '22023', 'settings has no field slug'],
    ];
    for (const [setting, code, message] of refusals) {
      expectError(await save(store.owner.client, { ...others, statistical_period_days: 90, ...setting }, read), code, message);
    }
    expect(await written()).toEqual(before);
    // Given right, the same save goes through, the period with the rest.
    ok(await save(store.owner.client, { ...others, statistical_period_days: 90 }, read));
    expect(await written()).not.toEqual(before);
    expect((await written()).store).toMatchObject({ ...others, statistical_period_days: 90 });
  });

  it('is refused over settings someone else saved since they were read, nothing written; read again, it saves', async () => {
    const read = await settingsAsRead(store.id);
    // The owner in another tab saves the join bonus.
    ok(await store.owner.client.from('stores').update({ join_points: 250 }).eq('id', store.id).eq('updated_at', read));
    const before = await written();
    expectError(await save(store.owner.client, { statistical_period_days: (await period()) + 5, review_points: 40 }, read),
      'P0001', 'settings_read is not the store\'s settings now: someone changed them since they were read');
    expect(await written()).toEqual(before);
    // Two saves made over the same read: the first saves, the second is refused.
    const again = await settingsAsRead(store.id);
    ok(await save(store.owner.client, { statistical_period_days: 120 }, again));
    expectError(await save(store.owner.client, { statistical_period_days: 150 }, again), 'P0001');
    expect(await period()).toBe(120);
  });

  it('names what is missing or malformed beside the settings, and a store that is no more', async () => {
    const read = await settingsAsRead(store.id);
    const before = await written();
    expectError(await save(store.owner.client, { join_points: 5 }, null), '22023', 'settings_read is required: the store\'s updated_at as read');
    expectError(await save(store.owner.client, [{ join_points: 5 }], read), '22023', 'settings must be an object of the store\'s settings');
    expectError(await save(store.owner.client, null, read), '22023', 'settings must be an object of the store\'s settings');
    expectError(await save(store.owner.client, { embed_origins: 'https://shop.example.com' }, read), '22023', 'embed_origins must be a JSON array of strings');
    expectError(await save(store.owner.client, { brand_color: 11 }, read), '22023', 'brand_color must be a JSON string or null');
    expect(await written()).toEqual(before);
    expectError(await store.owner.client.rpc('save_store_settings', { p_store_id: randomUUID(), p_settings: { join_points: 5 }, p_settings_read: read }),
      'PT404', 'store_id matches no store');
  });

  it('is the one way to the period: PATCH is refused it, and still saves the other settings', async () => {
    const patched = await store.owner.client.from('stores').update({ statistical_period_days: 90 }).eq('id', store.id).select();
    expect(patched.error?.code).toBe('42501');
    expect(ok(await store.owner.client.from('stores').update({ sample_period_days: 120 }).eq('id', store.id).select('sample_period_days'))).toEqual([{ sample_period_days: 120 }]);
  });

  it('runs past the role’s 8 s statement timeout, on its own 60 s', async () => {
    // The store's row held for 9 s keeps the save waiting: under the role's timeout it would be
    // cancelled at 8 s; under the function's it is still waiting, and completes once let go.
    const read = await settingsAsRead(store.id);
    const blocker = await holdLocks('select 1 from public.stores where id = $1 for no key update', [store.id]);
    let settled = false;
    const change = save(store.owner.client, { statistical_period_days: 60 }, read).select('statistical_period_days').single().then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    expect(settled).toBe(false);
    await blocker.release();
    expect(ok(await change)).toEqual({ statistical_period_days: 60 });
    expect(await period()).toBe(60);
  }, 30_000);
});
