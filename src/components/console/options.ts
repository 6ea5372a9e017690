/** Choices the console's forms offer: languages by their own names, and currencies. */
import { currencyName, parenthetical } from '../../i18n/format.ts';
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

/**
 * Names merchants write for a currency that are neither its code nor its name in any of the
 * console's languages: RMB (renminbi, how Chinese merchants and their invoices name the yuan),
 * 美金 and 港币 (the everyday Chinese for the US and Hong Kong dollars); € and £, symbols of one
 * currency each ($ and ¥ are several's: orders-import.ts asks which).
 */
const currencyAliases: Readonly<Record<string, string>> = { RMB: 'CNY', RENMINBI: 'CNY', YUAN: 'CNY', 美金: 'USD', 港币: 'HKD', 港幣: 'HKD', '€': 'EUR', '£': 'GBP' };

/** A currency as the console offers it: its name in the page's language, then its code ("人民币（CNY）", "US Dollar (USD)"). */
export function currencyLabel(code: string, locale: Locale): string {
  const name = currencyName(code, locale);
  return name === code ? code : name + parenthetical(code, locale);
}

/** The currencies to choose from: the common ones first, then every other in use (and any kept) by name in `locale`. */
export function currencyChoices(locale: Locale, kept: readonly (string | undefined)[] = []): { code: string; label: string }[] {
  const common: readonly string[] = commonCurrencies;
  const rest = [...new Set([...isoCurrencies, ...kept.filter((code): code is string => Boolean(code))])]
    .filter((code) => !common.includes(code))
    .map((code) => ({ code, label: currencyLabel(code, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return [...common.map((code) => ({ code, label: currencyLabel(code, locale) })), ...rest];
}

const nameKey = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

/** A currency name's key in any console language → the currency in use it names, the first in isoCurrencies' order; built once. */
let currenciesByName: Map<string, string> | undefined;

/**
 * The currency named `key` (nameKey): one in use, else one of `kept`. From a map built once: asking
 * each currency's names for each text took 1.6 ms for a text naming none, 80 s for a file of 50,000 rows.
 */
function currencyByName(key: string, kept: readonly (string | undefined)[]): string | undefined {
  if (!currenciesByName) {
    currenciesByName = new Map();
    for (const code of isoCurrencies) {
      for (const locale of locales) {
        const name = nameKey(currencyName(code, locale));
        if (!currenciesByName.has(name)) currenciesByName.set(name, code);
      }
    }
  }
  return currenciesByName.get(key) ?? kept.find((code): code is string => Boolean(code) && locales.some((locale) => nameKey(currencyName(code!, locale)) === key));
}

/**
 * The ISO 4217 code a merchant meant by what they typed or chose: a choice's label ("人民币（CNY）":
 * the code in its brackets), a code in any case ("cny"), an everyday name (RMB, 美金), or a
 * currency's name in any of the console's languages ("euro", "人民币"), among the currencies in
 * use and `kept`. Anything else comes back trimmed and in capitals, for the check to name.
 */
export function readCurrency(typed: string, kept: readonly (string | undefined)[] = []): string {
  const text = typed.normalize('NFKC').trim();
  const bracketed = /\(\s*([a-z]{3})\s*\)$/i.exec(text)?.[1];
  const code = (bracketed ?? text).toUpperCase();
  if (isKnownCurrency(code, kept)) return code;
  const alias = currencyAliases[code] ?? currencyAliases[text];
  if (alias) return alias;
  const key = nameKey(text);
  return (key && currencyByName(key, kept)) || code;
}
