/**
 * The exhaustive table-level complement of engine-access and ledgers-access: every table of
 * every schema PostgREST exposes, probed for select, insert, update and delete as each of eight
 * callers, against the one declaration in rls-matrix.ts. Writes go through PostgREST with
 * `Prefer: tx=rollback`, so the matrix leaves the fixture exactly as it found it (the last test
 * checks that). The fixture gives every table rows of two stores, so "reads nothing of the other
 * store" is asserted row by row, not assumed from an empty result.
 */
import fs from 'node:fs';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, stack, uniqueEmail } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, daysAgo, importOrders, ok, orderRow, shipTo,
  type Member, type Product, type Store,
} from './fixtures.ts';
import {
  covers, expected, keptByForeignKey, ops, probes, roles,
  type InsertTarget, type Op, type Outcome, type ProbeContext, type Role, type TableName,
} from './rls-matrix.ts';

type Row = Record<string, unknown>;
/** What a probe saw, in the form the declaration is expanded to: 'denied' or sorted labels. */
type Seen = 'denied' | string[];

let storeA: Store;
let storeB: Store;
let tokens: Record<Role, string>;
let userIds: Record<Role, string | null>;
let targets: { A: InsertTarget; B: InsertTarget };
let ctx: ProbeContext;
/** Per table: the fixture rows of both stores, by primary key, with their labels. */
const fixtureRows = new Map<TableName, Map<string, string>>();
const primaryKeys = new Map<string, string[]>();
let digestBefore: Record<string, string>;

const tables = Object.keys(expected) as TableName[];
const storeColumn = (table: TableName) => probes[table].storeColumn ?? 'store_id';

async function accessToken(client: SupabaseClient): Promise<string> {
  const { data } = await client.auth.getSession();
  if (!data.session) throw new Error('fixture client has no session');
  return data.session.access_token;
}

async function digest(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await sql<{ md5: string }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5
       from public."${table}" t where "${storeColumn(table)}" = any($1)`, [[storeA.id, storeB.id]]);
    result[table] = row!.md5;
  }
  return result;
}

function keyOf(table: string, row: Row): string {
  const columns = primaryKeys.get(table);
  if (!columns) throw new Error(`${table} has no primary key: the matrix cannot name its rows`);
  return columns.map((c) => String(row[c])).join('|');
}

async function loadFixtureRows(): Promise<void> {
  const keys = await sql<{ table: string; columns: string[] }>(
    `select c.relname as table, array_agg(a.attname::text order by k.ord) as columns
     from pg_index i
     join pg_class c on c.oid = i.indrelid
     join pg_namespace n on n.oid = c.relnamespace
     cross join unnest(i.indkey) with ordinality as k (attnum, ord)
     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
     where i.indisprimary and n.nspname = 'public'
     group by c.relname`);
  for (const { table, columns } of keys) primaryKeys.set(table, columns);
  for (const table of tables) {
    const rows = await sql(`select * from public."${table}" where "${storeColumn(table)}" = any($1)`, [[storeA.id, storeB.id]]);
    fixtureRows.set(table, new Map(rows.map((row) => [keyOf(table, row), probes[table].label(row, ctx)])));
  }
}

beforeAll(async () => {
  [storeA, storeB] = await Promise.all([createStore({ label: 'matrix-a' }), createStore({ label: 'matrix-b' })]);
  // Reviews then earn points, so the points ledger has review rows too.
  await sql('update public.stores set review_points = 10 where id = any($1)', [[storeA.id, storeB.id]]);
  const [ordinary, senior, vip, buyer, staff] = await Promise.all([
    addMember(storeA), addMember(storeA), addMember(storeA), addMember(storeB), addStaff(storeA),
  ]);
  await addColleague(ordinary);
  ok(await ordinary.client.rpc('invite_colleague', { p_member_id: ordinary.id, p_email: uniqueEmail('pending') }));
  ok(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: uniqueEmail('pending') }));
  for (const store of [storeA, storeB]) {
    ok(await store.owner.client.rpc('invite_staff', { p_store_id: store.id, p_email: uniqueEmail('hire') }));
  }

  const product = (store: Store, sku: string, fields: Partial<Product> = {}) => addProduct(store, { sku, ...fields });
  const [aPublic, aMembers, , aVip, aInactive, bPublic, bMembers, bVip] = await Promise.all([
    product(storeA, 'PUBLIC'),
    product(storeA, 'MEMBERS', { visibility: 'members' }),
    product(storeA, 'SENIOR', { visibility: 'tier', min_tier_rank: 1 }),
    product(storeA, 'VIP', { visibility: 'tier', min_tier_rank: 2 }),
    product(storeA, 'INACTIVE'),
    product(storeB, 'PUBLIC'),
    product(storeB, 'MEMBERS', { visibility: 'members' }),
    product(storeB, 'VIP', { visibility: 'tier', min_tier_rank: 2 }),
  ]);
  await sql('update public.products set active = false where id = $1', [aInactive!.id]);
  // Tiers' own prices: A's members-only product for the Senior and VIP tiers, A's VIP product for
  // Seniors (who do not see it), B's members-only product for B's VIPs.
  const tierOf = (store: Store, rank: number) => store.tiers.find((t) => t.rank === rank)!.id;
  for (const [product, store, rank] of [[aMembers!, storeA, 1], [aMembers!, storeA, 2], [aVip!, storeA, 1], [bMembers!, storeB, 2]] as const) {
    ok(await store.owner.client.from('product_tier_prices').insert({ product_id: product.id, tier_id: tierOf(store, rank), store_id: store.id, price: 50 }));
  }

  // A senior (one paid order), a VIP and B's buyer (VIP too, so B has rebates), each VIP with a
  // delivered order to review.
  const vipOrders = (member: Member, prefix: string) => [
    orderRow(member, { external_ref: `${prefix}-1`, amount: 10_000 }),
    orderRow(member, { external_ref: `${prefix}-2`, amount: 10, placed_at: daysAgo(3), delivered_at: daysAgo(1) }),
  ];
  const seniorOrder = orderRow(senior, { external_ref: 'SENIOR-1' });
  const buyerOrders = vipOrders(buyer, 'BUYER');
  await Promise.all([
    importOrders(storeA, [seniorOrder, ...vipOrders(vip, 'VIP')]),
    importOrders(storeB, buyerOrders),
  ]);
  // A change of an order in each store (order_changes): the senior's corrected, the buyer's refunded in part.
  await Promise.all([
    importOrders(storeA, [{ ...seniorOrder, amount: 90 }]),
    importOrders(storeB, [{ ...buyerOrders[1]!, amount: 9, status: 'partially_refunded' }]),
  ]);

  const insertAs = async (store: Store, table: string, row: Row) =>
    (ok(await store.owner.client.from(table).insert({ store_id: store.id, ...row }).select('id').single()) as { id: string }).id;
  const coupons = async (store: Store) => ({
    all: await insertAs(store, 'coupons', { code: 'ALL', kind: 'percent', value: 2, per_member_limit: 3 }),
    vip: await insertAs(store, 'coupons', { code: 'VIP', kind: 'percent', value: 9, min_tier_rank: 2 }),
  });
  const [couponsA, couponsB] = await Promise.all([coupons(storeA), coupons(storeB)]);
  const [kitA, , kitB] = await Promise.all([
    insertAs(storeA, 'rewards', { name: 'Kit', points_cost: 5 }),
    insertAs(storeA, 'rewards', { name: 'Retired', points_cost: 5, active: false }),
    insertAs(storeB, 'rewards', { name: 'Kit', points_cost: 5 }),
    ...[storeA, storeB].map((store) => store.owner.client.from('merchant_cards').insert({ store_id: store.id, title: store.slug }).then(ok)),
  ]);

  const orderId = async (store: Store, ref: string) =>
    (await sql<{ id: string }>('select id from public.orders where store_id = $1 and external_ref = $2', [store.id, ref]))[0]!.id;
  const [vipDelivered, buyerDelivered] = await Promise.all([orderId(storeA, 'VIP-2'), orderId(storeB, 'BUYER-2')]);
  for (const [member, store, coupon, delivered, claimed] of [
    [ordinary, storeA, couponsA.all, null, aPublic!],
    [buyer, storeB, couponsB.all, buyerDelivered, bPublic!],
  ] as const) {
    ok(await member.client.rpc('claim_coupon', { p_coupon_id: coupon }));
    ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Price for 100?' }));
    ok(await member.client.rpc('claim_sample', { p_product_id: claimed.id, p_ship_to: shipTo }));
    if (delivered) ok(await member.client.rpc('review_order', { p_order_id: delivered, p_rating: 5, p_body: 'Fast' }));
  }
  ok(await vip.client.rpc('review_order', { p_order_id: vipDelivered, p_rating: 4, p_body: 'Good' }));
  ok(await storeA.owner.client.rpc('adjust_points', { p_member_id: ordinary.id, p_delta: 20, p_note: 'Welcome' }));
  // Every company redeems its store's Kit (no coupon): a delivery each for the staff to send.
  for (const [member, store, kit] of [[ordinary, storeA, kitA], [senior, storeA, kitA], [vip, storeA, kitA], [buyer, storeB, kitB]] as const) {
    if (member !== ordinary) ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 5, p_note: 'For the kit' }));
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
  }

  // Growth: a segment and a campaign reaching the VIP company (which consented) in each store; a
  // public, a members-only and a VIP post in each, and a draft (no publish time) meant for everyone.
  await sql('update public.member_contacts set contact_consent_at = now() where member_id = any($1)', [[vip.id, buyer.id]]);
  const campaignIds: Record<'A' | 'B', string> = { A: '', B: '' };
  for (const [key, store] of [['A', storeA], ['B', storeB]] as const) {
    const segment = await insertAs(store, 'segments', { name: 'All', filters: {} });
    campaignIds[key] = (ok(await store.owner.client.rpc('record_campaign', {
      p_store_id: store.id, p_segment_id: segment, p_channel: 'email', p_subject: 'Launch',
    })) as { id: string }).id;
    for (const [title, visibility, rank] of [['Public', 'public', 0], ['Members', 'members', 0], ['VIP', 'tier', 2]] as const) {
      await insertAs(store, 'posts', { kind: 'industry_news', title, body: 'Text.', locale: 'en', visibility, min_tier_rank: rank });
    }
    await insertAs(store, 'posts', { kind: 'industry_news', title: 'Draft', locale: 'en', visibility: 'public', publish_at: null });
  }

  const members = new Map([[ordinary.id, 'ordinary'], [senior.id, 'senior'], [vip.id, 'vip'], [buyer.id, 'buyer']]);
  const names = new Map([
    ...(await sql<{ id: string; name: string }>('select id, lower(sku) as name from public.products where store_id = any($1)', [[storeA.id, storeB.id]])),
    ...(await sql<{ id: string; name: string }>(`select id, lower(name ->> 'en') as name from public.tiers where store_id = any($1)`, [[storeA.id, storeB.id]])),
  ].map((row) => [row.id, row.name]));
  ctx = {
    store: (id) => (id === storeA.id ? 'A' : id === storeB.id ? 'B' : `other store ${id}`),
    member: (id) => members.get(id) ?? `unknown member ${id}`,
    name: (id) => names.get(id) ?? `unknown ${id}`,
  };
  const actors = { ordinary, senior, vip, otherMember: buyer, owner: storeA.owner, staff, otherStaff: storeB.owner };
  tokens = { anon: stack().anonKey } as Record<Role, string>;
  userIds = { anon: null } as Record<Role, string | null>;
  for (const [role, actor] of Object.entries(actors) as [Exclude<Role, 'anon'>, { client: SupabaseClient; user: { id: string } }][]) {
    tokens[role] = await accessToken(actor.client);
    userIds[role] = actor.user.id;
  }
  // Inserts aim at the most valuable rows of each store: its VIP company, product, coupon, order.
  targets = {
    A: { storeId: storeA.id, memberId: vip.id, productId: aVip!.id, tierId: tierOf(storeA, 2), couponId: couponsA.vip, orderId: vipDelivered, campaignId: campaignIds.A, userId: null },
    B: { storeId: storeB.id, memberId: buyer.id, productId: bVip!.id, tierId: tierOf(storeB, 2), couponId: couponsB.vip, orderId: buyerDelivered, campaignId: campaignIds.B, userId: null },
  };

  await loadFixtureRows();
  digestBefore = await digest();
});

interface Answer {
  status: number;
  body: unknown;
  /** Preference-Applied: must name tx=rollback on every write that reached the database. */
  applied: string;
}

async function rest(role: Role, method: string, table: TableName, query: string, body?: Row): Promise<Answer> {
  const res = await fetch(`${stack().apiUrl}/rest/v1/${table}?${query}`, {
    method,
    headers: {
      apikey: stack().anonKey,
      authorization: `Bearer ${tokens[role]}`,
      'content-type': 'application/json',
      prefer: 'return=representation, tx=rollback',
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const answer = { status: res.status, body: text ? JSON.parse(text) : null, applied: res.headers.get('preference-applied') ?? '' };
  if (method !== 'GET' && res.ok && !answer.applied.includes('tx=rollback')) {
    throw new Error(`PostgREST did not roll back ${method} ${table} as ${role}: the probe may have written. Preference-Applied: "${answer.applied}"`);
  }
  return answer;
}

interface PgError { code: string; message: string }
const asError = (answer: Answer) => (answer.status >= 400 ? (answer.body as PgError) : null);
const isGrantRefusal = (error: PgError | null) => error?.code === '42501' && error.message.startsWith('permission denied');
const describeError = (error: PgError) => `✗${error.code} ${error.message}`;

function labelsOf(table: TableName, rows: Row[]): string[] {
  return rows.map((row) => fixtureRows.get(table)!.get(keyOf(table, row)) ?? `row outside the fixture ${keyOf(table, row)}`).sort();
}

function bothStoresFilter(table: TableName): string {
  return `${storeColumn(table)}=in.(${storeA.id},${storeB.id})`;
}

async function probe(op: Op, table: TableName, role: Role): Promise<Seen> {
  if (op === 'insert') {
    const seen: string[] = [];
    let refusals = 0;
    for (const store of ['A', 'B'] as const) {
      const answer = await rest(role, 'POST', table, 'select=*', probes[table].insert({ ...targets[store], userId: userIds[role] }));
      const error = asError(answer);
      if (isGrantRefusal(error)) refusals += 1;
      else if (error?.code === '42501' && error.message.includes('row-level security')) continue;
      // A row naming a product the caller may not change is refused as one of nothing (product_tier_prices).
      else if (error?.code === 'PT404') continue;
      // Unique keys are checked after the policy: a duplicate is a row the policy let in (a store's one card).
      else if (error?.code === '23505') seen.push(store);
      else if (error) seen.push(`${store} ${describeError(error)}`);
      else if ((answer.body as Row[]).length === 1) seen.push(store);
      else seen.push(`${store} ✗ ${(answer.body as Row[]).length} rows`);
    }
    return refusals === 2 ? 'denied' : refusals === 0 ? seen : [...seen, 'permission denied for one store only'];
  }

  const method = { select: 'GET', update: 'PATCH', delete: 'DELETE' }[op];
  const answer = await rest(role, method, table, `select=*&${bothStoresFilter(table)}`, op === 'update' ? probes[table].patch : undefined);
  const error = asError(answer);
  if (isGrantRefusal(error)) return 'denied';
  if (!error) return labelsOf(table, answer.body as Row[]);
  if (op !== 'delete') return [describeError(error)];

  // One row the policy lets through but a foreign key keeps fails the whole statement: try
  // each row alone to see which are deleted, hidden (0 rows) or kept.
  const seen: string[] = [];
  for (const [key, label] of fixtureRows.get(table)!) {
    const columns = primaryKeys.get(table)!;
    const values = key.split('|');
    const filter = columns.map((c, i) => `${c}=eq.${values[i]}`).join('&');
    const single = await rest(role, 'DELETE', table, `select=*&${filter}`);
    const singleError = asError(single);
    if (singleError) seen.push(`${label} ${singleError.code === '23503' ? '✗23503' : describeError(singleError)}`);
    else if ((single.body as Row[]).length > 0) seen.push(label);
  }
  return seen.sort();
}

/** The declaration of one cell, expanded against the labels of the fixture rows. */
function expand(op: Op, table: TableName, outcome: Outcome): Seen {
  if (outcome === 'denied') return 'denied';
  if (op === 'insert') return [...outcome].sort();
  const kept = keptByForeignKey[table] ?? [];
  return [...fixtureRows.get(table)!.values()]
    .filter((label) => outcome.some((prefix) => covers(prefix, label)))
    .map((label) => (op === 'delete' && kept.includes(label) ? `${label} ✗23503` : label))
    .sort();
}

describe('the declaration', () => {
  it('names every table and view of every schema PostgREST exposes, and nothing else', async () => {
    const configured = /PGRST_DB_SCHEMAS:\s*'([^']+)'/.exec(fs.readFileSync(new URL('../../supabase/local/postgrest.ts', import.meta.url), 'utf8'));
    expect(configured, 'PGRST_DB_SCHEMAS in supabase/local/postgrest.ts').not.toBeNull();
    const schemas = configured![1]!.split(',').map((s) => s.trim());
    // The running PostgREST lists its schemas when asked for one it does not serve.
    const res = await fetch(`${stack().apiUrl}/rest/v1/stores`, { headers: { apikey: stack().anonKey, 'accept-profile': 'no_such_schema' } });
    expect(((await res.json()) as PgError).message, 'schemas the running PostgREST serves').toBe(`The schema must be one of the following: ${schemas.join(', ')}`);

    const relations = await sql<{ name: string }>(
      `select case when n.nspname = 'public' then c.relname else n.nspname || '.' || c.relname end as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f')`, [schemas]);
    const inDatabase = relations.map((r) => r.name);
    expect({
      'in the database but not declared': inDatabase.filter((t) => !tables.includes(t as TableName)).sort(),
      'declared but not in the database': tables.filter((t) => !inDatabase.includes(t)).sort(),
    }).toEqual({ 'in the database but not declared': [], 'declared but not in the database': [] });
  });

  it('puts rows of both stores in every table, so cross-store reads are really tested', () => {
    const missing = tables.flatMap((table) => {
      const labels = [...fixtureRows.get(table)!.values()];
      return ['A', 'B'].filter((s) => !labels.some((l) => covers(s, l))).map((s) => `${table}: no row of store ${s}`);
    });
    expect(missing).toEqual([]);
  });

  it('names only rows that exist: every label prefix matches a fixture row of some table', () => {
    const allLabels = [...fixtureRows.values()].flatMap((rows) => [...rows.values()]);
    const unknown = tables.flatMap((table) => [
      ...ops.flatMap((op) => roles.flatMap((role) => {
        const outcome = expected[table][op][role];
        return outcome === 'denied' ? [] : outcome.filter((p) => !allLabels.some((l) => covers(p, l))).map((p) => `${table} ${op} ${role}: ${p}`);
      })),
      ...(keptByForeignKey[table] ?? []).filter((l) => ![...fixtureRows.get(table)!.values()].includes(l)).map((l) => `${table} kept: ${l}`),
    ]);
    expect(unknown).toEqual([]);
  });
});

for (const table of tables) {
  describe(table, () => {
    for (const op of ops) {
      it(op, async () => {
        const want = Object.fromEntries(roles.map((role) => [role, expand(op, table, expected[table][op][role])]));
        const seen: Record<string, Seen> = {};
        if (op === 'select') {
          await Promise.all(roles.map(async (role) => { seen[role] = await probe(op, table, role); }));
        } else {
          // Writes one at a time: concurrent rolled-back transactions would queue on row locks.
          for (const role of roles) seen[role] = await probe(op, table, role);
        }
        expect(Object.fromEntries(roles.map((role) => [role, seen[role]])), `${table} ${op}: rows reached per role (expected vs actual)`).toEqual(want);
      });
    }
  });
}

describe('after every probe', () => {
  it('left every fixture row as it was (writes were rolled back)', async () => {
    expect(await digest()).toEqual(digestBefore);
  });
});
