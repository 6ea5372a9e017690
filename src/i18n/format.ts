/** Locale-aware number formatting. Amounts always carry their currency; none is assumed. */
import type { Locale } from './locales.ts';

/**
 * One formatter per locale and options, kept: building an `Intl` formatter costs far more than
 * formatting with it (a big buyer's My membership formats hundreds of dates and amounts, and
 * building a formatter for each made most of its rendering time).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n ${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  return numberFormat(locale, { style: 'currency', currency }).format(amount);
}

/** `percent` is on the 0–100 scale the database stores. */
export function formatPercent(percent: number, locale: Locale): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/**
 * Wraps text someone else wrote (a merchant's store name, a slug from the address bar) in
 * first-strong isolate … pop directional isolate (U+2068 … U+2069) before it goes into a
 * sentence, so its own direction, or a right-to-left override hidden in it, cannot reorder the
 * words around it. Invisible when shown; screen readers skip both characters.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Fills `{name}` placeholders; a placeholder without a value is left visible rather than dropped. */
export function interpolate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A catalogue section with the same keys as the English one, every value a string. */
export type Catalogue<Shape> = { readonly [Key in keyof Shape]: string };

export type Translate<Key extends string> = (key: Key, values?: Readonly<Record<string, string | number>>) => string;

export function translator<Shape>(messages: Catalogue<Shape>): Translate<Extract<keyof Shape, string>> {
  return (key, values) => interpolate(messages[key], values);
}

/** A date (and optionally the time) in the reader's locale, from an ISO timestamp. */
export function formatDate(iso: string, locale: Locale, withTime = false): string {
  return dateFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(new Date(iso));
}
