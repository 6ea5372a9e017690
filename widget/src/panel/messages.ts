/** The widget's strings: only the catalogue sections it shows, so the portal's stay out of the bundle. */
import * as en from '../../../src/i18n/en.ts';
import * as es from '../../../src/i18n/es.ts';
import * as zhCN from '../../../src/i18n/zh-CN.ts';
import { translator } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';

const sections = {
  en: { widget: en.widget, tiers: en.tiers },
  'zh-CN': { widget: zhCN.widget, tiers: zhCN.tiers },
  es: { widget: es.widget, tiers: es.tiers },
} satisfies Record<Locale, unknown>;

export function widgetText(locale: Locale) {
  return { t: translator(sections[locale].widget), tiersText: translator(sections[locale].tiers) };
}

export type WidgetText = ReturnType<typeof widgetText>;
