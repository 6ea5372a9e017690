/**
 * The widget's strings, for the panel and the placements alike (the loader inlines only its
 * launcher's two, widget/build.ts): only the catalogue sections they show (`widget`, and `tiers`
 * for the tier cards), so the portal's stay out of the bundles. The placements' own sentences
 * (`placements`) come from placementText, which only the placements bundle imports.
 */
import { placements as enPlacements, tiers as enTiers, widget as en } from '../../../src/i18n/en.ts';
import { placements as esPlacements, tiers as esTiers, widget as es } from '../../../src/i18n/es.ts';
import { placements as zhCNPlacements, tiers as zhCNTiers, widget as zhCN } from '../../../src/i18n/zh-CN.ts';
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
