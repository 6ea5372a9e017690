/**
 * Two members of staff editing one record (lib/console/changed-since.ts): a save made over the row
 * as read tells a row saved from one changed or deleted since, writing nothing; read again, a form
 * shows someone else's changes where staff typed nothing and keeps what staff typed everywhere
 * else, naming the fields of each (posts, coupons, rewards, segments, the store's settings, the
 * merchant's card; tiers in tier-form, products in product-reread).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addedAsRead, savedAsRead } from '../../src/lib/console/changed-since.ts';
import { changedSinceRead, fieldChanges, goneSinceRead } from '../../src/lib/read-again.ts';
import { formOf, rereadPost, type Post } from '../../src/lib/growth/posts.ts';
import { refusedByPolicy } from '../../src/components/console/ui/refusals.ts';
import { couponFormOf, rereadCoupon, rereadReward, rewardFormOf } from '../../src/components/console/coupons/coupon-forms.ts';
import type { Coupon, Reward } from '../../src/lib/console/coupons.ts';
import { rereadSegment, toForm, type Segment } from '../../src/lib/growth/segments.ts';
import { rereadSettings, settingsFormOf } from '../../src/components/console/settings/settings-form.ts';
import type { StoreSettings } from '../../src/lib/console/store-settings.ts';
import { cardFormOf, rereadCard } from '../../src/components/console/getting-started/card-form.ts';
import type { MerchantCardRead } from '../../src/lib/console/merchant-card.ts';

describe('a save made over the row as read', () => {
  const row = z.object({ id: z.string() });
  const asRead = '2026-12-06T11:00:00.000001+00:00';
  const answer = (data: unknown) => ({ data, error: null, status: 200 });

  it('is the row saved when the update gives it back, without reading it again', async () => {
    expect(await savedAsRead(row, asRead, answer({ id: 'a' }), () => { throw new Error('read again'); })).toEqual({ ok: true, data: { id: 'a' } });
  });

  it('with no row back is refused as changed since when the row moved on, as deleted since when it is gone', async () => {
    expect(await savedAsRead(row, asRead, answer(null), async () => answer({ updated_at: '2026-12-06T11:30:00+00:00' })))
      .toMatchObject({ ok: false, error: { code: changedSinceRead } });
    expect(await savedAsRead(row, asRead, answer(null), async () => answer(null))).toMatchObject({ ok: false, error: { code: goneSinceRead } });
  });

  it('with no row back from a row still as read is refused as row security refuses, for the editor to say so', async () => {
    const refused = await savedAsRead(row, asRead, answer(null), async () => answer({ updated_at: asRead }));
    expect(refused.ok || refusedByPolicy(refused.error)).toBe(true);
    expect(refused.ok).toBe(false);
  });

  it('passes on a refusal of the update or of the second read as it came', async () => {
    const refused = { data: null, error: { code: '42501', message: 'permission denied for table posts' }, status: 403 };
    expect(await savedAsRead(row, asRead, refused, async () => answer({ updated_at: asRead }))).toEqual({ ok: false, error: { ...refused.error, status: 403 } });
    expect(await savedAsRead(row, asRead, answer(null), async () => refused)).toEqual({ ok: false, error: { ...refused.error, status: 403 } });
  });
});

describe('a row added over none read', () => {
  const row = z.object({ store_id: z.string() });

  it('is the row added, or refused as changed since when its key says someone else added it meanwhile', () => {
    expect(addedAsRead(row, { data: { store_id: 's' }, error: null, status: 201 })).toEqual({ ok: true, data: { store_id: 's' } });
    const taken = { data: null, error: { code: '23505', message: 'duplicate key value violates unique constraint "merchant_cards_pkey"' }, status: 409 };
    expect(addedAsRead(row, taken)).toMatchObject({ ok: false, error: { code: changedSinceRead } });
    const refused = { data: null, error: { code: '42501', message: 'new row violates row-level security policy for table "merchant_cards"' }, status: 403 };
    expect(addedAsRead(row, refused)).toEqual({ ok: false, error: { ...refused.error, status: 403 } });
  });
});

describe('a record read again over a refused save', () => {
  it('takes what someone else changed where staff changed nothing, keeps what staff changed, and names each of theirs once', () => {
    const { weigh, changes } = fieldChanges<'name' | 'moq' | 'price' | 'active'>();
    // Staff's value, as read, theirs now.
    expect(weigh('name', { es: 'Peluca', en: 'Wig' }, { en: 'Wig', es: 'Peluca' }, { en: 'Wig HD', es: 'Peluca' })).toBe(false);
    expect(weigh('moq', 20, 10, 20)).toBe(true);
    expect(weigh('price', 119, 129, 125)).toBe(true);
    expect(weigh('active', true, true, true)).toBe(false);
    expect(changes).toEqual({ taken: ['name'], kept: ['price'] });
  });
});

describe('a post read again over a refused save', () => {
  const at = Date.parse('2026-12-06T12:00:00Z');
  const read: Post = {
    id: '00000000-0000-4000-8000-0000000000aa', kind: 'trend_report', title: 'Winter trends', body: 'Long text the staff member rewrote.', locale: 'en',
    visibility: 'members', min_tier_rank: 0, publish_at: '2026-12-01T09:00:00Z', attachments: [], updated_at: '2026-12-06T11:00:00.000001+00:00',
  };

  it('shows their title, audience and files where staff changed none, and keeps the body staff rewrote', () => {
    const file = { path: 'store/post/report.pdf', name: 'report.pdf', size: 10 };
    const now = { ...read, title: 'Winter trends 2027', visibility: 'tier' as const, min_tier_rank: 2, attachments: [file], updated_at: '2026-12-06T11:30:00+00:00' };
    const typed = { ...formOf(read, at), body: 'My rewrite.' };
    const { form, taken, kept } = rereadPost(read, now, typed, at);
    expect(form).toEqual({ ...formOf(now, at), body: 'My rewrite.' });
    expect(form).toMatchObject({ title: 'Winter trends 2027', visibility: 'tier', min_tier_rank: 2, when: 'now' });
    expect(taken).toEqual(['title', 'audience', 'attachments']);
    expect(kept).toEqual([]);
  });

  it('keeps the body staff rewrote over theirs and says both changed it; typed the same, there is nothing to keep', () => {
    const now = { ...read, body: 'Their rewrite.', kind: 'industry_news' as const };
    const { form, taken, kept } = rereadPost(read, now, { ...formOf(read, at), body: 'My rewrite.', kind: 'industry_news' }, at);
    expect(form).toMatchObject({ body: 'My rewrite.', kind: 'industry_news' });
    expect(taken).toEqual([]);
    expect(kept).toEqual(['body']);
  });

  it('takes who reads it and when it comes out each as one choice', () => {
    // Staff moved it to VIP (rank 2) from members; they made it a draft: both shown whole, neither half of another's.
    const now = { ...read, publish_at: null };
    const { form, taken, kept } = rereadPost(read, now, { ...formOf(read, at), visibility: 'tier', min_tier_rank: 2 }, at);
    expect(form).toMatchObject({ visibility: 'tier', min_tier_rank: 2, when: 'draft', publish_at: '' });
    expect(taken).toEqual(['when']);
    expect(kept).toEqual([]);
    // A time typed and then left for "Save as draft" is no change of when it comes out.
    const drafted = { ...read, publish_at: null };
    const again = rereadPost(drafted, { ...drafted, publish_at: '2026-12-06T11:59:00Z' }, { ...formOf(drafted, at), publish_at: '2026-12-24T09:00' }, at);
    expect(again).toMatchObject({ form: { when: 'now' }, taken: ['when'], kept: [] });
  });
});

describe('a coupon or a reward read again over a refused save', () => {
  const coupon: Coupon = {
    id: '00000000-0000-4000-8000-0000000000c1', code: 'SPRING', description: { en: 'Spring' }, kind: 'percent', value: 10, currency: null, min_order_amount: null,
    min_tier_rank: 0, valid_from: '2026-12-01T00:00:00+00:00', valid_until: null, per_member_limit: 1, is_gift_pack: false, claimable: true, updated_at: '2026-12-06T11:00:00+00:00',
  };

  it('shows the coupon’s value and end someone else set, and keeps the description typed (a language box cleared again is no change)', () => {
    const now = { ...coupon, value: 15, valid_until: '2026-12-31T00:00:00+00:00' };
    const typed = { ...couponFormOf(coupon, 'en', 'es'), description: { en: 'Spring restock', es: '' } };
    const { form, taken, kept } = rereadCoupon(coupon, now, typed, 'en', 'es');
    expect(form).toEqual({ ...couponFormOf(now, 'en', 'es'), description: typed.description });
    expect(form.value).toBe('15');
    expect(taken).toEqual(['value', 'valid_until']);
    expect(kept).toEqual([]);
    expect(rereadCoupon(coupon, now, { ...couponFormOf(coupon, 'en', 'es'), description: { en: 'Spring', es: '' } }, 'en', 'es').form.description).toEqual({ en: 'Spring' });
  });

  it('keeps the reward’s points cost typed over theirs and says both changed it; takes their withdrawal', () => {
    const reward: Reward = {
      id: '00000000-0000-4000-8000-0000000000a1', name: { en: 'Tote bag' }, description: {}, points_cost: 500, coupon_id: null, delivery: 'shipped', active: true,
      updated_at: '2026-12-06T11:00:00+00:00',
    };
    const now = { ...reward, points_cost: 800, active: false };
    const { form, taken, kept } = rereadReward(reward, now, { ...rewardFormOf(reward, 'en'), points_cost: '600' }, 'en');
    expect(form).toMatchObject({ points_cost: '600', active: false, name: { en: 'Tote bag' } });
    expect(taken).toEqual(['active']);
    expect(kept).toEqual(['points_cost']);
  });
});

describe('a segment read again over a refused save', () => {
  const vip = '00000000-0000-4000-8000-000000000002';
  const senior = '00000000-0000-4000-8000-000000000001';
  const read: Segment = { id: '00000000-0000-4000-8000-0000000000b1', name: 'Big spenders', filters: { tiers: [senior, vip] }, updated_at: '2026-12-06T11:00:00+00:00' };

  it('takes their filters where staff changed none, keeps the name typed, and reads the same choices in another order as no change', () => {
    const now = { ...read, filters: { tiers: [senior, vip], points_at_least: 500 } };
    const { form, taken, kept } = rereadSegment(read, now, { name: 'Big spenders 2027 ', ...toForm({ tiers: [vip, senior] }) });
    expect(form).toMatchObject({ name: 'Big spenders 2027 ', points_at_least: '500', tiers: [senior, vip] });
    expect(taken).toEqual(['points_at_least']);
    expect(kept).toEqual([]);
  });
});

describe('the store’s settings read again over a refused save', () => {
  const read: StoreSettings = {
    id: '00000000-0000-4000-8000-0000000000d1', name: { en: 'Lumina Hair', 'zh-CN': '流明发品' }, default_locale: 'en', statistical_period_days: 365,
    sample_period_days: 90, churn_threshold_days: 120, points_expiry_days: 365, points_per_currency_unit: 1, join_points: 100, review_points: 10,
    brand_color: null, embed_origins: ['https://shop.example.com'], updated_at: '2026-12-06T11:00:00+00:00',
  };

  it('takes the join bonus and sites someone else saved, keeps the churn threshold typed, and says both changed the review points', () => {
    const now = { ...read, join_points: 1000, review_points: 20, embed_origins: ['https://shop.example.com', 'https://www.shop.example.com'], updated_at: '2026-12-06T11:30:00+00:00' };
    // Spanish: "1.000" typed is a thousand, as saved; a site typed in capitals is the origin saved.
    const typed = { ...settingsFormOf(read, 'es'), churn_threshold_days: '90', review_points: '15', embed_origins: 'HTTPS://Shop.Example.com/' };
    const { form, taken, kept } = rereadSettings(read, now, typed, 'es');
    expect(form).toEqual({ ...settingsFormOf(now, 'es'), churn_threshold_days: '90', review_points: '15' });
    expect(form.join_points).toBe('1000');
    expect(taken).toEqual(['embed_origins', 'join_points']);
    expect(kept).toEqual(['review_points']);
  });

  it('reads a number written another way, a name language cleared again and a colour in capitals as no change', () => {
    const now = { ...read, brand_color: '#0b4f8a', join_points: 1000 };
    const typed = { ...settingsFormOf(read, 'es'), join_points: '1.000', name: { ...settingsFormOf(read, 'es').name, es: ' ' } };
    expect(rereadSettings(read, now, typed, 'es')).toMatchObject({ taken: ['brand_color'], kept: [] });
    expect(rereadSettings(read, { ...read, brand_color: '#0B4F8A' }, { ...settingsFormOf(read, 'en'), brand_color: '#0b4f8a' }, 'en'))
      .toMatchObject({ form: { brand_color: '#0b4f8a' }, taken: [], kept: [] });
  });
});

describe('the merchant’s card read again over a refused save', () => {
  const store = { names: { en: 'Lumina Hair' }, default_locale: 'en' as const };
  const card: MerchantCardRead = {
    title: { en: 'Lumina Hair Co.' }, contact_name: 'Mei Chen', contact_title: {}, email: 'sales@lumina.example', phone: '+86 20 1234 5678', whatsapp: null,
    wechat: null, website: null, address: {}, introduction: { en: 'Wholesale wigs.' }, updated_at: '2026-12-06T11:00:00+00:00',
  };

  it('takes the phone someone else saved and keeps the introduction typed', () => {
    const now = { ...card, phone: '+86 20 8765 4321', updated_at: '2026-12-06T11:30:00+00:00' };
    const typed = { ...cardFormOf(card, store), introduction: { en: 'Wholesale wigs since 2009.' } };
    const { form, taken, kept } = rereadCard(card, now, typed, store);
    expect(form).toEqual({ ...cardFormOf(now, store), introduction: { en: 'Wholesale wigs since 2009.' } });
    expect(taken).toEqual(['phone']);
    expect(kept).toEqual([]);
  });

  it('read as none while someone else made the first card: shows theirs where nothing was typed, keeps what was', () => {
    const typed = { ...cardFormOf(null, store), email: 'hello@lumina.example' };
    const { form, taken, kept } = rereadCard(null, card, typed, store);
    expect(form).toMatchObject({ title: { en: 'Lumina Hair Co.' }, contact_name: 'Mei Chen', email: 'hello@lumina.example', phone: '+86 20 1234 5678' });
    expect(taken).toEqual(['contact_name', 'phone', 'title', 'introduction']);
    expect(kept).toEqual(['email']);
  });
});
