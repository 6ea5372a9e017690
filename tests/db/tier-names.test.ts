/**
 * A new store's default tiers fit any trade (migration 20261209000100), and no two tiers of a
 * store show one name to the same reader (migration 20261209000200): per language, the name a
 * reader of it sees (the tier's own text, else the store's default language's), compared trimmed
 * and case- and width-blind, without invisible characters (20261209000500); refused with 23505
 * naming the language, two saves at once included, and two saves of each other's names in the
 * opposite order without a deadlock. Staff write through PostgREST as the console does, or as the
 * owner's role in SQL where a test orders two saves' statements.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { releasedTogether, sql, stack } from '../support/clients.ts';
import { createStore, expectError, ok, type Store } from './fixtures.ts';

const vipPerks = {
  en: ['First look at new member-exclusive products'],
  'zh-CN': ['会员专属新品抢先看'],
  es: ['Primero en ver los nuevos productos exclusivos para miembros'],
};

/** A tier above the defaults (rank 3 up, each its own thresholds) named `name`, as the console inserts one. */
const insertTier = (store: Store, name: unknown, rank = 3) =>
  store.owner.client.from('tiers').insert({ store_id: store.id, rank, name, min_paid_orders: 0, min_paid_amount: 20_000 * rank }).select('id');

const names = async (store: Store) =>
  (await sql<{ name: Record<string, string> }>(`select name from public.tiers where store_id = $1 order by rank`, [store.id])).map((row) => row.name);

/** Refused as a name other readers of `locale` already see for another tier, and nothing written. */
async function expectNameTaken(result: Awaited<ReturnType<typeof insertTier>>, locale: string) {
  const error = expectError(result, '23505', `name.${locale} is the name readers of ${locale} already see for another tier`);
  expect(JSON.parse(error.details!)).toEqual({ field: `name.${locale}`, reason: `is the name readers of ${locale} already see for another tier` });
}

describe('a new store', () => {
  it('starts with default tiers whose perks fit any trade, in every language', async () => {
    const store = await createStore({ label: 'defaults' });
    const tiers = await sql<{ name: Record<string, string>; perks: Record<string, string[]> }>(
      `select name, perks from public.tiers where store_id = $1 order by rank`, [store.id]);
    expect(tiers.map((tier) => tier.name.en)).toEqual(['Ordinary', 'Senior', 'VIP']);
    expect(tiers.map((tier) => tier.perks)).toEqual([{}, {}, vipPerks]);
  });
});

describe('tier names within a store', () => {
  it('refuse a name another tier has in a language, however it is spaced, cased or typed', async () => {
    const store = await createStore({ label: 'names-taken' });
    const before = await names(store);
    // The merchant's report: "VIP会员" beside the default VIP tier's Chinese name.
    await expectNameTaken(await insertTier(store, { en: 'VIP Plus', 'zh-CN': 'VIP会员' }), 'zh-CN');
    await expectNameTaken(await insertTier(store, { en: '  vip  ' }), 'en');
    // Full-width letters from a Chinese input method, a zero-width space, a word joiner.
    await expectNameTaken(await insertTier(store, { en: 'Diamond', 'zh-CN': 'ＶＩＰ会员' }), 'zh-CN');
    await expectNameTaken(await insertTier(store, { en: 'V\u200bIP' }), 'en');
    await expectNameTaken(await insertTier(store, { en: 'Gold', es: '\u2060miembro  VIP' }), 'es');
    // Characters that show nothing after the name: a variation selector, the combining grapheme
    // joiner, a Hangul filler, the braille blank, a tag letter.
    for (const invisible of ['\ufe0f', '\u034f', '\u3164', '\u2800', '\u{E0041}']) {
      await expectNameTaken(await insertTier(store, { en: `VIP${invisible}` }), 'en');
    }
    // Shown as "VIP" by a right-to-left override: refused for the override, before names are compared.
    expectError(await insertTier(store, { en: '\u202ePIV' }), '22023', 'name.en must not contain direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)');
    // A plain string is the store's default language's text.
    await expectNameTaken(await insertTier(store, 'Senior'), 'en');
    // Renaming a tier to another's name, with the default language named first.
    const senior = store.tiers[1]!.id;
    await expectNameTaken(await store.owner.client.from('tiers').update({ name: { en: 'vip', 'zh-CN': 'vip会员' } }).eq('id', senior).select('id'), 'en');
    expect(await names(store)).toEqual(before);
  });

  it('compare what each reader sees: one name in different languages of two tiers is allowed while no reader gets both', async () => {
    const store = await createStore({ label: 'names-readers' });
    // Spanish readers see "Miembro VIP" and "VIP"; English readers "VIP" and "Gold".
    ok(await insertTier(store, { en: 'Gold', 'zh-CN': '金牌', es: 'VIP' }));
    // Without a Spanish name, Spanish readers would see this tier's English, the VIP tier's Spanish.
    await expectNameTaken(await insertTier(store, { en: 'Miembro VIP', 'zh-CN': '白金' }, 4), 'es');
    ok(await insertTier(store, { en: 'Miembro VIP', 'zh-CN': '白金', es: 'Platino' }, 4));
    // Chinese readers see the Gold tier as 金牌: "Gold" is free in Chinese.
    ok(await insertTier(store, { en: 'Onyx', 'zh-CN': 'Gold' }, 5));
    // Saving a tier again with its own name (the console sends every column) is no clash.
    const vip = store.tiers[2]!.id;
    ok(await store.owner.client.from('tiers').update({ name: { en: 'VIP', 'zh-CN': 'VIP会员', es: 'Miembro VIP' }, discount_percent: 9 }).eq('id', vip).select('id'));
    // A removed tier's names are free again.
    const [gold] = await sql<{ id: string }>(`select id from public.tiers where store_id = $1 and name ->> 'en' = 'Gold'`, [store.id]);
    await expectNameTaken(await insertTier(store, { en: 'Gold', 'zh-CN': '黄金' }, 6), 'en');
    ok(await store.owner.client.from('tiers').delete().eq('id', gold!.id).select('id'));
    ok(await insertTier(store, { en: 'Gold', 'zh-CN': '黄金' }, 5));
    // Other stores' names are theirs.
    ok(await insertTier(await createStore({ label: 'names-other' }), { en: 'Gold', 'zh-CN': '金牌', es: 'VIP' }));
  });

  it('keep emoji with a variation selector and accents typed as combining marks, compared as they show', async () => {
    const store = await createStore({ label: 'names-shown' });
    ok(await insertTier(store, { en: '\u2764\ufe0f Club' }));
    await expectNameTaken(await insertTier(store, { en: '\u2764 club' }, 4), 'en');
    ok(await insertTier(store, { en: 'Jose\u0301' }, 4));
    await expectNameTaken(await insertTier(store, { en: 'Jos\u00e9' }, 5), 'en');
    ok(await insertTier(store, { en: 'Jose' }, 5));
    expect((await names(store)).slice(3)).toEqual([{ en: '\u2764\ufe0f Club' }, { en: 'Jose\u0301' }, { en: 'Jose' }]);
  });

  it('are compared again when the default language changes, which changes what readers without their own text see', async () => {
    const store = await createStore({ label: 'names-default' });
    const setDefault = (locale: string) => store.owner.client.from('stores').update({ default_locale: locale }).eq('id', store.id).select('id');
    // The store's own name in Spanish too, so that only tier names stand in the way (20261210000500).
    ok(await store.owner.client.from('stores').update({ name: { en: 'Names', es: 'Nombres' } }).eq('id', store.id).select('id'));
    // No Chinese name: Chinese readers see "Xenon", then, with Spanish the default, "VIP会员" as the VIP tier's.
    ok(await insertTier(store, { en: 'Xenon', es: 'VIP会员' }));
    expectError(await setDefault('es'), '23514', 'default_locale cannot become es: readers of zh-CN would see two tiers named "VIP会员"');
    expect((await sql(`select default_locale from public.stores where id = $1`, [store.id]))).toEqual([{ default_locale: 'en' }]);
    // A tier Chinese readers see as "Wolfram" under English, as "Tungsteno" under Spanish.
    ok(await store.owner.client.from('tiers').update({ name: { en: 'Xenon', es: 'Xenón', 'zh-CN': '氙' } }).eq('store_id', store.id).eq('rank', 3).select('id'));
    ok(await insertTier(store, { en: 'Wolfram', es: 'Tungsteno' }, 4));
    ok(await setDefault('es'));
    await expectNameTaken(await insertTier(store, { es: 'Zeta', 'zh-CN': 'Tungsteno' }, 5), 'zh-CN');
    ok(await insertTier(store, { es: 'Zeta', 'zh-CN': 'Wolfram' }, 5));
  });

  it('of two saves of one name at the same moment, one is refused', async () => {
    const store = await createStore({ label: 'names-race' });
    // The store's row held (the name check shares it) until one save waits on it and the other on
    // that one (inserts into a store take turns), then both go.
    const results = await releasedTogether('select 1 from public.stores where id = $1 for update', [store.id],
      [insertTier(store, { en: 'Twin' }, 3), insertTier(store, { en: 'twin' }, 3)]);
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    await expectNameTaken(results.find((result) => result.error !== null)!, 'en');
    expect((await names(store)).filter((name) => name.en?.toLowerCase() === 'twin')).toHaveLength(1);
  });

  it('of two saves recording X then Y, and Y then X, at the same moment, the second waits and is refused, not deadlocked', async () => {
    // A request inserting tiers X and Y records their names row by row. Before 20261209000500 one
    // recorded X, another Y, then each waited for the other's name: 40P01 in 2 of 8 trials. Here
    // each save is a transaction of the owner's inserting a tier per statement, so that this order
    // is not left to timing.
    const store = await createStore({ label: 'names-cross' });
    const session = async () => {
      const client = new pg.Client({ connectionString: stack().dbUrl });
      await client.connect();
      await client.query('begin');
      await client.query('set local role authenticated');
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: store.owner.user.id, role: 'authenticated', aud: 'authenticated' })]);
      const [{ pid }] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
      return { client, pid };
    };
    const insert = (client: pg.Client, name: string, rank: number) => client.query(
      'insert into public.tiers (store_id, rank, name, min_paid_orders, min_paid_amount) values ($1, $2, $3, 0, $4)', [store.id, rank, { en: name }, 20_000 * rank]);
    const first = await session();
    const second = await session();
    try {
      await insert(first.client, 'Xenon', 3);
      const secondSave = (async () => {
        await insert(second.client, 'Yttrium', 5);
        await insert(second.client, 'Xenon', 6);
      })();
      const deadline = Date.now() + 10_000;
      while ((await sql(`select 1 from pg_stat_activity where pid = $1 and $2 = any(pg_blocking_pids(pid))`, [second.pid, first.pid])).length === 0) {
        if (Date.now() > deadline) throw new Error('the second save never waited for the first');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await insert(first.client, 'Yttrium', 4);
      await first.client.query('commit');
      await expect(secondSave).rejects.toMatchObject({ code: '23505', message: 'name.en is the name readers of en already see for another tier' });
    } finally {
      await Promise.all([first, second].map(async ({ client }) => {
        await client.query('rollback').catch(() => undefined);
        await client.end();
      }));
    }
    expect((await names(store)).slice(3)).toEqual([{ en: 'Xenon' }, { en: 'Yttrium' }]);
  });
});

describe('the migrations on a store written before them', () => {
  it('keep tiers and texts that break the rules of 20261209000500, refusing only a later save of those texts', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261209000500', async (client, migrate) => {
      const store = `(select id from public.stores where slug = 'old')`;
      await client.query(`
        ${oldStoreRows()}
        insert into public.tiers (store_id, rank, name, min_paid_orders, min_paid_amount) values
          (${store}, 3, '{"en": "VIP\\u034f"}', 0, 50000),
          (${store}, 4, '{"en": "\\u202ePIV"}', 0, 60000);
        insert into public.products (store_id, sku, name, price, currency, visibility, min_tier_rank)
          values (${store}, 'R', '{"en": "\\u202eevil"}', 1, 'USD', 'tier', 4);
        insert into public.stores (slug, name) values ('crowded', 'Crowded');
        insert into public.tiers (store_id, rank, name, min_paid_orders, min_paid_amount)
          select s.id, n, jsonb_build_object('en', 'T' || n), n, 0 from public.stores s, generate_series(3, 24) n where s.slug = 'crowded';`);
      expect(await migrate()).toContain('20261209000500_tier_limits_and_invisible_text.sql');
      const tier = (rank: number, set: string) =>
        client.query(`update public.tiers t set ${set} from public.stores s where s.id = t.store_id and s.slug = 'old' and t.rank = ${rank}`);
      // Other columns save; the names, shown as VIP's and reversed by an override, do not.
      await tier(3, 'discount_percent = 10');
      await tier(4, 'discount_percent = 10');
      await expect(tier(3, 'name = t.name')).rejects.toThrow('name.en is the name readers of en already see for another tier');
      await expect(tier(4, 'name = t.name')).rejects.toThrow('name.en must not contain direction controls');
      // A tier put at rank 4 moves the gate of the product whose name has the override, which stays.
      await client.query(`insert into public.tiers (store_id, rank, name) values (${store}, 4, '{"en": "Amber"}')`);
      expect((await client.query(`select min_tier_rank, name from public.products where sku = 'R'`)).rows).toEqual([{ min_tier_rank: 5, name: { en: '\u202eevil' } }]);
      await expect(client.query(`insert into public.tiers (store_id, rank, name) values (${store}, 6, '{"en": "VIP\\u3164"}')`))
        .rejects.toThrow('name.en is the name readers of en already see for another tier');

      // A store with 25 tiers keeps them; it takes no more, and its what-if takes its 25.
      const crowded = `(select id from public.stores where slug = 'crowded')`;
      await expect(client.query(`insert into public.tiers (store_id, rank, name) values (${crowded}, 30, '{"en": "T30"}')`))
        .rejects.toThrow('store_id may have at most 20 tiers: remove one before adding another');
      const proposal = `(select jsonb_agg(jsonb_build_object('id', id, 'rank', rank, 'min_paid_orders', min_paid_orders, 'min_paid_amount', min_paid_amount))
                         from public.tiers where store_id = ${crowded})`;
      expect((await client.query(`select count(*)::int as n from private.what_if_tiers(${crowded}, ${proposal})`)).rows).toEqual([{ n: 25 }]);
      await expect(client.query(`select private.what_if_tiers(${crowded}, ${proposal} || '[{"rank": 30, "min_paid_orders": 30, "min_paid_amount": 0}]')`))
        .rejects.toThrow('tiers must hold at most 25 tiers');
    });
  });

  it('keep its default tiers\' perks, and two tiers sharing a name keep it until the later one is saved', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261209000100', async (client, migrate) => {
      await client.query(`
        ${oldStoreRows()}
        insert into public.tiers (store_id, rank, name, min_paid_orders, min_paid_amount)
          select id, 3, '{"en": "VIP Plus", "zh-CN": "VIP会员"}', 0, 50000 from public.stores where slug = 'old';`);
      const applied = await migrate();
      expect(applied).toEqual(expect.arrayContaining(['20261209000100_trade_neutral_default_perks.sql', '20261209000200_distinct_tier_names.sql']));
      const tiers = async () => (await client.query<{ rank: number; name: Record<string, string>; perks: Record<string, string[]> }>(
        `select t.rank, t.name, t.perks from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'old' order by t.rank`)).rows;
      expect((await tiers())[2]!.perks).toEqual({ en: ['Member-exclusive styles first'], 'zh-CN': ['会员专属款抢先看'], es: ['Primero en ver los estilos exclusivos'] });
      const plus = `update public.tiers t set %s from public.stores s where s.id = t.store_id and s.slug = 'old' and t.rank = 3`;
      // Its other columns save; its name, shown to Chinese readers as the VIP tier's, does not.
      await client.query(plus.replace('%s', 'discount_percent = 10'));
      await expect(client.query(plus.replace('%s', `name = t.name`))).rejects.toThrow('name.zh-CN is the name readers of zh-CN already see for another tier');
      await client.query(plus.replace('%s', `name = '{"en": "VIP Plus", "zh-CN": "超级VIP会员"}'`));
      expect((await tiers()).map((tier) => tier.name['zh-CN'])).toEqual(['普通会员', '高级会员', 'VIP会员', '超级VIP会员']);
      // A store created now gets the new perks.
      await client.query(`insert into public.stores (slug, name) values ('new', '"New"')`);
      expect((await client.query(`select t.perks from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'new' and t.rank = 2`)).rows).toEqual([{ perks: vipPerks }]);
    });
  });
});
