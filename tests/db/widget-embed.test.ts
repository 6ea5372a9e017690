/**
 * The widget's data (migration 20261203000100): exchange_cards joins with the buyer's buying
 * profile and consent (recorded at the server's time), the owner-edited embed allowlist and brand
 * colour in store_profile, consent in my_data, and the merchant-logos bucket. By actor, with bad
 * input answered by field and nothing changed.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, newSignedInUser, sql } from '../support/clients.ts';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { addColleague, addMember, addStaff, createStore, expectError, ok, type Actor, type Store } from './fixtures.ts';

let store: Store;
let other: Store;

const card = (slug: string) => ({
  p_store_slug: slug,
  p_company_name: 'Salon Supply S.L.',
  p_full_name: 'Ana García',
  p_job_title: 'Buyer',
  p_whatsapp: '+34 600 123 456',
  p_country: 'ES',
  p_website: 'https://salon-supply.example',
  p_industry: 'Salons',
  p_purchase_volume: '50k_200k',
  p_product_categories: [' Lace front wigs ', 'Extensions', 'lace front wigs'],
  p_contact_consent: true,
  p_preferred_locale: 'es',
});

const membersOf = async (userId: string) =>
  Number((await sql<{ n: string }>('select count(*) as n from public.member_contacts where user_id = $1', [userId]))[0]!.n);

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'embed' }), createStore({ label: 'embed-other' })]);
});

describe('exchange_cards', () => {
  it('joins with the buying profile and consent stamped with the server time, and is idempotent', async () => {
    const buyer = await newSignedInUser('card');
    const before = new Date();
    const joined = ok(await buyer.client.rpc('exchange_cards', card(store.slug))) as Record<string, unknown>;
    expect(joined).toMatchObject({ joined: true, store_slug: store.slug, company_name: 'Salon Supply S.L.' });
    const [row] = await sql<{ purchase_volume: string; product_categories: string[]; contact_consent_at: Date; whatsapp: string }>(
      `select m.purchase_volume, m.product_categories, c.contact_consent_at, c.whatsapp
       from public.members m join public.member_contacts c on c.member_id = m.id where m.id = $1`, [joined.member_id]);
    expect(row).toMatchObject({ purchase_volume: '50k_200k', product_categories: ['Lace front wigs', 'Extensions'], whatsapp: '+34 600 123 456' });
    expect(row!.contact_consent_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(new Date(joined.contact_consent_at as string).getTime()).toBe(row!.contact_consent_at.getTime());

    const again = ok(await buyer.client.rpc('exchange_cards', { ...card(store.slug), p_company_name: 'Renamed', p_purchase_volume: 'over_1m' }));
    expect(again).toMatchObject({ joined: false, member_id: joined.member_id, company_name: 'Salon Supply S.L.' });
    const [after] = await sql<{ purchase_volume: string }>('select purchase_volume from public.members where id = $1', [joined.member_id]);
    expect(after!.purchase_volume).toBe('50k_200k');

    const data = ok(await buyer.client.rpc('my_data', { p_store_slug: store.slug })) as { consent: { contact: boolean; given_at: string } };
    expect(data.consent.contact).toBe(true);
    expect(new Date(data.consent.given_at).getTime()).toBe(row!.contact_consent_at.getTime());
  });

  it('records no consent when not given; the contact gives it later at the server time and withdraws it', async () => {
    const buyer = await newSignedInUser('card');
    const joined = ok(await buyer.client.rpc('exchange_cards', { ...card(store.slug), p_contact_consent: false })) as { contact_id: string };
    expect(((ok(await buyer.client.rpc('my_data', { p_store_slug: store.slug })) as { consent: unknown }).consent)).toBeNull();

    // A back-dated consent is stamped now instead.
    ok(await buyer.client.from('member_contacts').update({ contact_consent_at: '2001-01-01T00:00:00Z' }).eq('id', joined.contact_id));
    const [given] = await sql<{ at: Date }>('select contact_consent_at as at from public.member_contacts where id = $1', [joined.contact_id]);
    expect(given!.at.getUTCFullYear()).toBeGreaterThan(2020);
    ok(await buyer.client.from('member_contacts').update({ contact_consent_at: null }).eq('id', joined.contact_id));
    const [withdrawn] = await sql<{ at: Date | null }>('select contact_consent_at as at from public.member_contacts where id = $1', [joined.contact_id]);
    expect(withdrawn!.at).toBeNull();
  });

  it('is each contact\'s own to give and withdraw on their card; the campaign export follows it', async () => {
    const member = await addMember(store);
    const colleague = await addColleague(member);
    const consentOf = async (contactId: string) =>
      (await sql<{ at: Date | null }>('select contact_consent_at as at from public.member_contacts where id = $1', [contactId]))[0]!.at;
    const exported = async () => {
      const result = ok(await store.owner.client.rpc('segment_export', { p_store_id: store.id, p_filters: {} })) as { rows: { company_name: string; full_name: string }[] };
      return result.rows.filter((row) => row.company_name === member.companyName).map((row) => row.full_name);
    };

    // Given from the card (My membership) with a time in the future: stamped with the server's.
    const before = new Date();
    ok(await colleague.client.from('member_contacts').update({ contact_consent_at: '2099-01-01T00:00:00Z' }).eq('id', colleague.contactId).select('id').single());
    const given = await consentOf(colleague.contactId);
    expect(given!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(given!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await exported()).toEqual(['Test Colleague']);

    // A colleague cannot give or withdraw it for another contact: no row is theirs to update.
    for (const [actor, target, value] of [[colleague, member, new Date().toISOString()], [member, colleague, null]] as const) {
      expect(ok(await actor.client.from('member_contacts').update({ contact_consent_at: value }).eq('id', target.contactId).select('id'))).toEqual([]);
    }
    expect(await consentOf(member.contactId)).toBeNull();
    expect((await consentOf(colleague.contactId))!.getTime()).toBe(given!.getTime());
    expect(await exported()).toEqual(['Test Colleague']);

    ok(await colleague.client.from('member_contacts').update({ contact_consent_at: null }).eq('id', colleague.contactId).select('id').single());
    expect(await consentOf(colleague.contactId)).toBeNull();
    expect(await exported()).toEqual([]);
    expect((ok(await colleague.client.rpc('my_data', { p_store_slug: store.slug })) as { consent: unknown }).consent).toBeNull();
  });

  it('refuses bad cards by field and changes nothing', async () => {
    const buyer = await newSignedInUser('card');
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ p_whatsapp: null, p_phone: ' ', p_wechat: '' }, 'phone', /^phone or a WhatsApp number or WeChat ID is required$/],
      [{ p_purchase_volume: 'lots' }, 'purchase_volume', /^purchase_volume must be one of under_10k/],
      [{ p_product_categories: ['Wigs', ' '] }, 'product_categories', /^product_categories is required$/],
      [{ p_product_categories: ['Wigs\nand more'] }, 'product_categories', /single line/],
      [{ p_product_categories: ['x'.repeat(81)] }, 'product_categories', /at most 80 characters/],
      [{ p_product_categories: Array.from({ length: 21 }, (_, i) => `Category ${i}`) }, 'product_categories', /at most 20 categories/],
      [{ p_full_name: '' }, 'full_name', /^full_name is required$/],
      [{ p_whatsapp: 'call me' }, 'whatsapp', /must be a phone number/],
      // WhatsApp reaches a number only with its country code: "612 345 678" left the merchant no way to write.
      [{ p_whatsapp: '612 345 678' }, 'whatsapp', /^whatsapp must be a phone number with \+ and its country code, such as \+49 151 2345678$/],
      [{ p_country: 'E1' }, 'country', /two-letter/],
    ];
    for (const [change, field, message] of refusals) {
      const error = expectError(await buyer.client.rpc('exchange_cards', { ...card(store.slug), ...change }), '22023', message);
      expect(JSON.parse(error.details!).field, field).toBe(field);
    }
    expect(await membersOf(buyer.user.id)).toBe(0);
    expectError(await anonClient().rpc('exchange_cards', card(store.slug)), '42501');
    expectError(await buyer.client.rpc('exchange_cards', card('no-such-store-anywhere')), 'PT404', /^store not found$/);
  });

  it('lets a contact edit the buying profile within the same rules', async () => {
    const member = await addMember(store);
    ok(await member.client.from('members').update({ purchase_volume: 'under_10k', product_categories: ['Wigs', 'WIGS', 'Glue'] }).eq('id', member.id));
    const [row] = await sql<{ purchase_volume: string; product_categories: string[] }>(
      'select purchase_volume, product_categories from public.members where id = $1', [member.id]);
    expect(row).toEqual({ purchase_volume: 'under_10k', product_categories: ['Wigs', 'Glue'] });
    const error = expectError(await member.client.from('members').update({ purchase_volume: 'huge' }).eq('id', member.id), '22023');
    expect(JSON.parse(error.details!).field).toBe('purchase_volume');
  });
});

describe('embed origins and brand colour', () => {
  let staff: Actor;
  beforeAll(async () => {
    staff = await addStaff(store);
  });

  it('are the owner\'s to edit, checked, and public in store_profile', async () => {
    const origins = ['https://shop.example.com', 'http://localhost:4322'];
    ok(await store.owner.client.from('stores').update({ embed_origins: origins, brand_color: '#0a6e4f' }).eq('id', store.id));
    const profile = ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug })) as { store: Record<string, unknown> };
    expect(profile.store).toMatchObject({ embed_origins: origins, brand_color: '#0a6e4f' });

    for (const bad of [['https://shop.example.com/'], ['https://shop.example.com/path'], ['HTTPS://SHOP.EXAMPLE.COM'], ['javascript:alert(1)'],
      ['*'], ['https://shop.example.com:443'], ['http://shop.example.com:80'], ['http://shop.example.com:080'], ['https://shop.example.com:0'],
      ['https://shop.example.com:65536'], ['https://exa mple.com'], ['shop example.com'], ['https://a.example', 'https://a.example'],
      Array.from({ length: 51 }, (_, i) => `https://s${i}.example`)]) {
      // The entry at fault named (migration 20261206000100); the constraint stays behind the trigger.
      expectError(await store.owner.client.from('stores').update({ embed_origins: bad }).eq('id', store.id), '22023', /^embed_origins ("[^"]+" must be an origin like https:\/\/shop\.example\.com|"https:\/\/a\.example" is listed twice|has 51 origins)/);
    }
    for (const bad of ['red', '#FFF', '#12345g', 'url(x)']) {
      expectError(await store.owner.client.from('stores').update({ brand_color: bad }).eq('id', store.id), '23514', /stores_brand_color_is_hex/);
    }
    // White text on it, and it as text on white, need 4.5:1 (migration 20261207000200): #ffff66 is
    // 1.1:1, #777777 4.48:1; #767676 (4.54:1) is the lightest grey that passes.
    for (const light of ['#ffff66', '#ffffff', '#777777']) {
      expectError(await store.owner.client.from('stores').update({ brand_color: light }).eq('id', store.id), '23514', /stores_brand_color_is_readable/);
    }
    const [kept] = await sql<{ brand_color: string }>('select brand_color from public.stores where id = $1', [store.id]);
    expect(kept!.brand_color).toBe('#0a6e4f');
    ok(await store.owner.client.from('stores').update({ brand_color: '#767676' }).eq('id', store.id));
    ok(await store.owner.client.from('stores').update({ brand_color: '#0a6e4f' }).eq('id', store.id));

    // Staff who are not owners, members and other stores' owners change nothing.
    const member = await addMember(store);
    for (const client of [staff.client, member.client, other.owner.client]) {
      const { data } = await client.from('stores').update({ embed_origins: ['https://evil.example'] }).eq('id', store.id).select();
      expect(data ?? []).toEqual([]);
    }
    const [row] = await sql<{ embed_origins: string[] }>('select embed_origins from public.stores where id = $1', [store.id]);
    expect(row!.embed_origins).toEqual(origins);
  });

  it('saved under the old rule, are written as browsers report them (or dropped when none does), so the store updates again', async () => {
    await withDatabaseBefore('20261206000100', async (client, migrate) => {
      await client.query(`
        ${oldStoreRows()}
        update public.stores set embed_origins = '{https://shop.example.com:443, http://localhost:4322, https://shop.example.com, http://x.example:080, https://y.example:99999, https://z.example:8443}'
        where slug = 'old';`);
      await migrate();
      const { rows } = await client.query<{ embed_origins: string[] }>(`update public.stores set name = '"Old, renamed"' where slug = 'old' returning embed_origins`);
      expect(rows).toEqual([{ embed_origins: ['https://shop.example.com', 'http://localhost:4322', 'http://x.example', 'https://z.example:8443'] }]);
    });
  });

  it('a colour too light for white text, saved before the rule, is reset to the default, so the store updates again', async () => {
    await withDatabaseBefore('20261207000200', async (client, migrate) => {
      await client.query(`${oldStoreRows()} update public.stores set brand_color = '#ffff66' where slug = 'old';
        insert into public.stores (slug, name, brand_color) values ('dark', 'Dark', '#7a1f5c');`);
      await migrate();
      const { rows } = await client.query<{ slug: string; brand_color: string | null }>(
        `update public.stores set name = '{"en": "Renamed"}' where slug in ('old', 'dark') returning slug, brand_color`);
      expect(rows.sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([{ slug: 'dark', brand_color: '#7a1f5c' }, { slug: 'old', brand_color: null }]);
    });
  });
});

describe('a store’s address in any case', () => {
  it('finds the store for the store page, the widget, joining and a member’s reads, as its lower-case slug', async () => {
    const shouted = store.slug.toUpperCase();
    const profile = ok(await anonClient().rpc('store_profile', { p_store_slug: shouted })) as { store: { id: string; slug: string } };
    expect(profile.store).toMatchObject({ id: store.id, slug: store.slug });
    ok(await anonClient().rpc('tier_teasers', { p_store_slug: shouted }));
    ok(await anonClient().rpc('store_catalogue', { p_store_slug: shouted }));
    ok(await anonClient().rpc('post_feed', { p_store_slug: shouted }));

    const buyer = await newSignedInUser('shouted');
    const mixed = store.slug.replace(/^./, (first) => first.toUpperCase());
    const joined = ok(await buyer.client.rpc('exchange_cards', card(mixed))) as { store_id: string; store_slug: string; joined: boolean };
    expect(joined).toMatchObject({ store_id: store.id, store_slug: store.slug, joined: true });
    const other = await newSignedInUser('shouted-join');
    expect(ok(await other.client.rpc('join_store', { p_store_slug: shouted, p_company_name: 'Loud Co', p_full_name: 'Lou Der' }))).toMatchObject({ store_id: store.id, joined: true });
    const membership = ok(await buyer.client.rpc('my_membership', { p_store_slug: shouted })) as { store: { id: string } };
    expect(membership.store.id).toBe(store.id);
    ok(await buyer.client.rpc('membership_standing', { p_store_slug: shouted }));
    ok(await buyer.client.rpc('my_new_posts_count', { p_store_slug: shouted, p_since: null }));
    ok(await buyer.client.rpc('my_invitations', { p_store_slug: shouted }));
    expect(ok(await buyer.client.rpc('my_data', { p_store_slug: shouted }))).toMatchObject({ store: { id: store.id } });

    // Another slug in capitals is still no store.
    expectError(await anonClient().rpc('store_profile', { p_store_slug: 'NO-SUCH-STORE' }), 'PT404', /not found/);
  });
});

describe('merchant-logos bucket', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  it('takes owners\' uploads into their store\'s folder only, and anyone reads them', async () => {
    const name = `${store.id}/logo-${randomUUID().slice(0, 6)}.png`;
    expect((await store.owner.client.storage.from('merchant-logos').upload(name, png, { contentType: 'image/png' })).error).toBeNull();
    expect((await other.owner.client.storage.from('merchant-logos').upload(`${store.id}/planted.png`, png, { contentType: 'image/png' })).error).not.toBeNull();
    // The brand is the owners' (migration 20261210000700): plain staff list the folder but
    // neither add, replace nor remove a file in it.
    const plain = await addStaff(store);
    const logos = plain.client.storage.from('merchant-logos');
    expect((await logos.upload(`${store.id}/staff.png`, png, { contentType: 'image/png' })).error).not.toBeNull();
    expect((await logos.upload(name, new Uint8Array([...png, 0]), { contentType: 'image/png', upsert: true })).error).not.toBeNull();
    await logos.remove([name]);
    expect((await logos.list(store.id)).data?.map((f) => `${store.id}/${f.name}`)).toEqual([name]);
    const member = await addMember(store);
    expect((await member.client.storage.from('merchant-logos').upload(`${store.id}/member.png`, png, { contentType: 'image/png' })).error).not.toBeNull();
    expect((await anonClient().storage.from('merchant-logos').upload(`${store.id}/anon.png`, png, { contentType: 'image/png' })).error).not.toBeNull();
    // SVG can carry script: refused by the bucket's types.
    expect((await store.owner.client.storage.from('merchant-logos').upload(`${store.id}/logo.svg`, '<svg/>', { contentType: 'image/svg+xml' })).error).not.toBeNull();

    const url = anonClient().storage.from('merchant-logos').getPublicUrl(name).data.publicUrl;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
    // Only the store's staff list its folder; nobody else lists the bucket.
    expect((await store.owner.client.storage.from('merchant-logos').list(store.id)).data?.map((f) => `${store.id}/${f.name}`)).toEqual([name]);
    for (const client of [anonClient(), member.client, other.owner.client]) {
      expect((await client.storage.from('merchant-logos').list(store.id)).data ?? []).toEqual([]);
    }
  });
});

describe('store_profile\'s sample period', () => {
  it('is the store\'s, so a tier card says how often its free samples renew', async () => {
    ok(await store.owner.client.from('stores').update({ sample_period_days: 30 }).eq('id', store.id));
    const profile = ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug })) as { store: Record<string, unknown> };
    expect(profile.store.sample_period_days).toBe(30);
  });
});

describe('store_profile\'s points rate', () => {
  it('is the store\'s, so a tier card says what its multiplier multiplies', async () => {
    ok(await store.owner.client.from('stores').update({ points_per_currency_unit: 0.25 }).eq('id', store.id));
    const profile = ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug })) as { store: Record<string, unknown> };
    expect(profile.store.points_per_currency_unit).toBe(0.25);
  });
});
