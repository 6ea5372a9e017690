/** Locale-aware number formatting. Amounts always carry their currency; none is assumed. */
import type { Locale } from './locales.ts';

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}

/** `percent` is on the 0–100 scale the database stores. */
export function formatPercent(percent: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
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
  return new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(new Date(iso));
}
