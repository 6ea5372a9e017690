/**
 * A logged campaign keeps the contacts it was sent to (campaign_contacts, migration
 * 20261219000600): written by record_campaign alone, in the transaction that counts them; read by
 * the store's staff, and as a recipients file (campaign_export) that lists them as they were sent
 * to, never today's segment; given to the company's contacts in my_data; gone with each contact,
 * by every way a contact goes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, sql } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, daysAgo, expectError, ok, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let otherStaff: Actor;
/** Alpha: three consenting contacts. Bravo: one consenting, one not. Charlie: none consenting. */
let alpha: Member;
let alphaLeaver: Member;
let alphaRemoved: Member;
let bravo: Member;
let bravoSilent: Member;
let charlie: Member;
let campaignId: string;
/** Each consenting card's consent time when the campaign was recorded (the server stamps it). */
let consent: Record<'alpha' | 'alphaLeaver' | 'alphaRemoved' | 'bravo', string>;

interface Kept { campaign_id: string; store_id: string; member_id: string; contact_id: string; email: string | null; contact_consent_at: string }
const kept = async (client = staff.client) =>
  (ok(await client.from('campaign_contacts').select('*').eq('campaign_id', campaignId).order('email')) as Kept[])
    .map((row) => ({ ...row, contact_consent_at: new Date(row.contact_consent_at).toISOString() }));
const exported = async () =>
  ok(await staff.client.rpc('campaign_export', { p_store_id: store.id, p_campaign_id: campaignId })) as { withdrawn: number; rows: Record<string, string | boolean | null>[] };
/** The card named after its address (ana@ is Ana), its consent given now or withdrawn. */
const card = (member: Member, email: string, consenting: boolean) =>
  sql(`update public.member_contacts set email = $2, full_name = initcap(split_part($2, '@', 1)),
     contact_consent_at = case when $3 then now() end where id = $1`, [member.contactId, email, consenting]);
const consentOf = async (member: Member) =>
  (await sql<{ at: Date }>('select contact_consent_at as at from public.member_contacts where id = $1', [member.contactId]))[0]!.at.toISOString();

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'campaign-contacts' }), createStore({ label: 'campaign-contacts-other' })]);
  [staff, otherStaff, alpha, bravo, charlie] = await Promise.all([
    addStaff(store), addStaff(other), addMember(store, 'Alpha Wigs'), addMember(store, 'Bravo Hair'), addMember(store, 'Charlie Lace'),
  ]);
  [alphaLeaver, alphaRemoved, bravoSilent] = await Promise.all([addColleague(alpha), addColleague(alpha), addColleague(bravo)]);
  await card(alpha, 'ana@alpha.example', true);
  await card(alphaLeaver, 'leo@alpha.example', true);
  await card(alphaRemoved, 'rae@alpha.example', true);
  await card(bravo, 'cleo@bravo.example', true);
  await card(bravoSilent, 'sam@bravo.example', false);
  await card(charlie, 'chen@charlie.example', false);
  consent = { alpha: await consentOf(alpha), alphaLeaver: await consentOf(alphaLeaver), alphaRemoved: await consentOf(alphaRemoved), bravo: await consentOf(bravo) };
  const segment = (ok(await staff.client.from('segments').insert({ store_id: store.id, name: 'Everyone', filters: {} }).select('id').single()) as { id: string }).id;
  campaignId = (ok(await staff.client.rpc('record_campaign', {
    p_store_id: store.id, p_segment_id: segment, p_channel: 'email', p_subject: 'Spring lace wigs', p_sent_at: daysAgo(3),
  })) as { id: string }).id;
});

describe('record_campaign', () => {
  it('keeps each consenting contact it counted, with the address and consent it was sent on', async () => {
    expect(await kept()).toEqual([
      { campaign_id: campaignId, store_id: store.id, member_id: alpha.id, contact_id: alpha.contactId, email: 'ana@alpha.example', contact_consent_at: consent.alpha },
      { campaign_id: campaignId, store_id: store.id, member_id: bravo.id, contact_id: bravo.contactId, email: 'cleo@bravo.example', contact_consent_at: consent.bravo },
      { campaign_id: campaignId, store_id: store.id, member_id: alpha.id, contact_id: alphaLeaver.contactId, email: 'leo@alpha.example', contact_consent_at: consent.alphaLeaver },
      { campaign_id: campaignId, store_id: store.id, member_id: alpha.id, contact_id: alphaRemoved.contactId, email: 'rae@alpha.example', contact_consent_at: consent.alphaRemoved },
    ]);
  });

  it('counts what it keeps: its default count is the kept contacts, its recipients their companies', async () => {
    const [campaign] = await sql<{ sent_count: number }>('select sent_count from public.campaigns where id = $1', [campaignId]);
    expect(campaign!.sent_count).toBe((await kept()).length);
    const companies = ok(await staff.client.from('campaign_recipients').select('member_id').eq('campaign_id', campaignId)) as { member_id: string }[];
    expect(companies.map((c) => c.member_id).sort()).toEqual([...new Set((await kept()).map((k) => k.member_id))].sort());
  });
});

describe('campaign_export', () => {
  it('lists the contacts as they were sent to, not as the segment selects today', async () => {
    // After the send: Ana's card takes another address, Charlie consents (today's segment reaches Charlie).
    await sql(`update public.member_contacts set email = 'ana.new@alpha.example' where id = $1`, [alpha.contactId]);
    await card(charlie, 'chen@charlie.example', true);
    const { withdrawn, rows } = await exported();
    expect(withdrawn).toBe(0);
    expect(rows.map((r) => [r.company_name, r.email])).toEqual([
      ['Alpha Wigs', 'ana@alpha.example'], ['Alpha Wigs', 'leo@alpha.example'], ['Alpha Wigs', 'rae@alpha.example'], ['Bravo Hair', 'cleo@bravo.example'],
    ]);
    // segment_export's columns, so the console writes the same CSV.
    const segment = ok(await staff.client.rpc('segment_export', { p_store_id: store.id, p_filters: {} })) as { rows: Record<string, unknown>[] };
    expect(Object.keys(rows[0]!).sort()).toEqual(Object.keys(segment.rows[0]!).sort());
    expect(rows[0]).toMatchObject({ full_name: 'Ana', language: 'en', tier: 'Ordinary', stage: 'cognitive', churn_risk: false, country: 'DE', last_order_at: null });
  });

  it('leaves out a contact who has withdrawn their consent since, and counts them', async () => {
    await card(bravo, 'cleo@bravo.example', false);
    const { withdrawn, rows } = await exported();
    expect(withdrawn).toBe(1);
    expect(rows.map((r) => r.email)).toEqual(['ana@alpha.example', 'leo@alpha.example', 'rae@alpha.example']);
    // The record of the send keeps the consent it was sent on.
    expect((await kept()).find((k) => k.contact_id === bravo.contactId)?.contact_consent_at).toBe(consent.bravo);
  });
});

describe('who reads and writes the kept contacts', () => {
  it('the store\'s staff read them; another store\'s staff and the members read none; anon is refused', async () => {
    expect(await kept(store.owner.client)).toHaveLength(4);
    expect(await kept(otherStaff.client)).toEqual([]);
    expect(await kept(alpha.client)).toEqual([]);
    expectError(await anonClient().from('campaign_contacts').select('*'), '42501');
  });

  it('nobody writes them directly, not even the store\'s owner', async () => {
    const before = await kept();
    expectError(await store.owner.client.from('campaign_contacts').insert({
      campaign_id: campaignId, store_id: store.id, member_id: charlie.id, contact_id: charlie.contactId, email: 'x@example.test', contact_consent_at: daysAgo(1),
    }), '42501');
    expectError(await store.owner.client.from('campaign_contacts').update({ email: 'x@example.test' }).eq('campaign_id', campaignId), '42501');
    expectError(await store.owner.client.from('campaign_contacts').delete().eq('campaign_id', campaignId), '42501');
    expect(await kept()).toEqual(before);
  });

  it('campaign_export is the store\'s staff\'s; another store\'s campaign is answered as none', async () => {
    const args = { p_store_id: store.id, p_campaign_id: campaignId };
    expectError(await alpha.client.rpc('campaign_export', args), '42501', /^Only this store's staff may do this$/);
    expectError(await otherStaff.client.rpc('campaign_export', args), '42501', /^Only this store's staff may do this$/);
    expectError(await anonClient().rpc('campaign_export', args), '42501');
    const foreign = await otherStaff.client.rpc('campaign_export', { p_store_id: other.id, p_campaign_id: campaignId });
    const missing = await otherStaff.client.rpc('campaign_export', { p_store_id: other.id, p_campaign_id: crypto.randomUUID() });
    expect(JSON.parse(expectError(missing, 'PT404', /^campaign_id matches no campaign$/).details!)).toMatchObject({ field: 'campaign_id' });
    expect(foreign.error).toEqual(missing.error);
  });

  it('my_data gives a company\'s contacts its kept rows, with how and when each was sent', async () => {
    const mine = (ok(await alphaLeaver.client.rpc('my_data', { p_store_slug: store.slug })) as { campaign_contacts: Record<string, unknown>[] }).campaign_contacts;
    expect(mine.map((row) => [row.email, row.channel, row.subject]).sort()).toEqual([
      ['ana@alpha.example', 'email', 'Spring lace wigs'], ['leo@alpha.example', 'email', 'Spring lace wigs'], ['rae@alpha.example', 'email', 'Spring lace wigs'],
    ]);
    expect((ok(await bravoSilent.client.rpc('my_data', { p_store_slug: store.slug })) as { campaign_contacts: { contact_id: string }[] })
      .campaign_contacts.map((row) => row.contact_id)).toEqual([bravo.contactId]);
  });
});

describe('erasure', () => {
  const keptIds = async () => (await sql<{ contact_id: string }>('select contact_id from public.campaign_contacts where campaign_id = $1 order by email', [campaignId])).map((r) => r.contact_id);

  it('a contact who leaves takes their kept row with them', async () => {
    ok(await alphaLeaver.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expect(await keptIds()).toEqual([alpha.contactId, bravo.contactId, alphaRemoved.contactId]);
  });

  it('a contact staff remove takes theirs', async () => {
    ok(await staff.client.rpc('remove_member_contact', { p_member_id: alpha.id, p_contact_id: alphaRemoved.contactId, p_confirm: true }));
    expect(await keptIds()).toEqual([alpha.contactId, bravo.contactId]);
  });

  it('an erased company and a deleted login leave none; the campaign keeps its recipient companies for its results', async () => {
    ok(await store.owner.client.rpc('erase_member', { p_member_id: alpha.id, p_confirm: true }));
    expect(await keptIds()).toEqual([bravo.contactId]);
    await sql('delete from auth.users where id = $1', [bravo.user.id]);
    expect(await keptIds()).toEqual([]);
    expect(await exported()).toEqual({ withdrawn: 0, rows: [] });
    const [results] = ok(await staff.client.rpc('campaign_results', { p_store_id: store.id })) as { recipients: number }[];
    expect(results!.recipients).toBe(2);
  });
});
