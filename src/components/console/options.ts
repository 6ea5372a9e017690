/** Choices the console's forms offer: languages by their own names, and currencies. */
import { locales, type Locale } from '../../i18n/locales.ts';
import { isoCurrencies } from '../../lib/iso-currencies.ts';

/** Each language in itself, so a merchant finds theirs whatever the page's language. */
export const localeNames: Readonly<Record<Locale, string>> = { en: 'English', 'zh-CN': '简体中文', es: 'Español' };

export const localeOptions = locales.map((code) => ({ code, name: localeNames[code] }));

/** Currencies cross-border B2B merchants most often quote in; any other ISO 4217 code may be typed. */
export const commonCurrencies = ['USD', 'EUR', 'CNY', 'GBP', 'HKD', 'JPY', 'AUD', 'CAD', 'MXN', 'BRL', 'AED', 'SGD', 'INR', 'COP', 'CLP', 'ARS', 'PEN'] as const;

/**
 * A currency the database takes for a new or changed price (guards a typo like `UDS`): one in use,
 * or one of `kept` (the store's own, a product's current one), which it keeps even when withdrawn.
 */
export function isKnownCurrency(code: string, kept: readonly (string | undefined)[] = []): boolean {
  return isoCurrencies.has(code) || kept.includes(code);
}
