/**
 * Campaign log (issue 14): a recorded send keeps the segment's consenting companies as they were
 * then; results count the paid orders those recipients placed within 30 days of the send, and
 * nobody else's; later changes to consent or to the segment do not rewrite history.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let otherStaff: Actor;
/** alpha and bravo consented, charlie did not; all three in Germany; delta in France (consented). */
const m = {} as Record<'alpha' | 'bravo' | 'charlie' | 'delta', Member>;
let segmentId: string;
let campaignId: string;

interface Result {
  campaign_id: string; channel: string; subject: string; segment_id: string | null; segment_name: string; sent_count: number;
  recipients: number; ordering_recipients: number; orders: number; revenue: number; currency: string;
}
const results = async () => ok(await staff.client.rpc('campaign_results', { p_store_id: store.id })) as Result[];

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'campaigns' }), createStore({ label: 'campaigns-other' })]);
  [staff, otherStaff] = await Promise.all([addStaff(store), addStaff(other)]);
  const keys = ['alpha', 'bravo', 'charlie', 'delta'] as const;
  const joined = await Promise.all(keys.map((k) => addMember(store, k)));
  keys.forEach((k, i) => { m[k] = joined[i]!; });
  await sql(`update public.members set country = 'FR' where id = $1`, [m.delta.id]);
  await sql('update public.member_contacts set contact_consent_at = now() where id = any($1)', [[m.alpha.contactId, m.bravo.contactId, m.delta.contactId]]);
  segmentId = (ok(await staff.client.from('segments').insert({ store_id: store.id, name: 'Germany', filters: { countries: ['DE'] } }).select('id').single()) as { id: string }).id;
});

describe('recording a send', () => {
  it('keeps the segment\'s consenting companies as recipients and counts their contacts', async () => {
    const campaign = ok(await staff.client.rpc('record_campaign', {
      p_store_id: store.id, p_segment_id: segmentId, p_channel: 'email', p_subject: 'Spring lace wigs', p_sent_at: daysAgo(10),
    })) as { id: string; sent_count: number; segment_name: string; filters: unknown; created_by: string };
    campaignId = campaign.id;
    expect(campaign).toMatchObject({ sent_count: 2, segment_name: 'Germany', filters: { countries: ['DE'] }, created_by: staff.user.id });
    const recipients = ok(await staff.client.from('campaign_recipients').select('member_id').eq('campaign_id', campaign.id)) as { member_id: string }[];
    expect(recipients.map((r) => r.member_id).sort()).toEqual([m.alpha.id, m.bravo.id].sort());
  });

  it('attributes the recipients\' paid orders within 30 days of the send, and nothing else', async () => {
    await importOrders(store, [
      orderRow(m.alpha, { amount: 200, placed_at: daysAgo(5) }), // recipient, within 30 days
      orderRow(m.alpha, { amount: 300, placed_at: daysAgo(4) }), // again
      orderRow(m.alpha, { amount: 999, placed_at: daysAgo(3), status: 'refunded' }), // refunded: not revenue
      orderRow(m.bravo, { amount: 700, placed_at: daysAgo(12) }), // recipient, before the send
      orderRow(m.charlie, { amount: 400, placed_at: daysAgo(5) }), // in the segment, no consent: not a recipient
      orderRow(m.delta, { amount: 500, placed_at: daysAgo(5) }), // not in the segment
    ]);
    // A second send 40 days ago: alpha's orders 5 and 4 days ago are past its 30 days.
    const older = ok(await staff.client.rpc('record_campaign', {
      p_store_id: store.id, p_segment_id: segmentId, p_channel: 'whatsapp', p_subject: 'Trade fair invitation', p_sent_at: daysAgo(40), p_sent_count: 7,
    })) as { id: string };
    const rows = await results();
    expect(rows.map((r) => [r.campaign_id, r.channel, r.sent_count, r.recipients, r.ordering_recipients, r.orders, Number(r.revenue), r.currency])).toEqual([
      [campaignId, 'email', 2, 2, 1, 2, 500, 'USD'],
      // Bravo's order 12 days ago is within 30 days of a send 40 days ago.
      [older.id, 'whatsapp', 7, 2, 1, 1, 700, 'USD'],
    ]);
    const range = ok(await staff.client.rpc('campaign_results', { p_store_id: store.id, p_from: daysAgo(20), p_to: daysAgo(0) })) as Result[];
    expect(range.map((r) => r.campaign_id)).toEqual([campaignId]);
  });

  it('keeps its recipients and name when consent, the segment or its filters change later', async () => {
    await sql('update public.member_contacts set contact_consent_at = null where id = $1', [m.bravo.contactId]);
    ok(await staff.client.from('segments').update({ name: 'France', filters: { countries: ['FR'] } }).eq('id', segmentId));
    let campaign = (await results()).find((r) => r.campaign_id === campaignId)!;
    expect(campaign).toMatchObject({ segment_id: segmentId, segment_name: 'Germany', recipients: 2, orders: 2 });
    ok(await staff.client.from('segments').delete().eq('id', segmentId));
    campaign = (await results()).find((r) => r.campaign_id === campaignId)!;
    expect(campaign).toMatchObject({ segment_id: null, segment_name: 'Germany', recipients: 2 });
  });
});

describe('refusals', () => {
  it('name the field, and change nothing', async () => {
    const segment = (ok(await staff.client.from('segments').insert({ store_id: store.id, name: 'All', filters: {} }).select('id').single()) as { id: string }).id;
    const before = await sql('select count(*)::int as n from public.campaigns where store_id = $1', [store.id]);
    const call = (args: Record<string, unknown>) => staff.client.rpc('record_campaign', {
      p_store_id: store.id, p_segment_id: segment, p_channel: 'sms', p_subject: 'Hello', ...args,
    });
    expect(JSON.parse(expectError(await call({ p_channel: 'fax' }), '22023', 'channel must be one of email, sms, whatsapp').details!)).toMatchObject({ field: 'channel' });
    expectError(await call({ p_subject: '  ' }), '22023', 'subject is required');
    expectError(await call({ p_subject: 'a\nb' }), '22023', /subject must be a single line/);
    expectError(await call({ p_sent_at: daysAgo(-3) }), '22023', /sent_at must be a time from 2000 on/);
    expectError(await call({ p_sent_count: -1 }), '22023', /sent_count/);
    // Another store's segment is answered like a missing one.
    const foreign = (ok(await otherStaff.client.from('segments').insert({ store_id: other.id, name: 'Theirs', filters: {} }).select('id').single()) as { id: string }).id;
    const missing = await call({ p_segment_id: crypto.randomUUID() });
    expectError(missing, 'PT404', 'segment_id matches no segment');
    expect((await call({ p_segment_id: foreign })).error).toEqual(missing.error);
    expect(await sql('select count(*)::int as n from public.campaigns where store_id = $1', [store.id])).toEqual(before);
  });

  it('keep campaigns to the store\'s staff', async () => {
    expectError(await otherStaff.client.rpc('record_campaign', { p_store_id: store.id, p_segment_id: crypto.randomUUID(), p_channel: 'sms', p_subject: 'x' }), '42501');
    expectError(await otherStaff.client.rpc('campaign_results', { p_store_id: store.id }), '42501');
    expectError(await m.alpha.client.rpc('campaign_results', { p_store_id: store.id }), '42501');
    expect(ok(await otherStaff.client.from('campaigns').select('id').eq('store_id', store.id))).toEqual([]);
    expect(ok(await m.alpha.client.from('campaign_recipients').select('member_id'))).toEqual([]);
    expectError(await staff.client.from('campaigns').insert({ store_id: store.id, segment_name: 'x', filters: {}, channel: 'sms', subject: 'x', sent_at: daysAgo(0), sent_count: 1 }), '42501');
    expectError(await staff.client.from('campaign_recipients').insert({ campaign_id: campaignId, store_id: store.id, member_id: m.delta.id }), '42501');
  });
});
