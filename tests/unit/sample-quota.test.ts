import { describe, expect, it } from 'vitest';
import { nextSampleFreesAt, quotaRefusal } from '../../src/components/member/sample-quota.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
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

describe('why a product card offers no sample request', () => {
  const usedUp = { used: 3, quota: 3, left: 0 };
  const frees = '2027-12-06T12:00:00Z';

  it.each([
    ['en', 'No free samples left until Dec 6, 2027.', 'No free samples left this period.'],
    ['es', 'No te quedan muestras gratis hasta el 6 dic 2027.', 'No te quedan muestras gratis en este periodo.'],
    ['zh-CN', '免费样品已用完，2027年12月6日起可再次申领。', '本周期免费样品已用完。'],
  ] as const)('%s: until the day the next one frees up, in the reader\'s language, or this period without a day', (locale, until, undated) => {
    const t = translator(catalogues[locale].member);
    expect(quotaRefusal(usedUp, frees, t, locale, 'product')).toBe(until);
    expect(quotaRefusal(usedUp, null, t, locale, 'product')).toBe(undated);
    // A tier without samples says so; with room left there is nothing to say.
    expect(quotaRefusal({ used: 0, quota: 0, left: 0 }, null, t, locale, 'product')).toBe(t('quotaNone'));
    expect(quotaRefusal({ used: 2, quota: 3, left: 1 }, null, t, locale, 'product')).toBeNull();
  });
});
