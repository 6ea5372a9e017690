/**
 * The same request sent twice at once — a double click in the widget, two tabs — answered as it
 * would be one after the other (migration 20261208000200): the losers of the race get the
 * documented result or refusal, never Postgres' message naming a unique constraint, and the
 * race leaves exactly one membership or store, one join counted and one gift pack given.
 * Each case runs a few rounds through supabase-js, every request from the caller's own session.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, newSignedInUser, signIn, sql, uniqueEmail } from '../support/clients.ts';
import { addMember, createStore, ok, type Store } from './fixtures.ts';

const rounds = 3;

interface Answer {
  data: unknown;
  error: { code?: string; message: string; details?: string | null } | null;
}

interface Joined {
  member_id: string;
  contact_id: string;
  joined: boolean;
  gift_pack_received_before: boolean;
}

let store: Store;

beforeAll(async () => {
  store = await createStore({ label: 'twice' });
  await sql('update public.stores set join_points = 100 where id = $1', [store.id]);
  await sql(`insert into public.coupons (store_id, code, kind, value, is_gift_pack, claimable)
    values ($1, 'WELCOME-5', 'percent', 5, true, false)`, [store.id]);
});

const card = (company: string) => ({ p_store_slug: store.slug, p_company_name: company, p_full_name: 'Dora Double', p_country: 'DE' });
const joinStore = (client: SupabaseClient, company: string) => client.rpc('join_store', card(company));
const exchangeCards = (volume: string, consent: boolean) => (client: SupabaseClient, company: string) =>
  client.rpc('exchange_cards', { ...card(company), p_phone: '+49 30 1234567', p_purchase_volume: volume, p_contact_consent: consent });

/** What the race left for one login at the store: cards, join points, gift-pack coupons, joins counted. */
async function leftFor(userId: string, email: string) {
  const [row] = await sql<{ contacts: number; join_points: number; pack_coupons: number; joins: number }>(
    `select
       (select count(*)::int from public.member_contacts c where c.store_id = $1 and c.user_id = $2) as contacts,
       (select count(*)::int from public.points_ledger l where l.store_id = $1 and l.reason = 'join' and l.created_by = $2) as join_points,
       (select count(*)::int from public.member_coupons mc where mc.store_id = $1 and mc.source = 'gift_pack' and mc.claimed_by = $2) as pack_coupons,
       (select coalesce(sum(j.joins), 0)::int from private.join_counters j
         where j.scope = 'email' and j.period = interval '1 hour' and j.subject = lower($3)
           and j.window_start = date_bin(interval '1 hour', now(), timestamptz '2000-01-01 00:00:00+00')) as joins`,
    [store.id, userId, email]);
  return row!;
}

/** Companies of the store with this name: a losing join must leave none of its own behind. */
const companiesNamed = async (name: string) =>
  (await sql<{ n: number }>('select count(*)::int as n from public.members where store_id = $1 and company_name = $2', [store.id, name]))[0]!.n;

/** No answer may carry Postgres' own message about a constraint. */
function expectNoConstraintMessage(answers: Answer[]) {
  for (const answer of answers) expect(answer.error?.message ?? '').not.toMatch(/constraint|duplicate key/);
}

type Call = (client: SupabaseClient, company: string) => PromiseLike<Answer>;

/**
 * Two card exchanges at once by one login (`other` may send a different profile): one joins, the
 * other answers as a repeated exchange does; `check` is given which of the two joined.
 */
async function raceTwice(call: Call, other: Call = call, check?: (winner: number, joined: Joined) => Promise<void>) {
  for (let round = 0; round < rounds; round++) {
    const { user, client } = await newSignedInUser('double');
    const company = `Twice ${randomUUID().slice(0, 8)}`;
    const answers = await Promise.all([call(client, company), other(client, company)]);
    expectNoConstraintMessage(answers);
    const results = answers.map((a) => ok(a) as Joined);
    expect(results.map((r) => r.joined).sort()).toEqual([false, true]);
    const loser = results.find((r) => !r.joined)!;
    // The loser's answer is the one a repeated call gives, byte for byte.
    expect(loser).toEqual(ok(await call(client, company)));
    expect(loser.member_id).toBe(results.find((r) => r.joined)!.member_id);
    expect(loser.gift_pack_received_before).toBe(false);
    expect(await companiesNamed(company)).toBe(1);
    expect(await leftFor(user.id, user.email)).toEqual({ contacts: 1, join_points: 1, pack_coupons: 1, joins: 1 });
    const winner = results.findIndex((r) => r.joined);
    await check?.(winner, results[winner]!);
  }
}

describe('twice at once', () => {
  it('join_store: one membership, the other answer joined false; one join counted, one gift pack', () => raceTwice(joinStore));

  it('exchange_cards: the same, and the winner\'s profile and consent stay as written', async () => {
    const sent = [{ purchase_volume: '10k_50k', consent: true }, { purchase_volume: 'over_1m', consent: false }];
    await raceTwice(exchangeCards('10k_50k', true), exchangeCards('over_1m', false), async (winner, joined) => {
      const [profile] = await sql<{ purchase_volume: string; consent: boolean }>(
        `select m.purchase_volume, c.contact_consent_at is not null as consent from public.members m
         join public.member_contacts c on c.member_id = m.id where m.id = $1`, [joined.member_id]);
      expect(profile).toEqual(sent[winner]);
    });
  });

  it('accept_invitation with join_store, and two companies\' invitations accepted at once: one card, one 23505', async () => {
    const inviters = [await addMember(store), await addMember(store)];
    for (let round = 0; round < rounds; round++) {
      const email = uniqueEmail('invitee');
      const tokens = await Promise.all(inviters.map(async (inviter) =>
        (ok(await inviter.client.rpc('invite_colleague', { p_member_id: inviter.id, p_email: email })) as { token: string }).token));
      const user = await createUser(email);
      const client = await signIn(user);
      const accept = (token: string) => client.rpc('accept_invitation', { p_token: token, p_full_name: 'Ines Invitee' });

      // Two invitations at once: the card is written once, the other acceptance refused as in sequence.
      const answers: Answer[] = await Promise.all([accept(tokens[0]!), accept(tokens[1]!)]);
      expectNoConstraintMessage(answers);
      expect(answers.filter((a) => a.error === null)).toHaveLength(1);
      const refused = answers.find((a) => a.error !== null)!;
      expect(refused.error).toMatchObject({ code: '23505', message: 'You are already a member contact at this store' });
      expect(await leftFor(user.id, email)).toEqual({ contacts: 1, join_points: 0, pack_coupons: 0, joins: 1 });
    }

    for (let round = 0; round < rounds; round++) {
      const email = uniqueEmail('invitee');
      const inviter = inviters[round % 2]!;
      const { token } = ok(await inviter.client.rpc('invite_colleague', { p_member_id: inviter.id, p_email: email })) as { token: string };
      const user = await createUser(email);
      const client = await signIn(user);
      const company = `Own ${randomUUID().slice(0, 8)}`;
      const [accepted, joined]: Answer[] = await Promise.all([
        client.rpc('accept_invitation', { p_token: token, p_full_name: 'Ines Invitee' }), joinStore(client, company)]);
      expectNoConstraintMessage([accepted!, joined!]);
      const join = ok(joined!) as Joined;
      if (join.joined) {
        // The join won: the acceptance is refused as it is after a join.
        expect(accepted!.error).toMatchObject({ code: '23505', message: 'You are already a member contact at this store' });
        expect(await leftFor(user.id, email)).toEqual({ contacts: 1, join_points: 1, pack_coupons: 1, joins: 1 });
      } else {
        // The acceptance won: the join answers with the colleague's company, as a repeated join does.
        expect(accepted!.error).toBeNull();
        expect(join.member_id).toBe(inviter.id);
        expect(join).toEqual(ok(await joinStore(client, company)));
        expect(await companiesNamed(company)).toBe(0);
        expect(await leftFor(user.id, email)).toEqual({ contacts: 1, join_points: 0, pack_coupons: 0, joins: 1 });
      }
    }
  });

  it('create_store: four calls for one slug, by one login and by four, make one store; three answer slug taken', async () => {
    const owners = await Promise.all([0, 1, 2, 3].map(() => newSignedInUser('founder')));
    for (let round = 0; round < rounds; round++) {
      for (const callers of [[0, 0, 0, 0], [0, 1, 2, 3]]) {
        const slug = `race-${randomUUID().slice(0, 8)}`;
        const answers: Answer[] = await Promise.all(callers.map((i) =>
          owners[i]!.client.rpc('create_store', { p_slug: slug, p_name: 'Race' })));
        expectNoConstraintMessage(answers);
        expect(answers.filter((a) => a.error === null)).toHaveLength(1);
        for (const refused of answers.filter((a) => a.error !== null)) {
          expect(refused.error).toMatchObject({ code: '23505', message: 'slug is already taken' });
          expect(JSON.parse(refused.error!.details!)).toEqual({ field: 'slug', reason: 'is already taken' });
        }
        expect(await sql('select 1 from public.stores where slug = $1', [slug])).toHaveLength(1);
      }
    }
  });

  it('leave_store racing join_store by the same login: each answers as in one order or the other', async () => {
    for (let round = 0; round < rounds; round++) {
      const member = await addMember(store);
      const company = `Back ${randomUUID().slice(0, 8)}`;
      const [left, joined]: Answer[] = await Promise.all([
        member.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }), joinStore(member.client, company)]);
      expectNoConstraintMessage([left!, joined!]);
      expect(ok(left!)).toEqual({ left: true, company_removed: true });
      const join = ok(joined!) as Joined;
      const contacts = await sql<{ member_id: string }>(
        'select member_id from public.member_contacts where store_id = $1 and user_id = $2', [store.id, member.user.id]);
      if (join.joined) {
        // Left first, then joined again: a new company, without a second gift pack.
        expect(contacts).toEqual([{ member_id: join.member_id }]);
        expect(join.gift_pack_received_before).toBe(true);
      } else {
        // Joined (a repeat) first, then left.
        expect(join.member_id).toBe(member.id);
        expect(contacts).toEqual([]);
      }
      const after = await leftFor(member.user.id, member.user.email);
      expect([after.join_points, after.pack_coupons]).toEqual([1, 1]);
    }
  });
});
