/**
 * Staff act on a member company's contacts (migration 20261209000700): make_primary_contact hands
 * the primary role over, remove_member_contact takes a contact who left the company off it, with
 * leave_store's effects for a leaver who is not the last, and a removed or departed primary hands
 * over to the longest-standing contact left, as does a primary whose login is deleted (the hand-over
 * is a trigger on the card's delete since 20261209001000). One primary per company, always (a unique
 * index), also for companies that had none before 20261209000700. By actor: the store's staff (plain staff, as for the tier override) succeed; another store's
 * staff, the company's own contacts and anonymous callers are refused with nothing changed.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql, stack } from '../support/clients.ts';
import { oldStore, oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, expectError, ok, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';

let store: Store;
let staff: Actor;
let otherStaff: Actor;
/** A company of four contacts, joined in this order: first, second, third, fourth. */
let first: Member;
let second: Member;
let third: Member;
let fourth: Member;
/** A company with one contact. */
let alone: Member;

/** The company's contacts as postgres sees them, longest-standing first. */
const contactsOf = async (memberId: string) =>
  sql<{ id: string; role: string }>('select id, role from public.member_contacts where member_id = $1 order by created_at, id', [memberId]);
/** Every row of the company's contacts, invitations and claims, to show a refusal changed nothing. */
const companyState = async (memberId: string) =>
  sql(`select (select string_agg(x::text, '|' order by x.id) from public.member_contacts x where x.member_id = $1) as contacts,
              (select string_agg(x::text, '|' order by x.id) from public.member_invitations x where x.member_id = $1) as invitations,
              (select string_agg(x::text, '|' order by x.id) from public.sample_claims x where x.member_id = $1) as claims`, [memberId]);

const makePrimary = (client: Actor['client'], member: Member, contactId = member.contactId) =>
  client.rpc('make_primary_contact', { p_member_id: member.id, p_contact_id: contactId });
/** `confirm` 'left out' sends no p_confirm (its default is false). */
const remove = (client: Actor['client'], member: Member, confirm: boolean | 'left out' = true) =>
  client.rpc('remove_member_contact', { p_member_id: member.id, p_contact_id: member.contactId, ...(confirm === 'left out' ? {} : { p_confirm: confirm }) });

beforeAll(async () => {
  let other: Store;
  [store, other] = await Promise.all([createStore({ label: 'contacts' }), createStore({ label: 'contacts-other' })]);
  otherStaff = other.owner;
  [staff, first, alone] = await Promise.all([addStaff(store), addMember(store, 'Four Contacts Ltd'), addMember(store, 'One Contact Ltd')]);
  // One at a time: the order they joined in is who stands longest.
  second = await addColleague(first);
  third = await addColleague(first);
  fourth = await addColleague(first);
});

describe('one primary per company', () => {
  it('the company\'s first contact is its primary, the others colleagues', async () => {
    expect((await contactsOf(first.id)).map((c) => c.role)).toEqual(['primary', 'colleague', 'colleague', 'colleague']);
  });

  it('a second primary is refused by the unique index, even for the service role', async () => {
    const { error } = await serviceClient().from('member_contacts').update({ role: 'primary' }).eq('id', second.contactId);
    expect(error?.code).toBe('23505');
    expect(error?.message).toMatch(/member_contacts_one_primary/);
  });
});

describe('make_primary_contact', () => {
  it('refuses another store\'s staff, the company\'s own contacts and anonymous callers, changing nothing', async () => {
    const before = await companyState(first.id);
    expectError(await makePrimary(otherStaff.client, second), 'PT404', /^member_id matches no member$/);
    expectError(await makePrimary(first.client, second), '42501', /^member_id is not a member of a store you staff$/);
    expectError(await makePrimary(second.client, second), '42501', /^member_id is not a member of a store you staff$/);
    expectError(await makePrimary(anonClient(), second), '42501');
    // Another company's contact, named with this company.
    expectError(await makePrimary(staff.client, first, alone.contactId), 'PT404', /^contact_id matches no contact of this company$/);
    expect(await companyState(first.id)).toEqual(before);
  });

  it('makes a colleague primary for plain staff; the former primary becomes a colleague', async () => {
    const made = ok(await makePrimary(staff.client, third)) as { id: string; role: string; member_id: string };
    expect(made).toMatchObject({ id: third.contactId, role: 'primary', member_id: first.id });
    expect(await contactsOf(first.id)).toEqual([
      { id: first.contactId, role: 'colleague' }, { id: second.contactId, role: 'colleague' },
      { id: third.contactId, role: 'primary' }, { id: fourth.contactId, role: 'colleague' },
    ]);
  });

  it('the primary already is answered as it is, nothing changed', async () => {
    const before = await companyState(first.id);
    expect(ok(await makePrimary(store.owner.client, third))).toMatchObject({ id: third.contactId, role: 'primary' });
    expect(await companyState(first.id)).toEqual(before);
  });
});

describe('remove_member_contact', () => {
  let claimId: string;
  beforeAll(async () => {
    // The third contact, now primary, has an open claim and an invitation out.
    const product = await addProduct(store);
    claimId = (ok(await third.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })) as { id: string }).id;
    ok(await third.client.rpc('invite_colleague', { p_member_id: first.id, p_email: 'new.hire@example.test' }));
  });

  it('refuses another store\'s staff, the company\'s own contacts and anonymous callers, changing nothing', async () => {
    const before = await companyState(first.id);
    expectError(await remove(otherStaff.client, third), 'PT404', /^member_id matches no member$/);
    expectError(await remove(first.client, third), '42501', /^member_id is not a member of a store you staff$/);
    expectError(await remove(anonClient(), third), '42501');
    expect(await companyState(first.id)).toEqual(before);
  });

  it('asks for confirmation first', async () => {
    const before = await companyState(first.id);
    expectError(await remove(staff.client, third, 'left out'), '22023', /^confirm must be true: removing a contact deletes their card/);
    expectError(await remove(staff.client, third, false), '22023', /^confirm must be true/);
    expect(await companyState(first.id)).toEqual(before);
  });

  it('refuses the company\'s only contact, saying why, and changes nothing', async () => {
    const before = await companyState(alone.id);
    const refused = expectError(await remove(staff.client, alone), 'P0001',
      /^contact_id is the company's only contact: removed, the company would have nobody\. A buyer leaves the store themselves/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'contact_id' });
    expect(await companyState(alone.id)).toEqual(before);
    expect(await sql('select left_at from public.members where id = $1', [alone.id])).toEqual([{ left_at: null }]);
  });

  it('takes the primary off the company: the longest-standing contact left becomes primary, the claim loses its address', async () => {
    const invitations = async () => sql<{ mine: boolean }>(
      'select (invited_by = $2 or accepted_by = $2) as mine from public.member_invitations where member_id = $1 order by 1', [first.id, third.contactId]);
    // The one that brought them in and the one they sent; the others' stay.
    expect(await invitations()).toEqual([{ mine: false }, { mine: false }, { mine: true }, { mine: true }]);
    const answer = ok(await remove(staff.client, third)) as { id: string; role: string };
    expect(answer).toMatchObject({ id: first.contactId, role: 'primary' });
    expect(await contactsOf(first.id)).toEqual([
      { id: first.contactId, role: 'primary' }, { id: second.contactId, role: 'colleague' }, { id: fourth.contactId, role: 'colleague' },
    ]);
    // As when a colleague leaves: the claim stays the company's, cancelled, with the country only.
    expect(await sql('select status, ship_to, contact_id, claimed_by from public.sample_claims where id = $1', [claimId]))
      .toEqual([{ status: 'cancelled', ship_to: { country: 'DE' }, contact_id: null, claimed_by: third.user.id }]);
    expect(await invitations()).toEqual([{ mine: false }, { mine: false }]);
    // The login stays; it is no contact here any more.
    expect(await sql('select id from auth.users where id = $1', [third.user.id])).toHaveLength(1);
    expectError(await third.client.rpc('my_data', { p_store_slug: store.slug }), '42501', /^You are not a member of this store$/);
    expect(await sql('select company_name, left_at from public.members where id = $1', [first.id])).toEqual([{ company_name: 'Four Contacts Ltd', left_at: null }]);
  });

  it('a contact no longer of the company is not found', async () => {
    expectError(await remove(staff.client, third), 'PT404', /^contact_id matches no contact of this company$/);
  });

  it('takes a colleague off, the primary staying', async () => {
    expect(ok(await remove(store.owner.client, fourth))).toMatchObject({ id: first.contactId, role: 'primary' });
    expect(await contactsOf(first.id)).toEqual([{ id: first.contactId, role: 'primary' }, { id: second.contactId, role: 'colleague' }]);
  });
});

describe('leave_store', () => {
  it('a primary who leaves hands over to the longest-standing colleague', async () => {
    expect(ok(await first.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: false });
    expect(await contactsOf(first.id)).toEqual([{ id: second.contactId, role: 'primary' }]);
  });

  it('the last contact may not be removed by staff, but leaves by themselves', async () => {
    expectError(await remove(staff.client, second), 'P0001', /^contact_id is the company's only contact/);
    expect(ok(await second.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: true });
  });
});

describe('a primary\'s card going any other way', () => {
  /** A company of `size` contacts, joined one at a time in the order given. */
  const company = async (size: number) => {
    const lead = await addMember(store, 'Deleted Logins Ltd');
    const contacts = [lead];
    while (contacts.length < size) contacts.push(await addColleague(lead));
    return contacts;
  };
  const invitationsOf = async (memberId: string) =>
    (await sql<{ invited_by: string | null; accepted_by: string | null }>(
      'select invited_by, accepted_by from public.member_invitations where member_id = $1 order by created_at', [memberId]));

  it('a primary\'s deleted login hands over to the longest-standing contact left', async () => {
    const [lead, older, newer] = await company(3);
    expect(await invitationsOf(lead!.id)).toEqual([
      { invited_by: lead!.contactId, accepted_by: older!.contactId }, { invited_by: lead!.contactId, accepted_by: newer!.contactId }]);
    expect((await serviceClient().auth.admin.deleteUser(lead!.user.id)).error).toBeNull();
    expect(await contactsOf(lead!.id)).toEqual([{ id: older!.contactId, role: 'primary' }, { id: newer!.contactId, role: 'colleague' }]);
    // The invitations stay, naming no sender: a deleted login is no leaving (leave_store and
    // remove_member_contact delete the invitations their contact sent, accepted ones too).
    expect(await invitationsOf(lead!.id)).toEqual([{ invited_by: null, accepted_by: older!.contactId }, { invited_by: null, accepted_by: newer!.contactId }]);
  });

  it('a colleague who joined by invitation can have their login deleted, and the invitation they accepted goes', async () => {
    const [lead, invited] = await company(2);
    expect((await serviceClient().auth.admin.deleteUser(invited!.user.id)).error).toBeNull();
    expect(await contactsOf(lead!.id)).toEqual([{ id: lead!.contactId, role: 'primary' }]);
    expect(await invitationsOf(lead!.id)).toEqual([]);
  });

  it('several contacts of one company deleted in one statement: the longest-standing one left takes over', async () => {
    const [lead, older, newer, newest] = await company(4);
    await sql('delete from public.member_contacts where id = any($1)', [[lead!.contactId, older!.contactId]]);
    expect(await contactsOf(lead!.id)).toEqual([{ id: newer!.contactId, role: 'primary' }, { id: newest!.contactId, role: 'colleague' }]);
    // Both logins in one statement: a cascade each, the second taking the card the first handed over to.
    await sql('delete from auth.users where id = any($1)', [[newer!.user.id, newest!.user.id]]);
    expect(await contactsOf(lead!.id)).toEqual([]);
  });

  it('a colleague deleted meanwhile by another transaction is passed over, not made primary', async () => {
    const [lead, older, newer] = await company(3);
    const other = new pg.Client({ connectionString: stack().dbUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('delete from auth.users where id = $1', [older!.user.id]);
      const { pid } = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;
      const deleted = sql('delete from auth.users where id = $1', [lead!.user.id]);
      // The hand-over waits on the colleague's card, which the other transaction holds.
      for (let tries = 0; ; tries++) {
        const [waiting] = await sql<{ n: number }>('select count(*)::int as n from pg_stat_activity a where $1 = any(pg_blocking_pids(a.pid))', [pid]);
        if (waiting!.n > 0) break;
        if (tries > 500) throw new Error('the login\'s deletion never waited on the other transaction');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await other.query('commit');
      await deleted;
    } finally {
      await other.end();
    }
    expect(await contactsOf(lead!.id)).toEqual([{ id: newer!.contactId, role: 'primary' }]);
  });

  it('the whole company deleted takes its contacts without a hand-over', async () => {
    const [lead] = await company(3);
    await sql('delete from public.members where id = $1', [lead!.id]);
    expect(await contactsOf(lead!.id)).toEqual([]);
  });
});

describe('migration 20261209000700', () => {
  it('gives a company with colleagues and no primary its longest-standing contact as primary, and leaves the others be', async () => {
    await withDatabaseBefore('20261209000700', async (client, migrate) => {
      // Ids in another order than the days they joined: the day decides, then the id.
      const users = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c',
        '00000000-0000-4000-8000-00000000000d', '00000000-0000-4000-8000-00000000000e'];
      const kept = randomUUID();
      await client.query(`
        ${oldStoreRows('30 days')}
        insert into public.members (id, store_id, company_name, country, tier_id)
          select '${kept}', s.id, 'Kept Co', 'DE', t.id from public.stores s join public.tiers t on t.store_id = s.id and t.rank = 0 where s.slug = 'old';
        insert into auth.users (id, aud, role, email)
          select u, 'authenticated', 'authenticated', 'before-' || right(u::text, 1) || '@example.test' from unnest('{${users.join(',')}}'::uuid[]) u;
        insert into public.member_contacts (id, member_id, store_id, user_id, role, full_name, created_at) values
          ('${users[0]}', '${oldStore.memberId}', '${oldStore.id}', '${users[0]}', 'colleague', 'Newest', now() - interval '1 day'),
          ('${users[1]}', '${oldStore.memberId}', '${oldStore.id}', '${users[1]}', 'colleague', 'Longest', now() - interval '20 days'),
          ('${users[2]}', '${oldStore.memberId}', '${oldStore.id}', '${users[2]}', 'colleague', 'Between', now() - interval '10 days'),
          ('${users[3]}', '${kept}', '${oldStore.id}', '${users[3]}', 'colleague', 'Older colleague', now() - interval '20 days'),
          ('${users[4]}', '${kept}', '${oldStore.id}', '${users[4]}', 'primary', 'Primary', now() - interval '1 day');`);
      expect(await migrate()).toContain('20261209000700_staff_manage_member_contacts.sql');
      const { rows } = await client.query<{ full_name: string; role: string }>(
        'select full_name, role from public.member_contacts order by member_id = $1 desc, created_at', [oldStore.memberId]);
      expect(rows).toEqual([
        { full_name: 'Longest', role: 'primary' }, { full_name: 'Between', role: 'colleague' }, { full_name: 'Newest', role: 'colleague' },
        { full_name: 'Older colleague', role: 'colleague' }, { full_name: 'Primary', role: 'primary' },
      ]);
    });
  });
});
