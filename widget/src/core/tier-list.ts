/**
 * The store's tiers as cards: each tier's name, how to reach it and its headline rights, with
 * the merchant's name and perks in the language they are written in (WCAG 3.1.2). Plain DOM,
 * for the loader's benefits placement and the panel alike; the portal's store page renders the
 * same card with Preact (src/components/TierCard.tsx), from the same rules (tier-rights.ts).
 */
import type { Translate } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';
import { headlineRights, tierRules, type TierKey } from '../../../src/lib/tier-rights.ts';
import { el } from './dom.ts';
import type { PublicTiers } from './store.ts';

export function tierList(store: PublicTiers, locale: Locale, t: Translate<TierKey>): HTMLElement {
  const list = el('div', { class: 'tiers' });
  for (const tier of store.tiers) {
    const headingId = `tier-${tier.rank}`;
    const lines = (className: string, items: string[], perks: HTMLElement[] = []) =>
      el('ul', { class: className }, ...items.map((item) => el('li', {}, item)), ...perks);
    const perks = tier.perks.map((perk) => el('li', { lang: tier.perks_lang ?? undefined }, perk));
    list.append(
      el(
        'article',
        { class: 'tier', 'aria-labelledby': headingId, 'data-rank': String(tier.rank) },
        el('h3', { id: headingId, class: 'tier-name', lang: tier.name_lang }, tier.name),
        el('p', { class: 'tier-label' }, t('rulesHeading')),
        lines('tier-rules', tierRules(tier, { locale, t, currency: store.currency })),
        ...(tier.rank > 0 ? [el('p', { class: 'tier-period' }, t('rulePeriod', { days: store.periodDays }))] : []),
        el('p', { class: 'tier-label' }, t('rightsHeading')),
        lines('tier-rights', headlineRights(tier, { locale, t }), perks),
      ),
    );
  }
  return list;
}
