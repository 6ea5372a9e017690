/**
 * texts_lacking_locale (migration 20261212000700): the texts a change of default language waits
 * for, row by row, from the list the change's own guard reads. Non-empty exactly when the change
 * is refused, naming the same fields; empty, and the change passes, once each text has the
 * language. Staff read it; buyers and other stores' staff are refused (tenancy.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { holdLocks, sql, untilWaiting } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, ok, type Actor, type Member, type Store } from './fixtures.ts';

interface Group { table: string; field: string; count: number; rows: { id: string; name: string }[] }

let store: Store;
let staff: Actor;
let member: Member;
const ids: Record<string, string> = {};

const lacking = async (locale: string, who: Actor = store.owner) =>
  ok(await who.client.rpc('texts_lacking_locale', { p_store_id: store.id, p_locale: locale })) as Group[];
const changeTo = (locale: string) => store.owner.client.from('stores').update({ default_locale: locale }).eq('id', store.id).select('default_locale');
/** What the guard names: the `missing` of its refusal, or [] when the change went through (then undone). */
async function refusedFields(locale: string): Promise<string[]> {
  const result = await changeTo(locale);
  if (!result.error) {
    ok(await changeTo('en'));
    return [];
  }
  expectError(result, '23514', new RegExp(`^default_locale cannot become ${locale}: some `));
  return JSON.parse(result.error.details!).missing as string[];
}
const fieldsOf = (groups: Group[]) => groups.map((g) => `${g.table}.${g.field}`);

beforeAll(async () => {
  store = await createStore({ label: 'lacking' });
  [staff, member] = await Promise.all([addStaff(store), addMember(store)]);
  const owner = store.owner.client;
  // English only: Gold's name (the default tiers have all three), a product, a reward and the card's title.
  ok(await owner.from('tiers').update({ name: { en: 'Gold', 'zh-CN': '金卡' } }).eq('id', store.tiers[2]!.id));
  const products = ok(await owner.from('products').insert([
    { store_id: store.id, sku: 'W1', price: 10, currency: 'USD', name: { en: 'Body wave' }, description: { en: 'Soft', es: 'Suave' } },
    // Every text in Spanish: not listed.
    { store_id: store.id, sku: 'W2', price: 10, currency: 'USD', name: { en: 'Afro kinky', es: 'Afro rizado' } },
    // A description in English alone lacks Spanish as much as a name does.
    { store_id: store.id, sku: 'W3', price: 10, currency: 'USD', name: { en: 'Bob', es: 'Bob' }, description: { en: 'Short' } },
  ]).select('id, sku')) as { id: string; sku: string }[];
  for (const p of products) ids[p.sku] = p.id;
  ids.coupon = (ok(await owner.from('coupons').insert({ store_id: store.id, code: 'WELCOME5', kind: 'percent', value: 5, description: { en: '5% off' } }).select('id').single()) as { id: string }).id;
  // A coupon without a description has nothing to translate.
  ok(await owner.from('coupons').insert({ store_id: store.id, code: 'PLAIN', kind: 'percent', value: 5 }));
  ids.reward = (ok(await owner.from('rewards').insert({ store_id: store.id, name: { en: 'Sample kit', es: 'Kit de muestras' }, description: { en: 'Three wigs' }, points_cost: 10 }).select('id').single()) as { id: string }).id;
  ok(await owner.from('merchant_cards').insert({ store_id: store.id, title: { en: 'Wigs Ltd' }, introduction: { en: 'Hi', es: 'Hola' } }));
});

describe('texts_lacking_locale', () => {
  it("names the rows in the store's default language, whatever language the request reads in", async () => {
    // A request in Chinese, as the console in Chinese sends it (Accept-Language).
    const request = await holdLocks(`select set_config('request.headers', '{"accept-language": "zh-CN"}', true)`, []);
    try {
      const { rows } = await request.run(`select l.label from private.texts_lacking_locale($1, 'es', null) l where l.table_name = 'tiers'`, [store.id]);
      // Gold is also written in Chinese (金卡): read in the reader's language it came back so.
      expect(rows).toEqual([{ label: 'Gold' }]);
    } finally {
      await request.release();
    }
  });

  it('names every text the change would be refused for, row by row, with a name to find it by', async () => {
    const groups = await lacking('es');
    expect(groups).toEqual([
      { table: 'stores', field: 'name', count: 1, rows: [{ id: store.id, name: `Test ${store.slug}` }] },
      { table: 'tiers', field: 'name', count: 1, rows: [{ id: store.tiers[2]!.id, name: 'Gold' }] },
      { table: 'products', field: 'name', count: 1, rows: [{ id: ids.W1, name: 'Body wave' }] },
      { table: 'products', field: 'description', count: 1, rows: [{ id: ids.W3, name: 'Bob' }] },
      { table: 'coupons', field: 'description', count: 1, rows: [{ id: ids.coupon, name: 'WELCOME5' }] },
      { table: 'rewards', field: 'description', count: 1, rows: [{ id: ids.reward, name: 'Sample kit' }] },
      { table: 'merchant_cards', field: 'title', count: 1, rows: [{ id: store.id, name: 'Wigs Ltd' }] },
    ]);
    // The guard refuses for exactly those fields, in the same order.
    expect(await refusedFields('es')).toEqual(fieldsOf(groups));
    // Chinese: the default tiers and Gold have it; everything else written lacks it.
    expect(fieldsOf(await lacking('zh-CN'))).toEqual(await refusedFields('zh-CN'));
    // The language the store has now lacks nothing.
    expect(await lacking('en')).toEqual([]);
  });

  it('is empty exactly when the change passes, and the change then goes through', async () => {
    const owner = store.owner.client;
    const fills: [string, PromiseLike<{ error: { message: string } | null; data: unknown }>][] = [
      ['stores', owner.from('stores').update({ name: { en: `Test ${store.slug}`, es: 'Pelucas de prueba' } }).eq('id', store.id).select('id')],
      ['tiers', owner.from('tiers').update({ name: { en: 'Gold', 'zh-CN': '金卡', es: 'Oro' } }).eq('id', store.tiers[2]!.id).select('id')],
      ['products', owner.from('products').update({ name: { en: 'Body wave', es: 'Ondulado' } }).eq('id', ids.W1!).select('id')],
      ['products', owner.from('products').update({ description: { en: 'Short', es: 'Corto' } }).eq('id', ids.W3!).select('id')],
      ['coupons', owner.from('coupons').update({ description: { en: '5% off', es: '5 % menos' } }).eq('id', ids.coupon!).select('id')],
      ['rewards', owner.from('rewards').update({ description: { en: 'Three wigs', es: 'Tres pelucas' } }).eq('id', ids.reward!).select('id')],
    ];
    for (const [, fill] of fills) {
      ok(await fill);
      const groups = await lacking('es');
      // Still refused while anything is listed, naming what is.
      expect(await refusedFields('es')).toEqual(fieldsOf(groups));
      expect(groups.length).toBeGreaterThan(0);
    }
    expect(fieldsOf(await lacking('es'))).toEqual(['merchant_cards.title']);
    ok(await owner.from('merchant_cards').update({ title: { en: 'Wigs Ltd', es: 'Pelucas SL' } }).eq('store_id', store.id));
    expect(await lacking('es')).toEqual([]);
    expect(ok(await changeTo('es'))).toEqual([{ default_locale: 'es' }]);
    // Names now come in the new default language.
    ok(await owner.from('products').insert({ store_id: store.id, sku: 'W4', price: 1, currency: 'USD', name: { es: 'Liso', en: 'Straight' } }));
    expect(await lacking('en')).toEqual([]);
    // Staff read it too, each name in the store's new default language.
    const chinese = await lacking('zh-CN', staff);
    expect(chinese[0]).toEqual({ table: 'stores', field: 'name', count: 1, rows: [{ id: store.id, name: 'Pelucas de prueba' }] });
    expect(chinese.find((g) => g.table === 'products' && g.field === 'name')!.rows.map((r) => r.name)).toEqual(['Afro rizado', 'Bob', 'Liso', 'Ondulado']);
    ok(await changeTo('en'));
  });

  it('gives a long list as its first 100 rows by name, with the count of all', async () => {
    await sql(`insert into public.products (store_id, sku, name, price, currency)
      select $1, 'BULK-' || n, jsonb_build_object('en', 'Bulk ' || lpad(n::text, 3, '0')), 1, 'USD' from generate_series(1, 120) n`, [store.id]);
    const products = (await lacking('es')).find((g) => g.table === 'products' && g.field === 'name')!;
    expect(products.count).toBe(120);
    expect(products.rows.map((r) => r.name)).toEqual(Array.from({ length: 100 }, (_, i) => `Bulk ${String(i + 1).padStart(3, '0')}`));
    await sql(`delete from public.products where store_id = $1 and sku like 'BULK-%'`, [store.id]);
  });

  it('refuses an unsupported or missing language, and buyers of the store', async () => {
    expectError(await store.owner.client.rpc('texts_lacking_locale', { p_store_id: store.id, p_locale: 'fr' }), '22023', 'locale must be one of en, zh-CN, es');
    expectError(await store.owner.client.rpc('texts_lacking_locale', { p_store_id: store.id, p_locale: null }), '22023', 'locale is required: one of en, zh-CN, es');
    expectError(await member.client.rpc('texts_lacking_locale', { p_store_id: store.id, p_locale: 'es' }), '42501', "Only this store's staff may do this");
  });
});

/**
 * A text written at the moment the owner changes the default language: whichever takes the
 * store's language lock first (20261213000200), the other is checked against what it wrote. Each side is held open in a transaction
 * of its own (holdLocks) while the other is sent, so the interleaving is forced, not hoped for.
 */
// Five interleavings a test, each waiting up to untilWaiting's 20 s on a machine short of CPU.
describe('a text written while the default language changes', { timeout: 120_000 }, () => {
  let race: Store;
  let raceStaff: Actor;
  let tierName: unknown;

  // Per table: the text in English alone, as the held transaction writes it and as a request
  // does; the field the change is refused for; and how to take it away again.
  const texts = (): { table: string; field: string; held: string; params: unknown[]; request: () => PromiseLike<{ error: { message: string } | null }>; undo: () => Promise<unknown> }[] => [
    {
      table: 'products', field: 'name',
      held: `insert into public.products (store_id, sku, price, currency, name) values ($1, 'RACE', 10, 'USD', '{"en": "Body wave"}')`, params: [race.id],
      // A staff login, who may write products but not update the store row.
      request: () => raceStaff.client.from('products').insert({ store_id: race.id, sku: 'RACE', price: 10, currency: 'USD', name: { en: 'Body wave' } }).select('id'),
      undo: () => sql('delete from public.products where store_id = $1', [race.id]),
    },
    {
      table: 'coupons', field: 'description',
      held: `insert into public.coupons (store_id, code, kind, value, description) values ($1, 'RACE5', 'percent', 5, '{"en": "5% off"}')`, params: [race.id],
      request: () => race.owner.client.from('coupons').insert({ store_id: race.id, code: 'RACE5', kind: 'percent', value: 5, description: { en: '5% off' } }).select('id'),
      undo: () => sql('delete from public.coupons where store_id = $1', [race.id]),
    },
    {
      table: 'rewards', field: 'name',
      held: `insert into public.rewards (store_id, name, points_cost) values ($1, '{"en": "Sample kit"}', 1)`, params: [race.id],
      request: () => race.owner.client.from('rewards').insert({ store_id: race.id, name: { en: 'Sample kit' }, points_cost: 1 }).select('id'),
      undo: () => sql('delete from public.rewards where store_id = $1', [race.id]),
    },
    {
      table: 'merchant_cards', field: 'title',
      held: `insert into public.merchant_cards (store_id, title) values ($1, '{"en": "Wigs Ltd"}')`, params: [race.id],
      request: () => race.owner.client.from('merchant_cards').insert({ store_id: race.id, title: { en: 'Wigs Ltd' } }).select('store_id'),
      undo: () => sql('delete from public.merchant_cards where store_id = $1', [race.id]),
    },
    {
      table: 'tiers', field: 'name',
      held: `update public.tiers set name = '{"en": "Gold"}' where id = $1`, params: [race.tiers[2]!.id],
      request: () => race.owner.client.from('tiers').update({ name: { en: 'Gold' } }).eq('id', race.tiers[2]!.id).select('id'),
      undo: () => sql('update public.tiers set name = $1 where id = $2', [tierName, race.tiers[2]!.id]),
    },
  ];
  const toSpanish = () => race.owner.client.from('stores').update({ default_locale: 'es' }).eq('id', race.id).select('default_locale');
  const localeNow = async () => (await sql<{ default_locale: string }>('select default_locale from public.stores where id = $1', [race.id]))[0]!.default_locale;

  beforeAll(async () => {
    race = await createStore({ label: 'locale-race' });
    raceStaff = await addStaff(race);
    // Everything the store has is in Spanish too (the default tiers are written in all three).
    ok(await race.owner.client.from('stores').update({ name: { en: `Test ${race.slug}`, es: 'Pelucas de prueba' } }).eq('id', race.id));
    tierName = (await sql<{ name: unknown }>('select name from public.tiers where id = $1', [race.tiers[2]!.id]))[0]!.name;
  });

  it('refuses the change when the text was written first and commits while it waits', async () => {
    for (const text of texts()) {
      const writer = await holdLocks(text.held, text.params);
      try {
        // Sent now: a query builder sends its request only once awaited.
        const change = Promise.resolve(toSpanish());
        // The change waits for the writer: before the fix it read the texts without the
        // uncommitted one and went through at once.
        await untilWaiting(writer.pid, 1);
        await writer.commit();
        expectError(await change, '23514', `default_locale cannot become es: some ${text.table}.${text.field} has no text in es yet`);
        expect(await localeNow()).toBe('en');
      } finally {
        await writer.release().catch(() => undefined);
        await text.undo();
      }
    }
  });

  it('refuses the text when the change was made first and commits while it waits', async () => {
    for (const text of texts()) {
      const change = await holdLocks(`update public.stores set default_locale = 'es' where id = $1`, [race.id]);
      try {
        const write = Promise.resolve(text.request());
        await untilWaiting(change.pid, 1);
        await change.commit();
        expectError(await write, '22023', `${text.field} needs a text in es, the store's default language`);
        expect(await localeNow()).toBe('es');
      } finally {
        await change.release().catch(() => undefined);
        await text.undo();
        await sql(`update public.stores set default_locale = 'en' where id = $1`, [race.id]);
      }
    }
  });
});
