/**
 * The standing's sentences with a date (src/lib/standing-text.ts): the console writes the date
 * into the text, My membership keeps it one piece (dated()), the words the same.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { dated } from '../../src/components/date-text.tsx';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import { dateInText, periodSentence, whatKeepsTier } from '../../src/lib/standing-text.ts';

const locales = ['en', 'zh-CN', 'es'] as const;
const paid = { paid_orders: 4, paid_amount: 11250, window_start: '2025-12-06T12:00:00Z' };
const keep = {
  orders_tier: { id: 'vip' }, falls_to: { id: 'senior' }, holds_until: '2027-03-28T12:00:00Z',
  to_keep: { orders_needed: 1, amount_needed: 1716 }, period_days: 365, currency: 'USD',
};
const tierName = (id: string) => (id === 'vip' ? 'VIP' : 'Senior');
const drawn = (children: unknown) => renderToString(h('p', null, children as never));

describe('a date inside the standing\'s sentences', () => {
  it.each(locales)('%s: is one piece on My membership, in the words the console writes', (locale) => {
    const t = translator(catalogues[locale].member);
    for (const [text, parts, day] of [
      [periodSentence(paid, 365, 'USD', t, locale, dateInText), periodSentence(paid, 365, 'USD', t, locale, dated), { en: 'Dec 6, 2025', 'zh-CN': '2025年12月6日', es: '6 dic 2025' }[locale]],
      [whatKeepsTier(keep, tierName, t, locale, dateInText), whatKeepsTier(keep, tierName, t, locale, dated), { en: 'Mar 28, 2027', 'zh-CN': '2027年3月28日', es: '28 mar 2027' }[locale]],
    ] as const) {
      expect(drawn(parts).match(/<span class="nowrap">[^<]*<\/span>/g)).toEqual([`<span class="nowrap">${day}</span>`]);
      expect(drawn(parts).replace(/<[^>]+>/g, '')).toBe(text);
      expect(text).toContain(day);
    }
  });

  it('leaves a sentence without a date as it was', () => {
    const t = translator(catalogues.en.member);
    const safe = { ...keep, holds_until: null };
    expect(whatKeepsTier(safe, tierName, t, 'en', dated)).toBe(whatKeepsTier(safe, tierName, t, 'en', dateInText));
  });
});
