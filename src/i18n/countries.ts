/** ISO 3166-1 alpha-2 codes, shown by name in the reader's language through Intl.DisplayNames. */
import { regionName } from './format.ts';
import type { Locale } from './locales.ts';

const codes = (
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG ' +
  'CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH ' +
  'GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY ' +
  'KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG ' +
  'NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM SN ' +
  'SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ' +
  'ZA ZM ZW'
).split(' ');

const lists = new Map<Locale, { code: string; name: string }[]>();

/**
 * Every country as `{code, name}`, sorted by name in `locale`: the join card's, the member forms'
 * and the console's lists. Built once per language (some 250 names looked up and sorted).
 */
export function countryOptions(locale: Locale): { code: string; name: string }[] {
  let list = lists.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = codes.map((code) => ({ code, name: regionName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
    lists.set(locale, list);
  }
  return list;
}

/**
 * The countries the reader's languages name ("zh-CN" → CN, "es-MX" → MX), first in a list to pick
 * from: 中国 sorts last of some 250 names in Chinese. Offered, not chosen: an "en-US" browser is
 * everywhere. A language without a country names none.
 */
export function countriesFirst(locale: Locale, languages: readonly string[]): { code: string; name: string }[] {
  const first = [...new Set(languages.flatMap((tag) => {
    try {
      const region = new Intl.Locale(tag).region;
      return region && codes.includes(region) ? [region] : [];
    } catch {
      return [];
    }
  }))];
  const list = countryOptions(locale);
  return [...first.map((code) => list.find((country) => country.code === code)!), ...list.filter((country) => !first.includes(country.code))];
}
