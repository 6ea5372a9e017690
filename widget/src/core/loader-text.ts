/**
 * The loader's own two strings, the launcher's label and its failure notice, in each language:
 * every page view parses the loader, so the rest of the widget's strings travel with the panel
 * and the placements (content/messages.ts).
 */
import type { Locale } from '../../../src/i18n/locales.ts';
import { loader as en } from '../../../src/i18n/widget/en.ts';
import { loader as es } from '../../../src/i18n/widget/es.ts';
import { loader as zhCN } from '../../../src/i18n/widget/zh-CN.ts';

const text = { en, 'zh-CN': zhCN, es } satisfies Record<Locale, typeof en>;

export const loaderText = (locale: Locale) => text[locale];
