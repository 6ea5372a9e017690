/**
 * Numbers as people write them, read into plain text the forms' rules check ("1234.5": digits,
 * a "." before decimals, a "-" in front when negative). Staff and buyers type numbers the way their
 * page's language writes them in their region ("1.234,50" in Spanish, "1,234.50" in English,
 * Chinese and the Spanish of Mexico: format.ts's tagOf) and the pages print them so; a CSV file
 * comes from anywhere, so it is read by each value's own shape.
 */
import { tagOf } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';

const escape = (symbol: string) => symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How the reader's region writes the locale's numbers, as Intl does: its group and decimal symbols
 * (a space for Intl's no-break ones, "'" for a typographic apostrophe, as signed() reads what is
 * typed) and its groups' sizes, the last before the decimals and those before it ("1,23,45,67,890"
 * in India: 3 and 2).
 */
function symbols(locale: Locale): { group: string; decimal: string; last: number; others: number } {
  const parts = new Intl.NumberFormat(tagOf(locale)).formatToParts(1234567890.5);
  const integers = parts.filter((part) => part.type === 'integer');
  return {
    group: parts.find((part) => part.type === 'group')!.value.normalize('NFKC').replace(/\s/g, ' ').replace(/[\u2019\u02bc]/g, "'"),
    decimal: parts.find((part) => part.type === 'decimal')!.value,
    last: integers.at(-1)!.value.length,
    others: integers.at(-2)!.value.length,
  };
}

/** The locale's decimal symbol as the reader's region writes it ("," in Spain, "." in Mexico). */
export const decimalSymbol = (locale: Locale) => symbols(locale).decimal;

/** Digits grouped by `group`: `others` at a time, then the `last` group ("1,00,000": 2, then 3). */
const groupedBy = (group: string, others: number, last: number) => `[1-9]\\d{0,${others - 1}}(?:${escape(group)}\\d{${others}})*${escape(group)}\\d{${last}}`;

/**
 * Spaces (Intl's own are no-break ones) and a leading sign, set apart from the digits; full-width
 * digits and signs, as a Chinese input method types them ("１２．５"), read as their plain forms, and
 * the typographic apostrophes a phone's smart punctuation puts for the Swiss one ("1’500", "1ʼ500") as "'".
 */
function signed(text: string): { sign: '' | '-'; digits: string } {
  const trimmed = text.normalize('NFKC').replace(/[\s\u00a0\u202f]+/g, ' ').replace(/[\u2019\u02bc]/g, "'").trim();
  const match = /^([-+\u2212]?)\s*(.*)$/.exec(trimmed)!;
  return { sign: match[1] === '-' || match[1] === '\u2212' ? '-' : '', digits: match[2]! };
}

/**
 * A number typed in the page's language `locale`, as plain text ("1.234,5" in es → "1234.5"), or
 * null when it is not a number. Besides the region's own way (grouped or not, and in threes where
 * the region groups otherwise: "123,456" in India), one "." or "," with no grouping is a decimal
 * point where it cannot be the region's grouping: "1234.50" and "25,50" read the same everywhere,
 * while "1.500" is 1500 in Spain and 1.5 in Mexico (twoWays says which such texts a field should
 * ask about). A region that groups with a space or an apostrophe also reads the "." or "," its
 * decimal symbol is not as a group ("1.234,50" in Costa Rica, "1,234.50" in Switzerland), and so
 * also alone before three digits: "1.500" is 1500 in Costa Rica, "1,500" in Switzerland, as
 * "1.500,00" and "1,500.00" are there (typists group with the mark when they do not with a space;
 * read as a decimal, "1.500" was 1.5 beside "1.500,00" as 1500).
 */
export function readTyped(text: string, locale: Locale): string | null {
  const { sign, digits } = signed(text);
  const { group, decimal, last, others } = symbols(locale);
  const number = (groups: string, mark: string) => new RegExp(`^(${groups}|\\d+)(?:${escape(mark)}(\\d+))?$`);
  const own = number([...new Set([others, 3])].map((size) => groupedBy(group, size, last)).join('|'), decimal).exec(digits);
  const punctuation = decimal === ',' ? '.' : ',';
  const plain = own ?? number(groupedBy(punctuation, 3, 3), decimal).exec(digits) ?? /^(\d+)(?:[.,](\d+))?$/.exec(digits);
  if (!plain) return null;
  return sign + plain[1]!.replaceAll(group, '').replaceAll(punctuation, '') + (plain[2] === undefined ? '' : `.${plain[2]}`);
}

/**
 * A typed number that regions writing the same language read a thousand times apart: one "." or
 * "," before exactly three digits, after one to three others ("1.000" is 1000 in Spain and 1 in
 * Mexico, "1,000" the other way round; a group starts with a digit other than 0, so "0,125" is a
 * decimal). Answered with the whole number it would be and the decimal written with four decimals,
 * which no group has, for a field allowing more than two decimals to ask which one is meant (as a
 * CSV file's value is asked about); with two at most, the decimal reading is refused anyway.
 */
export function twoWays(text: string): { whole: string; decimal: string } | null {
  const { sign, digits } = signed(text);
  if (!/^[1-9]\d{0,2}[.,]\d{3}$/.test(digits)) return null;
  return { whole: sign + digits.replace(/[.,]/, ''), decimal: `${sign}${digits.replace(/[.,]/, '.')}0` };
}

/**
 * `value` as a field shows it for editing in `locale`: its decimal symbol and no grouping, which
 * readTyped reads back as written ("1,125" in Spanish; "1.125" there would be 1125). `amount`: money, cents
 * shown to two digits. `digits`: at least so many decimals ("1,0000", which no region reads as a thousand).
 */
export function typedText(value: number, locale: Locale, amount = false, digits = 0): string {
  // An amount with cents shows both digits, as a price is written ("1234,50", not "1234,5").
  const cents = amount && !Number.isInteger(value) ? 2 : digits;
  return new Intl.NumberFormat(tagOf(locale), { useGrouping: false, minimumFractionDigits: cents, maximumFractionDigits: 20 }).format(value);
}

/** A CSV value read: plain text, a number that can be read two ways, or no number. */
export type FileNumber = { value: string } | { ambiguous: true; whole: string; decimal: string } | null;

/**
 * A number from a CSV file, whatever its writer's language: "1234.50", "1234,50", "1,234.50" and
 * "1.234,50" are all 1234.5. One separator before exactly three digits after one to three others
 * ("1,234", "1.234") is a thousands group in some languages and a decimal point in others:
 * ambiguous, answered with the whole number it would be and the decimal written with four decimals,
 * which no thousands group has, so that the one meant can be written so that it reads one way.
 */
export function readFileNumber(text: string): FileNumber {
  const { sign, digits } = signed(text);
  if (/^\d+$/.test(digits)) return { value: sign + digits };
  const either = twoWays(text);
  if (either) return { ambiguous: true, ...either };
  const one = /^(\d+)[.,](\d+)$/.exec(digits);
  if (one) return { value: `${sign}${one[1]}.${one[2]}` };
  // Grouped: the same separator between groups of three, then the other one before decimals.
  const grouped = /^([1-9]\d{0,2}([.,])\d{3}(?:\2\d{3})*)(?:([.,])(\d+))?$/.exec(digits);
  if (!grouped || grouped[3] === grouped[2]) return null;
  return { value: sign + grouped[1]!.replaceAll(grouped[2]!, '') + (grouped[4] === undefined ? '' : `.${grouped[4]}`) };
}
