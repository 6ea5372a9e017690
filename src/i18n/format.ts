/** Locale-aware number formatting. Amounts always carry their currency; none is assumed. */
import { matchLocale, type Locale } from './locales.ts';

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

/**
 * Names a mainland Chinese reader expects in a country list, where ICU's Chinese lists 台湾 as a
 * peer of the countries (and 香港, 澳门 as such in some versions): Chinese merchants and buyers read
 * these as mainland trade platforms list them.
 */
const mainlandNames: Readonly<Record<string, string>> = { TW: '中国台湾', HK: '中国香港', MO: '中国澳门' };

/** A country's name in `locale`, from its ISO 3166-1 code (the code itself where none is known). */
export function regionName(code: string, locale: Locale): string {
  if (locale === 'zh-CN' && Object.hasOwn(mainlandNames, code)) return mainlandNames[code]!;
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

/**
 * The region the reader's browser names for the page's language: the first of `languages`
 * (navigator.languages) that reads as `locale` and names one ("es-MX" → MX, "es-419" → 419,
 * "zh-SG" → SG), or none. Only entries of the page's language count: an "en-GB" browser reading
 * the Spanish page has said nothing of how it writes Spanish; a Traditional Chinese entry
 * ("zh-TW") is not the Simplified page's language (matchLocale's rule). Subtags are read by hand:
 * the widget's placements call this, and `Intl.Locale` may load locale data there.
 */
export function readerRegion(locale: Locale, languages: readonly string[]): string | undefined {
  for (const tag of languages) {
    if (matchLocale([tag]) !== locale) continue;
    // language[-script][-region]…: a region is two letters or three digits (a UN M.49 area, "419").
    for (const subtag of tag.split('-').slice(1)) {
      if (subtag.length === 4) continue;
      if ((subtag.length === 2 && /^[a-z]{2}$/i.test(subtag)) || /^\d{3}$/.test(subtag)) return subtag.toUpperCase();
      break;
    }
  }
  return undefined;
}

/**
 * The tag `Intl` formats `locale`'s numbers and dates with: the page's language as written in the
 * reader's region ("es-MX": "1,234.56", "es-AR": "1.234,56"), the language alone with no region.
 * Chinese keeps the script the page is written in ("zh-Hans-SG"): "zh-SG" alone could read as
 * Traditional to an engine that fills the script in. Numbers and dates follow the region; the
 * words around them (lists, names of countries and languages) stay the page's language's.
 */
export function regionalTag(locale: Locale, region: string | undefined): string {
  if (!region) return locale;
  return locale === 'zh-CN' ? (region === 'CN' ? locale : `zh-Hans-${region}`) : `${locale}-${region}`;
}

/** The reader's browser languages, read once (none outside a browser: the build and tests write as before). */
let readerLanguages: readonly string[] | undefined;
const tags = new Map<Locale, string>();

/** Tests, and a page that knows better, say which languages the reader's browser prefers. */
export function setReaderLanguages(languages: readonly string[]): void {
  readerLanguages = languages;
  tags.clear();
}

/** `locale` as this reader's region writes it (regionalTag), worked out once per language. */
export function tagOf(locale: Locale): string {
  let tag = tags.get(locale);
  if (tag === undefined) {
    readerLanguages ??= typeof window === 'undefined' ? [] : window.navigator.languages;
    tags.set(locale, (tag = regionalTag(locale, readerRegion(locale, readerLanguages))));
  }
  return tag;
}

/**
 * Without a region, amounts are written as the International English reader reads them
 * (`en-001`), not as in the United States (`en`): the same digits, but US dollars are
 * "US$1,716.00" (and yen "JP¥"), never a bare "$", which buyers of a cross-border store paying in
 * MXN, CAD or AUD read as their own dollar. Chinese and Spanish already write "US$". The one money
 * formatter of the portal, the console and the widget (which bundles this module), so every amount
 * reads the same everywhere.
 */
const moneyLocales: Record<Locale, string> = { en: 'en-001', 'zh-CN': 'zh-CN', es: 'es' };

/**
 * The symbols a region writes bare for a currency that another writes with the same symbol: the
 * US, Canada, Australia, Mexico and Argentina each write their own dollar or peso "$", most English
 * regions (the US among them) the yen "¥", which China writes for the yuan; Sweden's and Norway's
 * crowns are both "kr", Britain's pound "£" is also Gibraltar's, the Falklands', St Helena's and
 * South Sudan's, "Rs" the rupees of Pakistan, Mauritius and the Seychelles, "K" the kwacha of
 * Zambia and the kina of Papua New Guinea (every symbol Chromium writes for two currencies in an
 * English, Spanish or Chinese region; "R", "kr." and "MK" stand for one). A region's way keeps its
 * digits, but such a symbol takes the one the language writes with no region ("US$", "CA$", "MXN",
 * "JP¥", "SEK", "GIP"; the pound stays "£"): a store's amounts are read, shared and forwarded
 * across borders, and "$1,234.56" said MXN to a buyer in Mexico and USD to their colleague in
 * Texas. The reader's own currency is written with its country too: which currency a region calls
 * its own is nowhere in Intl, and a code beside a figure is never misread. The one bare symbol
 * left is the yuan's "¥" on a Chinese page (symbolRead), as China writes it; a Chinese reader
 * elsewhere reads "CN¥".
 */
const sharedSymbols = ['$', '¥', 'kr', '£', 'Rs', 'K'];

/**
 * The symbols of other currencies than the yuan that Chinese readers know as Intl writes them in
 * Chinese. Its others are a country's letters before a dollar ("MX$", "CA$", "HK$"), a "JP¥" beside
 * the yuan's own "¥", or a sign few know ("₩", "R$"): a Chinese page writes those currencies as
 * their codes ("MXN 152,000.00"), as Chinese invoices and bank slips do.
 */
const knownInChinese = new Set(['US$', '€', '£']);

/** The symbol `locale` writes `currency` with, Intl's `symbol` or the code where readers would not know it. */
const symbolRead = (symbol: string, currency: string, locale: Locale) =>
  locale === 'zh-CN' && currency !== 'CNY' && !knownInChinese.has(symbol) ? currency : symbol;

type MoneyOptions = Omit<Intl.NumberFormatOptions, 'style' | 'currency'>;

/** An amount formatter, and the currency's symbol as it writes it. */
interface Money {
  format(amount: number): string;
  symbol: string;
}

const currencyPart = (parts: Intl.NumberFormatPart[]) => parts.find((part) => part.type === 'currency')?.value ?? '';

/**
 * The amount formatter of `currency` in `locale` for the reader's region, found by `key` (the
 * options' short name): Intl's own where the region writes the currency with its country, and
 * otherwise the same parts with the language's symbol put in place of the bare one (or the code a
 * Chinese reader knows better, symbolRead).
 */
function money(currency: string, locale: Locale, key: string, options: MoneyOptions = {}): Money {
  const tag = tagOf(locale);
  return cached(`money ${tag} ${currency} ${key}`, () => {
    const plain = new Intl.NumberFormat(moneyLocales[locale], { style: 'currency', currency, ...options });
    const regional = locale === tag ? plain : new Intl.NumberFormat(tag, { style: 'currency', currency, ...options });
    const bare = currencyPart(regional.formatToParts(1));
    const own = symbolRead(regional === plain || !sharedSymbols.includes(bare.trim()) ? bare : currencyPart(plain.formatToParts(1)), currency, locale);
    if (own === bare) return { format: (amount: number) => regional.format(amount), symbol: bare };
    // A symbol of letters against the figure takes the no-break space Intl puts there ("MXN 1,234.56").
    const gap = (letter: string) => (/\p{L}/u.test(letter) ? '\u00a0' : '');
    const format = (amount: number) => {
      const parts = regional.formatToParts(amount);
      return parts
        .map((part, at) => {
          if (part.type !== 'currency') return part.value;
          const after = parts[at - 1]?.type === 'integer' || parts[at - 1]?.type === 'fraction';
          return (after ? gap(own[0]!) : '') + own + (parts[at + 1]?.type === 'integer' ? gap(own.at(-1)!) : '');
        })
        .join('');
    };
    return { format, symbol: own };
  });
}

/**
 * Cents an amount holds beyond its currency's usual digits (yen are written whole): the database
 * keeps two decimals in any currency, and an imported "150000.50 JPY" shown as "JP¥150,001" read
 * as another amount than the one its base amount was converted from. Such an amount is shown exactly.
 */
function beyondUsualDigits(amount: number, currency: string): boolean {
  const usual = usualDigits(currency);
  return usual < 2 && Math.round(amount * 100) % 10 ** (2 - usual) !== 0;
}

/** A currency's digits (2; the yen's 0), the same in every locale (CLDR's supplemental data). */
function usualDigits(currency: string): number {
  return cached(`digits ${currency}`, () => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);
}

/** The decimals formatMoney writes an amount with: its currency's, or two where it holds cents beyond them. */
export function amountDigits(amount: number, currency: string): number {
  return beyondUsualDigits(amount, currency) ? 2 : usualDigits(currency);
}

const exactCents = { minimumFractionDigits: 2, maximumFractionDigits: 2 };

/**
 * `whole` leaves out the minor unit (a chart's axis: "US$10,000", not "US$10,000.00"); `compact`
 * writes a round amount in the language's large units ("US$1万", "US$10K"; Intl's short form).
 */
export function formatMoney(amount: number, currency: string, locale: Locale, { whole = false, compact = false } = {}): string {
  if (compact) return money(currency, locale, 'compact', { notation: 'compact' }).format(amount);
  if (whole) return money(currency, locale, 'whole', { minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(amount);
  return (beyondUsualDigits(amount, currency) ? money(currency, locale, 'cents', exactCents) : money(currency, locale, 'usual')).format(amount);
}

/** The currency as formatMoney writes it beside an amount ("US$", "€"), to name it where no amount is shown (a field's label). */
export function currencySymbol(currency: string, locale: Locale): string {
  return money(currency, locale, 'usual').symbol || currency;
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
  const tag = tagOf(locale);
  return signed(cached(`signed ${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })).format(value));
}

export function formatSignedMoney(amount: number, currency: string, locale: Locale): string {
  const cents = beyondUsualDigits(amount, currency);
  return signed(money(currency, locale, `signed ${cents}`, { signDisplay: 'exceptZero', ...(cents ? exactCents : {}) }).format(amount));
}

/** `percent` is on the 0–100 scale the database stores. */
export function formatPercent(percent: number, locale: Locale): string {
  const tag = tagOf(locale);
  return cached(`percent ${tag}`, () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 })).format(percent / 100);
}

/** A number in the reader's language and region, with up to `fractionDigits` decimals (2: amounts' and most figures'). */
export function formatNumber(value: number, locale: Locale, fractionDigits = 2): string {
  const tag = tagOf(locale);
  return cached(`number ${tag} ${fractionDigits}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: fractionDigits })).format(value);
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

/**
 * The first items of a list too long to give whole, said to go on as `locale` says it: "2, 3, …",
 * "2、3等" (ListFormat's "and" before the last one given read as the list's end).
 */
export function formatListStart(items: readonly string[], locale: Locale): string {
  const separator = listFormat(locale).formatToParts(['1', '2', '3']).find((part) => part.type === 'literal')!.value;
  return items.join(separator) + (locale === 'zh-CN' ? '等' : `${separator}…`);
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

/** A length of time in words as `locale` writes it: in whole hours where it is some ("1 hour", "1小时", "2 horas"), else in minutes ("90 minutes"). */
export function formatDuration(ms: number, locale: Locale): string {
  const unit = ms % 3_600_000 === 0 ? 'hour' : 'minute';
  const tag = tagOf(locale);
  const format = cached(`duration ${tag} ${unit}`, () => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }));
  return format.format(ms / (unit === 'hour' ? 3_600_000 : 60_000));
}

/**
 * A date (and optionally the time) in the reader's locale, from an ISO timestamp, on the reader's
 * clock. A time names that clock by its offset ("4:20 PM GMT+8", "GMT-6", "GMT+0" at UTC's), as the
 * analytics' days say it: a zone's own short name read as the server's ("UTC") or as two places
 * (China's and America's Central "CST").
 */
export function formatDate(iso: string, locale: Locale, withTime = false): string {
  const format = dateFormat(locale, withTime);
  return withTime ? zoneAfter(format, new Date(iso), locale) : format.format(new Date(iso));
}

/**
 * A time with its zone, in Chinese as it is written there, the zone bracketed after the time
 * ("2026年12月7日23:35（GMT+0）"): Intl puts it between the date and the time ("2026年12月7日 GMT+0
 * 23:35", "验证码在2026年12月7日 GMT+0 23:35前有效"), spaced as no Chinese sentence is.
 */
function zoneAfter(format: Intl.DateTimeFormat, instant: Date, locale: Locale): string {
  if (locale !== 'zh-CN') return format.format(instant);
  const parts = format.formatToParts(instant);
  const zone = parts.find((part) => part.type === 'timeZoneName')?.value;
  const rest = parts.filter((part) => part.type !== 'timeZoneName').map((part) => (part.type === 'literal' ? part.value.trim() : part.value)).join('');
  return zone ? `${rest}${parenthetical(zone, locale)}` : rest;
}

function dateFormat(locale: Locale, withTime: boolean): Intl.DateTimeFormat {
  const tag = tagOf(locale);
  return cached(`date ${tag} ${withTime}`, () =>
    new Intl.DateTimeFormat(
      tag,
      // dateStyle cannot be combined with timeZoneName: its medium style, spelled out.
      withTime ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'shortOffset' } : { dateStyle: 'medium' },
    ),
  );
}

/** The time of day alone ("4:20 PM GMT+8", "16:20（GMT+8）"), for a table that puts it under formatDate's day. */
export function formatTime(iso: string, locale: Locale): string {
  return zoneAfter(timeFormat(locale), new Date(iso), locale);
}

/**
 * The reader's time zone as formatTime names it after a time ("GMT+8", "GMT+1"), at `at` (the
 * offset may change with summer time): for a line saying which clock a screen counts days on.
 */
export function formatZone(locale: Locale, at = new Date()): string {
  return timeFormat(locale).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

function timeFormat(locale: Locale): Intl.DateTimeFormat {
  const tag = tagOf(locale);
  return cached(`time ${tag}`, () => new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit', timeZoneName: 'shortOffset' }));
}

/**
 * A calendar day, or with `unit` 'month' a month ("Jan 2026"), as the product counts them: in
 * UTC whatever the reader's zone (an analytics period, the month points expire in), where
 * formatDate shows an instant on the reader's clock.
 */
export function formatCalendar(iso: string, locale: Locale, unit: CalendarUnit = 'day'): string {
  return calendarFormat(locale, unit).format(new Date(iso));
}

/**
 * How much of a date is written: the day ("Mar 4, 2026"), the month ("Mar 2026"), the year alone,
 * or, for a chart's axis whose caption says the year once, the day or month without it ("Mar 4",
 * "9月", "sept").
 */
export type CalendarUnit = 'day' | 'month' | 'year' | 'day-of-year' | 'month-of-year';

const calendarOptions: Record<CalendarUnit, Intl.DateTimeFormatOptions> = {
  day: { dateStyle: 'medium' },
  month: { year: 'numeric', month: 'short' },
  year: { year: 'numeric' },
  'day-of-year': { month: 'short', day: 'numeric' },
  'month-of-year': { month: 'short' },
};

function calendarFormat(locale: Locale, unit: CalendarUnit): Intl.DateTimeFormat {
  const tag = tagOf(locale);
  return cached(`calendar ${tag} ${unit}`, () => new Intl.DateTimeFormat(tag, { ...calendarOptions[unit], timeZone: 'UTC' }));
}

/**
 * The days (or months) from `iso` to `last`, both included, shortened as the locale writes a
 * range ("Jan 15 – 31, 2026", "15–31 ene 2026", "2026年1月1日至3月31日"), in the two pieces a
 * line may break between and nowhere else: the first date, then the word or dash joining them
 * with the last ("Jan 15", " – 31, 2026"). A label broken anywhere else left "至" or "–" at a
 * line's end, or split a date ("2026年 / 12月1日至 / 6日"). Joined, the range as Intl writes it.
 */
export function calendarRange(iso: string, last: string, locale: Locale, unit: CalendarUnit = 'day'): [string, string] {
  return rangePieces(calendarFormat(locale, unit), iso, last, locale);
}

/**
 * The days from `iso` to `last` on the reader's clock, as formatDate writes each, shortened as
 * calendarRange's are: what they share said once ("Aug 23 – 31, 2027", "23–31 ago 2027",
 * "2027年8月23日至31日"), not twice ("between Aug 23, 2027 and Aug 31, 2027"). One day: ['…', ''].
 */
export function dateRange(iso: string, last: string, locale: Locale): [string, string] {
  return rangePieces(dateFormat(locale, false), iso, last, locale);
}

/**
 * A range's two pieces (dateRange, calendarRange) as words for a sentence saying "between": the
 * dash or 至 joining them given as `and` ("Dec 4 and 6, 2027", "4 y el 6 dic 2027",
 * "2027年12月4日至6日"). "On Dec 4 – 6" read as one odd day, and Spanish's "en los días 4–6"
 * broke before the dash. One day (`rest` empty): that day.
 */
export function rangeInWords([first, rest]: readonly [string, string], and: string): string {
  return rest ? `${first}${and}${rest.replace(/^\s*(?:[–—-]|至)\s*/u, '')}` : first;
}

function rangePieces(format: Intl.DateTimeFormat, iso: string, last: string, locale: Locale): [string, string] {
  const [first, end] = [new Date(iso), new Date(last)];
  if (locale === 'zh-CN') return chineseRange(format, first, end);
  const parts = format.formatRangeToParts(first, end);
  // After the first date's last own part (shared parts, the month of "Jan 15 – 31", may lead).
  const split = parts.findLastIndex((part) => part.source === 'startRange') + 1;
  if (split === 0) return [parts.map((part) => part.value).join(''), ''];
  return [parts.slice(0, split).map((part) => part.value).join(''), parts.slice(split).map((part) => part.value).join('')];
}

/**
 * A range of days or months in Chinese as CLDR writes it ("2026年9月8日至30日", "2026年9月至12月"):
 * the first whole, then the last from its first part that differs. V8's formatRange writes a
 * Chinese range in figures whatever the options ("2026/9/8 – 2026/9/30"), which beside the
 * same formatter's "2026年10月" read as two ways of writing dates on one chart.
 */
function chineseRange(format: Intl.DateTimeFormat, first: Date, last: Date): [string, string] {
  const from = format.formatToParts(first);
  const to = format.formatToParts(last);
  const shared = to.findIndex((part, i) => part.value !== from[i]?.value);
  if (shared === -1) return [format.format(first), ''];
  return [format.format(first), `至${to.slice(shared).map((part) => part.value).join('')}`];
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
