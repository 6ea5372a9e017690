/**
 * The widget's strings, for the loader and the panel alike: only the catalogue sections it
 * shows (`widget`, and `tiers` for the tier cards), so the portal's stay out of the bundles.
 */
import { tiers as enTiers, widget as en } from '../../../src/i18n/en.ts';
import { tiers as esTiers, widget as es } from '../../../src/i18n/es.ts';
import { tiers as zhCNTiers, widget as zhCN } from '../../../src/i18n/zh-CN.ts';
import { translator } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';

const sections = {
  en: [en, enTiers],
  'zh-CN': [zhCN, zhCNTiers],
  es: [es, esTiers],
} satisfies Record<Locale, [typeof en, typeof enTiers]>;

export function widgetText(locale: Locale) {
  const [widget, tiers] = sections[locale];
  // The launcher's own two strings as they are: no placeholders to fill.
  return { t: translator(widget), tiersText: translator(tiers), launcher: widget.launcher, loadFailed: widget.loadFailed };
}

export type WidgetText = ReturnType<typeof widgetText>;
