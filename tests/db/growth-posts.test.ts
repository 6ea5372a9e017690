/**
 * Posts (issue 14): who reads a post and its attachments, by tier and by store, exactly as for
 * exclusive products; readers below see a teaser (title, no body, no files); unpublished posts
 * are staff's only; the new-posts count; hostile text stored as text; drafts (no publish time),
 * which only staff read until published, and then count as new from when they came out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, daysAgo, expectError, makeVip, ok, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let ordinary: Member;
let vip: Member;
let otherVip: Member;
const post = {} as Record<'open' | 'members' | 'vip' | 'future', string>;
const hostile = '<img src=x onerror="alert(1)"> **bold** <script>alert(2)</script>';

interface FeedRow { id: string; title: string; locked: boolean; body: string | null; attachments: unknown; tier_name: string | null; tier_top: boolean | null; total: number }
const feed = async (client: SupabaseClient, extra: Record<string, unknown> = {}) =>
  ok(await client.rpc('post_feed', { p_store_slug: store.slug, ...extra })) as FeedRow[];
const titles = async (client: SupabaseClient) =>
  ((ok(await client.from('posts').select('title').eq('store_id', store.id)) as { title: string }[]).map((p) => p.title)).sort();
const file = (id: string) => `${store.id}/${id}/report.pdf`;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'posts' }), createStore({ label: 'posts-other' })]);
  staff = await addStaff(store);
  [ordinary, vip, otherVip] = await Promise.all([addMember(store, 'Ordinary Co'), addMember(store, 'VIP Co'), addMember(other, 'Elsewhere VIP')]);
  await Promise.all([makeVip(store, vip), makeVip(other, otherVip)]);
  const rows = [
    { key: 'open', title: 'Open news', visibility: 'public', min_tier_rank: 0, publish_at: daysAgo(3) },
    { key: 'members', title: 'Members trend report', visibility: 'members', min_tier_rank: 0, publish_at: daysAgo(2) },
    { key: 'vip', title: 'VIP trade data', visibility: 'tier', min_tier_rank: 2, publish_at: daysAgo(1) },
    { key: 'future', title: 'Holiday greeting', visibility: 'public', min_tier_rank: 0, publish_at: daysAgo(-2) },
  ] as const;
  for (const row of rows) {
    const { key, ...fields } = row;
    const created = ok(await staff.client.from('posts').insert({
      store_id: store.id, kind: key === 'vip' ? 'trade_data' : 'industry_news', locale: 'en', body: `${hostile} (${key})`, ...fields,
    }).select('id').single()) as { id: string };
    post[key] = created.id;
    const pdf = new Blob([`%PDF-1.4 ${key}`], { type: 'application/pdf' });
    expect((await staff.client.storage.from('post-attachments').upload(file(created.id), pdf, { contentType: 'application/pdf' })).error).toBeNull();
    ok(await staff.client.from('posts').update({ attachments: [{ path: file(created.id), name: 'report.pdf', size: pdf.size }] }).eq('id', created.id));
  }
  // Another store's VIP post, which A's VIP must not read.
  ok(await serviceClient().from('posts').insert({ store_id: other.id, kind: 'trade_data', title: 'Other store VIP', body: 'Figures.', locale: 'en', visibility: 'tier', min_tier_rank: 2 }));
});

describe('who reads a post', () => {
  it('by tier, by store and by publication, on the table', async () => {
    expect(await titles(anonClient())).toEqual(['Open news']);
    expect(await titles(ordinary.client)).toEqual(['Members trend report', 'Open news']);
    expect(await titles(vip.client)).toEqual(['Members trend report', 'Open news', 'VIP trade data']);
    expect(await titles(otherVip.client)).toEqual(['Open news']);
    expect(await titles(staff.client)).toEqual(['Holiday greeting', 'Members trend report', 'Open news', 'VIP trade data']);
    expect((ok(await vip.client.from('posts').select('title').eq('store_id', other.id)) as unknown[])).toEqual([]);
  });

  it('in the feed: everything published, with teasers (title only) below the tier', async () => {
    const asOrdinary = await feed(ordinary.client);
    // VIP is the store's highest tier (tier_top), which a teaser says without "and above".
    expect(asOrdinary.map((p) => [p.title, p.locked, p.tier_name, p.tier_top])).toEqual([
      ['VIP trade data', true, 'VIP', true], ['Members trend report', false, null, null], ['Open news', false, null, null],
    ]);
    expect(asOrdinary[0]).toMatchObject({ body: null, attachments: null, total: 3 });
    expect(asOrdinary[1]!.body).toBe(`${hostile} (members)`);
    const asVip = await feed(vip.client);
    expect(asVip.map((p) => p.locked)).toEqual([false, false, false]);
    expect(asVip[0]).toMatchObject({ body: `${hostile} (vip)`, attachments: [{ path: file(post.vip), name: 'report.pdf' }] });
    const asAnon = await feed(anonClient());
    expect(asAnon.map((p) => [p.title, p.locked])).toEqual([['VIP trade data', true], ['Members trend report', true], ['Open news', false]]);
    // One post: its teaser or the whole, and an unpublished post is not found.
    expect((await feed(ordinary.client, { p_post_id: post.vip }))).toMatchObject([{ id: post.vip, locked: true, body: null }]);
    expect((await feed(vip.client, { p_post_id: post.vip }))).toMatchObject([{ id: post.vip, locked: false }]);
    expectError(await ordinary.client.rpc('post_feed', { p_store_slug: store.slug, p_post_id: post.future }), 'PT404', 'post_id matches no post');
    expectError(await anonClient().rpc('post_feed', { p_store_slug: 'no-such-store' }), 'PT404');
  });

  it('counts new posts since a time, of those the reader can open: a teaser is not news to them', async () => {
    const count = async (client: SupabaseClient, since: string) => ok(await client.rpc('my_new_posts_count', { p_store_slug: store.slug, p_since: since }));
    // The VIP's post, a day old, is a teaser to an ordinary member: the members' post alone.
    expect(await count(ordinary.client, daysAgo(2.5))).toBe(1);
    expect(await count(ordinary.client, daysAgo(10))).toBe(2);
    expect(await count(vip.client, daysAgo(10))).toBe(3);
    // Another store's VIP and a visitor open the public post alone; staff, every post out (not the one to come).
    expect(await count(otherVip.client, daysAgo(10))).toBe(1);
    expect(await count(anonClient(), daysAgo(10))).toBe(1);
    expect(await count(anonClient(), daysAgo(0))).toBe(0);
    expect(await count(staff.client, daysAgo(10))).toBe(3);
    expectError(await anonClient().rpc('my_new_posts_count', { p_store_slug: 'no-such-store', p_since: null }), 'PT404');
  });
});

describe('attachments', () => {
  it('are readable exactly when the post is', async () => {
    const canRead = async (client: SupabaseClient, id: string) => (await client.storage.from('post-attachments').download(file(id))).error === null;
    expect(await canRead(vip.client, post.vip)).toBe(true);
    expect(await canRead(staff.client, post.future)).toBe(true);
    expect(await canRead(ordinary.client, post.vip)).toBe(false);
    expect(await canRead(ordinary.client, post.members)).toBe(true);
    expect(await canRead(otherVip.client, post.vip)).toBe(false);
    expect(await canRead(anonClient(), post.members)).toBe(false);
    expect(await canRead(anonClient(), post.open)).toBe(true);
    expect(await canRead(vip.client, post.future)).toBe(false);
  });

  it('are uploaded by the store\'s staff only, into the post\'s folder', async () => {
    const blob = new Blob(['%PDF-1.4'], { type: 'application/pdf' });
    expect((await vip.client.storage.from('post-attachments').upload(`${store.id}/${post.vip}/mine.pdf`, blob, { contentType: 'application/pdf' })).error).not.toBeNull();
    const otherStaff = await addStaff(other);
    expect((await otherStaff.client.storage.from('post-attachments').upload(`${store.id}/${post.vip}/theirs.pdf`, blob, { contentType: 'application/pdf' })).error).not.toBeNull();
    expectError(await staff.client.from('posts').update({ attachments: [{ path: `${other.id}/${post.vip}/x.pdf`, name: 'x.pdf' }] }).eq('id', post.vip), '23514', /posts_attachments_in_post_folder/);
  });
});

describe('writing posts', () => {
  it('is for the store\'s staff; rules are CHECK constraints', async () => {
    expectError(await vip.client.from('posts').insert({ store_id: store.id, kind: 'industry_news', title: 'Mine', body: 'Text.', locale: 'en' }), '42501');
    expect(ok(await vip.client.from('posts').update({ title: 'Hijacked' }).eq('id', post.vip).select())).toEqual([]);
    const insert = (fields: Record<string, unknown>) => staff.client.from('posts').insert({ store_id: store.id, kind: 'industry_news', title: 'T', body: 'Text.', locale: 'en', ...fields });
    expectError(await insert({ visibility: 'tier', min_tier_rank: 0 }), '23514', /posts_tier_visibility_names_a_tier/);
    expectError(await insert({ locale: 'fr' }), '23514', /posts_locale_supported/);
    expectError(await insert({ title: 'a\nb' }), '23514', /posts_title_single_line/);
    expectError(await insert({ kind: 'advert' }), '23514', /posts_kind_check/);
    expectError(await insert({ body: 'x'.repeat(50_001) }), '23514', /posts_body_text/);
    const [stored] = await sql<{ body: string }>('select body from public.posts where id = $1', [post.open]);
    expect(stored!.body).toBe(`${hostile} (open)`);
  });
});

describe('drafts', () => {
  const count = async (client: SupabaseClient, since: string | null) => ok(await client.rpc('my_new_posts_count', { p_store_slug: store.slug, p_since: since }));
  const canRead = async (client: SupabaseClient, id: string) => (await client.storage.from('post-attachments').download(file(id))).error === null;
  const sees = async (client: SupabaseClient, id: string) => (ok(await client.from('posts').select('id').eq('id', id)) as unknown[]).length === 1;
  const dbNow = async () => (await sql<{ at: string }>(`select to_json(now()) #>> '{}' as at`))[0]!.at;
  let draft: string;
  let written: string;

  beforeAll(async () => {
    // Public, so nothing but its being a draft keeps it from anyone.
    ({ id: draft, created_at: written } = ok(await staff.client.from('posts').insert({
      store_id: store.id, kind: 'industry_news', title: 'Draft price list', locale: 'en', visibility: 'public', publish_at: null,
    }).select('id, created_at').single()) as { id: string; created_at: string });
    const pdf = new Blob(['%PDF-1.4 draft'], { type: 'application/pdf' });
    expect((await staff.client.storage.from('post-attachments').upload(file(draft), pdf, { contentType: 'application/pdf' })).error).toBeNull();
    ok(await staff.client.from('posts').update({ attachments: [{ path: file(draft), name: 'report.pdf' }] }).eq('id', draft));
  });

  it('are read and edited by the store\'s staff only, and are no part of the feed or its count', async () => {
    expect(await sees(staff.client, draft)).toBe(true);
    expect(ok(await staff.client.from('posts').update({ body: 'Prices from March.' }).eq('id', draft).select('body, publish_at'))).toEqual([{ body: 'Prices from March.', publish_at: null }]);
    for (const reader of [anonClient(), ordinary.client, vip.client, otherVip.client]) {
      expect(await sees(reader, draft)).toBe(false);
      expect(await canRead(reader, draft)).toBe(false);
      expect((await feed(reader)).map((p) => p.title)).not.toContain('Draft price list');
      expectError(await reader.rpc('post_feed', { p_store_slug: store.slug, p_post_id: draft }), 'PT404', 'post_id matches no post');
    }
    expect(await canRead(staff.client, draft)).toBe(true);
    // All the store's posts the VIP reads, and no more: the draft is not new, to staff either, who read it.
    expect(await count(vip.client, null)).toBe(3);
    expect(await count(anonClient(), daysAgo(10))).toBe(1);
    expect(await count(staff.client, null)).toBe(3);
  });

  it('a post naming no time is published at once, as before drafts', async () => {
    const { publish_at } = ok(await staff.client.from('posts').insert({ store_id: store.id, kind: 'industry_news', title: 'Straight out', body: 'Text.', locale: 'en' })
      .select('publish_at').single()) as { publish_at: string | null };
    expect(publish_at).not.toBeNull();
    expect(Date.parse(publish_at!)).toBeLessThanOrEqual(Date.parse(await dbNow()));
    ok(await staff.client.from('posts').delete().eq('title', 'Straight out'));
  });

  it('published later, is read with its attachment and counts as new for whoever looked after it was written', async () => {
    // The VIP opened the feed after the draft was written; the client publishing it names that time.
    const lastLooked = await dbNow();
    expect(await count(vip.client, lastLooked)).toBe(0);
    const [published] = ok(await staff.client.from('posts').update({ publish_at: written }).eq('id', draft).select('publish_at')) as { publish_at: string }[];
    expect(Date.parse(published!.publish_at)).toBeGreaterThan(Date.parse(lastLooked));
    expect(await count(vip.client, lastLooked)).toBe(1);
    expect(await count(anonClient(), lastLooked)).toBe(1);
    for (const reader of [anonClient(), ordinary.client, vip.client]) {
      expect(await sees(reader, draft)).toBe(true);
      expect(await canRead(reader, draft)).toBe(true);
    }
    expect((await feed(vip.client))[0]).toMatchObject({ id: draft, locked: false, body: 'Prices from March.' });
  });

  it('scheduled, keeps its time ahead; taken back to a draft, is staff\'s only again', async () => {
    const ahead = daysAgo(-5);
    const [scheduled] = ok(await staff.client.from('posts').update({ publish_at: ahead }).eq('id', draft).select('publish_at')) as { publish_at: string }[];
    expect(Date.parse(scheduled!.publish_at)).toBe(Date.parse(ahead));
    expect(await sees(vip.client, draft)).toBe(false);
    ok(await staff.client.from('posts').update({ publish_at: null }).eq('id', draft));
    expect(await sees(vip.client, draft)).toBe(false);
    expect(await canRead(vip.client, draft)).toBe(false);
    expect(await sees(staff.client, draft)).toBe(true);
  });
});

describe('a post out or to come has its text or a file (20261214000100)', () => {
  const bodyRefusal = 'body is required to publish or schedule a post without attachments: write its text, or attach a file to the draft first';
  const fileRefusal = 'attachments must keep at least one file while the post is published or scheduled without text: write its text first, or make it a draft';
  // What String.prototype.trim() removes, as the console's check: white space is no text.
  const jsWhiteSpace = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c))
    .filter((c) => c.trim() === '' && !/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/.test(c)).join('');
  const insert = (fields: Record<string, unknown>) => staff.client.from('posts')
    .insert({ store_id: store.id, kind: 'trade_data', title: 'Content rule', locale: 'en', ...fields }).select('id, body, publish_at, attachments').single();
  const stored = async (id: string) => (await sql<{ body: string; out: boolean; files: number }>(
    'select body, publish_at is not null as out, jsonb_array_length(attachments) as files from public.posts where id = $1', [id]))[0];
  const refused = (answer: Awaited<ReturnType<typeof insert>>, field: string, message: string) => {
    const error = expectError(answer, '22023', message);
    expect(JSON.parse(error.details!)).toMatchObject({ field });
  };
  const attach = async (id: string) => {
    const path = `${store.id}/${id}/prices.pdf`;
    const pdf = new Blob(['%PDF-1.4 prices'], { type: 'application/pdf' });
    expect((await staff.client.storage.from('post-attachments').upload(path, pdf, { contentType: 'application/pdf' })).error).toBeNull();
    return path;
  };
  const countTitled = async () => (await sql<{ n: number }>(`select count(*)::int as n from public.posts where title = 'Content rule'`))[0]!.n;

  it('a new post published or scheduled with no text, or white space alone, and no file is refused, naming the body', async () => {
    expect(jsWhiteSpace).toContain('\u3000');
    const before = await countTitled();
    refused(await insert({}), 'body', bodyRefusal);
    // Less the vertical tab and form feed, which the body's own CHECK (posts_body_text) refuses first.
    refused(await insert({ body: jsWhiteSpace.replace(/[\v\f]/g, '') }), 'body', bodyRefusal);
    refused(await insert({ body: ' ', publish_at: daysAgo(-3) }), 'body', bodyRefusal);
    // Whoever writes it: the rule is the table's, not the API's.
    await expect(sql(`insert into public.posts (store_id, kind, title, locale) values ($1, 'trade_data', 'Content rule', 'en')`, [store.id]))
      .rejects.toThrow(bodyRefusal);
    expect(await countTitled()).toBe(before);
  });

  it('an empty draft is kept; given a time it is refused until it has a file, then may be out with the file alone', async () => {
    const draft = ok(await insert({ publish_at: null })) as { id: string };
    refused(await staff.client.from('posts').update({ publish_at: 'now' }).eq('id', draft.id).select().single(), 'body', bodyRefusal);
    refused(await staff.client.from('posts').update({ publish_at: daysAgo(-3) }).eq('id', draft.id).select().single(), 'body', bodyRefusal);
    expect(await stored(draft.id)).toEqual({ body: '', out: false, files: 0 });
    // The console's order: the file into the saved post's folder, then listed on the row, then published.
    const path = await attach(draft.id);
    ok(await staff.client.from('posts').update({ attachments: [{ path, name: 'prices.pdf' }] }).eq('id', draft.id));
    ok(await staff.client.from('posts').update({ publish_at: 'now' }).eq('id', draft.id));
    expect(await stored(draft.id)).toEqual({ body: '', out: true, files: 1 });
    // Its last file taken off while it is out without text: refused, naming the attachments.
    refused(await staff.client.from('posts').update({ attachments: [] }).eq('id', draft.id).select().single(), 'attachments', fileRefusal);
    expect(await stored(draft.id)).toEqual({ body: '', out: true, files: 1 });
    // With its text written, the file may go; taken back to a draft, it may be emptied.
    ok(await staff.client.from('posts').update({ body: 'Prices in the file.' }).eq('id', draft.id));
    ok(await staff.client.from('posts').update({ attachments: [] }).eq('id', draft.id));
    ok(await staff.client.from('posts').update({ body: '', publish_at: null }).eq('id', draft.id));
    expect(await stored(draft.id)).toEqual({ body: '', out: false, files: 0 });
  });

  it('a post out with text only cannot be emptied, nor one to come', async () => {
    for (const publish_at of [daysAgo(1), daysAgo(-3)]) {
      const post = ok(await insert({ body: 'Closed on 1 May.', publish_at })) as { id: string };
      refused(await staff.client.from('posts').update({ body: ' \n\t' }).eq('id', post.id).select().single(), 'body', bodyRefusal);
      refused(await staff.client.from('posts').update({ body: '', attachments: [] }).eq('id', post.id).select().single(), 'body', bodyRefusal);
      expect(await stored(post.id)).toEqual({ body: 'Closed on 1 May.', out: true, files: 0 });
    }
  });

  it('a post published empty before the rule keeps its title corrected, the console sending its body unchanged', async () => {
    await sql(`begin; set local session_replication_role = replica;
      insert into public.posts (store_id, kind, title, locale, body) values ('${store.id}', 'trade_data', 'Published empty', 'en', ''); commit`);
    const { id } = (await sql<{ id: string }>(`select id from public.posts where store_id = $1 and title = 'Published empty'`, [store.id]))[0]!;
    const corrected = ok(await staff.client.from('posts').update({ title: 'Published empty, corrected', body: '' }).eq('id', id).select('title, body'));
    expect(corrected).toEqual([{ title: 'Published empty, corrected', body: '' }]);
    // Its text changed to none again, or its time moved: the rule holds then.
    refused(await staff.client.from('posts').update({ publish_at: daysAgo(2) }).eq('id', id).select().single(), 'body', bodyRefusal);
  });

  it('a caller without rights is refused for their rights, not told about the post’s text', async () => {
    const outsider = other.owner.client;
    expectError(await outsider.from('posts').insert({ store_id: store.id, kind: 'trade_data', title: 'Content rule', locale: 'en' }), '42501');
  });
});
