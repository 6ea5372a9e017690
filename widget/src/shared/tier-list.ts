/**
 * The store's tiers as cards (lib/tier-card.ts, the portal's card) built with plain DOM, for the
 * loader's benefits placement and the panel alike.
 */
import type { Translate } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';
import { tierCard, type Build } from '../../../src/lib/tier-card.ts';
import type { TierKey } from '../../../src/lib/tier-rights.ts';
import { el } from './dom.ts';
import type { PublicTiers } from '../core/store.ts';

const build: Build<HTMLElement> = (tag, attributes, ...children) => el(tag as keyof HTMLElementTagNameMap, attributes, ...children);

export function tierList(store: PublicTiers, locale: Locale, t: Translate<TierKey>): HTMLElement {
  const options = { locale, t, currency: store.currency, periodDays: store.periodDays, joiningPaused: store.joiningPaused, samplePeriodDays: store.samplePeriodDays, pointsPerCurrencyUnit: store.pointsPerCurrencyUnit };
  return el('div', { class: 'tiers' }, ...store.tiers.map((tier) => tierCard(build, tier, options)));
}
