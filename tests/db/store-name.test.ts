/**
 * The store's name in several languages (migration 20261210000500), as every other merchant text:
 * each read returns the reader's language, else the store's default, else any, with the language
 * it came in where the name stands on its own; writes refuse unsupported languages, a missing
 * default language, over-long, multi-line, invisible and direction-controlled names, naming field
 * and language, and change nothing; create_store still takes one name; a change of default
 * language names the store's name when it lacks the language; and the migration keeps each name
 * under its store's default language; names saved with direction controls before the rule lose them
 * (20261211001200).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabaseBefore } from './before-migration.ts';
import { anonClient, newSignedInUser, pastTriggers, serviceClient, sql, stack } from '../support/clients.ts';
import { addMember, createStore, expectError, ok, type Member, type Store } from './fixtures.ts';

// No Spanish name: Spanish readers fall back to the default language, English.
const names = { en: 'Shenzhen Beauty Hair Co.', 'zh-CN': '深圳美发有限公司' };
let store: Store;
let member: Member;

/** An RPC called with an Accept-Language header, as the portal's client sends the page's language. */
async function rpcIn(language: string, name: string, args: object, client?: SupabaseClient) {
  const token = client ? (await client.auth.getSession()).data.session!.access_token : stack().anonKey;
  const res = await fetch(`${stack().apiUrl}/rest/v1/rpc/${name}`, {
    method: 'POST',
    headers: { apikey: stack().anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(args),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const rename = (values: Record<string, unknown>, client = store.owner.client) => client.from('stores').update(values).eq('id', store.id).select('name, default_locale');
const savedName = async () => (await sql<{ name: object; default_locale: string }>('select name, default_locale from public.stores where id = $1', [store.id]))[0];

beforeAll(async () => {
  store = await createStore({ label: 'store-name' });
  member = await addMember(store);
  ok(await rename({ name: names }));
});

describe('create_store takes one name, in the default language it is given', () => {
  it('files it under that language, trimmed', async () => {
    const owner = await newSignedInUser('owner');
    const created = ok(await owner.client.rpc('create_store', { p_slug: `zh-${store.id.slice(0, 8)}`, p_name: '  深圳美发  ', p_default_locale: 'zh-CN' })) as { name: object };
    expect(created.name).toEqual({ 'zh-CN': '深圳美发' });
  });

  it('refuses a name that shows something else, naming field and language', async () => {
    const owner = await newSignedInUser('owner');
    const create = (name: string) => owner.client.rpc('create_store', { p_slug: `rtl-${store.id.slice(0, 8)}`, p_name: name });
    expectError(await create('Wigs \u202eexe.'), '22023', /^name\.en must not contain direction controls/);
    expectError(await create('\u200b\u2800'), '22023', 'name.en must not be blank: leave the language out instead');
    expectError(await create('x'.repeat(121)), '22023', /^name /);
    expect(await sql('select 1 from public.stores where slug = $1', [`rtl-${store.id.slice(0, 8)}`])).toEqual([]);
  });
});

describe('reads: the reader\'s language, else the default (en), else any', () => {
  it('store_profile, by argument and by Accept-Language', async () => {
    const read = async (locale: string) =>
      ((ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug, p_locale: locale })) as { store: { name: string; name_lang: string } }).store);
    expect(await read('zh-CN')).toMatchObject({ name: names['zh-CN'], name_lang: 'zh-CN' });
    expect(await read('es')).toMatchObject({ name: names.en, name_lang: 'en' });
    const header = (await rpcIn('zh-CN,zh;q=0.9', 'store_profile', { p_store_slug: store.slug })) as { store: { name: string; name_lang: string } };
    expect(header.store).toMatchObject({ name: names['zh-CN'], name_lang: 'zh-CN' });
  });

  it('my_membership and my_data, the member\'s own reads', async () => {
    const membership = async (locale: string) =>
      ((ok(await member.client.rpc('my_membership', { p_store_slug: store.slug, p_locale: locale })) as { store: object }).store);
    expect(await membership('zh-CN')).toMatchObject({ name: names['zh-CN'], name_lang: 'zh-CN' });
    expect(await membership('es')).toMatchObject({ name: names.en, name_lang: 'en' });
    const data = (language: string) => rpcIn(language, 'my_data', { p_store_slug: store.slug }, member.client) as Promise<{ store: object }>;
    expect((await data('zh-CN')).store).toEqual({ id: store.id, slug: store.slug, name: names['zh-CN'], name_lang: 'zh-CN' });
    expect((await data('es')).store).toMatchObject({ name: names.en, name_lang: 'en' });
  });

  it('the invitations\' previews and offers, with the language the name came in (20261211000200)', async () => {
    type Named = { store_name: string; store_name_lang: string };
    const invitee = await newSignedInUser('invitee');
    const colleague = ok(await member.client.rpc('invite_colleague', { p_member_id: member.id, p_email: invitee.user.email })) as { token: string };
    const preview = (language: string) => rpcIn(language, 'invitation_preview', { p_token: colleague.token }) as Promise<Named>;
    expect(await preview('zh-CN')).toMatchObject({ store_name: names['zh-CN'], store_name_lang: 'zh-CN' });
    expect(await preview('es')).toMatchObject({ store_name: names.en, store_name_lang: 'en' });
    const offers = (language: string) => rpcIn(language, 'my_invitations', { p_store_slug: store.slug }, invitee.client) as Promise<Named[]>;
    expect((await offers('zh-CN')).map(({ store_name, store_name_lang }) => ({ store_name, store_name_lang }))).toEqual([{ store_name: names['zh-CN'], store_name_lang: 'zh-CN' }]);
    expect((await offers('es'))[0]).toMatchObject({ store_name: names.en, store_name_lang: 'en' });
    const staff = ok(await store.owner.client.rpc('invite_staff', { p_store_id: store.id, p_email: invitee.user.email })) as { token: string };
    const staffPreview = (language: string) => rpcIn(language, 'staff_invitation_preview', { p_token: staff.token }) as Promise<Named>;
    expect(await staffPreview('zh-CN')).toMatchObject({ store_name: names['zh-CN'], store_name_lang: 'zh-CN' });
    expect(await staffPreview('es-ES')).toMatchObject({ store_name: names.en, store_name_lang: 'en' });
  });

  it('direct reads: name_local and text_langs follow Accept-Language; name is the map', async () => {
    const read = async (language: string) => {
      const res = await fetch(`${stack().apiUrl}/rest/v1/stores?select=name,local:name_local,text_langs&id=eq.${store.id}`, {
        headers: { apikey: stack().anonKey, authorization: `Bearer ${stack().anonKey}`, 'accept-language': language },
      });
      return ((await res.json()) as object[])[0];
    };
    expect(await read('zh-CN')).toEqual({ name: names, local: names['zh-CN'], text_langs: { name: 'zh-CN' } });
    expect(await read('es-MX')).toEqual({ name: names, local: names.en, text_langs: { name: 'en' } });
  });
});

describe('writes', () => {
  it('refuse hostile and malformed names per language, and change nothing', async () => {
    const before = await savedName();
    const refusals: [Record<string, unknown>, string | RegExp][] = [
      [{ name: { ...names, fr: 'Beauté' } }, 'name has a text in fr, which is not a supported language (en, zh-CN, es)'],
      [{ name: { 'zh-CN': names['zh-CN'] } }, "name needs a text in en, the store's default language"],
      [{ name: { ...names, es: 'x'.repeat(121) } }, 'name.es must be at most 120 characters'],
      [{ name: { ...names, es: 'Pelo\nS.L.' } }, 'name.es must be a single line without control characters'],
      [{ name: { ...names, 'zh-CN': '\u200b\u3164' } }, 'name.zh-CN must not be blank: leave the language out instead'],
      [{ name: { ...names, en: 'Shop \u2067Ltd' } }, /^name\.en must not contain direction controls/],
      [{ name: 42 }, /^name must be an object from language codes to texts/],
      [{ name: { ...names, es: 'Nube' }, default_locale: 'fr' }, 'default_locale must be one of en, zh-CN, es'],
      [{ name: names, default_locale: 'es' }, "name needs a text in es, the store's default language"],
    ];
    for (const [values, message] of refusals) expectError(await rename(values), '22023', message);
    expect(await savedName()).toEqual(before);
  });

  it('only the store\'s owners rename it: other stores\' owners, its members and visitors match no row', async () => {
    const other = await createStore({ label: 'other' });
    expect(ok(await rename({ name: 'Hijacked' }, other.owner.client))).toEqual([]);
    expect(ok(await rename({ name: 'Hijacked' }, member.client))).toEqual([]);
    expectError(await rename({ name: 'Hijacked' }, anonClient()), '42501');
    expect((await savedName())!.name).toEqual(names);
  });

  it('a default language the name lacks is refused naming the name; with the name, both change together', async () => {
    const refused = await rename({ default_locale: 'es' });
    expectError(refused, '23514', 'default_locale cannot become es: some stores.name has no text in es yet');
    expect(JSON.parse(refused.error!.details!)).toMatchObject({ missing: ['stores.name'] });
    const both = ok(await rename({ name: { ...names, es: 'Pelo de Shenzhen S.L.' }, default_locale: 'zh-CN' }));
    expect(both).toEqual([{ name: { ...names, es: 'Pelo de Shenzhen S.L.' }, default_locale: 'zh-CN' }]);
    // A plain string is the (new) default language's name, as for every merchant text.
    expect(ok(await rename({ name: '美发' }))).toEqual([{ name: { 'zh-CN': '美发' }, default_locale: 'zh-CN' }]);
    ok(await rename({ name: names, default_locale: 'en' }));
  });

  it('the CHECK constraint holds for a writer past the trigger (service role)', async () => {
    expectError(await serviceClient().from('stores').update({ name: { xx: 'Shop' } }).eq('id', store.id).select(), '22023', /xx, which is not a supported language/);
    await expect(pastTriggers(`update public.stores set name = '{"xx": "Shop"}' where id = $1`, [store.id])).rejects.toThrow(/stores_name_is_merchant_text/);
  });
});

describe('names saved with direction controls before the rule (20261211001200)', () => {
  /** A name as the rule of 20261209000500 found it: written past the table's triggers. */
  async function holdOldName(target: Store, name: object) {
    await sql(`begin; set local session_replication_role = replica;
      update public.stores set name = $$${JSON.stringify(name)}$$ where id = '${target.id}'; commit`);
  }
  const nameOf = async (target: Store) => (await sql<{ name: object }>('select name from public.stores where id = $1', [target.id]))[0]!.name;

  it('lose them in every language, so the owner saves settings again; a name the rule still refuses stays whole', async () => {
    const [controlled, halfBlank, plain] = await Promise.all([createStore({ label: 'rtl-name' }), createStore({ label: 'rtl-blank' }), createStore({ label: 'rtl-plain' })]);
    await holdOldName(controlled, { en: 'Wigs \u202eexe.\u202c', 'zh-CN': '\u2066假发\u2069\u200e', es: 'Pelucas\u200f' });
    // Its Spanish name is nothing but a direction control: cleaned it would show nothing.
    await holdOldName(halfBlank, { en: 'Half \u202aBlank', es: '\u202e' });
    const halfBlankBefore = await nameOf(halfBlank);
    const plainBefore = await nameOf(plain);
    // The settings form sends the name with every save.
    const settingsSave = async (target: Store) => target.owner.client.from('stores')
      .update({ name: await nameOf(target), join_points: 7 }).eq('id', target.id).select('join_points');
    expectError(await settingsSave(controlled), '22023', /^name\.en must not contain direction controls/);

    const renamed = (await sql<{ id: string }>('select id from private.clean_store_name_direction_controls() as id')).map((r) => r.id);
    expect(renamed).toContain(controlled.id);
    expect(renamed).not.toContain(halfBlank.id);
    expect(renamed).not.toContain(plain.id);
    expect(await nameOf(controlled)).toEqual({ en: 'Wigs exe.', 'zh-CN': '假发', es: 'Pelucas' });
    expect(await nameOf(halfBlank)).toEqual(halfBlankBefore);
    expect(await nameOf(plain)).toEqual(plainBefore);
    expect(ok(await settingsSave(controlled))).toEqual([{ join_points: 7 }]);
    // Run again, there is nothing left to clean.
    expect(await sql('select id from private.clean_store_name_direction_controls() as id where id = $1', [controlled.id])).toEqual([]);
  });

  it('the cleaning is not for the API\'s roles', async () => {
    expect((await sql<{ ok: boolean }>(`select has_function_privilege('authenticated', 'private.clean_store_name_direction_controls()', 'execute') as ok`))[0]!.ok).toBe(false);
  });
});

describe('the migration on stores named before it', () => {
  it('keeps each name, under its store\'s default language', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261210000500', async (client, migrate) => {
      await client.query(`insert into public.stores (slug, name, default_locale) values ('old-en', 'Old Hair Co.', 'en'), ('old-zh', '老发型', 'zh-CN')`);
      expect(await migrate()).toContain('20261210000500_store_name_languages.sql');
      expect((await client.query('select slug, name from public.stores order by slug')).rows)
        .toEqual([{ slug: 'old-en', name: { en: 'Old Hair Co.' } }, { slug: 'old-zh', name: { 'zh-CN': '老发型' } }]);
    });
  });
});
