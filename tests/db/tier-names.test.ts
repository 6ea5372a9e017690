/**
 * A new store's default tiers fit any trade (migration 20261209000100), and no two tiers of a
 * store show one name to the same reader (migration 20261209000200): per language, the name a
 * reader of it sees (the tier's own text, else the store's default language's), compared trimmed
 * and case- and width-blind; refused with 23505 naming the language, two saves at once included.
 * Staff write through PostgREST as the console does.
 */
import { describe, expect, it } from 'vitest';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { holdLocks, sql } from '../support/clients.ts';
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
    // Full-width letters from a Chinese input method, a zero-width space, a direction mark.
    await expectNameTaken(await insertTier(store, { en: 'Diamond', 'zh-CN': 'ＶＩＰ会员' }), 'zh-CN');
    await expectNameTaken(await insertTier(store, { en: 'V\u200bIP' }), 'en');
    await expectNameTaken(await insertTier(store, { en: 'Gold', es: '\u200fmiembro  VIP' }), 'es');
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
    ok(await insertTier(store, { en: 'Gold', 'zh-CN': '黄金' }, 6));
    // Other stores' names are theirs.
    ok(await insertTier(await createStore({ label: 'names-other' }), { en: 'Gold', 'zh-CN': '金牌', es: 'VIP' }));
  });

  it('are compared again when the default language changes, which changes what readers without their own text see', async () => {
    const store = await createStore({ label: 'names-default' });
    const setDefault = (locale: string) => store.owner.client.from('stores').update({ default_locale: locale }).eq('id', store.id).select('id');
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
    // Both inserts wait on the store's row (the name check shares it) until both are waiting, then go together.
    const blocker = await holdLocks('select 1 from public.stores where id = $1 for update', [store.id]);
    const saves = Promise.all([insertTier(store, { en: 'Twin' }, 3), insertTier(store, { en: 'twin' }, 4)]);
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [waiting] = await sql<{ n: number }>(`select count(*)::int as n from pg_stat_activity a where $1 = any(pg_blocking_pids(a.pid))`, [blocker.pid]);
        if (waiting!.n === 2) break;
        if (Date.now() > deadline) throw new Error(`only ${waiting!.n} of the 2 saves reached the lock`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await blocker.release();
    }
    const results = await saves;
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    await expectNameTaken(results.find((result) => result.error !== null)!, 'en');
    expect((await names(store)).filter((name) => name.en?.toLowerCase() === 'twin')).toHaveLength(1);
  });
});

describe('the migrations on a store written before them', () => {
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
      await client.query(`insert into public.stores (slug, name) values ('new', 'New')`);
      expect((await client.query(`select t.perks from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'new' and t.rank = 2`)).rows).toEqual([{ perks: vipPerks }]);
    });
  });
});
