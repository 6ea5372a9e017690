/**
 * What the measures need beside the generated data, created in the bench database only (never
 * in migrations): a trivial RPC as the gateway's floor, a bare insert of orders as the import's
 * floor, and the logins the measures sign in as, picked by SQL from the generated store.
 */
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';

export const benchPassword = 'bench-password-1';

const benchRpcs = `
create function public.bench_select_1() returns int language sql stable as $$ select 1 $$;
grant execute on function public.bench_select_1() to authenticated, service_role;

-- The same rows as import_orders writes, inserted with the engine's triggers off (foreign keys
-- still checked) inside the caller's transaction, which the bench always rolls back.
create function public.bench_bare_insert_orders(p_store_id uuid, p_rows jsonb) returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  alter table public.orders disable trigger user;
  insert into public.orders (store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status)
  select p_store_id, r.member_id, r.external_ref, r.amount, 'USD', 1, r.placed_at, r.status
  from jsonb_to_recordset(p_rows) as r (member_id uuid, external_ref text, amount numeric, placed_at timestamptz, status text)
  order by r.external_ref;
  get diagnostics v_count = row_count;
  alter table public.orders enable trigger user;
  return v_count;
end
$$;
grant execute on function public.bench_bare_insert_orders(uuid, jsonb) to authenticated;
notify pgrst, 'reload schema';
`;

export interface Login {
  email: string;
  memberId: string | null;
  accessToken: string;
}

export interface Fixtures {
  storeId: string;
  storeSlug: string;
  tierIds: Record<'Ordinary' | 'Senior' | 'VIP', string>;
  rewardId: string;
  /** Members of the big store, in generation order: the population imports draw from. */
  memberIds: string[];
  publicProductIds: string[];
  catalogueProductCount: number;
  staff: Login;
  topVip: Login;
  /** Ten VIP companies (unlimited samples) for the claim throughput. */
  claimers: Login[];
  /** Ten VIP and ten Senior companies with points to spend, for the storm. */
  storm: Login[];
}

async function signIn(apiUrl: string, anonKey: string, email: string, memberId: string | null): Promise<Login> {
  const client = createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { data, error } = await client.auth.signInWithPassword({ email, password: benchPassword });
  if (error || !data.session) throw new Error(`signing in ${email} failed: ${error?.message}`);
  return { email, memberId, accessToken: data.session.access_token };
}

export async function prepareFixtures(dbUrl: string, apiUrl: string, anonKey: string): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(benchRpcs);
    const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows;
    const [store] = await q<{ id: string; slug: string }>(`select s.id, s.slug from public.stores s where s.slug = 'bench-big'`);
    // Tier names may be jsonb by locale: the default tiers are told apart by rank.
    const tiers = await q<{ name: 'Ordinary' | 'Senior' | 'VIP'; id: string }>(
      `select (array['Ordinary', 'Senior', 'VIP'])[t.rank + 1] as name, t.id from public.tiers t where t.store_id = $1 and t.rank <= 2`, [store!.id]);
    const [reward] = await q<{ id: string }>(`select r.id from public.rewards r where r.store_id = $1`, [store!.id]);
    const members = await q<{ id: string }>(
      `select bench.id('member', 0, m) as id from generate_series(1, (select p.members from bench.plan p where p.store_no = 0)) m`);
    const products = await q<{ id: string }>(
      `select p.id from public.products p where p.store_id = $1 and p.visibility = 'public' and p.active order by p.sku`, [store!.id]);
    const [catalogue] = await q<{ n: number }>(`select count(*)::int as n from public.products p where p.store_id = $1 and p.active`, [store!.id]);
    // Busiest VIPs first: the top one for the catalogue and my_membership, the next ten claim,
    // the ten after them and ten Senior companies with points for three redemptions storm.
    const vips = await q<{ member_id: string; email: string }>(`
      select m.id as member_id, u.email from public.members m
      join public.member_contacts c on c.member_id = m.id and c.role = 'primary' join auth.users u on u.id = c.user_id
      join public.tiers t on t.id = m.tier_id
      where m.store_id = $1 and t.rank = 2 and m.points_balance >= 600
      order by (select count(*) from public.orders o where o.member_id = m.id) desc, m.id limit 21`, [store!.id]);
    const seniors = await q<{ member_id: string; email: string }>(`
      select m.id as member_id, u.email from public.members m
      join public.member_contacts c on c.member_id = m.id and c.role = 'primary' join auth.users u on u.id = c.user_id
      join public.tiers t on t.id = m.tier_id
      where m.store_id = $1 and t.rank = 1 and m.points_balance >= 600 order by m.id limit 10`, [store!.id]);
    if (vips.length < 21 || seniors.length < 10) throw new Error(`too few VIP (${vips.length}) or Senior (${seniors.length}) companies with points`);
    const staffEmail = 'owner-0@bench.test';
    const emails = [staffEmail, ...vips.map((v) => v.email), ...seniors.map((s) => s.email)];
    await client.query(`update auth.users set encrypted_password = extensions.crypt($1, extensions.gen_salt('bf')) where email = any ($2)`,
      [benchPassword, emails]);
    // The auth stand-in, like GoTrue, allows 30 password sign-ins per client address in a burst;
    // all 42 logins come from 127.0.0.1, so the bench empties its buckets before each one.
    const login = async (row: { member_id: string | null; email: string }) => {
      await client.query(`do $$ begin if to_regclass('auth.rate_limits') is not null then delete from auth.rate_limits; end if; end $$`);
      return signIn(apiUrl, anonKey, row.email, row.member_id);
    };
    const inOrder = async (rows: { member_id: string; email: string }[]) => {
      const logins: Login[] = [];
      for (const row of rows) logins.push(await login(row));
      return logins;
    };
    return {
      storeId: store!.id,
      storeSlug: store!.slug,
      tierIds: Object.fromEntries(tiers.map((t) => [t.name, t.id])) as Fixtures['tierIds'],
      rewardId: reward!.id,
      memberIds: members.map((m) => m.id),
      publicProductIds: products.map((p) => p.id),
      catalogueProductCount: catalogue!.n,
      staff: await login({ member_id: null, email: staffEmail }),
      topVip: await login(vips[0]!),
      claimers: await inOrder(vips.slice(1, 11)),
      storm: await inOrder([...vips.slice(11, 21), ...seniors]),
    };
  } finally {
    await client.end();
  }
}
