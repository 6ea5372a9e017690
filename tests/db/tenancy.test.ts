/**
 * Tenancy: nothing of store A is readable or writable by anyone of store B — its buyer or its
 * staff — through the RPCs (called with A's ids and slug), through rows B may write but tries to
 * point at A, through the product-images bucket, and through the gateway with forged credentials.
 * Tables themselves are covered row by row in rls-matrix.test.ts. Every refusal is checked twice:
 * the error says what went wrong, and a digest of both stores' rows (and image objects) taken as
 * postgres before and after shows that nothing changed.
 */
import { randomUUID } from 'node:crypto';
import { createClient, StorageApiError, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql, stack, uniqueEmail } from '../support/clients.ts';
import {
  addMember, addProduct, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, shipTo,
  type Member, type Product, type Store,
} from './fixtures.ts';

let storeA: Store;
let storeB: Store;
let buyerA: Member;
let buyerB: Member;
const a = {} as {
  publicProduct: Product; membersProduct: Product; vipProduct: Product;
  requestedClaim: string; approvedClaim: string; inquiry: string; coupon: string; heldCoupon: string;
  reward: string; deliveredOrder: string; invitationToken: string; publicImage: string; membersImage: string;
};
let bPublicProduct: Product;
/** B's callers: its staff (the owner) and its buyer. */
let intruders: Record<Intruder, SupabaseClient>;
type Intruder = 'otherStaff' | 'otherMember';

const bucket = 'product-images';
const png = (marker: string) => new Blob([Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(marker)])], { type: 'image/png' });

/** Tables whose rows belong to a store, from the catalog, so a new table is covered without editing this file. */
async function tablesWithStoreId(): Promise<{ table: string }[]> {
  return sql<{ table: string }>(
    `select c.relname as table from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'store_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind = 'r' order by 1`);
}

/** One digest per table holding rows of either store, plus the stores' image objects. */
async function digest(): Promise<Record<string, string>> {
  const tables = await tablesWithStoreId();
  const parts = [
    `select 'stores' as part, md5(string_agg(t::text, '|' order by t::text)) as md5 from public.stores t where id = any($1)`,
    ...tables.map(({ table }) =>
      `select '${table}', md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from public."${table}" t where store_id = any($1)`),
    `select 'storage.objects', md5(coalesce(string_agg(o::text, '|' order by o.name), '')) from storage.objects o
     where bucket_id = '${bucket}' and split_part(name, '/', 1) = any($1::text[])`,
  ];
  const rows = await sql<{ part: string; md5: string }>(parts.join(' union all '), [[storeA.id, storeB.id]]);
  return Object.fromEntries(rows.map((r) => [r.part, r.md5]));
}

/** The tables whose digest differs: an empty list means nothing changed. */
async function changedSince(before: Record<string, string>): Promise<string[]> {
  const after = await digest();
  return Object.keys({ ...before, ...after }).filter((part) => before[part] !== after[part]);
}

beforeAll(async () => {
  [storeA, storeB] = await Promise.all([createStore({ label: 'tenant-a' }), createStore({ label: 'tenant-b' })]);
  [buyerA, buyerB] = await Promise.all([addMember(storeA), addMember(storeB)]);
  intruders = { otherStaff: storeB.owner.client, otherMember: buyerB.client };

  // A's buyer is VIP with points and rebate to steal, a delivered order, claims, an inquiry,
  // a held coupon and a pending invitation: something behind every id an RPC takes.
  await makeVip(storeA, buyerA);
  const delivered = orderRow(buyerA, { amount: 10, placed_at: daysAgo(3), delivered_at: daysAgo(1) });
  await importOrders(storeA, [delivered]);
  a.deliveredOrder = (await sql<{ id: string }>('select id from public.orders where external_ref = $1', [delivered.external_ref]))[0]!.id;
  [a.publicProduct, a.membersProduct, a.vipProduct, bPublicProduct] = await Promise.all([
    addProduct(storeA, { visibility: 'public' }),
    addProduct(storeA, { visibility: 'members' }),
    addProduct(storeA, { visibility: 'tier', min_tier_rank: 2 }),
    addProduct(storeB, { visibility: 'public' }),
  ]);
  const claim = async (product: Product) =>
    (ok(await buyerA.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })) as { id: string }).id;
  a.requestedClaim = await claim(a.publicProduct);
  a.approvedClaim = await claim(a.membersProduct);
  ok(await storeA.owner.client.rpc('approve_sample', { p_claim_id: a.approvedClaim }));
  a.inquiry = (ok(await buyerA.client.rpc('send_inquiry', { p_store_slug: storeA.slug, p_message: 'Price for 500?' })) as { id: string }).id;
  const insertA = async (table: string, row: Record<string, unknown>) =>
    (ok(await storeA.owner.client.from(table).insert({ store_id: storeA.id, ...row }).select('id').single()) as { id: string }).id;
  a.coupon = await insertA('coupons', { code: 'WELCOME', kind: 'percent', value: 5, per_member_limit: 5 });
  a.reward = await insertA('rewards', { name: 'Sample kit', points_cost: 5 });
  a.heldCoupon = (ok(await buyerA.client.rpc('claim_coupon', { p_coupon_id: a.coupon })) as { id: string }).id;
  a.invitationToken = (ok(await buyerA.client.rpc('invite_colleague', { p_member_id: buyerA.id, p_email: uniqueEmail('invitee') })) as { token: string }).token;

  // B's buyer has points of its own, so a refused redemption at A is about the store, not the balance.
  ok(await storeB.owner.client.rpc('adjust_points', { p_member_id: buyerB.id, p_delta: 100, p_note: 'Points to spend' }));

  const images = storeA.owner.client.storage.from(bucket);
  a.publicImage = `${storeA.id}/${a.publicProduct.id}/front.png`;
  a.membersImage = `${storeA.id}/${a.membersProduct.id}/front.png`;
  for (const [path, product] of [[a.publicImage, a.publicProduct], [a.membersImage, a.membersProduct]] as const) {
    expect((await images.upload(path, png(path))).error).toBeNull();
    ok(await storeA.owner.client.from('products').update({ image_path: path }).eq('id', product.id).select());
  }
});

interface Refusal {
  code: string;
  message: RegExp;
}
interface RpcCase {
  args: () => Record<string, unknown>;
  /** The refusal each of B's callers gets (the same for both unless split). */
  refused: Refusal | Record<Intruder, Refusal>;
}
const refusal = (code: string, message: RegExp): Refusal => ({ code, message });
const notStaff = refusal('42501', /^Only this store's staff may do this$/);
const notMember = refusal('42501', /^You are not a member of this store$/);
const notYourMember = refusal('42501', /^member_id is not a member of a store you staff$/);
const noClaim = refusal('P0002', /^claim_id matches no sample claim you may change$/);
const farFuture = '2999-01-01T00:00:00Z';

/** Every RPC of docs/api.md that takes an id or a slug, aimed at store A. */
const rpcCases: Record<string, RpcCase> = {
  // Staff RPCs.
  import_orders: {
    args: () => ({ p_store_id: storeA.id, p_rows: [orderRow(buyerA, { amount: 50_000 })] }),
    refused: refusal('42501', /^store_id is not a store you staff$/),
  },
  set_tier_override: {
    args: () => ({ p_member_id: buyerA.id, p_tier_id: storeA.tiers[1]!.id, p_expires_at: farFuture, p_reason: 'Takeover' }),
    refused: notYourMember,
  },
  evaluate_tiers: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only staff of this store can evaluate its tiers$/) },
  approve_sample: { args: () => ({ p_claim_id: a.requestedClaim }), refused: noClaim },
  ship_sample: { args: () => ({ p_claim_id: a.approvedClaim, p_tracking_number: 'TRACK-1' }), refused: noClaim },
  reject_sample: { args: () => ({ p_claim_id: a.requestedClaim, p_reason: 'Out of stock' }), refused: noClaim },
  answer_inquiry: { args: () => ({ p_inquiry_id: a.inquiry, p_answer: 'Call us instead' }), refused: notStaff },
  close_inquiry: { args: () => ({ p_inquiry_id: a.inquiry }), refused: notStaff },
  adjust_points: { args: () => ({ p_member_id: buyerA.id, p_delta: -5, p_note: 'Taking them' }), refused: notYourMember },
  apply_rebate: { args: () => ({ p_member_id: buyerA.id, p_amount: 1, p_order_ref: 'B-1' }), refused: notYourMember },
  record_coupon_use: { args: () => ({ p_member_coupon_id: a.heldCoupon, p_order_ref: 'B-1' }), refused: notStaff },
  staff_members: { args: () => ({ p_store_id: storeA.id }), refused: notStaff },
  expire_points: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only staff of this store can expire its points$/) },
  // Member RPCs.
  invite_colleague: {
    args: () => ({ p_member_id: buyerA.id, p_email: uniqueEmail('planted') }),
    refused: refusal('42501', /^member_id is not a company you are a contact of$/),
  },
  accept_invitation: {
    args: () => ({ p_token: a.invitationToken, p_full_name: 'Intruder' }),
    refused: refusal('42501', /^email of your login is not the address this invitation was sent to$/),
  },
  claim_sample: {
    args: () => ({ p_product_id: a.publicProduct.id, p_ship_to: shipTo }),
    refused: refusal('42501', /^Only members of this store can claim samples$/),
  },
  cancel_sample: { args: () => ({ p_claim_id: a.requestedClaim }), refused: noClaim },
  claim_coupon: { args: () => ({ p_coupon_id: a.coupon }), refused: notMember },
  redeem_reward: { args: () => ({ p_reward_id: a.reward }), refused: notMember },
  review_order: { args: () => ({ p_order_id: a.deliveredOrder, p_rating: 1, p_body: 'Terrible' }), refused: notMember },
  send_inquiry: { args: () => ({ p_store_slug: storeA.slug, p_message: 'Hello' }), refused: notMember },
  // Taking over A's slug.
  create_store: { args: () => ({ p_slug: storeA.slug, p_name: 'Taken over' }), refused: refusal('23505', /^slug is already taken$/) },
};

/** RPCs that take A's slug and answer instead of refusing: what they give B is asserted below. */
const answering = ['my_membership', 'store_catalogue', 'tier_teasers'];
/** Open to anyone by design: the business-card exchange makes the caller a new buyer at that store. */
const openByDesign = ['join_store'];

describe('RPCs called by store B with store A\'s ids', () => {
  it('every API function that takes an id, slug or token is probed here', async () => {
    const functions = await sql<{ name: string }>(
      `select distinct p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'graphql_public')
         and exists (select 1 from unnest(p.proargnames) as arg where arg ~ '^p_(.*_id|.*slug|token)$')`);
    const covered = [...Object.keys(rpcCases), ...answering, ...openByDesign];
    expect(functions.map((f) => f.name).filter((name) => !covered.includes(name)).sort(), 'functions without a tenancy probe').toEqual([]);
  });

  for (const [rpc, { args, refused }] of Object.entries(rpcCases)) {
    for (const intruder of ['otherStaff', 'otherMember'] as const) {
      it(`${rpc} as B's ${intruder === 'otherStaff' ? 'staff' : 'buyer'}: refused, nothing changes`, async () => {
        const want = 'code' in refused ? refused : refused[intruder];
        const before = await digest();
        const result = await intruders[intruder].rpc(rpc, args());
        expect.soft(await changedSince(before), `tables ${rpc} changed`).toEqual([]);
        expect.soft(result.data, `${rpc} returned data to store B`).toBeNull();
        expectError(result, want.code, want.message);
      });
    }
  }

  it('my_membership(A) is null for B\'s buyer and staff: no membership picture of A', async () => {
    for (const client of Object.values(intruders)) {
      expect(ok(await client.rpc('my_membership', { p_store_slug: storeA.slug }))).toBeNull();
    }
  });

  it('store_catalogue(A) shows B exactly A\'s public products, at list price only', async () => {
    for (const client of Object.values(intruders)) {
      const rows = ok(await client.rpc('store_catalogue', { p_store_slug: storeA.slug })) as { id: string; member_price: number | null }[];
      expect(rows).toEqual([expect.objectContaining({ id: a.publicProduct.id, member_price: null })]);
    }
  });

  it('tier_teasers(A) gives B counts only, as it gives anyone', async () => {
    const forAnon = ok(await anonClient().rpc('tier_teasers', { p_store_slug: storeA.slug }));
    for (const client of Object.values(intruders)) {
      expect(ok(await client.rpc('tier_teasers', { p_store_slug: storeA.slug }))).toEqual(forAnon);
    }
  });

  // docs/api.md: "a product the caller may not see is reported exactly like a missing one".
  // claim_sample looks the product up before it checks membership, so B's buyer gets 42501
  // "Only members of this store can claim samples" for A's members-only product and P0002 for
  // an unknown id: the answer tells B that a hidden product with that id exists at another
  // store. The fix belongs in claim_sample (migration 000200): answer P0002 for a product the
  // caller cannot see before asking whether they are a member.
  it('claim_sample answers B for A\'s members-only product exactly as for an unknown product', async () => {
    const hidden = await buyerB.client.rpc('claim_sample', { p_product_id: a.membersProduct.id, p_ship_to: shipTo });
    const unknown = await buyerB.client.rpc('claim_sample', { p_product_id: randomUUID(), p_ship_to: shipTo });
    expect({ code: hidden.error?.code, message: hidden.error?.message }).toEqual({ code: unknown.error?.code, message: unknown.error?.message });
  });
});

describe('B\'s own rows cannot be pointed at store A', () => {
  it('B\'s staff import into B cannot name A\'s buyer, by id or by login email', async () => {
    const before = await digest();
    for (const row of [orderRow(buyerA), orderRow(buyerA, { member_id: undefined, email: buyerA.user.email })]) {
      const result = await storeB.owner.client.rpc('import_orders', { p_store_id: storeB.id, p_rows: [row] });
      expectError(result, '22023', /^Row 1: (member_id is not a member of this store|email matches no member contact of this store)$/);
    }
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot lift B\'s buyer to one of A\'s tiers', async () => {
    const before = await digest();
    expectError(await storeB.owner.client.rpc('set_tier_override', {
      p_member_id: buyerB.id, p_tier_id: storeA.tiers[2]!.id, p_expires_at: farFuture,
    }), '22023', /^tier_id is not a tier of this store$/);
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot point a B product at A\'s image, which would publish it', async () => {
    const before = await digest();
    // The check constraint keeps image_path inside the product's own store folder.
    expectError(await storeB.owner.client.from('products').update({ image_path: a.membersImage }).eq('id', bPublicProduct.id), '23514');
    expectError(await storeB.owner.client.from('products').update({ image_path: `${storeA.id}/${bPublicProduct.id}/x.png` }).eq('id', bPublicProduct.id), '23514');
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot make a reward that issues A\'s coupon', async () => {
    const before = await digest();
    expectError(await storeB.owner.client.from('rewards').insert({ store_id: storeB.id, name: 'Stolen', points_cost: 1, coupon_id: a.coupon }), '23503');
    expect(await changedSince(before)).toEqual([]);
  });

  it('no column that names the store is writable: B cannot move its rows into A', async () => {
    const before = await digest();
    for (const { table } of await tablesWithStoreId()) {
      for (const client of Object.values(intruders)) {
        const result = await client.from(table).update({ store_id: storeA.id }).eq('store_id', storeB.id).select();
        expectError(result, '42501', /^permission denied for table /);
      }
    }
    expect(await changedSince(before)).toEqual([]);
  });
});

describe('product images of store A', () => {
  const images = (client: SupabaseClient) => client.storage.from(bucket);
  const contents = async (path: string) => Buffer.from(await (ok(await images(serviceClient()).download(path)) as Blob).arrayBuffer()).toString('hex');
  let original: Record<string, string>;

  /** 403: the write policy refused it; 404: the read policy hides the object, as if it did not exist. */
  function expectRefused(result: { error: unknown }, statusCode: '403' | '404', what: string) {
    expect(result.error, what).toBeInstanceOf(StorageApiError);
    expect((result.error as StorageApiError).statusCode, what).toBe(statusCode);
  }

  beforeAll(async () => {
    original = { [a.publicImage]: await contents(a.publicImage), [a.membersImage]: await contents(a.membersImage) };
  });

  async function expectUntouched(before: Record<string, string>) {
    expect(await changedSince(before), 'rows changed').toEqual([]);
    for (const [path, hex] of Object.entries(original)) expect(await contents(path), `contents of ${path}`).toBe(hex);
  }

  it('B\'s staff cannot upload into A\'s folder, overwrite, update, move or delete A\'s images', async () => {
    const b = images(storeB.owner.client);
    // The control: the same upload into B's own folder is accepted.
    expect((await b.upload(`${storeB.id}/${bPublicProduct.id}/front.png`, png('b'))).error).toBeNull();
    const before = await digest();
    expectRefused(await b.upload(`${storeA.id}/${a.publicProduct.id}/planted.png`, png('planted')), '403', 'upload');
    expectRefused(await b.upload(`${storeA.id}/${bPublicProduct.id}/planted.png`, png('planted')), '403', 'upload under a B product id');
    expectRefused(await b.upload(a.membersImage, png('overwritten'), { upsert: true }), '403', 'upsert');
    // The public image B may read is still not B's to change.
    expectRefused(await b.update(a.publicImage, png('overwritten')), '403', 'update');
    expectRefused(await b.copy(a.publicImage, `${storeA.id}/${a.publicProduct.id}/copy.png`), '403', 'copy into A');
    // A move looks its source up under the update policy, which hides both images from B.
    expectRefused(await b.move(a.publicImage, `${storeB.id}/${bPublicProduct.id}/moved.png`), '404', 'move public');
    expectRefused(await b.move(a.membersImage, `${storeB.id}/${bPublicProduct.id}/moved.png`), '404', 'move members-only');
    // A remove of objects RLS hides reports nothing removed rather than an error.
    expect(ok(await b.remove([a.publicImage, a.membersImage])), 'removed').toEqual([]);
    await expectUntouched(before);
  });

  it('B\'s staff list and read only what A shows everyone: the public product\'s image', async () => {
    const b = images(storeB.owner.client);
    expect((ok(await b.list(storeA.id)) as { name: string }[]).map((e) => e.name)).toEqual([a.publicProduct.id]);
    expect(ok(await b.list(`${storeA.id}/${a.membersProduct.id}`))).toEqual([]);
    expectRefused(await b.download(a.membersImage), '404', 'download');
    expectRefused(await b.createSignedUrl(a.membersImage, 60), '404', 'signed URL');
    expectRefused(await b.copy(a.membersImage, `${storeB.id}/${bPublicProduct.id}/copied.png`), '404', 'copy out');
    // Public by design: the public product's row and image are readable by anyone.
    expect((await b.download(a.publicImage)).error).toBeNull();
  });

  it('B\'s buyer cannot download, sign, list or upload A\'s members-only image', async () => {
    const before = await digest();
    const b = images(buyerB.client);
    expectRefused(await b.download(a.membersImage), '404', 'download');
    expectRefused(await b.createSignedUrl(a.membersImage, 60), '404', 'signed URL');
    expect(ok(await b.list(`${storeA.id}/${a.membersProduct.id}`))).toEqual([]);
    expectRefused(await b.upload(a.membersImage, png('overwritten'), { upsert: true }), '403', 'upsert');
    // The same image A's own buyer reads: the refusals above are about the store, not the file.
    expect((await images(buyerA.client).download(a.membersImage)).error).toBeNull();
    await expectUntouched(before);
  });
});

describe('the gateway and forged credentials', () => {
  const otherSecret = 'another-project-jwt-secret-with-at-least-32-chars';
  let staffToken: string;
  let claims: JWTPayload;

  async function sign(payload: JWTPayload, secret: string): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
  }
  const unsigned = (payload: JWTPayload) =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  /** A's staff list, as the caller: what a forged identity would be after. */
  const readAStaff = (token: string, apikey = stack().anonKey) =>
    fetch(`${stack().apiUrl}/rest/v1/store_staff?store_id=eq.${storeA.id}`, { headers: { apikey, authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    staffToken = (await storeB.owner.client.auth.getSession()).data.session!.access_token;
    claims = decodeJwt(staffToken);
  });

  it('B\'s staff token is good at B and reads nothing of A (the control)', async () => {
    const res = await readAStaff(staffToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('refuses B\'s staff claims re-signed with another secret, retargeted at A\'s owner, with 401', async () => {
    for (const forged of [
      await sign({ ...claims, sub: storeA.owner.user.id, email: storeA.owner.user.email }, otherSecret),
      await sign(claims, otherSecret),
    ]) {
      const res = await readAStaff(forged);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('PGRST301');
    }
  });

  it('refuses a token whose claims were edited after signing, and an unsigned one, with 401', async () => {
    const [header, , signature] = staffToken.split('.');
    const edited = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: storeA.owner.user.id })).toString('base64url')}.${signature}`;
    for (const forged of [edited, unsigned({ ...claims, sub: storeA.owner.user.id }), unsigned({ ...claims, role: 'service_role' })]) {
      expect((await readAStaff(forged)).status).toBe(401);
    }
  });

  it('refuses another project\'s API key with 401, even with a valid user token', async () => {
    const foreignAnonKey = await sign({ ...decodeJwt(stack().anonKey) }, otherSecret);
    const res = await readAStaff(staffToken, foreignAnonKey);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('never takes a service-role token from another secret: not as user JWT, API key, storage or auth token', async () => {
    const forgedService = await sign({ ...decodeJwt(stack().serviceRoleKey) }, otherSecret);
    expect((await readAStaff(forgedService)).status, 'as bearer').toBe(401);
    expect((await readAStaff(forgedService, forgedService)).status, 'as API key').toBe(401);

    // Through supabase-js with a valid API key but the forged token as the session.
    const forgedClient = createClient(stack().apiUrl, stack().anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { authorization: `Bearer ${forgedService}` } },
    });
    expect((await forgedClient.from('members').select('id').eq('store_id', storeA.id)).error?.code).toBe('PGRST301');
    expect((await forgedClient.storage.from(bucket).download(a.membersImage)).error, 'storage download').not.toBeNull();
    expect((await forgedClient.storage.from(bucket).list(storeA.id)).error, 'storage list').not.toBeNull();
    const user = await fetch(`${stack().apiUrl}/auth/v1/user`, { headers: { apikey: stack().anonKey, authorization: `Bearer ${forgedService}` } });
    expect([401, 403], 'auth user').toContain(user.status);
  });
});
