/**
 * The widget's strings, for the panel and the placements alike (the loader inlines only its
 * launcher's two, widget/build.ts): only the catalogue sections they show (`widget`, and `tiers`
 * for the tier cards), so the portal's stay out of the bundles. The placements' own sentences
 * (`placements`) come from placementText, which only the placements bundle imports.
 */
// From each section's own file, not the locale's barrel (src/i18n/en.ts): through the barrel the
// bundler kept the objects the portal's catalogues spread in (ledger reasons, standing, order
// amounts), 1.6 KB of the panel's 15 KB gzipped in strings the widget never shows.
import { placements as enPlacements } from '../../../src/i18n/placements/en.ts';
import { placements as esPlacements } from '../../../src/i18n/placements/es.ts';
import { placements as zhCNPlacements } from '../../../src/i18n/placements/zh-CN.ts';
import { tiers as enTiers } from '../../../src/i18n/tiers/en.ts';
import { tiers as esTiers } from '../../../src/i18n/tiers/es.ts';
import { tiers as zhCNTiers } from '../../../src/i18n/tiers/zh-CN.ts';
import { widget as en } from '../../../src/i18n/widget/en.ts';
import { widget as es } from '../../../src/i18n/widget/es.ts';
import { widget as zhCN } from '../../../src/i18n/widget/zh-CN.ts';
import { translator } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';

const sections = {
  en: [en, enTiers],
  'zh-CN': [zhCN, zhCNTiers],
  es: [es, esTiers],
} satisfies Record<Locale, [typeof en, typeof enTiers]>;

export function widgetText(locale: Locale) {
  const [widget, tiers] = sections[locale];
  return { t: translator(widget), tiersText: translator(tiers) };
}

const placements = { en: enPlacements, 'zh-CN': zhCNPlacements, es: esPlacements } satisfies Record<Locale, typeof enPlacements>;

export function placementText(locale: Locale) {
  return { ...widgetText(locale), placementsText: translator(placements[locale]) };
}

export type PlacementText = ReturnType<typeof placementText>;
