/**
 * unknown_order_buyers, the orders import's buyer check: of the member ids and e-mails a file
 * names, it answers those the store does not have, exactly as import_orders matches them (a
 * member of this store; the confirmed login address of one of its contacts, in any case, not
 * the business card's), so the console refuses at the check what import_orders would refuse in
 * the middle of a batch. Staff of the store only.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql, stack, uniqueEmail } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, daysAgo, expectError, ok, orderRow, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let buyer: Member;
let colleague: Member;
let carded: Member;
let unconfirmed: Member;
let elsewhere: Member;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'buyer-check' }), createStore({ label: 'buyer-check-other' })]);
  [staff, buyer, carded, unconfirmed, elsewhere] = await Promise.all([addStaff(store), addMember(store), addMember(store), addMember(store), addMember(other)]);
  colleague = await addColleague(buyer);
  // A business card's address is the contact's to type; orders match the login's.
  await sql(`update public.member_contacts set email = $2 where id = $1`, [carded.contactId, uniqueEmail('card')]);
  await sql(`update auth.users set email_confirmed_at = null where id = $1`, [unconfirmed.user.id]);
});

const unknown = async (client: Actor['client'], ids: string[], emails: string[]) =>
  ok(await client.rpc('unknown_order_buyers', { p_store_id: store.id, p_member_ids: ids, p_emails: emails })) as { field: string; value: string }[];

/**
 * What `text` did, run as `actor` in a transaction rolled back: its answer, the scans of
 * auth.users it made (its heap or any index), and the calls of each private function by name.
 */
async function measured(actor: Actor, text: string, params: unknown[]): Promise<{ scans: number; calls: Record<string, number>; answer: unknown }> {
  const client = new pg.Client({ connectionString: stack().dbUrl });
  await client.connect();
  try {
    await client.query('begin');
    // SQL functions too, which are counted only at 'all'.
    await client.query(`set local track_functions = 'all'`);
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: actor.user.id, role: 'authenticated' })]);
    const { rows: [answer] } = await client.query(text, params);
    const { rows: [read] } = await client.query<{ scans: number }>(
      `select (seq_scan + coalesce(idx_scan, 0))::int as scans from pg_stat_xact_all_tables where relid = 'auth.users'::regclass`);
    const { rows: calls } = await client.query<{ name: string; calls: number }>(
      `select funcname as name, calls::int from pg_stat_xact_user_functions where schemaname = 'private'`);
    return { scans: read!.scans, calls: Object.fromEntries(calls.map((c) => [c.name, c.calls])), answer: answer!.answer };
  } finally {
    await client.query('rollback');
    await client.end();
  }
}

describe('unknown_order_buyers', () => {
  it('names the member ids and e-mails import_orders would refuse, and no others', async () => {
    const stranger = randomUUID();
    const nobody = uniqueEmail('nobody');
    const [card] = await sql<{ email: string }>('select email from public.member_contacts where id = $1', [carded.contactId]);
    const ids = [buyer.id, elsewhere.id, stranger, buyer.id];
    const emails = [` ${buyer.user.email.toUpperCase()} `, colleague.user.email, carded.user.email, card!.email, unconfirmed.user.email, elsewhere.user.email, nobody];
    const expected = [
      ...[card!.email, elsewhere.user.email, nobody, unconfirmed.user.email].map((value) => ({ field: 'email', value: value.toLowerCase() })),
      ...[elsewhere.id, stranger].map((value) => ({ field: 'member_id', value })),
    ];
    expect(await unknown(store.owner.client, ids, emails)).toEqual(expect.arrayContaining(expected));
    expect(await unknown(staff.client, ids, emails)).toHaveLength(expected.length);
    expect(await unknown(staff.client, ids, emails)).toEqual(expect.arrayContaining(expected));

    // The import agrees, row by row.
    const named = new Set(expected.map((row) => row.value));
    const rows = [...ids.map((id) => ({ member_id: id })), ...emails.map((email) => ({ member_id: undefined, email }))];
    for (const buyerOf of rows) {
      const result = await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [orderRow(buyer, buyerOf)] });
      const value = (buyerOf.member_id ?? buyerOf.email!.trim()).toLowerCase();
      if (named.has(value)) expectError(result, '22023', /^Row 1: (member_id is not a member|email matches no member contact) of this store$/);
      else expect(result.error).toBeNull();
    }
  });

  it('answers nothing for nothing asked, and refuses more than 10,000 values of a kind', async () => {
    expect(await unknown(staff.client, [], [])).toEqual([]);
    const many = Array.from({ length: 10_001 }, (_, i) => `b${i}@example.test`);
    expectError(await staff.client.rpc('unknown_order_buyers', { p_store_id: store.id, p_emails: many }), '22023', /^emails has 10001 values; at most 10000 per call$/);
    expect(await unknown(staff.client, [], many.slice(1))).toHaveLength(10_000);
  });

  it('is refused to members, another store’s owner and anonymous callers', async () => {
    const args = { p_store_id: store.id, p_emails: [buyer.user.email] };
    expectError(await buyer.client.rpc('unknown_order_buyers', args), '42501', /^Only this store's staff may do this$/);
    expectError(await other.owner.client.rpc('unknown_order_buyers', args), '42501', /^Only this store's staff may do this$/);
    expect((await anonClient().rpc('unknown_order_buyers', args)).error?.code).toBe('42501');
  });
});

/**
 * order_ref_refusals, the import's second check: the rows import_orders would refuse for their
 * reference, with the whole batch around them, and why: another member's order, or a new order
 * of a company that left, placed at or after it left (with left_at, through the rule's one
 * private function, which import_orders calls too).
 */
describe('order_ref_refusals', () => {
  interface Row { ref: string; member_id?: string; email?: string; placed_at?: string }
  const refusals = async (client: Actor['client'], rows: Row[]) =>
    ok(await client.rpc('order_ref_refusals', {
      p_store_id: store.id,
      p_refs: rows.map((row) => row.ref),
      p_member_ids: rows.map((row) => row.member_id ?? null) as string[],
      p_emails: rows.map((row) => row.email ?? null) as string[],
      p_placed_ats: rows.map((row) => row.placed_at ?? new Date().toISOString()),
    })) as { row: number; refusal: 'taken' | 'left'; left_at?: string }[];
  /** import_orders' answer to the row alone, sent as the console sends it. */
  const imported = (row: Row) => serviceClient().rpc('import_orders', {
    p_store_id: store.id,
    p_rows: [orderRow(buyer, { external_ref: row.ref, member_id: row.member_id, ...(row.member_id ? {} : { email: row.email }), placed_at: row.placed_at ?? new Date().toISOString() })],
  });

  it('names the references import_orders would refuse as another member’s, matching buyers as it does', async () => {
    const [mine, theirs, otherStores] = [orderRow(buyer), orderRow(carded), orderRow(elsewhere)];
    ok(await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [mine, theirs] }));
    ok(await serviceClient().rpc('import_orders', { p_store_id: other.id, p_rows: [otherStores] }));
    const fresh = `ORD-${randomUUID().slice(0, 8)}`;
    const rows = [
      { ref: mine.external_ref!, member_id: buyer.id },
      // The colleague signs in for the same company: the order is theirs too.
      { ref: ` ${mine.external_ref!} `, email: colleague.user.email.toUpperCase() },
      { ref: theirs.external_ref!, member_id: buyer.id },
      { ref: theirs.external_ref!, email: buyer.user.email, member_id: carded.id },
      { ref: mine.external_ref!, email: carded.user.email },
      // A buyer the store does not have is unknown_order_buyers' to name, not this check's.
      { ref: mine.external_ref!, email: unconfirmed.user.email.replace('@', '+x@') },
      { ref: mine.external_ref!, member_id: randomUUID() },
      // Another store's order with that reference is no concern of this store.
      { ref: otherStores.external_ref!, member_id: buyer.id },
      { ref: fresh, member_id: carded.id },
    ];
    expect(await refusals(staff.client, rows)).toEqual([{ row: 3, refusal: 'taken' }, { row: 5, refusal: 'taken' }]);
    expect(await refusals(staff.client, [])).toEqual([]);

    // import_orders agrees, row by row.
    for (const row of rows) {
      const named = (await refusals(staff.client, [row])).length > 0;
      const refused = (await imported(row)).error?.message === 'Row 1: external_ref already belongs to another member\'s order';
      expect([row, refused]).toEqual([row, named]);
    }
  });

  it('names a former member’s new order placed at or after it left, with left_at; not one placed before, nor a refund or correction of an order the store has', async () => {
    const gone = await addMember(store, 'Gone Wigs Ltd');
    const earlier = orderRow(gone, { placed_at: daysAgo(2) });
    const mine = orderRow(buyer);
    ok(await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [earlier, mine] }));
    ok(await gone.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    // When it left, to the microsecond, and a microsecond before, as a file may write them.
    const [left] = await sql<{ at: string; before: string; day: string }>(`
      select to_char(left_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
             to_char((left_at - interval '1 microsecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as before,
             to_char(left_at at time zone 'UTC', 'YYYY-MM-DD') as day
      from public.members where id = $1`, [gone.id]);
    const fresh = () => `NEW-${randomUUID().slice(0, 8)}`;
    const rows: Row[] = [
      { ref: fresh(), member_id: gone.id },
      { ref: fresh(), member_id: gone.id.toUpperCase(), placed_at: left!.at },
      // Placed before it left: the store's history, recorded earning nothing.
      { ref: fresh(), member_id: gone.id, placed_at: left!.before },
      { ref: fresh(), member_id: gone.id, placed_at: daysAgo(1).slice(0, 10) },
      // Its order the store has, refunded or corrected after it left: the store's accounts.
      { ref: ` ${earlier.external_ref!}`, member_id: gone.id },
      // Another member's reference is refused as that, not as a former member's.
      { ref: mine.external_ref!, member_id: gone.id },
      // A current member's new order.
      { ref: fresh(), member_id: buyer.id },
      // A time import_orders cannot read is its own refusal, not this one.
      { ref: fresh(), member_id: gone.id, placed_at: '05/03/2026' },
    ];
    const answer = await refusals(staff.client, rows);
    expect(answer).toEqual([
      { row: 1, refusal: 'left', left_at: expect.any(String) },
      { row: 2, refusal: 'left', left_at: expect.any(String) },
      { row: 6, refusal: 'taken' },
    ]);
    // ISO 8601 with its offset, as the console's schema reads it.
    expect(answer[0]!.left_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
    expect(await sql('select $1::timestamptz = left_at and $2::timestamptz = left_at as same from public.members where id = $3',
      [answer[0]!.left_at, answer[1]!.left_at, gone.id])).toEqual([{ same: true }]);
    expect(await refusals(store.owner.client, rows)).toEqual(answer);

    // import_orders agrees, row by row, with the day it left.
    for (const [index, row] of rows.entries()) {
      const refusal = answer.find((named) => named.row === index + 1)?.refusal;
      const { error } = await imported(row);
      const said = error?.message === `Row 1: member_id left the store on ${left!.day}: its record is kept for the store's statistics only` ? 'left'
        : error?.message === 'Row 1: external_ref already belongs to another member\'s order' ? 'taken' : undefined;
      expect([row, said]).toEqual([row, refusal]);
    }
  });

  it('decides a mixed file with each rule asked once, not once a row, as import_orders does its batch', async () => {
    const gone = await addMember(store, 'Left Hair Ltd');
    const earlier = orderRow(gone, { placed_at: daysAgo(2) });
    const theirs = orderRow(carded);
    ok(await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [earlier, theirs] }));
    ok(await gone.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    const [{ left_at: leftAt }] = await sql<{ left_at: Date }>('select left_at from public.members where id = $1', [gone.id]) as [{ left_at: Date }];
    const rows = [
      // A former member's new order: refused.
      orderRow(gone),
      // Its order from before it left, refunded now: the store's accounts, accepted.
      { ...earlier, status: 'refunded' },
      // Another company's reference: refused as that.
      orderRow(buyer, { external_ref: theirs.external_ref! }),
      // A current member's new orders: accepted.
      ...Array.from({ length: 40 }, () => orderRow(buyer)),
    ];
    const rules = (calls: Record<string, number>) =>
      Object.fromEntries(Object.entries(calls).filter(([name]) => /former_member|other_member/.test(name)));

    const checked = await measured(staff, 'select public.order_ref_refusals($1, $2, $3, $4, $5) as answer', [store.id,
      rows.map((row) => row.external_ref), rows.map((row) => row.member_id), rows.map(() => null), rows.map((row) => row.placed_at)]);
    expect(checked.answer).toEqual([{ row: 1, refusal: 'left', left_at: expect.any(String) }, { row: 3, refusal: 'taken' }]);
    expect(new Date((checked.answer as { left_at: string }[])[0]!.left_at)).toEqual(leftAt);
    expect(rules(checked.calls)).toEqual({ former_members_new_orders: 1, other_members_refs: 1 });

    // import_orders refuses the same rows, another company's reference first (checked before its
    // locks, a former member after them), and without both takes the rest; each rule asked once
    // for the batch (the reference of another company twice: before its locks and after).
    expectError(await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows }),
      '22023', /^Row 3: external_ref already belongs to another member's order$/);
    expectError(await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows.filter((_, i) => i !== 2) }),
      '22023', /^Row 1: member_id left the store on \d{4}-\d{2}-\d{2}: its record is kept for the store's statistics only$/);
    const accepted = rows.filter((_, i) => i !== 0 && i !== 2);
    const imported = await measured(staff, 'select public.import_orders($1, $2) as answer', [store.id, JSON.stringify(accepted)]);
    expect(imported.answer).toEqual({ inserted: 40, updated: 1, unchanged: 0 });
    expect(rules(imported.calls)).toEqual({ former_members_new_orders: 1, other_members_refs: 2 });
  });

  it('is refused to members, another store’s owner and anonymous callers, and takes arrays of one length', async () => {
    const args = { p_store_id: store.id, p_refs: ['A-1'], p_member_ids: [buyer.id], p_emails: [null as unknown as string], p_placed_ats: ['2026-01-10'] };
    expectError(await buyer.client.rpc('order_ref_refusals', args), '42501', /^Only this store's staff may do this$/);
    expectError(await other.owner.client.rpc('order_ref_refusals', args), '42501', /^Only this store's staff may do this$/);
    expect((await anonClient().rpc('order_ref_refusals', args)).error?.code).toBe('42501');
    expectError(await staff.client.rpc('order_ref_refusals', { ...args, p_emails: [] }), '22023', /^emails must have as many values as refs$/);
    expectError(await staff.client.rpc('order_ref_refusals', { ...args, p_placed_ats: [] }), '22023', /^placed_ats must have as many values as refs$/);
  });
});

/**
 * The three reads of a file's buyers by e-mail find each address once for the whole file, with
 * the store's contacts, as unknown_order_buyers always did: hosted Supabase's auth.users has no
 * index on lower(email) alone (GoTrue's is on (instance_id, lower(email))), so a look-up per row
 * scans every login of the project once a row (at 40,000 logins, 10,000 rows of
 * order_ref_refusals ran past the 8 s statement timeout; bench/README.md, round 24). A test cannot
 * time that; it counts, in the transaction's own table statistics, how often auth.users is
 * scanned (its heap or any index), which must not grow with the rows.
 */
describe('buyers named by e-mail', () => {
  it('are found once per file, not once per row: auth.users is scanned fewer times than the file has rows', async () => {
    const known = [buyer.user.email, ` ${colleague.user.email.toUpperCase()} `, carded.user.email];
    const emails = Array.from({ length: 60 }, (_, i) => (i % 4 === 3 ? `nobody-${i}@example.test` : known[i % 4]!));
    const refs = emails.map(() => `E-${randomUUID().slice(0, 8)}`);
    const { scans: refusalScans, answer: refused } = await measured(staff,
      'select public.order_ref_refusals($1, $2, $3, $4, $5) as answer',
      [store.id, refs, emails.map(() => null), emails, emails.map(() => '2026-03-01')]);
    expect(refused).toEqual([]);
    expect(refusalScans).toBeLessThan(emails.length / 4);

    const { scans: unknownScans, answer: unknownAnswer } = await measured(staff,
      'select public.unknown_order_buyers($1, $2, $3) as answer', [store.id, [], emails]);
    expect(unknownAnswer).toHaveLength(15);
    expect(unknownScans).toBeLessThan(emails.length / 4);

    const rows = refs.map((ref, i) => orderRow(buyer, { member_id: undefined, email: known[i % 3]!, external_ref: ref }));
    const { scans: importScans, answer: imported } = await measured(staff,
      'select public.import_orders($1, $2) as answer', [store.id, JSON.stringify(rows)]);
    expect(imported).toEqual({ inserted: 60, updated: 0, unchanged: 0 });
    expect(importScans).toBeLessThan(rows.length / 4);
  });

  it('answers a row whose time cannot be read for another member’s reference, though not for leaving', async () => {
    const theirs = orderRow(carded);
    ok(await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [theirs] }));
    expect(ok(await staff.client.rpc('order_ref_refusals', {
      p_store_id: store.id, p_refs: [theirs.external_ref!], p_member_ids: [null], p_emails: [buyer.user.email], p_placed_ats: ['05/03/2026'],
    }))).toEqual([{ row: 1, refusal: 'taken' }]);
  });
});
