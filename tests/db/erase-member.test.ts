/**
 * An owner erases a member company at its buyer's request (erase_member, migration
 * 20261210000600): every contact goes and the company's personal data with them, exactly as when
 * its last contact leaves (the same check as leave_store's, erasure.ts), with a record of which
 * owner erased it and when; the company is then a former member. By actor: the store's owners
 * succeed; plain staff, the company's own contacts, another store's staff and anonymous callers
 * are refused with nothing changed. A second erasure, or one of a company that left, is refused
 * saying so. A member's request, or staff's credit, waiting on the company while it is erased is
 * answered as one sent after, and an erasure waiting while the last contact leaves finds nothing
 * left to erase. An invitation accepted while the company is erased or its last contact leaves is
 * taken in the company's turn: after, it is refused as gone; before, the new colleague is one of
 * the company's contacts, erased with it or staying on (20261210001000).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, holdLocks, releasedInTurn, signIn, sql, uniqueEmail, untilWaiting } from '../support/clients.ts';
import { erasableCompany, erasureCheck, type ErasableCompany } from './erasure.ts';
import {
  addMember, addProduct, addStaff, createStore, expectError, ok, refusalOf, shipTo, type Actor, type Member, type Store,
} from './fixtures.ts';

interface Answer {
  status: number;
  error: { code?: string; message: string; details?: string | null; hint?: string | null } | null;
}
interface Listed { member_id: string; left_at: string | null }

let store: Store;
let staff: Actor;
let otherOwner: Actor;
let company: ErasableCompany;
/** A company of the same store that stays a member. */
let stays: Member;

/** `confirm` 'left out' sends no p_confirm (its default is false). */
const erase = (client: Actor['client'], memberId: string, confirm: boolean | 'left out' = true) =>
  client.rpc('erase_member', { p_member_id: memberId, ...(confirm === 'left out' ? {} : { p_confirm: confirm }) });
/** Every row of the company in the tables erasure touches, to show a refusal changed nothing. */
const companyState = async (memberId: string) =>
  sql(`select (select m::text from public.members m where m.id = $1) as company,
              (select string_agg(x::text, '|' order by x.id) from public.member_contacts x where x.member_id = $1) as contacts,
              (select string_agg(x::text, '|' order by x.id) from public.member_invitations x where x.member_id = $1) as invitations,
              (select string_agg(x::text, '|' order by x.id) from public.sample_claims x where x.member_id = $1) as claims,
              (select string_agg(x::text, '|' order by x.id) from public.inquiries x where x.member_id = $1) as inquiries`, [memberId]);
const listed = async (args: Record<string, unknown> = {}) =>
  (ok(await store.owner.client.rpc('staff_members', { p_store_id: store.id, ...args })) as Listed[]).map((row) => row.member_id);

/**
 * `request`, sent while the company's row is held, and answered once `act` has run as `actor` in
 * the holding transaction and it has committed: its answer.
 */
async function whileHeld(memberId: string, request: () => PromiseLike<Answer>, actor: Actor, act: string, params: unknown[]): Promise<Answer> {
  const blocker = await holdLocks('select 1 from public.members where id = $1 for update', [memberId]);
  let answer: Promise<Answer> | undefined;
  try {
    answer = Promise.resolve(request());
    await untilWaiting(blocker.pid, 1);
    await blocker.run('set local role authenticated');
    await blocker.run(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: actor.user.id, role: 'authenticated', aud: 'authenticated' })]);
    await blocker.run(act, params);
    await blocker.commit();
  } catch (error) {
    await blocker.release();
    throw error;
  }
  return answer;
}

beforeAll(async () => {
  let other: Store;
  [store, other] = await Promise.all([createStore({ label: 'erase' }), createStore({ label: 'erase-other' })]);
  otherOwner = other.owner;
  [staff, company, stays] = await Promise.all([addStaff(store), erasableCompany(store), addMember(store, 'Staying Wigs Ltd')]);
});

describe('erase_member', () => {
  it('refuses plain staff, the company\'s own contacts, another store\'s staff and anonymous callers, changing nothing', async () => {
    const before = await companyState(company.primary.id);
    expectError(await erase(staff.client, company.primary.id), '42501', /^Only this store's owners may do this$/);
    expectError(await erase(company.primary.client, company.primary.id), '42501', /^member_id is not a member of a store you staff$/);
    expectError(await erase(otherOwner.client, company.primary.id), 'PT404', /^member_id matches no member$/);
    expectError(await erase(anonClient(), company.primary.id), '42501');
    expect(await companyState(company.primary.id)).toEqual(before);
  });

  it('asks for confirmation first', async () => {
    const before = await companyState(company.primary.id);
    expectError(await erase(store.owner.client, company.primary.id, 'left out'), '22023',
      /^confirm must be true: erasing a company deletes its contacts and personal data and cannot be undone$/);
    expectError(await erase(store.owner.client, company.primary.id, false), '22023', /^confirm must be true/);
    expect(await companyState(company.primary.id)).toEqual(before);
  });

  it('an owner erases the company as its last contact leaving would, recording who and when', async () => {
    const erased = await erasureCheck(company);
    const row = ok(await erase(store.owner.client, company.primary.id)) as { id: string; company_name: string; left_at: string; erased_by: string };
    expect(row).toMatchObject({ id: company.primary.id, company_name: 'Former member', erased_by: store.owner.user.id });
    expect(Math.abs(Date.parse(row.left_at) - Date.now())).toBeLessThan(60_000);
    await erased();
    // The record names the owner's login only: nothing of the buyer.
    expect(await sql('select erased_by, left_at is not null as left from public.members where id = $1', [company.primary.id]))
      .toEqual([{ erased_by: store.owner.user.id, left: true }]);
  });

  it('leaves it out of the member list unless staff ask for former members', async () => {
    expect(await listed()).toEqual([stays.id]);
    expect(await listed({ p_former: true })).toEqual([company.primary.id]);
  });

  it('a second erasure is refused saying when it was erased, changing nothing', async () => {
    const before = await companyState(company.primary.id);
    const refused = expectError(await erase(store.owner.client, company.primary.id), 'P0001',
      /^member_id was already erased on \d{4}-\d{2}-\d{2}: nothing is left to erase$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'member_id' });
    expect(await companyState(company.primary.id)).toEqual(before);
  });

  it('a company whose last contact left is refused: nothing is left to erase', async () => {
    const leaves = await addMember(store, 'Leaving Wigs Ltd');
    ok(await leaves.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expectError(await erase(store.owner.client, leaves.id), 'P0001',
      /^member_id left the store on \d{4}-\d{2}-\d{2}, and its personal data with its last contact: nothing is left to erase$/);
    expect(await sql('select erased_by from public.members where id = $1', [leaves.id])).toEqual([{ erased_by: null }]);
  });
});

describe('erasure racing a member on the same company', () => {
  it('a sample claim waiting while the company is erased is answered as one sent after, and claims nothing', async () => {
    const buyer = await addMember(store, 'Racing Wigs Ltd');
    const product = await addProduct(store);
    const claim = () => buyer.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo });
    const answered = await whileHeld(buyer.id, claim, store.owner, 'select public.erase_member($1, true)', [buyer.id]);
    expectError(answered, '42501', /^Only members of this store can claim samples$/);
    expect(refusalOf(answered)).toEqual(refusalOf(await claim()));
    expect(await sql('select count(*)::int as n from public.sample_claims where member_id = $1', [buyer.id])).toEqual([{ n: 0 }]);
    expect(await sql('select erased_by from public.members where id = $1', [buyer.id])).toEqual([{ erased_by: store.owner.user.id }]);
  });

  it('a staff credit waiting while the company is erased is answered as one sent after, and credits nothing', async () => {
    const buyer = await addMember(store, 'Credited Meanwhile Ltd');
    const credit = () => staff.client.rpc('credit_rebate', { p_member_id: buyer.id, p_amount: 5, p_note: 'Goodwill' });
    const answered = await whileHeld(buyer.id, credit, store.owner, 'select public.erase_member($1, true)', [buyer.id]);
    expectError(answered, 'P0001', /^member left the store on \d{4}-\d{2}-\d{2}: its record is kept for the store's statistics only$/);
    expect(refusalOf(answered)).toEqual(refusalOf(await credit()));
    expect(await sql('select count(*)::int as n from public.rebate_ledger where member_id = $1', [buyer.id])).toEqual([{ n: 0 }]);
  });

  it('an erasure waiting while the last contact leaves finds the company left, and erases nothing more', async () => {
    const buyer = await addMember(store, 'Leaving Meanwhile Ltd');
    const answered = await whileHeld(buyer.id, () => erase(store.owner.client, buyer.id), buyer, 'select public.leave_store($1, true)', [store.slug]);
    expectError(answered, 'P0001', /^member_id left the store on \d{4}-\d{2}-\d{2}, and its personal data with its last contact/);
    expect(await sql('select company_name, erased_by from public.members where id = $1', [buyer.id])).toEqual([{ company_name: 'Former member', erased_by: null }]);
  });
});

/**
 * A colleague invited to `company` by its primary, and their acceptance (a real request through
 * PostgREST, each time it is called).
 */
async function invitee(company: Member) {
  const invitation = ok(await company.client.rpc('invite_colleague', { p_member_id: company.id, p_email: uniqueEmail('invitee') })) as { token: string; email: string };
  const user = await createUser(invitation.email);
  const client = await signIn(user);
  return { user, accept: () => client.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Ines Invitee' }) };
}
const holdCompany = 'select 1 from public.members where id = $1 for update';
const cardsOf = async (memberId: string) =>
  sql<{ user_id: string; role: string }>('select user_id, role from public.member_contacts where member_id = $1 order by created_at', [memberId]);

/**
 * accept_invitation locked the invitation first and reached the company's row only through the
 * new card's foreign key, while erase_member and leave_store lock the company's row and then
 * delete its invitations: each waited on the other and Postgres aborted one (40P01 deadlock
 * detected). Here the company's row is held and the two are queued on it in turn.
 */
describe('an invitation accepted while the company is erased or its last contact leaves', () => {
  it('an acceptance waiting while the company is erased is answered as one sent after, and joins nobody', async () => {
    const buyer = await addMember(store, 'Erased Before Joining Ltd');
    const { user, accept } = await invitee(buyer);
    const [erased, accepted] = await releasedInTurn(holdCompany, [buyer.id], [() => erase(store.owner.client, buyer.id), accept]);
    expect(ok(erased!)).toMatchObject({ id: buyer.id, erased_by: store.owner.user.id });
    expectError(accepted!, 'PT404', /^token matches no invitation$/);
    expect(refusalOf(accepted!)).toEqual(refusalOf(await accept()));
    expect(await sql('select 1 from public.member_contacts where user_id = $1', [user.id])).toEqual([]);
  });

  it('an erasure waiting while an invitation is accepted erases the new colleague with the company', async () => {
    const buyer = await addMember(store, 'Joined Before Erasure Ltd');
    const { accept } = await invitee(buyer);
    const [accepted, erased] = await releasedInTurn(holdCompany, [buyer.id], [accept, () => erase(store.owner.client, buyer.id)]);
    expect(ok(accepted!)).toMatchObject({ member_id: buyer.id });
    expect(ok(erased!)).toMatchObject({ id: buyer.id, company_name: 'Former member', erased_by: store.owner.user.id });
    expect(await cardsOf(buyer.id)).toEqual([]);
  });

  it('an acceptance waiting while the last contact leaves is answered as one sent after, and joins nobody', async () => {
    const buyer = await addMember(store, 'Left Before Joining Ltd');
    const { user, accept } = await invitee(buyer);
    const [left, accepted] = await releasedInTurn(holdCompany, [buyer.id],
      [() => buyer.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }), accept]);
    expect(ok(left!)).toEqual({ left: true, company_removed: true });
    expectError(accepted!, 'PT404', /^token matches no invitation$/);
    expect(refusalOf(accepted!)).toEqual(refusalOf(await accept()));
    expect(await sql('select 1 from public.member_contacts where user_id = $1', [user.id])).toEqual([]);
  });

  it('the last contact leaving while an invitation is accepted is not the last: the new colleague stays as primary', async () => {
    const buyer = await addMember(store, 'Joined Before Leaving Ltd');
    const { user, accept } = await invitee(buyer);
    const [accepted, left] = await releasedInTurn(holdCompany, [buyer.id],
      [accept, () => buyer.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true })]);
    expect(ok(accepted!)).toMatchObject({ member_id: buyer.id, company_name: 'Joined Before Leaving Ltd' });
    expect(ok(left!)).toEqual({ left: true, company_removed: false });
    expect(await cardsOf(buyer.id)).toEqual([{ user_id: user.id, role: 'primary' }]);
    expect(await sql('select left_at from public.members where id = $1', [buyer.id])).toEqual([{ left_at: null }]);
  });
});
