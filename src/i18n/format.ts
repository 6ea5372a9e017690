/** Locale-aware number formatting. Amounts always carry their currency; none is assumed. */
import type { Locale } from './locales.ts';

/**
 * One formatter per locale and options, kept: building an `Intl` formatter costs far more than
 * formatting with it (a big buyer's My membership formats hundreds of dates and amounts, and
 * building a formatter for each made most of its rendering time). Each is found by a short key
 * its caller builds, so a table row pays one map lookup per figure.
 */
const formatters = new Map<string, unknown>();

function cached<Format>(key: string, make: () => Format): Format {
  let format = formatters.get(key) as Format | undefined;
  if (!format) formatters.set(key, (format = make()));
  return format;
}

/** A country's name in `locale`, from its ISO 3166-1 code (the code itself where none is known). */
export function regionName(code: string, locale: Locale): string {
  try {
    return cached(`region ${locale}`, () => new Intl.DisplayNames([locale], { type: 'region' })).of(code) ?? code;
  } catch {
    // DisplayNames throws on a malformed code.
    return code;
  }
}

/** A currency's name in `locale` ("美元", "dólar estadounidense"), from its ISO 4217 code (the code itself where none is known). */
export function currencyName(code: string, locale: Locale): string {
  try {
    return cached(`currency ${locale}`, () => new Intl.DisplayNames([locale], { type: 'currency' })).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A language's name in `locale` ("英语", "inglés"), from its code; zh-CN named as the script the
 * merchant writes (Simplified Chinese), not the country. The code itself where none is known.
 */
export function languageName(code: string, locale: Locale): string {
  try {
    return cached(`language ${locale}`, () => new Intl.DisplayNames([locale], { type: 'language' })).of(code === 'zh-CN' ? 'zh-Hans' : code) ?? code;
  } catch {
    return code;
  }
}

/** A sample's ship-to address as claim_sample keeps it: any field may be absent (a leaver's keeps only the country). */
export type PostalAddress = Partial<Record<'name' | 'company' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country' | 'phone', string | undefined>>;

/** An address a line each in the order a label prints them, the country by name, then the phone the courier calls. */
export function postalLines(address: PostalAddress, locale: Locale): string[] {
  const { name, company, line1, line2, city, region, postal_code: postal, country, phone } = address;
  const place = [city, [region, postal].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [name, company, line1, line2, place, country && regionName(country, locale), phone].filter((line): line is string => Boolean(line));
}

/**
 * Amounts are written as the International English reader reads them (`en-001`), not as in the
 * United States (`en`): the same digits, but US dollars are "US$1,716.00" (and yen "JP¥"), never
 * a bare "$", which buyers of a cross-border store paying in MXN, CAD or AUD read as their own
 * dollar. Chinese and Spanish already write "US$". The one money formatter of the portal, the
 * console and the widget (which bundles this module), so every amount reads the same everywhere.
 */
const moneyLocales: Record<Locale, string> = { en: 'en-001', 'zh-CN': 'zh-CN', es: 'es' };

/** The currency's formatter with its usual digits: the one formatMoney uses for most amounts. */
function usualMoney(currency: string, locale: Locale): Intl.NumberFormat {
  return cached(`money ${locale} ${currency} false`, () => new Intl.NumberFormat(moneyLocales[locale], { style: 'currency', currency }));
}

/**
 * Cents an amount holds beyond its currency's usual digits (yen are written whole): the database
 * keeps two decimals in any currency, and an imported "150000.50 JPY" shown as "JP¥150,001" read
 * as another amount than the one its base amount was converted from. Such an amount is shown exactly.
 */
function beyondUsualDigits(amount: number, currency: string, locale: Locale): boolean {
  const usual = usualMoney(currency, locale).resolvedOptions().maximumFractionDigits ?? 2;
  return usual < 2 && Math.round(amount * 100) % 10 ** (2 - usual) !== 0;
}

/** `whole` leaves out the minor unit (a chart's axis: "US$10,000", not "US$10,000.00"). */
export function formatMoney(amount: number, currency: string, locale: Locale, { whole = false } = {}): string {
  const digits = whole ? 'whole' : beyondUsualDigits(amount, currency, locale) ? 'cents' : false;
  return cached(`money ${locale} ${currency} ${digits}`, () =>
    new Intl.NumberFormat(moneyLocales[locale], {
      style: 'currency',
      currency,
      ...(digits === 'whole' ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : digits === 'cents' ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : {}),
    }),
  ).format(amount);
}

/** The currency as formatMoney writes it beside an amount ("US$", "€"), to name it where no amount is shown (a field's label). */
export function currencySymbol(currency: string, locale: Locale): string {
  return usualMoney(currency, locale).formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency;
}

/**
 * A ledger's change, signed both ways ("+250", "−5,000", "+US$414.20", "−US$300.00") with a true
 * minus sign (U+2212), which screen readers read as "minus" and which lines up with the plus;
 * Intl places the sign where the locale writes it ("−300,00 US$") but writes it as a hyphen.
 */
function signed(text: string): string {
  return text.replace('-', '\u2212');
}

export function formatSignedNumber(value: number, locale: Locale): string {
  return signed(cached(`signed ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })).format(value));
}

export function formatSignedMoney(amount: number, currency: string, locale: Locale): string {
  const cents = beyondUsualDigits(amount, currency, locale);
  return signed(
    cached(`signed money ${locale} ${currency} ${cents}`, () =>
      new Intl.NumberFormat(moneyLocales[locale], { style: 'currency', currency, signDisplay: 'exceptZero', ...(cents ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : {}) }),
    ).format(amount),
  );
}

/** `percent` is on the 0–100 scale the database stores. */
export function formatPercent(percent: number, locale: Locale): string {
  return cached(`percent ${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 })).format(percent / 100);
}

/** A number in the reader's language, with up to `fractionDigits` decimals (2: amounts' and most figures'). */
export function formatNumber(value: number, locale: Locale, fractionDigits = 2): string {
  return cached(`number ${locale} ${fractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits })).format(value);
}

/** "VIP, Gold and Diamond" in the reader's language; each item is isolated (merchant text). */
export function formatList(items: readonly string[], locale: Locale): string {
  return listFormat(locale).format(items.map(isolate));
}

/** formatList with each item drawn by `draw` (a reference kept on one line), the language's joining words between. */
export function formatListParts<Part>(items: readonly string[], locale: Locale, draw: (item: string, index: number) => Part): (string | Part)[] {
  let index = 0;
  return listFormat(locale).formatToParts(items).map((part) => (part.type === 'element' ? draw(part.value, index++) : part.value));
}

function listFormat(locale: Locale): Intl.ListFormat {
  return cached(`list ${locale}`, () => new Intl.ListFormat(locale, { type: 'conjunction' }));
}

/**
 * The space between two sentences, or before a bracketed note, when text is put together from
 * separate strings ("…降为高级会员。如需保级…", "职位（可选）"): one in English and Spanish, none in
 * Chinese, whose full-width punctuation carries its own spacing.
 */
export function sentenceGap(locale: Locale): string {
  return locale === 'zh-CN' ? '' : ' ';
}

/** An aside after a phrase as `locale` writes one: " (…)", or in Chinese "（…）" with full-width brackets and no space. */
export function parenthetical(text: string, locale: Locale): string {
  return locale === 'zh-CN' ? `（${text}）` : ` (${text})`;
}

/** `parts` (the empty ones left out) as one run of text in `locale`. */
export function joinSentences(parts: readonly (string | null | undefined | false)[], locale: Locale): string {
  return parts.filter((part): part is string => Boolean(part)).join(sentenceGap(locale));
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

/**
 * `interpolate` for values that are not text (a tier's name in <strong>, a link, a SKU kept on one
 * line): the template's text and the values in its order, for a component to render. Elements
 * among them need their own `key`.
 */
export function interpolateParts<Part>(template: string, values: Readonly<Record<string, Part>>): (string | Part)[] {
  return template.split(/(\{\w+\})/).flatMap((piece): (string | Part)[] => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    if (name !== undefined && name in values) return [values[name] as Part];
    return piece === '' ? [] : [piece];
  });
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

/**
 * A date (and optionally the time) in the reader's locale, from an ISO timestamp. A time names
 * its zone ("4:20 PM UTC"): it is the reader's clock, while days that end something (a tier
 * override) end in UTC, and a bare "4:20 PM" beside them read as one or the other.
 */
export function formatDate(iso: string, locale: Locale, withTime = false): string {
  return cached(`date ${locale} ${withTime}`, () =>
    new Intl.DateTimeFormat(
      locale,
      // dateStyle cannot be combined with timeZoneName: its medium style, spelled out.
      withTime ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } : { dateStyle: 'medium' },
    ),
  ).format(new Date(iso));
}

/** The time of day alone ("4:20 PM UTC"), for a table that puts it under formatDate's day. */
export function formatTime(iso: string, locale: Locale): string {
  return cached(`time ${locale}`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })).format(new Date(iso));
}

/**
 * A calendar day, or with `unit` 'month' a month ("Jan 2026"), as the product counts them: in
 * UTC whatever the reader's zone (an analytics period, the month points expire in), where
 * formatDate shows an instant on the reader's clock. With `last`, the days from `iso` to `last`,
 * both included, shortened as the locale writes a range ("Jan 15 – 31, 2026", "15–31 ene 2026").
 */
export function formatCalendar(iso: string, locale: Locale, unit: 'day' | 'month' = 'day', last?: string): string {
  const format = cached(`calendar ${locale} ${unit}`, () =>
    new Intl.DateTimeFormat(locale, { ...(unit === 'day' ? { dateStyle: 'medium' } : { year: 'numeric', month: 'short' }), timeZone: 'UTC' }),
  );
  if (last === undefined) return format.format(new Date(iso));
  return locale === 'zh-CN' ? chineseRange(format, new Date(iso), new Date(last)) : format.formatRange(new Date(iso), new Date(last));
}

/**
 * A range of days or months in Chinese as CLDR writes it ("2026年9月8日至30日", "2026年9月至12月"):
 * the first whole, then the last from its first part that differs. V8's formatRange writes a
 * Chinese range in figures whatever the options ("2026/9/8 – 2026/9/30"), which beside the
 * same formatter's "2026年10月" read as two ways of writing dates on one chart.
 */
function chineseRange(format: Intl.DateTimeFormat, first: Date, last: Date): string {
  const from = format.formatToParts(first);
  const to = format.formatToParts(last);
  const shared = to.findIndex((part, i) => part.value !== from[i]?.value);
  if (shared === -1) return format.format(first);
  return `${format.format(first)}至${to.slice(shared).map((part) => part.value).join('')}`;
}

/**
 * Builds the number and date formatters ahead of the first figure: the renderer's first use of
 * `Intl` loads its locale data (25-40 ms on a desktop, four times that on a phone). A page
 * calls this while it waits for its data, so that cost is not added to the task drawing it.
 */
export function prepareFormatters(locale: Locale): void {
  formatNumber(0, locale);
  formatDate('1970-01-01T00:00:00Z', locale);
}
