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

/** The locale's group and decimal symbols in the reader's region, as Intl writes them. */
function symbols(locale: Locale): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(tagOf(locale)).formatToParts(1234567.5);
  return { group: parts.find((part) => part.type === 'group')!.value, decimal: parts.find((part) => part.type === 'decimal')!.value };
}

/**
 * Spaces (Intl's own are no-break ones) and a leading sign, set apart from the digits; full-width
 * digits and signs, as a Chinese input method types them ("１２．５"), read as their plain forms.
 */
function signed(text: string): { sign: '' | '-'; digits: string } {
  const trimmed = text.normalize('NFKC').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const match = /^([-+\u2212]?)\s*(.*)$/.exec(trimmed)!;
  return { sign: match[1] === '-' || match[1] === '\u2212' ? '-' : '', digits: match[2]! };
}

/**
 * A number typed in the page's language `locale`, as plain text ("1.234,5" in es → "1234.5"), or
 * null when it is not a number. Besides the locale's own way (grouped or not), one "." or "," with
 * no grouping is a decimal point where it cannot be the locale's grouping: "1234.50" and "25,50"
 * read the same in every language, while "1.500" is 1500 in Spanish and 1.5 in English.
 */
export function readTyped(text: string, locale: Locale): string | null {
  const { sign, digits } = signed(text);
  const { group, decimal } = symbols(locale);
  const own = new RegExp(`^([1-9]\\d{0,2}(?:${escape(group)}\\d{3})+|\\d+)(?:${escape(decimal)}(\\d+))?$`).exec(digits);
  const plain = own ?? /^(\d+)(?:[.,](\d+))?$/.exec(digits);
  if (!plain) return null;
  return sign + plain[1]!.replaceAll(group, '') + (plain[2] === undefined ? '' : `.${plain[2]}`);
}

/**
 * `value` as a field shows it for editing in `locale`: its decimal symbol and no grouping, which
 * readTyped reads back as written ("1,125" in Spanish; "1.125" there would be 1125). `amount`: money, cents
 * shown to two digits.
 */
export function typedText(value: number, locale: Locale, amount = false): string {
  // An amount with cents shows both digits, as a price is written ("1234,50", not "1234,5").
  const cents = amount && !Number.isInteger(value) ? 2 : 0;
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
  // A group starts with a digit other than 0: "0,125" is a decimal.
  if (/^[1-9]\d{0,2}[.,]\d{3}$/.test(digits)) return { ambiguous: true, whole: sign + digits.replace(/[.,]/, ''), decimal: `${sign}${digits.replace(/[.,]/, '.')}0` };
  const one = /^(\d+)[.,](\d+)$/.exec(digits);
  if (one) return { value: `${sign}${one[1]}.${one[2]}` };
  // Grouped: the same separator between groups of three, then the other one before decimals.
  const grouped = /^([1-9]\d{0,2}([.,])\d{3}(?:\2\d{3})*)(?:([.,])(\d+))?$/.exec(digits);
  if (!grouped || grouped[3] === grouped[2]) return null;
  return { value: sign + grouped[1]!.replaceAll(grouped[2]!, '') + (grouped[4] === undefined ? '' : `.${grouped[4]}`) };
}
