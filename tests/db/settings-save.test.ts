/**
 * Changing a store's statistical period (migration 20261203000900): only owners, through
 * set_statistical_period, whose own 60 s statement timeout PostgREST applies to the request (a
 * large store's member rewrite outlasts the `authenticated` role's 8 s); PATCH no longer writes
 * the column. Made over the settings as read (`p_settings_read`, migration 20261220000100): once
 * someone else saved them since, refused with nothing written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { holdLocks, sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, importOrders, ok, orderRow, daysAgo, settingsAsRead, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let staff: Actor;
let member: Member;

const period = async () => (await sql<{ days: number }>('select statistical_period_days as days from public.stores where id = $1', [store.id]))[0]!.days;

beforeAll(async () => {
  store = await createStore({ label: 'period-change' });
  [staff, member] = await Promise.all([addStaff(store), addMember(store)]);
  await importOrders(store, [orderRow(member, { amount: 10_000, placed_at: daysAgo(60) })]);
});

describe('set_statistical_period', () => {
  it('is the owner’s, within 1 to 3650 days, and the members follow at once', async () => {
    const read = await settingsAsRead(store.id);
    expectError(await staff.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 30, p_settings_read: read }), '42501', /^Only this store's owners may do this$/);
    expectError(await member.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 30, p_settings_read: read }), '42501');
    expectError(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 0, p_settings_read: read }), '22023', 'statistical_period_days must be a whole number of days from 1 to 3650');
    expectError(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 3651, p_settings_read: read }), '22023', 'statistical_period_days must be a whole number of days from 1 to 3650');
    expectError(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 30, p_settings_read: null }), '22023', 'settings_read is required: the store\'s updated_at as read');
    expect(await period()).toBe(365);
    expect(await settingsAsRead(store.id)).toBe(read);

    // 30 days: the order of 60 days ago no longer counts, the VIP falls back when next read. The
    // store comes back as saved, its settings' time moved on: the console's next save is made over it.
    const saved = ok(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 30, p_settings_read: read }).select('statistical_period_days, updated_at').single()) as { statistical_period_days: number; updated_at: string };
    expect(saved).toEqual({ statistical_period_days: 30, updated_at: await settingsAsRead(store.id) });
    expect(Date.parse(saved.updated_at)).toBeGreaterThan(Date.parse(read));
    expect(await period()).toBe(30);
    const [cache] = await sql<{ valid: string | null }>('select tier_valid_until as valid from public.members where id = $1', [member.id]);
    expect(cache!.valid).toBeNull();
    expect((ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { tier: { rank: number } }).tier.rank).toBe(0);
  });

  it('is refused over settings someone else saved since they were read, nothing written; read again, it saves', async () => {
    const read = await settingsAsRead(store.id);
    // The owner in another tab saves the join bonus.
    ok(await store.owner.client.from('stores').update({ join_points: 250 }).eq('id', store.id).eq('updated_at', read));
    const before = await period();
    expectError(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: before + 5, p_settings_read: read }),
      'P0001', 'settings_read is not the store\'s settings now: someone changed them since they were read');
    expect(await period()).toBe(before);
    // The same period given again changes nothing, over the settings as read now: its time stays.
    const again = await settingsAsRead(store.id);
    expect(ok(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: before, p_settings_read: again }).select('updated_at').single())).toEqual({ updated_at: again });
    // Two changes made over the same read: the first saves, the second is refused.
    ok(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: before + 5, p_settings_read: again }));
    expectError(await store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: before + 10, p_settings_read: again }), 'P0001');
    expect(await period()).toBe(before + 5);
  });

  it('is refused through PATCH, whose other settings still save', async () => {
    const patched = await store.owner.client.from('stores').update({ statistical_period_days: 90 }).eq('id', store.id).select();
    expect(patched.error?.code).toBe('42501');
    expect(ok(await store.owner.client.from('stores').update({ sample_period_days: 120 }).eq('id', store.id).select('sample_period_days'))).toEqual([{ sample_period_days: 120 }]);
  });

  it('runs past the role’s 8 s statement timeout, on its own 60 s', async () => {
    // The store's row held for 9 s keeps the change waiting: under the role's timeout it would be
    // cancelled at 8 s; under the function's it is still waiting, and completes once let go.
    const read = await settingsAsRead(store.id);
    const blocker = await holdLocks('select 1 from public.stores where id = $1 for no key update', [store.id]);
    let settled = false;
    const change = store.owner.client.rpc('set_statistical_period', { p_store_id: store.id, p_days: 60, p_settings_read: read }).select('statistical_period_days').single().then((result) => {
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
