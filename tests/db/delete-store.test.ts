/**
 * An owner deletes a store (delete_store, migration 20261211000700): every row of the store in
 * every table goes while another store's rows all stay; the logins stay. Its files in Storage are
 * then removed through the Storage API, bytes and all, by the owner who deleted it, and by no one
 * else (deleted_store_files, 20261212000100). The tables are read from the catalog — every table of `public` and `private` with a
 * store_id — so a table added later is checked without editing this file. By actor: plain staff,
 * another store's owner, a buyer and anonymous callers are refused, and so is an owner typing a
 * wrong or blank name, with nothing changed, and an owner demoted while the deletion waited on the
 * store's lock. After, the store's slug is a store of nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, holdLocks, serviceClient, sql, uniqueEmail, untilWaiting } from '../support/clients.ts';
import { typedNamePairs } from '../support/typed-names.ts';
import {
  addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, refusalOf, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const buckets = ['merchant-logos', 'product-images', 'post-attachments'];

interface Furnished {
  store: Store;
  staff: Actor;
  buyer: Member;
}

/**
 * A store with a row in every table a store's work fills, and a file in each bucket, made through
 * the API as its owner, staff and buyer would.
 */
async function furnish(label: string): Promise<Furnished> {
  const store = await createStore({ label });
  const owner = store.owner.client;
  const [staff, buyer, product] = await Promise.all([addStaff(store), addMember(store), addProduct(store, { visibility: 'members' })]);
  await makeVip(store, buyer);
  const delivered = orderRow(buyer, { amount: 40, placed_at: daysAgo(3), delivered_at: daysAgo(1) });
  await importOrders(store, [delivered]);
  // Corrected: an order change.
  await importOrders(store, [{ ...delivered, amount: 30 }]);
  const [order] = await sql<{ id: string }>('select id from public.orders where store_id = $1 and external_ref = $2', [store.id, delivered.external_ref]);
  ok(await buyer.client.rpc('review_order', { p_order_id: order!.id, p_rating: 5, p_body: 'Fine wigs' }));
  ok(await buyer.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
  ok(await buyer.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Price for 500?' }));
  ok(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: uniqueEmail('colleague') }));
  ok(await owner.rpc('invite_staff', { p_store_id: store.id, p_email: uniqueEmail('hire') }));
  const insert = async (table: string, row: Record<string, unknown>) =>
    (ok(await owner.from(table).insert({ store_id: store.id, ...row }).select('id').single()) as { id: string }).id;
  const coupon = await insert('coupons', { code: 'WELCOME', kind: 'percent', value: 5, per_member_limit: 5 });
  ok(await buyer.client.rpc('claim_coupon', { p_coupon_id: coupon }));
  // A tier's own price for the product, as the product editor saves it.
  ok(await owner.from('product_tier_prices').insert({ product_id: product.id, tier_id: store.tiers.find((t) => t.rank === 2)!.id, store_id: store.id, price: 90 }));
  const reward = await insert('rewards', { name: 'Sample kit', points_cost: 5 });
  ok(await buyer.client.rpc('redeem_reward', { p_reward_id: reward, p_ship_to: shipTo }));
  ok(await owner.rpc('credit_rebate', { p_member_id: buyer.id, p_amount: 20, p_note: 'Goodwill' }));
  await sql('update public.member_contacts set contact_consent_at = now() where member_id = $1', [buyer.id]);
  const segment = await insert('segments', { name: 'Everyone', filters: {} });
  ok(await owner.rpc('record_campaign', { p_store_id: store.id, p_segment_id: segment, p_channel: 'email', p_subject: 'Spring offer' }));
  const post = await insert('posts', { kind: 'industry_news', title: 'News', body: 'Body', locale: 'en', visibility: 'members' });

  const upload = async (bucket: string, name: string, type: string) =>
    expect((await owner.storage.from(bucket).upload(name, new Blob([png], { type }), { contentType: type })).error).toBeNull();
  await upload('merchant-logos', `${store.id}/logo-1.png`, 'image/png');
  await upload('product-images', `${store.id}/${product.id}/front.png`, 'image/png');
  await upload('post-attachments', `${store.id}/${post}/report.pdf`, 'application/pdf');
  ok(await owner.from('merchant_cards').insert({ store_id: store.id, title: 'Our card', logo_path: `${store.id}/logo-1.png` }));
  return { store, staff, buyer };
}

/**
 * Every table of public and private with a store_id, from the catalog, but the record of the
 * deletion itself (private.store_deletions), which outlives the store.
 */
async function storeTables(): Promise<string[]> {
  return (await sql<{ table: string }>(
    `select format('%I.%I', n.nspname, c.relname) as table from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'store_id' and not a.attisdropped
     where n.nspname in ('public', 'private') and c.relkind in ('r', 'p')
       and c.oid <> 'private.store_deletions'::regclass order by 1`)).map((row) => row.table);
}

/** Rows of the store in each table (the stores table by id), and its objects in each bucket. */
async function rowsOf(storeId: string): Promise<Record<string, number>> {
  const tables = await storeTables();
  const parts = [
    `select 'public.stores' as part, count(*)::int as n from public.stores where id = $1`,
    ...tables.map((table) => `select '${table}', count(*)::int from ${table} where store_id = $1`),
    ...buckets.map((bucket) =>
      `select 'storage:${bucket}', count(*)::int from storage.objects where bucket_id = '${bucket}' and split_part(name, '/', 1) = $1::text`),
    `select 'private.join_counters', count(*)::int from private.join_counters where scope = 'ip_store' and subject like '% ' || $1::text`,
  ];
  const rows = await sql<{ part: string; n: number }>(parts.join(' union all '), [storeId]);
  return Object.fromEntries(rows.map((row) => [row.part, row.n]));
}

/** Every row of the store, as text, to show a refusal changed nothing. */
async function fingerprint(storeId: string): Promise<Record<string, string>> {
  const tables = await storeTables();
  const parts = [
    `select 'public.stores' as part, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as md5 from public.stores t where id = $1`,
    ...tables.map((table) => `select '${table}', coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from ${table} t where store_id = $1`),
    `select 'storage', coalesce(md5(string_agg(o::text, '|' order by o.bucket_id, o.name)), '') from storage.objects o where split_part(o.name, '/', 1) = $1::text`,
  ];
  const rows = await sql<{ part: string; md5: string }>(parts.join(' union all '), [storeId]);
  return Object.fromEntries(rows.map((row) => [row.part, row.md5]));
}

const deleteStore = (client: Actor['client'], storeId: string, name: string | null) =>
  client.rpc('delete_store', { p_store_id: storeId, p_confirm_name: name });

let doomed: Furnished;
let kept: Furnished;
let doomedName: string;

beforeAll(async () => {
  [doomed, kept] = await Promise.all([furnish('doomed'), furnish('kept')]);
  doomedName = `Test ${doomed.store.slug}`;
}, 120_000);

describe('delete_store refusals', () => {
  it('refuses plain staff, another store\'s owner, a buyer and anonymous callers, changing nothing', async () => {
    const before = await fingerprint(doomed.store.id);
    const owners = /^Only this store's owners may do this$/;
    expectError(await deleteStore(doomed.staff.client, doomed.store.id, doomedName), '42501', owners);
    expectError(await deleteStore(kept.store.owner.client, doomed.store.id, doomedName), '42501', owners);
    expectError(await deleteStore(doomed.buyer.client, doomed.store.id, doomedName), '42501', owners);
    expectError(await deleteStore(anonClient(), doomed.store.id, doomedName), '42501');
    expect(await fingerprint(doomed.store.id)).toEqual(before);
  });

  it('refuses the owner typing a blank or wrong name, naming the field, changing nothing', async () => {
    const before = await fingerprint(doomed.store.id);
    for (const blank of [null, '', '   ', '\u2068\u2069']) {
      const refused = expectError(await deleteStore(doomed.store.owner.client, doomed.store.id, blank), '22023',
        /^confirm_name is required: type the store's name to confirm that it is deleted with everything in it$/);
      expect(JSON.parse(refused.details!)).toMatchObject({ field: 'confirm_name' });
    }
    for (const wrong of [`Test ${kept.store.slug}`, doomedName.toUpperCase(), `${doomedName}.`, doomed.store.slug]) {
      const refused = expectError(await deleteStore(doomed.store.owner.client, doomed.store.id, wrong), '22023',
        /^confirm_name must be the store's name in its default language, exactly as written: deleting a store cannot be undone$/);
      expect(JSON.parse(refused.details!)).toMatchObject({ field: 'confirm_name' });
    }
    expect(await fingerprint(doomed.store.id)).toEqual(before);
  });
});

describe('private.typed_name', () => {
  // The console's sameName is fed the same pairs (tests/unit/typed-name.test.ts): a name passing
  // in the browser and refused here would be said as the store renamed in another tab.
  it.each(typedNamePairs)('compares $typed with $name as the console does: $same', async ({ typed, name, same }) => {
    const [row] = await sql<{ same: boolean }>('select private.typed_name($1) = private.typed_name($2) as same', [typed, name]);
    expect(row!.same).toBe(same);
  });
});

describe('delete_store waiting while its owner is demoted', () => {
  it('is refused as one sent after, deleting nothing (the owner is checked again under the store\'s lock)', async () => {
    const shop = await createStore({ label: 'delete-demoted' });
    const second = await addStaff(shop);
    ok(await shop.owner.client.rpc('set_staff_role', { p_store_id: shop.id, p_user_id: second.user.id, p_role: 'owner' }));
    const blocker = await holdLocks('select 1 from public.stores where id = $1 for update', [shop.id]);
    let answer: Promise<Awaited<ReturnType<typeof deleteStore>>> | undefined;
    try {
      // It passes the owner check made before the lock, then waits on the store's row.
      answer = Promise.resolve(deleteStore(second.client, shop.id, `Test ${shop.slug}`));
      await untilWaiting(blocker.pid, 1);
      await blocker.run(`update public.store_staff set role = 'staff' where store_id = $1 and user_id = $2`, [shop.id, second.user.id]);
      await blocker.commit();
    } catch (error) {
      await blocker.release();
      throw error;
    }
    expectError(await answer, '42501', /^Only this store's owners may do this$/);
    expect(await sql('select count(*)::int as n from public.stores where id = $1', [shop.id])).toEqual([{ n: 1 }]);
  });
});

describe('delete_store beside an import of the store\'s orders', () => {
  /** A store with two companies, the first or second by id held by another transaction. */
  const shopWithHeldCompany = async (label: string, held: 'first' | 'second') => {
    const shop = await createStore({ label });
    const [first, second] = (await Promise.all([addMember(shop), addMember(shop)])).sort((a, b) => a.id.localeCompare(b.id));
    const blocker = await holdLocks('select 1 from public.members where id = $1 for update', [(held === 'first' ? first : second)!.id]);
    return { shop, first: first!, second: second!, blocker };
  };
  const storeRows = async (storeId: string) =>
    (await sql<{ n: number }>(`select (select count(*) from public.stores where id = $1) + (select count(*) from public.orders where store_id = $1)
      + (select count(*) from public.members where store_id = $1) as n`, [storeId]))[0]!.n;

  it('an import holding one company and waiting on the next, and the owner\'s deletion: both complete, the deletion last (no deadlock)', async () => {
    const { shop, first, second, blocker } = await shopWithHeldCompany('delete-import', 'second');
    let imported: Promise<Awaited<ReturnType<typeof deleteStore>>> | undefined;
    let deleted: Promise<Awaited<ReturnType<typeof deleteStore>>> | undefined;
    try {
      // The import locks the first company and waits on the second; the deletion waits on the first.
      imported = Promise.resolve(serviceClient().rpc('import_orders', { p_store_id: shop.id, p_rows: [orderRow(first), orderRow(second)] }));
      await untilWaiting(blocker.pid, 1);
      deleted = Promise.resolve(deleteStore(shop.owner.client, shop.id, `Test ${shop.slug}`));
      await untilWaiting(blocker.pid, 2);
    } finally {
      await blocker.release();
    }
    // Before: the import's orders waited for the store's row, the deletion for the import's company (40P01).
    expect(ok(await imported)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(ok(await deleted)).toMatchObject({ id: shop.id });
    expect(await storeRows(shop.id)).toBe(0);
  });

  it('an import waiting on a company while the store is deleted is refused as for an unknown store, not with the orders\' foreign-key error', async () => {
    const { shop, first, second, blocker } = await shopWithHeldCompany('delete-during-import', 'first');
    let imported: Promise<Awaited<ReturnType<typeof deleteStore>>> | undefined;
    try {
      imported = Promise.resolve(serviceClient().rpc('import_orders', { p_store_id: shop.id, p_rows: [orderRow(first), orderRow(second)] }));
      await untilWaiting(blocker.pid, 1);
      // The owner's deletion, in the transaction holding the company the import waits on (it holds none).
      await blocker.run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: shop.owner.user.id, role: 'authenticated' })]);
      await blocker.run('select private.delete_store($1, $2)', [shop.id, `Test ${shop.slug}`]);
      await blocker.commit();
    } catch (error) {
      await blocker.release();
      throw error;
    }
    const refused = expectError(await imported, '42501', /^store_id is not a store you staff$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'store_id' });
    expect(await storeRows(shop.id)).toBe(0);
  });

  it('a staff member renaming a product while the deletion holds the store\'s row: the rename does not wait for it, and the deletion completes (no deadlock)', async () => {
    const shop = await createStore({ label: 'delete-rename' });
    const [staff, product] = await Promise.all([addStaff(shop), addProduct(shop)]);
    // The row as delete_store takes it first, in the transaction that then deletes the store.
    const deletion = await holdLocks('select 1 from public.stores where id = $1 for no key update', [shop.id]);
    let renamed: Promise<{ data: unknown; error: { message: string } | null }> | undefined;
    try {
      renamed = Promise.resolve(staff.client.from('products').update({ name: { en: 'Renamed wig' } }).eq('id', product.id).select('name'));
      // The rename answered, or waiting on the deletion (before: its merchant-text check took the
      // store row FOR SHARE); the deletion goes on either way.
      await Promise.race([renamed, untilWaiting(deletion.pid, 1).catch(() => undefined)]);
      await deletion.run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: shop.owner.user.id, role: 'authenticated' })]);
      // Before, its cascade waited for the product the waiting rename held: 40P01 for one of them.
      await deletion.run('select private.delete_store($1, $2)', [shop.id, `Test ${shop.slug}`]);
      await deletion.commit();
    } catch (error) {
      await deletion.release().catch(() => undefined);
      throw error;
    }
    expect(ok(await renamed!)).toEqual([{ name: { en: 'Renamed wig' } }]);
    expect(await storeRows(shop.id)).toBe(0);
  });
});

describe('delete_store', () => {
  const storageParts = buckets.map((bucket) => `storage:${bucket}`);
  const logo = () => `${doomed.store.id}/logo-1.png`;
  const filesLeft = async (client: Actor['client']) =>
    ok(await client.rpc('deleted_store_files')) as { store_id: string; store_name: string; store_lang: string; bucket_id: string; name: string }[];

  it('the owner deletes the store: nothing of it is left in any table, its files wait for their removal, the other store keeps every row', async () => {
    const [doomedBefore, keptBefore] = await Promise.all([rowsOf(doomed.store.id), rowsOf(kept.store.id)]);
    // Each table and bucket held something, or nothing would prove it went.
    expect(Object.entries(doomedBefore).filter(([, n]) => n === 0).map(([part]) => part)).toEqual([]);

    // The name as the console sends it: spaces around it, the isolates of its hint, another Unicode form.
    const row = ok(await deleteStore(doomed.store.owner.client, doomed.store.id, ` \u2068${doomedName}\u2069 `)) as { id: string; slug: string };
    expect(row).toMatchObject({ id: doomed.store.id, slug: doomed.store.slug });

    const doomedAfter = await rowsOf(doomed.store.id);
    expect(Object.entries(doomedAfter).filter(([part, n]) => n > 0 && !storageParts.includes(part))).toEqual([]);
    // Deleted in SQL, their bytes would stay in the project's storage with nothing naming them.
    expect(storageParts.map((part) => doomedAfter[part])).toEqual([1, 1, 1]);
    expect(await rowsOf(kept.store.id)).toEqual(keptBefore);
    expect(await sql('select name, name_lang, deleted_by from private.store_deletions where store_id = $1', [doomed.store.id]))
      .toEqual([{ name: doomedName, name_lang: 'en', deleted_by: doomed.store.owner.user.id }]);
    // The logins stay: they may belong to other stores.
    const logins = [doomed.store.owner.user.id, doomed.staff.user.id, doomed.buyer.user.id];
    expect(await sql('select count(*)::int as n from auth.users where id = any($1)', [logins])).toEqual([{ n: 3 }]);
  });

  it('the deleted store\'s files are the deleting owner\'s alone to see and remove: staff, another owner and a buyer neither list nor remove them', async () => {
    // An owner who deleted a store of their own sees its files, and still none of this one's.
    const other = await createStore({ label: 'delete-other' });
    const otherLogo = `${other.id}/logo.png`;
    expect((await other.owner.client.storage.from('merchant-logos').upload(otherLogo, new Blob([png], { type: 'image/png' }))).error).toBeNull();
    ok(await deleteStore(other.owner.client, other.id, `Test ${other.slug}`));
    expect((await filesLeft(other.owner.client)).map(({ name }) => name)).toEqual([otherLogo]);

    for (const client of [doomed.staff.client, kept.store.owner.client, doomed.buyer.client, other.owner.client]) {
      expect((await filesLeft(client)).filter(({ store_id }) => store_id === doomed.store.id)).toEqual([]);
      expect(await client.storage.from('merchant-logos').remove([logo()])).toMatchObject({ data: [], error: null });
    }
    expectError(await anonClient().rpc('deleted_store_files'), '42501');
    expect((await rowsOf(doomed.store.id))['storage:merchant-logos']).toBe(1);
  });

  it('a post in another store with the id of one of the deleted store\'s posts reads none of its files: a post\'s id is the server\'s, and its files are read through their own store\'s post', async () => {
    const attachment = ((await sql<{ name: string }>(
      `select name from storage.objects where bucket_id = 'post-attachments' and split_part(name, '/', 1) = $1`, [doomed.store.id]))[0]!).name;
    const postId = attachment.split('/')[1]!;
    const intruder = await createStore({ label: 'post-id-reuse' });
    const post = { store_id: intruder.id, kind: 'industry_news', title: 'Mine', body: 'Mine', locale: 'en', visibility: 'public' };
    expectError(await intruder.owner.client.from('posts').insert({ ...post, id: postId }), '42501');
    // One made with that id anyway (a store of before this migration could have): still nothing.
    ok(await serviceClient().from('posts').insert({ ...post, id: postId }));
    for (const client of [intruder.owner.client, anonClient()]) {
      expect((await client.storage.from('post-attachments').list(`${doomed.store.id}/${postId}`)).data).toEqual([]);
      expect((await client.storage.from('post-attachments').download(attachment)).error).not.toBeNull();
    }
  });

  it('the owner who deleted it lists its files with its name, removes them through Storage, and they are gone, bytes and all', async () => {
    const owner = doomed.store.owner.client;
    const publicLogo = owner.storage.from('merchant-logos').getPublicUrl(logo()).data.publicUrl;
    expect((await fetch(publicLogo)).status).toBe(200);

    const files = await filesLeft(owner);
    // In no particular order: the console removes what it gets and asks again.
    expect(files.map(({ bucket_id, name }) => `${bucket_id}:${name}`).sort()).toEqual([
      `merchant-logos:${logo()}`,
      expect.stringMatching(new RegExp(`^post-attachments:${doomed.store.id}/[0-9a-f-]+/report\\.pdf$`)),
      expect.stringMatching(new RegExp(`^product-images:${doomed.store.id}/[0-9a-f-]+/front\\.png$`)),
    ]);
    expect(new Set(files.map(({ store_id, store_name, store_lang }) => `${store_id} ${store_name} ${store_lang}`)))
      .toEqual(new Set([`${doomed.store.id} ${doomedName} en`]));

    for (const { bucket_id, name } of files) {
      const removed = await owner.storage.from(bucket_id).remove([name]);
      expect(removed.error).toBeNull();
      expect(removed.data!.map((object) => object.name)).toEqual([name]);
    }
    expect((await fetch(publicLogo)).status).toBe(400);
    const after = await rowsOf(doomed.store.id);
    expect(storageParts.map((part) => after[part])).toEqual([0, 0, 0]);
    expect(await filesLeft(owner)).toEqual([]);
  });

  it('every table whose rows name a store, company, contact, order or ledger row has a store_id, so the sweep above reads it', async () => {
    const references = await sql<{ table: string; column: string }>(
      `select format('%I.%I', n.nspname, c.relname) as table, a.attname as column from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
       where k.contype = 'f'
         and k.confrelid in ('public.stores'::regclass, 'public.members'::regclass, 'public.member_contacts'::regclass,
           'public.orders'::regclass, 'public.points_ledger'::regclass)
         and n.nspname in ('public', 'private')
         and not exists (select 1 from pg_attribute s where s.attrelid = c.oid and s.attname = 'store_id' and not s.attisdropped)`);
    expect(references, 'tables tied to a store without a store_id: check them here').toEqual([]);
  });

  it('the slug then names no store: the store page, the widget and a buyer\'s membership answer as for a store that never was', async () => {
    const unknown = `never-${doomed.store.slug}`;
    for (const [client, rpc] of [[anonClient(), 'store_profile'], [anonClient(), 'tier_teasers'], [doomed.buyer.client, 'my_membership']] as const) {
      const gone = await client.rpc(rpc, { p_store_slug: doomed.store.slug });
      expectError(gone, 'PT404', /^store not found$/);
      expect(refusalOf(gone)).toEqual(refusalOf(await client.rpc(rpc, { p_store_slug: unknown })));
    }
  });

  it('a second delete of the store is refused as the caller no longer owns it', async () => {
    expectError(await deleteStore(doomed.store.owner.client, doomed.store.id, doomedName), '42501', /^Only this store's owners may do this$/);
  });
});
