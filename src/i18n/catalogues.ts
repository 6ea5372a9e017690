/**
 * Every locale's whole catalogue, keyed by locale, for checks and types; pages load only their
 * sections in their locale through sections.ts.
 */
import * as en from './en.ts';
import * as es from './es.ts';
import * as zhCN from './zh-CN.ts';
import type { Locale } from './locales.ts';

export const catalogues = { en, 'zh-CN': zhCN, es } satisfies Record<Locale, typeof en>;

export type SiteKey = keyof typeof en.site;
