import { describe, expect, it } from 'vitest';
import { nextSampleFreesAt, offersSamples, quotaLeft, quotaRefusal } from '../../src/components/member/sample-quota.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { formatDate, translator } from '../../src/i18n/format.ts';
import type { SampleClaim } from '../../src/lib/member-api.ts';

const dayMs = 86_400_000;
const now = Date.parse('2026-12-08T12:00:00Z');
const claimOn = (daysAgo: number) => ({ status: 'shipped', created_at: new Date(now - daysAgo * dayMs).toISOString() }) as SampleClaim;

describe('when the next sample frees up', () => {
  it('is when the claim holding the quota full leaves the period', () => {
    const claims = [claimOn(10), claimOn(30), claimOn(20)];
    expect(nextSampleFreesAt({ used: 3, quota: 3, left: 0 }, claims, 365, now)).toBe(new Date(now - 30 * dayMs + 365 * dayMs).toISOString());
  });

  it('is not said when claims the login made under a company it left count too: the list cannot date them', () => {
    // Three of the company's and one from before: the oldest listed leaving frees nothing.
    expect(nextSampleFreesAt({ used: 4, quota: 3, left: 0 }, [claimOn(10), claimOn(20), claimOn(30)], 365, now)).toBeNull();
  });
});

describe('why a product list offers no sample request', () => {
  it.each([
    ['en', 'Your tier does not include free samples.', 'This store does not offer free samples.'],
    ['es', 'Tu nivel no incluye muestras gratis.', 'Esta tienda no ofrece muestras gratis.'],
    ['zh-CN', '您的等级不含免费样品。', '本店不提供免费样品。'],
  ] as const)('%s: a tier without samples is the tier\'s lack only where another tier has some', (locale, tier, store) => {
    const t = translator(catalogues[locale].member);
    const none = { used: 0, quota: 0, left: 0 };
    expect(quotaRefusal(none, null, t, locale)).toBe(tier);
    expect(quotaRefusal(none, null, t, locale, true)).toBe(tier);
    expect(quotaRefusal(none, null, t, locale, false)).toBe(store);
    // With room left there is nothing to say, whatever the store.
    expect(quotaRefusal({ used: 2, quota: 3, left: 1 }, null, t, locale, false)).toBeNull();
    // The summary's figure says it as the list does: the tier's lack, or the store's.
    expect(quotaLeft(none, t, locale, true)).toEqual({ figure: catalogues[locale].member.samplesNone, note: null });
    expect(quotaLeft(none, t, locale, false)).toEqual({ figure: catalogues[locale].member.samplesNoneInStore, note: null });
  });

  it.each([
    ['en', '3 of 3', 'left this period', '1 of 3', 'left this period'],
    ['es', '3 de 3', 'quedan en este periodo', '1 de 3', 'queda en este periodo'],
    ['zh-CN', '3/3', '本周期剩余次数', '1/3', '本周期剩余次数'],
  ] as const)('%s: the summary\'s tile says the samples left as a figure, and what it counts under it as a small note', (locale, figure, note, figureOne, noteOne) => {
    const t = translator(catalogues[locale].member);
    // A bold sentence ("Te quedan 3 de 3 en este periodo") ran to three lines at 360 px, the tiles uneven.
    expect(quotaLeft({ used: 0, quota: 3, left: 3 }, t, locale)).toEqual({ figure, note });
    expect(quotaLeft({ used: 2, quota: 3, left: 1 }, t, locale)).toEqual({ figure: figureOne, note: noteOne });
    expect(quotaLeft({ used: 5, quota: null, left: null }, t, locale)).toEqual({ figure: catalogues[locale].member.samplesUnlimited, note: null });
  });

  it.each(['en', 'es', 'zh-CN'] as const)('%s: the day the next sample frees up is one piece, kept whole on its line', (locale) => {
    const t = translator(catalogues[locale].member);
    const parts = quotaRefusal({ used: 3, quota: 3, left: 0 }, '2027-03-05T12:00:00Z', t, locale) as unknown[];
    const date = parts.find((part) => typeof part === 'object') as { props: { class: string; children: string } };
    expect(date.props).toEqual({ class: 'nowrap', children: formatDate('2027-03-05T12:00:00Z', locale) });
    expect(parts.map((part) => (part === date ? date.props.children : part)).join('')).toBe(
      t('quotaUsedUntil', { used: '3', quota: '3', date: formatDate('2027-03-05T12:00:00Z', locale) }));
  });

  it('takes a store to offer samples when any tier has some, unlimited included', () => {
    expect(offersSamples([{ sample_quota: 0 }, { sample_quota: 0 }])).toBe(false);
    expect(offersSamples([])).toBe(false);
    expect(offersSamples([{ sample_quota: 0 }, { sample_quota: 2 }])).toBe(true);
    expect(offersSamples([{ sample_quota: 0 }, { sample_quota: null }])).toBe(true);
  });
});
