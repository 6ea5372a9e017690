/**
 * SQL assertions that the generated (and, after the storm, the exercised) data is what the
 * product's own paths would leave: each query counts violations, and every count must be 0.
 */
import pg from 'pg';

export interface Check {
  name: string;
  /** -1 when the check could not run (a function it calls changed): see `error`. */
  violations: number;
  error?: string;
}

const checks: { name: string; sql: string }[] = [
  {
    name: 'points_balance equals the sum of the points ledger, and is not negative',
    sql: `select count(*) from public.members m
          where m.points_balance < 0 or m.points_balance <> coalesce((select sum(l.delta) from public.points_ledger l where l.member_id = m.id), 0)`,
  },
  {
    name: 'points_balance equals what is left of unexpired credits (once due expiries are recorded)',
    sql: `select count(*) from public.members m
          where not exists (select 1 from public.points_ledger l where l.member_id = m.id and l.remaining > 0 and l.expires_at <= now())
            and m.points_balance <> coalesce((select sum(l.remaining) from public.points_ledger l
                                             where l.member_id = m.id and l.remaining > 0 and l.expires_at > now()), 0)`,
  },
  {
    name: 'rebate_balance equals the sum of the rebate ledger, and is not negative',
    sql: `select count(*) from public.members m
          where m.rebate_balance < 0 or m.rebate_balance <> coalesce((select sum(r.delta) from public.rebate_ledger r where r.member_id = m.id), 0)`,
  },
  {
    name: 'every paid order earned its points exactly once; unpaid orders earned nothing',
    sql: `select count(*) from public.orders o
          where (o.status = 'paid') <> exists (select 1 from public.points_ledger l where l.order_id = o.id and l.reason = 'order')`,
  },
  {
    name: 'the cached tier is the live tier (evaluate_tier) for 2,000 sampled and the 100 busiest members',
    sql: `with sampled as (
            (select m.id from public.members m order by md5(m.id::text) limit 2000)
            union
            (select o.member_id from public.orders o group by o.member_id order by count(*) desc limit 100))
          select count(*) from sampled s join public.members m on m.id = s.id
          where m.tier_id is distinct from private.evaluate_tier(m.id)
            -- An order that left the period between generation and now moves a tier legitimately.
            and not exists (select 1 from public.orders o join public.stores st on st.id = o.store_id
                            where o.member_id = m.id and o.status = 'paid'
                              and o.placed_at between (select min(p.t0) from bench.plan p) - make_interval(days => st.statistical_period_days)
                                                  and now() - make_interval(days => st.statistical_period_days))`,
  },
  {
    name: 'the cache kept with the tier is what refresh_tiers computes (validity, the period\'s figures, newest paid order and the one before it) for 2,000 sampled members',
    sql: `select count(*) from (select m.* from public.members m order by md5(m.id::text) limit 2000) m
          cross join lateral private.tier_evaluations(array[m.id]) e
          -- A cache past its validity is legitimately stale: reads evaluate live then.
          where (m.tier_valid_until > now()
                 and (m.tier_valid_until, m.period_paid_orders, m.period_paid_amount, m.period_oldest_paid_at)
                     is distinct from (e.valid_until, e.paid_orders, e.paid_amount, e.oldest_placed_at))
             or m.last_paid_order_at is distinct from (select max(o.placed_at) from public.orders o
                                                       where o.member_id = m.id and o.status = 'paid')
             or m.previous_paid_order_at is distinct from (select o.placed_at from public.orders o
                                                           where o.member_id = m.id and o.status = 'paid'
                                                           order by o.placed_at desc offset 1 limit 1)`,
  },
  {
    name: 'every order\'s tier (orders.tier_id) is the tier the history gives at its placed_at, for 20,000 sampled orders and the busiest member\'s',
    sql: `select count(*) from (
            (select o.* from public.orders o order by md5(o.id::text) limit 20000)
            union
            (select o.* from public.orders o where o.member_id = (select x.member_id from public.orders x group by 1 order by count(*) desc limit 1))) o
          where o.tier_id is distinct from private.tier_at(o.store_id, o.member_id, o.placed_at)`,
  },
  {
    name: 'the instants whose statistical period holds one and two paid orders (paid_once, paid_twice) are what the orders give now, for every member',
    // Computed afresh from the orders, the period as seconds (24-hour days, whatever the session's time zone).
    sql: `with facts as (
            select x.member_id, range_agg(tstzrange(x.placed_at, x.placed_at + x.period)) as once,
              range_agg(tstzrange(x.placed_at, x.previous + x.period)) filter (where x.previous + x.period > x.placed_at) as twice
            from (select o.member_id, o.placed_at, make_interval(secs => s.statistical_period_days * 86400) as period,
                    lag(o.placed_at) over (partition by o.member_id order by o.placed_at) as previous
                  from public.orders o join public.stores s on s.id = o.store_id where o.status = 'paid') x
            group by x.member_id)
          select count(*) from public.members m left join facts f on f.member_id = m.id
          where (m.paid_once, m.paid_twice) is distinct from (coalesce(f.once, '{}'), coalesce(f.twice, '{}'))`,
  },
  {
    name: 'the last tier change of every member names its cached tier',
    sql: `select count(*) from public.members m
          where m.tier_id is distinct from private.tier_at(m.store_id, m.id, 'infinity')`,
  },
  {
    name: 'no company holds more counting sample claims than its tier allows',
    // samples_used, set-based: claims still counting within each store's sample period.
    sql: `select count(*) from (
            select c.member_id, count(*) as used from public.sample_claims c join public.stores s on s.id = c.store_id
            where c.status in ('requested', 'approved', 'shipped') and c.created_at > now() - make_interval(days => s.sample_period_days)
            group by c.member_id) u
          join public.members m on m.id = u.member_id join public.tiers t on t.id = m.tier_id
          where t.sample_quota is not null and u.used > t.sample_quota`,
  },
  {
    name: 'every member has exactly one primary contact',
    sql: `select count(*) from public.members m
          where (select count(*) from public.member_contacts c where c.member_id = m.id and c.role = 'primary') <> 1`,
  },
  {
    name: 'every order, claim and ledger row belongs to a member of its own store',
    sql: `select (select count(*) from public.orders o where not exists (select 1 from public.members m where m.id = o.member_id and m.store_id = o.store_id))
               + (select count(*) from public.sample_claims c where not exists (select 1 from public.members m where m.id = c.member_id and m.store_id = c.store_id))
               + (select count(*) from public.points_ledger l where not exists (select 1 from public.members m where m.id = l.member_id and m.store_id = l.store_id))`,
  },
];

export async function checkConsistency(dbUrl: string): Promise<Check[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query('set statement_timeout = 0');
    const results: Check[] = [];
    for (const check of checks) {
      try {
        const { rows } = await client.query(check.sql);
        results.push({ name: check.name, violations: Number(Object.values(rows[0]!)[0]) });
      } catch (error) {
        results.push({ name: check.name, violations: -1, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return results;
  } finally {
    await client.end();
  }
}
