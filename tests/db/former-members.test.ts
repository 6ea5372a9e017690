/**
 * Former members (migration 20261208000500): when a company's last contact leaves, leave_store
 * records `members.left_at`; the staff's member list leaves the company out unless asked,
 * segments never select it, and analytics count it neither among the members of a period that
 * ends after it left nor in the unredeemed points, while periods before stay as they were.
 * Nobody writes left_at directly, and its card is written no more (migration 20261208000900);
 * the tier what-if places current members only (20261208000800).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addColleague, addMember, createStore, daysAgo, importOrders, ok, orderRow, type Member, type Store } from './fixtures.ts';

interface OverTime { period_end: string; dimension: string; label: string; members: number }
interface Listed { member_id: string; company_name: string; left_at: string | null; total: number }
interface Liability { kind: string; expires_in: string | null; amount: number }
interface WhatIf { members: number; moves: { member_id: string }[] }

let store: Store;
let stays: Member;
let leaves: Member;
let colleague: Member;

const range = { p_from: daysAgo(6), p_to: daysAgo(-1), p_period: 'day' };
/** Members per period end, by tier and by stage (each sums to the members then). */
async function membersOverTime(): Promise<{ end: string; tiers: number; stages: number }[]> {
  const rows = ok(await store.owner.client.rpc('analytics_members_over_time', { p_store_id: store.id, ...range })) as OverTime[];
  const ends = [...new Set(rows.map((r) => r.period_end))];
  const sum = (end: string, dimension: string) => rows.filter((r) => r.period_end === end && r.dimension === dimension).reduce((n, r) => n + Number(r.members), 0);
  return ends.map((end) => ({ end, tiers: sum(end, 'tier'), stages: sum(end, 'stage') }));
}
async function outstandingPoints(): Promise<number> {
  const rows = ok(await store.owner.client.rpc('analytics_liabilities', { p_store_id: store.id })) as Liability[];
  return Number(rows.find((r) => r.kind === 'points' && r.expires_in === null)!.amount);
}
const list = async (args: Record<string, unknown> = {}) =>
  ok(await store.owner.client.rpc('staff_members', { p_store_id: store.id, ...args })) as Listed[];
/** The store's tiers as they are, plus a top tier that one paid order reaches (the leaver's). */
async function whatIf(): Promise<WhatIf> {
  const tiers = ok(await store.owner.client.from('tiers').select('id, rank, min_paid_orders, min_paid_amount').eq('store_id', store.id)) as { rank: number }[];
  const top = { rank: Math.max(...tiers.map((t) => t.rank)) + 1, min_paid_orders: 1, min_paid_amount: 0 };
  return ok(await store.owner.client.rpc('tier_what_if', { p_store_id: store.id, p_tiers: [...tiers, top] })) as WhatIf;
}
const leftAt = async (member: Member) =>
  (await sql('select left_at from public.members where id = $1', [member.id]))[0]!.left_at as Date | null;

beforeAll(async () => {
  store = await createStore({ label: 'former-members' });
  [stays, leaves] = await Promise.all([addMember(store, 'Staying Wigs Ltd'), addMember(store, 'Leaving Wigs Ltd')]);
  colleague = await addColleague(leaves);
  // Points to leave behind: an order's credit.
  await importOrders(store, [orderRow(leaves, { amount: 400, placed_at: daysAgo(1) })]);
  // Both joined ten days ago, with their tier history at that instant.
  await sql(`update public.members set joined_at = now() - interval '10 days' where id = any ($1::uuid[])`, [[stays.id, leaves.id]]);
  await sql(`update public.tier_changes h set changed_at = m.joined_at from public.members m
    where m.id = h.member_id and h.reason = 'join' and m.id = any ($1::uuid[])`, [[stays.id, leaves.id]]);
});

describe('a company that leaves', () => {
  let before: Awaited<ReturnType<typeof membersOverTime>>;
  let pointsBefore: number;
  let leaverPoints: number;

  beforeAll(async () => {
    before = await membersOverTime();
    pointsBefore = await outstandingPoints();
    leaverPoints = Number((await sql('select points_balance from public.members where id = $1', [leaves.id]))[0]!.points_balance);
  });

  it('is counted like any member while a contact stays', async () => {
    expect(before.length).toBeGreaterThanOrEqual(7);
    expect(before.every((p) => p.tiers === 2 && p.stages === 2)).toBe(true);
    expect(leaverPoints).toBeGreaterThan(0);
    expect((await list()).map((r) => r.member_id).sort()).toEqual([stays.id, leaves.id].sort());
    const proposed = await whatIf();
    expect([proposed.members, proposed.moves.map((m) => m.member_id)]).toEqual([2, [leaves.id]]);
    ok(await colleague.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expect(await leftAt(leaves)).toBeNull();
  });

  it('has left_at set when its last contact leaves', async () => {
    expect(ok(await leaves.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: true });
    const left = await leftAt(leaves);
    expect(Math.abs(left!.getTime() - Date.now())).toBeLessThan(60_000);
    const [row] = ok(await store.owner.client.from('members').select('company_name, left_at').eq('id', leaves.id)) as { company_name: string; left_at: string }[];
    expect(row!.company_name).toBe('Former member');
    expect(Date.parse(row!.left_at)).toBe(left!.getTime());
  });

  it('is left out of the member list unless staff ask for former members', async () => {
    expect((await list()).map((r) => [r.member_id, r.left_at, Number(r.total)])).toEqual([[stays.id, null, 1]]);
    const former = await list({ p_former: true });
    expect(former.map((r) => [r.member_id, r.left_at !== null, Number(r.total)])).toEqual([[leaves.id, true, 1]]);
    expect((await list({ p_former: null })).length).toBe(2);
    const search = (p_former?: boolean) =>
      store.owner.client.rpc('staff_member_search', { p_store_id: store.id, p_search: 'Former', ...(p_former === undefined ? {} : { p_former }) });
    expect(ok(await search())).toEqual([]);
    expect((ok(await search(true)) as Listed[]).map((r) => r.member_id)).toEqual([leaves.id]);
  });

  it('is selected by no segment', async () => {
    expect(ok(await store.owner.client.rpc('segment_size', { p_store_id: store.id, p_filters: {} }))).toEqual([{ members: 1, contacts: 1, consenting_contacts: 0 }]);
    const rows = ok(await store.owner.client.rpc('segment_members', { p_store_id: store.id, p_filters: { points_at_least: 1 } })) as Listed[];
    expect(rows.map((r) => r.member_id)).not.toContain(leaves.id);
  });

  it('is neither counted nor moved by a tier what-if', async () => {
    expect(await whatIf()).toMatchObject({ members: 1, moves: [] });
  });

  it('leaves the present of analytics, not the periods before it left', async () => {
    expect(await outstandingPoints()).toBe(pointsBefore - leaverPoints);
    // As if it had left three days ago: the ends before still count it, the ends after do not.
    await sql(`update public.members set left_at = now() - interval '3 days' where id = $1`, [leaves.id]);
    const after = await membersOverTime();
    expect(after.map((p) => p.end)).toEqual(before.map((p) => p.end));
    const cut = Date.now() - 3 * 86_400_000;
    for (const p of after) {
      const members = Date.parse(p.end) < cut ? 2 : 1;
      expect(p, p.end).toEqual({ end: p.end, tiers: members, stages: members });
    }
  });
});

describe('left_at', () => {
  it('is written by nobody directly: neither a member nor staff', async () => {
    const at = new Date().toISOString();
    const byMember = await stays.client.from('members').update({ left_at: at }).eq('id', stays.id);
    expect(byMember.error?.code).toBe('42501');
    const byStaff = await store.owner.client.from('members').update({ left_at: null }).eq('id', leaves.id);
    expect(byStaff.error?.code).toBe('42501');
    expect(await leftAt(stays)).toBeNull();
    expect(await leftAt(leaves)).not.toBeNull();
  });
});

describe("a former member's card", () => {
  it('is refused to staff, while a current member\'s is written', async () => {
    const rename = await store.owner.client.from('members').update({ company_name: 'Renamed Wigs Ltd' }).eq('id', leaves.id);
    expect(rename.error).toMatchObject({ code: 'P0001', message: 'company has left the store: its card is kept, anonymised, and cannot be changed' });
    const buying = await store.owner.client.from('members').update({ product_categories: ['Wigs'] }).eq('id', leaves.id);
    expect(buying.error?.code).toBe('P0001');
    const [row] = await sql('select company_name, product_categories from public.members where id = $1', [leaves.id]);
    expect(row).toEqual({ company_name: 'Former member', product_categories: [] });
    ok(await store.owner.client.from('members').update({ company_name: 'Staying Wigs Group' }).eq('id', stays.id));
    expect((await sql('select company_name from public.members where id = $1', [stays.id]))[0]!.company_name).toBe('Staying Wigs Group');
  });
});
