/** The loader's strings (launcher and load failure); the panel carries the rest. */
import { widget as en } from '../../../src/i18n/en.ts';
import { widget as es } from '../../../src/i18n/es.ts';
import { widget as zhCN } from '../../../src/i18n/zh-CN.ts';
import type { Locale } from '../../../src/i18n/locales.ts';

const catalogues = { en, 'zh-CN': zhCN, es } satisfies Record<Locale, typeof en>;

export function loaderText(locale: Locale): { launcher: string; loadFailed: string } {
  const { launcher, loadFailed } = catalogues[locale];
  return { launcher, loadFailed };
}
