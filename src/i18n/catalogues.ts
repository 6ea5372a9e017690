/** Every locale's catalogue, keyed by locale, for the portal (the widget picks its own sections). */
import * as en from './en.ts';
import * as es from './es.ts';
import * as zhCN from './zh-CN.ts';
import type { Locale } from './locales.ts';

export const catalogues = { en, 'zh-CN': zhCN, es } satisfies Record<Locale, typeof en>;

export type SiteKey = keyof typeof en.site;
