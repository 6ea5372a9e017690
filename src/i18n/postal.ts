/**
 * A ship-to address written as its destination country writes one, for staff to copy onto a label
 * and for the buyer to check before sending: "10117 Berlin", "New York, NY 10001", a British
 * postcode on a line of its own, a Chinese address from the province down. The portal's and the
 * console's; the widget's panel does not carry it (its reviews are in the frame).
 */
import { regionName } from './format.ts';
import type { Locale } from './locales.ts';

/** A sample's ship-to address as claim_sample keeps it: any field may be absent (a leaver's keeps only the country). */
export type PostalAddress = Partial<Record<'name' | 'company' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country' | 'phone', string | undefined>>;

/**
 * Patterns: `{field}` stands for the address's field, `\n` starts a line; the text between two
 * fields is written only when both are, a line with none is left out, and a field a pattern has no
 * place for is one the country's post does not use (a German Land, a French région, a postcode in
 * Hong Kong, which has none). From Google's address data (libaddressinput's `fmt` and `lfmt`, which
 * Chrome and Android fill addresses by), less the district, which the form does not ask for.
 *
 * The lines under the street, in the order buyers' own countries write them in Latin letters, below
 * the recipient, the company and the street (every country's order for mail from abroad).
 */
const townLines: Record<string, string> = {
  US: '{city}, {region} {postal}', // New York, NY 10001
  CA: '{city} {region} {postal}', // Toronto ON M5V 2T6
  MX: '{postal} {city}, {region}', // 06600 Ciudad de México, CDMX
  BR: '{city}-{region}\n{postal}', // São Paulo-SP / 01310-100
  GB: '{city}\n{postal}', // London / SW1A 1AA
  DE: '{postal} {city}',
  FR: '{postal} {city}',
  NL: '{postal} {city}', // 1012 JS Amsterdam
  PL: '{postal} {city}',
  ES: '{postal} {city} {region}', // 08001 Barcelona Barcelona: the province after the town
  IT: '{postal} {city} {region}', // 00144 Roma RM
  TR: '{postal} {city}/{region}', // 34710 Kadıköy/İstanbul
  RU: '{city}\n{region}\n{postal}',
  AE: '{city}\n{region}', // no postcodes: the emirate
  SA: '{city} {postal}',
  IN: '{city} {postal}\n{region}', // Mumbai 400001 / Maharashtra
  CN: '{city}\n{region}, {postal}', // Shenzhen / Guangdong, 518000
  HK: '{city}\n{region}', // no postcodes: the district, then Kowloon, Hong Kong Island…
  TW: '{city}, {region} {postal}',
  JP: '{city}, {region}\n{postal}', // Chiyoda-ku, Tokyo / 100-0001
  KR: '{city}\n{region}\n{postal}',
  VN: '{city}\n{region} {postal}',
  TH: '{city}\n{region} {postal}',
  ID: '{city}\n{region} {postal}',
  MY: '{postal} {city}\n{region}', // 50450 Kuala Lumpur / Wilayah Persekutuan
  SG: '{city} {postal}', // Singapore 018956
  PH: '{city}\n{postal} {region}', // Makati / 1226 Metro Manila
  AU: '{city} {region} {postal}', // Sydney NSW 2000
  ZA: '{city}\n{postal}',
  NG: '{city} {postal}\n{region}', // Ikeja 100001 / Lagos
};

/** Elsewhere the most common order of the world's posts, the postcode before the town; a region under them. */
const otherTownLines = '{postal} {city}\n{region}';

/**
 * The countries that write an address in their own script from the largest unit down to the
 * recipient, used when it is so written (in Chinese characters, kana or Hangul): the whole address.
 */
const largestFirst: Record<string, string> = {
  CN: '{postal}\n{region}{city}\n{street}\n{company}\n{name}', // 518000 / 广东省深圳市 / 南山区科技园路1号 / …
  TW: '{postal}\n{region}{city}\n{street}\n{company}\n{name}',
  HK: '{region}\n{city}\n{street}\n{company}\n{name}',
  JP: '〒{postal}\n{region}{city}\n{street}\n{company}\n{name}', // 〒100-0001 / 東京都千代田区 / …
  KR: '{region} {city}\n{street}\n{company}\n{name}\n{postal}',
};

const ownScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** `pattern`'s lines with `values` in them (see townLines); the street may be two lines. */
function fill(pattern: string, values: Record<string, string | undefined>): string[] {
  return pattern.split('\n').flatMap((line) => {
    // [text, field, text, field, …, text]
    const parts = line.split(/\{(\w+)\}/);
    let written = '';
    for (let i = 1; i < parts.length; i += 2) {
      const value = values[parts[i]!];
      if (!value) continue;
      // The text before the line's first field ("〒") goes with that field alone.
      if (written || i === 1) written += parts[i - 1];
      written += value;
    }
    return written ? written.split('\n') : [];
  });
}

/**
 * An address a line each in the order its country's labels print them (townLines, largestFirst),
 * then the country by name in the reader's language, last as mail from abroad names it, then the
 * phone the courier calls.
 */
export function postalLines(address: PostalAddress, locale: Locale): string[] {
  const { name, company, line1, line2, city, region, postal_code: postal, country, phone } = address;
  const values = { name, company, street: [line1, line2].filter(Boolean).join('\n'), city, region, postal };
  const code = country?.toUpperCase() ?? '';
  const own = largestFirst[code];
  const lines = own && ownScript.test(`${line1 ?? ''}${city ?? ''}${region ?? ''}`)
    ? fill(own, values)
    : fill(`{name}\n{company}\n{street}\n${townLines[code] ?? otherTownLines}`, values);
  return [...lines, country ? regionName(country, locale) : '', phone ?? ''].filter(Boolean);
}

/**
 * Where an address goes in a few words, for a list that opens to the whole of it (the samples
 * queue): its town, or for one written largest first in its own script the region and town as
 * postalLines writes them ("广东省广州市"), and its country in the reader's language, in the order
 * the reader names a place: "Berlin, Germany", "Berlín, Alemania", in Chinese the country first,
 * "德国 Berlin", "中国广东省广州市" (", " between them read as English there).
 */
export function postalPlace(address: PostalAddress, locale: Locale): string {
  const { line1, city, region, country } = address;
  const own = largestFirst[country?.toUpperCase() ?? ''];
  const town = own && ownScript.test(`${line1 ?? ''}${city ?? ''}${region ?? ''}`)
    ? fill(own.split('\n').filter((line) => /\{(region|city)\}/.test(line)).join('\n'), { city, region }).join(' ')
    : city ?? '';
  const named = country ? regionName(country, locale) : '';
  if (!town || !named) return town || named;
  if (locale !== 'zh-CN') return `${town}, ${named}`;
  // Run together only in Chinese characters, as Chinese writes them; a space before Latin letters or Hangul.
  return /^\p{Script=Han}/u.test(town) ? `${named}${town}` : `${named} ${town}`;
}
