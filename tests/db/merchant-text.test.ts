/**
 * Merchant text in several languages (migration 20261202000300): every read path returns the
 * requested language, then the store's default, then any provided one, and says which language
 * each text came in (`<field>_lang`, for the reader's `lang` attribute); writes refuse unknown
 * languages, malformed texts, a missing default language and a tier's perks numbering otherwise
 * in a language than in the default, naming field and language; the
 * catalogue sorts names in the reading language's collation; and the migration carries texts
 * written under the old schema into the store's default language without loss. The card's website
 * is the web address the card forms send (web-address.ts), no other.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabaseBefore } from './before-migration.ts';
import { anonClient, pastTriggers, serviceClient, sql, stack } from '../support/clients.ts';
import { addMember, createStore, expectError, makeVip, ok, type Member, type Store } from './fixtures.ts';
import { isWebUrl, withScheme } from '../../src/lib/web-address.ts';

const tierNames = { en: 'Gold', 'zh-CN': '金牌会员', es: 'Oro' };
let store: Store;
let member: Member;
let gold: string;

beforeAll(async () => {
  store = await createStore({ label: 'l10n' });
  member = await addMember(store);
  // The VIP tier in two languages only, to see the fallback; perks in English only.
  gold = store.tiers[2]!.id;
  ok(await store.owner.client.from('tiers').update({ name: { en: tierNames.en, 'zh-CN': tierNames['zh-CN'] }, perks: { en: ['Tea'] } }).eq('id', gold).select());
  ok(await store.owner.client.from('merchant_cards').insert({ store_id: store.id, title: { en: 'Wigs Ltd', es: 'Pelucas SL' } }).select());
  ok(await store.owner.client.from('products').insert([
    { store_id: store.id, sku: 'A', price: 1, currency: 'USD', name: { en: 'Zebra wig', 'zh-CN': '张', es: 'ñandú' } },
    { store_id: store.id, sku: 'B', price: 1, currency: 'USD', name: { en: 'Apple wig', 'zh-CN': '阿', es: 'nube' } },
    { store_id: store.id, sku: 'C', price: 1, currency: 'USD', name: { en: 'Mango wig', 'zh-CN': '李', es: 'Oso' }, description: { en: 'Only English' } },
  ]).select());
});

describe('reads: requested language, else the store default (en), else any', () => {
  it('store_profile (store page and widget): tier names, perks and the card', async () => {
    const read = async (locale: string | undefined) =>
      ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug, ...(locale ? { p_locale: locale } : {}) })) as {
        store: { locale: string }; card: Record<string, string | null>;
        tiers: { name: string; name_lang: string; perks: string[]; perks_lang: string | null }[] };
    const zh = await read('zh-CN');
    expect([zh.store.locale, zh.tiers[2]!.name, zh.tiers[2]!.perks, zh.card.title]).toEqual(['zh-CN', '金牌会员', ['Tea'], 'Wigs Ltd']);
    expect([zh.tiers[2]!.name_lang, zh.tiers[2]!.perks_lang, zh.card.title_lang]).toEqual(['zh-CN', 'en', 'en']);
    expect([zh.tiers[0]!.perks, zh.tiers[0]!.perks_lang, zh.card.address, zh.card.address_lang]).toEqual([[], null, null, null]);
    const es = await read('es');
    expect([es.tiers[2]!.name, es.tiers[0]!.name, es.card.title]).toEqual(['Gold', 'Miembro', 'Pelucas SL']);
    expect([es.tiers[2]!.name_lang, es.tiers[0]!.name_lang, es.card.title_lang]).toEqual(['en', 'es', 'es']);
    const none = await read(undefined);
    expect([none.store.locale, none.tiers[2]!.name]).toEqual(['en', 'Gold']);
  });

  it('tier_teasers', async () => {
    const names = async (locale: string) =>
      (ok(await anonClient().rpc('tier_teasers', { p_store_slug: store.slug, p_locale: locale })) as { tier_name: string; tier_name_lang: string }[])
        .map((t) => `${t.tier_name} (${t.tier_name_lang})`);
    expect(await names('zh-CN')).toEqual(['普通会员 (zh-CN)', '高级会员 (zh-CN)', '金牌会员 (zh-CN)']);
    expect(await names('es')).toEqual(['Miembro (es)', 'Miembro sénior (es)', 'Gold (en)']);
  });

  it('store_catalogue: names and descriptions', async () => {
    const rows = ok(await anonClient().rpc('store_catalogue', { p_store_slug: store.slug, p_locale: 'es' })) as { sku: string; name: string; description: string }[];
    expect(rows.find((r) => r.sku === 'C')).toMatchObject({ name: 'Oso', name_lang: 'es', description: 'Only English', description_lang: 'en' });
    expect(rows.find((r) => r.sku === 'A')).toMatchObject({ name: 'ñandú', name_lang: 'es', description: '', description_lang: null });
  });

  it('my_membership: the tier, in the argument language or the request language', async () => {
    await makeVip(store, member);
    const tier = async (locale?: string) =>
      (ok(await member.client.rpc('my_membership', { p_store_slug: store.slug, ...(locale ? { p_locale: locale } : {}) })) as { tier: { name: string; perks: string[] } }).tier;
    expect(await tier('zh-CN')).toMatchObject({ name: '金牌会员', name_lang: 'zh-CN', perks: ['Tea'], perks_lang: 'en' });
    expect(await tier('es')).toMatchObject({ name: 'Gold', name_lang: 'en' });
    expect(await tier()).toMatchObject({ name: 'Gold', name_lang: 'en' });
  });

  it('direct table reads: the computed fields follow Accept-Language', async () => {
    const read = async (language: string) => {
      const res = await fetch(`${stack().apiUrl}/rest/v1/tiers?select=rank,name_local,perks_local,text_langs&store_id=eq.${store.id}&order=rank`, {
        headers: { apikey: stack().anonKey, authorization: `Bearer ${stack().anonKey}`, 'accept-language': language },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { name_local: string; perks_local: string[]; text_langs: Record<string, string | null> }[];
    };
    const names = async (language: string) => (await read(language)).map((t) => t.name_local);
    expect(await names('zh-CN,zh;q=0.9')).toEqual(['普通会员', '高级会员', '金牌会员']);
    expect(await names('es-MX,es;q=0.9')).toEqual(['Miembro', 'Miembro sénior', 'Gold']);
    // Traditional Chinese is not Simplified: the store's default.
    expect(await names('zh-TW')).toEqual(['Ordinary', 'Senior', 'Gold']);
    const [ordinary, , gold] = await read('zh-CN');
    expect([ordinary?.text_langs, gold?.perks_local, gold?.text_langs]).toEqual([{ name: 'zh-CN', perks: null }, ['Tea'], { name: 'zh-CN', perks: 'en' }]);
  });

  it('direct table reads: text_langs of the card and of tier history', async () => {
    const card = await fetch(`${stack().apiUrl}/rest/v1/merchant_cards?select=title:title_local,text_langs&store_id=eq.${store.id}`, {
      headers: { apikey: stack().anonKey, authorization: `Bearer ${stack().anonKey}`, 'accept-language': 'es' },
    });
    expect(await card.json()).toEqual([{ title: 'Pelucas SL', text_langs: { title: 'es', contact_title: null, address: null, introduction: null } }]);
    const [history] = await sql<{ langs: unknown }>(
      `select public.text_langs(c) as langs from public.tier_changes c where c.store_id = $1 and c.from_tier_name is null and c.to_tier_name ? 'zh-CN'`, [store.id]);
    expect(history).toEqual({ langs: { from_tier_name: null, to_tier_name: 'en' } });
  });

  it('the helper: requested, then default, then the first provided in locale order', async () => {
    const pick = async (text: object, locale: string) => {
      const [row] = await sql<{ text: string | null; lang: string | null }>(
        'select private.local_text($1::jsonb, $2, $3) as text, private.local_locale($1::jsonb, $2, $3) as lang', [JSON.stringify(text), 'en', locale]);
      return `${row?.text} (${row?.lang})`;
    };
    expect(await pick({ en: 'E', es: 'S' }, 'es')).toBe('S (es)');
    expect(await pick({ en: 'E', es: 'S' }, 'zh-CN')).toBe('E (en)');
    expect(await pick({ es: 'S', 'zh-CN': 'Z' }, 'fr')).toBe('Z (zh-CN)');
    expect(await pick({}, 'es')).toBe('null (null)');
  });

  it('an unsupported language argument is refused, not ignored', async () => {
    expectError(await anonClient().rpc('store_profile', { p_store_slug: store.slug, p_locale: 'fr' }), '22023', 'locale must be one of en, zh-CN, es');
    expectError(await anonClient().rpc('store_catalogue', { p_store_slug: store.slug, p_locale: 'zh' }), '22023', 'locale must be one of en, zh-CN, es');
  });
});

describe('writes', () => {
  const tier = () => store.tiers[1]!.id;
  const update = (values: Record<string, unknown>) => store.owner.client.from('tiers').update(values).eq('id', tier()).select();

  it('refuse a language outside the supported set, naming field and language', async () => {
    const error = expectError(await update({ name: { en: 'Silver', fr: 'Argent' } }), '22023',
      'name has a text in fr, which is not a supported language (en, zh-CN, es)');
    expect(JSON.parse(error.details!)).toMatchObject({ field: 'name' });
  });

  it('refuse a text without the store default language', async () => {
    expectError(await update({ name: { es: 'Plata' } }), '22023', "name needs a text in en, the store's default language");
    expectError(await store.owner.client.from('products').insert({ store_id: store.id, sku: 'X', price: 1, currency: 'USD', name: 'X', description: { es: 'Solo' } }).select(),
      '22023', "description needs a text in en, the store's default language");
  });

  it('refuse malformed texts per language', async () => {
    expectError(await update({ name: { en: 'Silver', es: 'Pla\nta' } }), '22023', 'name.es must be a single line without control characters');
    expectError(await update({ name: { en: 'Silver', 'zh-CN': '  ' } }), '22023', 'name.zh-CN must not be blank: leave the language out instead');
    expectError(await update({ perks: { en: ['ok'], es: [1] } }), '22023', 'perks.es must be a list of texts');
    expectError(await update({ name: 42 }), '22023', /^name must be an object from language codes to texts/);
  });

  it('refuse perks that number otherwise in a language than in the store default, which readers of it would lose (migration 20261225000700)', async () => {
    const error = expectError(await update({ perks: { en: ['Account manager', 'New styles first'], 'zh-CN': ['专属客户经理'] } }), '22023',
      "perks.zh-CN has a different number of perks (1) from en, the store's default language (2): give every language the same perks, or leave zh-CN out so its readers see the en ones");
    expect(JSON.parse(error.details!)).toMatchObject({ field: 'perks.zh-CN' });
    expectError(await update({ perks: { en: ['Account manager'], es: ['Gestor de cuenta', 'Estilos nuevos antes'] } }), '22023', /^perks\.es has a different number of perks \(2\) from en/);
    expect(ok(await update({ perks: { en: ['Account manager', 'New styles first'], 'zh-CN': ['专属客户经理', '新品优先'] } }))).toHaveLength(1);
    expect(ok(await update({ perks: { en: ['Account manager'] } }))).toHaveLength(1);
  });

  it('refuse texts that show nothing and names with direction controls, from staff and the service role alike (migration 20261209000500)', async () => {
    const blank = (field: string) => `${field} must not be blank: leave the language out instead`;
    // Zero-width space; a lone combining accent; a Hangul filler, the braille blank and spaces; a tag letter.
    for (const text of ['\u200b', '\u0301', ' \u3164\u2800\u3000', '\u{E0041}']) {
      expectError(await update({ name: { en: 'Silver', es: text } }), '22023', blank('name.es'));
    }
    const card = (values: Record<string, unknown>) => store.owner.client.from('merchant_cards').update(values).eq('store_id', store.id).select('title, address');
    expectError(await card({ introduction: { en: '\u200d\ufe0f' } }), '22023', blank('introduction.en'));
    expectError(await update({ perks: { en: ['Tea', '\u200b'] } }), '22023', 'perks.en must not have blank lines: lines of invisible characters show nothing');
    // Each direction control, in each kind of one-line text.
    const controls = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    const direction = (field: string) => `${field} must not contain direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)`;
    for (const control of controls) expectError(await update({ name: { en: `${control}Silver` } }), '22023', direction('name.en'));
    expectError(await serviceClient().from('products').insert({ store_id: store.id, sku: 'S', price: 1, currency: 'USD', name: 'Wig \u202eelas' }).select(), '22023', direction('name.en'));
    expectError(await store.owner.client.from('rewards').insert({ store_id: store.id, name: { en: 'Kit\u200f' }, points_cost: 1 }).select(), '22023', direction('name.en'));
    expectError(await card({ title: { en: 'Wigs \u2067Ltd', es: 'Pelucas SL' } }), '22023', direction('title.en'));
    // Multi-line texts and perks keep them: each shows as a paragraph or list item of its own.
    const rtl = '\u05e9\u05dc\u05d5\u05dd \u202b\u05e2\u05d5\u05dc\u05dd\u202c';
    expect(ok(await card({ address: { en: rtl, es: rtl } }))).toEqual([{ title: { en: 'Wigs Ltd', es: 'Pelucas SL' }, address: { en: rtl, es: rtl } }]);
    ok(await update({ perks: { en: [rtl] } }));
  });

  it('keep emoji with a variation selector and accents written as combining marks, as written', async () => {
    const [row] = ok(await update({ name: { en: '\u2764\ufe0f Jose\u0301', es: 'Corazo\u0301n \u{1F468}\u200d\u{1F469}' }, perks: { en: ['\u2b50\ufe0f'] } })) as { name: object; perks: object }[];
    expect(row).toMatchObject({ name: { en: '\u2764\ufe0f Jose\u0301', es: 'Corazo\u0301n \u{1F468}\u200d\u{1F469}' }, perks: { en: ['\u2b50\ufe0f'] } });
  });

  it('take a plain string as the store default language', async () => {
    const [row] = ok(await update({ name: 'Silver', perks: ['Tea'] })) as { name: object; perks: object }[];
    expect(row).toMatchObject({ name: { en: 'Silver' }, perks: { en: ['Tea'] } });
  });

  it('the CHECK constraint holds for writers that skip nothing (service role included)', async () => {
    expectError(await serviceClient().from('rewards').insert({ store_id: store.id, name: { en: 'Kit', xx: 'Kit' }, points_cost: 1 }).select(), '22023', /xx, which is not a supported language/);
    await expect(pastTriggers(`insert into public.rewards (store_id, name, points_cost) values ($1, '{"xx": "Kit"}', 1)`, [store.id]))
      .rejects.toThrow(/rewards_name_is_merchant_text/);
  });

  it('a store default language can change only to one every text has, and the refusal names every text without it', async () => {
    const refused = await store.owner.client.from('stores').update({ default_locale: 'es' }).eq('id', store.id).select();
    // The store's name, Gold's name and perks have no es text, nor product C's description; every other text has one.
    const missing = ['stores.name', 'tiers.name', 'tiers.perks', 'products.description'];
    expectError(refused, '23514', `default_locale cannot become es: some ${missing.join(', ')} have no text in es yet`);
    expect(JSON.parse(refused.error!.details!)).toEqual({
      field: 'default_locale', reason: `cannot become es: some ${missing.join(', ')} have no text in es yet`, missing });
    expect((await sql('select default_locale from public.stores where id = $1', [store.id]))[0]).toEqual({ default_locale: 'en' });
  });
});

describe('the card\'s website', () => {
  // The console's card form and the buyer's join card add https:// to a site typed without it and
  // check it as private.is_web_url does: what they send is stored as sent, what they refuse the
  // database refuses too.
  it('is what the card forms send, a site typed bare or with www. included', async () => {
    const typed = ['lumina-hair.example', 'www.lumina-hair.example', 'http://lumina-hair.example/en?x=1#top', 'https://shop.lumina-hair.example:8443/', '假发.中国',
      'lumina hair', 'localhost:4321', 'javascript:alert(1)', 'mailto:sales@lumina-hair.example', 'lumina-hair.e', 'ftp://lumina-hair.example', `${'a'.repeat(289)}.example`];
    const sent = typed.map(withScheme);
    expect(sent.filter(isWebUrl)).toEqual(['https://lumina-hair.example', 'https://www.lumina-hair.example', 'http://lumina-hair.example/en?x=1#top', 'https://shop.lumina-hair.example:8443/', 'https://假发.中国']);
    for (const website of sent) {
      const saved = await store.owner.client.from('merchant_cards').update({ website }).eq('store_id', store.id).select('website');
      if (isWebUrl(website)) expect(ok(saved), website).toEqual([{ website }]);
      else expectError(saved, '22023', /^website must be an http:\/\/ or https:\/\/ address/);
    }
  });
});

describe('sorting by name in a language', () => {
  const skus = async (locale: string) =>
    (ok(await anonClient().rpc('store_catalogue', { p_store_slug: store.slug, p_locale: locale })) as { sku: string }[]).map((r) => r.sku);

  it('English alphabetically, Chinese by pinyin (zh-x-icu), Spanish with ñ after n (es-x-icu)', async () => {
    expect(await skus('en')).toEqual(['B', 'C', 'A']); // Apple, Mango, Zebra
    expect(await skus('zh-CN')).toEqual(['B', 'C', 'A']); // 阿 a, 李 li, 张 zhang (code points would give 张 < 李 < 阿)
    expect(await skus('es')).toEqual(['B', 'A', 'C']); // nube, ñandú, Oso
  });
});

describe('the migration on data written under the old schema', () => {
  it('keeps every text, in its store default language', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261202000300', async (client, migrate) => {
      await client.query(`
        insert into public.stores (id, slug, name, default_locale) values
          ('00000000-0000-4000-8000-000000000001', 'old-en', 'Old EN', 'en'),
          ('00000000-0000-4000-8000-000000000002', 'old-zh', 'Old ZH', 'zh-CN');
        update public.tiers set perks = '{"旧福利", "Second"}' where store_id = '00000000-0000-4000-8000-000000000002' and rank = 1;
        insert into public.products (store_id, sku, name, description, price, currency) values
          ('00000000-0000-4000-8000-000000000001', 'P1', 'Body wave', E'Line 1\\nLine 2', 10, 'USD'),
          ('00000000-0000-4000-8000-000000000002', 'P2', '大波浪', '', 10, 'USD');
        insert into public.coupons (store_id, code, description, kind, value) values
          ('00000000-0000-4000-8000-000000000002', 'OLD-1', '九折', 'percent', 10);
        insert into public.rewards (store_id, name, points_cost) values ('00000000-0000-4000-8000-000000000001', 'Kit', 5);`);
      const before = await client.query(`
        select 'tiers' as t, store_id, name as text from public.tiers
        union all select 'perks', store_id, unnest(perks) from public.tiers
        union all select 'products.name', store_id, name from public.products
        union all select 'products.description', store_id, description from public.products where description <> ''
        union all select 'coupons', store_id, description from public.coupons
        union all select 'rewards', store_id, name from public.rewards order by 1, 2, 3`);

      expect(await migrate()).toContain('20261202000300_merchant_text_languages.sql');
      const after = await client.query(`
        with l as (select id, default_locale from public.stores)
        select 'tiers' as t, store_id, name ->> l.default_locale as text from public.tiers join l on l.id = store_id
        union all select 'perks', store_id, jsonb_array_elements_text(perks -> l.default_locale) from public.tiers join l on l.id = store_id
        union all select 'products.name', store_id, name ->> l.default_locale from public.products join l on l.id = store_id
        union all select 'products.description', store_id, description ->> l.default_locale from public.products join l on l.id = store_id where description <> '{}'
        union all select 'coupons', store_id, description ->> l.default_locale from public.coupons join l on l.id = store_id
        union all select 'rewards', store_id, name ->> l.default_locale from public.rewards join l on l.id = store_id order by 1, 2, 3`);
      expect(after.rows).toEqual(before.rows);
      expect(before.rows.length).toBeGreaterThan(10);
      // Nothing gained a language it did not have.
      const [{ extra }] = (await client.query(`select count(*)::int as extra from public.products where (select count(*) from jsonb_object_keys(name)) <> 1`)).rows;
      expect(extra).toBe(0);
    });
  });
});

describe('the demo seed', () => {
  it('gives every merchant text of demo-wigs in every supported language', async () => {
    const [seed] = await sql<{ missing: string[] | null }>(`
      with texts (what, text) as (
        select 'tier ' || (name ->> 'en'), name from public.tiers where store_id = 'd1000000-0000-4000-8000-000000000001'
        union all select 'perks of ' || (name ->> 'en'), perks from public.tiers where store_id = 'd1000000-0000-4000-8000-000000000001' and perks <> '{}'
        union all select 'product ' || sku, name from public.products where store_id = 'd1000000-0000-4000-8000-000000000001'
        union all select 'description of ' || sku, description from public.products where store_id = 'd1000000-0000-4000-8000-000000000001'
        union all select 'coupon ' || code, description from public.coupons where store_id = 'd1000000-0000-4000-8000-000000000001'
        union all select 'reward ' || (name ->> 'en'), name from public.rewards where store_id = 'd1000000-0000-4000-8000-000000000001'
        union all select 'card ' || f, c.t from public.merchant_cards m,
          lateral (values ('title', m.title), ('contact_title', m.contact_title), ('address', m.address), ('introduction', m.introduction)) c (f, t)
          where m.store_id = 'd1000000-0000-4000-8000-000000000001')
      select array_agg(what) as missing from texts
      where not text ?& (select array_agg(code) from private.locales())`);
    expect(seed).toEqual({ missing: null });
    const [products] = await sql<{ count: number }>(`select count(*)::int from public.products where store_id = 'd1000000-0000-4000-8000-000000000001'`);
    expect(products).toEqual({ count: 12 });
  });
});

describe('the supported languages are one function', () => {
  it('a fourth language added to private.locales() is accepted, read and sorted everywhere a language is checked', async () => {
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    const as = (user: { id: string }) =>
      client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user.id, role: 'authenticated', aud: 'authenticated' })]);
    const refusal = async (statement: string) => {
      await client.query('savepoint attempt');
      try {
        await client.query(statement);
        return null;
      } catch (error) {
        return (error as Error).message;
      } finally {
        await client.query('rollback to savepoint attempt');
      }
    };
    try {
      // Rolled back below: no other test sees French.
      await client.query('begin');
      await client.query(`create or replace function private.locales() returns table (code text, collation_name text, "position" int)
        language sql immutable set search_path = ''
        as $$ values ('en', 'en-x-icu', 1), ('zh-CN', 'zh-x-icu', 2), ('es', 'es-x-icu', 3), ('fr', 'fr-x-icu', 4) $$`);
      await client.query('set local role authenticated');
      await as(store.owner.user);
      expect(await refusal(`select public.create_store('l10n-xx', 'Boutique', 'EUR', 'xx')`)).toBe('default_locale must be one of en, zh-CN, es, fr');
      const { rows: [created] } = await client.query(`select id from public.create_store('l10n-fr-' || substr(md5(random()::text), 1, 8), 'Boutique', 'EUR', 'fr')`);
      const { rows: [french] } = await client.query(`select s.default_locale, t.name ->> 'fr' as tier
        from public.stores s join public.tiers t on t.store_id = s.id and t.rank = 0 where s.id = $1`, [created.id]);
      // No French names are written for the default tiers yet: English placeholders under fr.
      expect(french).toEqual({ default_locale: 'fr', tier: 'Ordinary' });
      await client.query(`update public.products set name = name || '{"fr": "Perruque zèbre"}' where store_id = $1 and sku = 'A'`, [store.id]);
      const { rows } = await client.query(`select sku, name, name_lang from public.store_catalogue($1, 'fr') order by sku`, [store.slug]);
      expect(rows.map((r) => `${r.sku} ${r.name} (${r.name_lang})`)).toEqual(['A Perruque zèbre (fr)', 'B Apple wig (en)', 'C Mango wig (en)']);
      await as(member.user);
      const { rows: [contact] } = await client.query(`update public.member_contacts set preferred_locale = 'fr' where user_id = $1 returning preferred_locale`, [member.user.id]);
      expect(contact).toEqual({ preferred_locale: 'fr' });
      expect(await refusal(`update public.member_contacts set preferred_locale = 'xx' where user_id = '${member.user.id}'`)).toBe('preferred_locale must be one of en, zh-CN, es, fr');
    } finally {
      await client.query('rollback').catch(() => undefined);
      await client.end();
    }
  });
});
