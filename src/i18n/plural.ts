/**
 * Plural forms of catalogue strings. A string whose words change with a count has two keys: `key`,
 * the general form ("{count} more paid orders"), and `keyOne`, the form for one ("{count} more
 * paid order"); the reader's language's own rules (Intl.PluralRules) choose between them. Chinese
 * has no form for one, so its `…One` strings are the general ones. A category the catalogues do
 * not carry (Spanish "many", for a million) takes the general form.
 */
import type { Locale } from './locales.ts';

const rules = new Map<Locale, Intl.PluralRules>();

/**
 * `key`, or `${key}One` where `count` takes the singular in `locale`. `countUnsaid`: the form for
 * one names no number ("every day", "cada día", 每天, where the general form would say "每1天"), so
 * it is exactly 1's in every language, Chinese too.
 */
export function pluralKey<Key extends string>(key: Key, count: number, locale: Locale, countUnsaid = false): Key | `${Key}One` {
  if (countUnsaid) return count === 1 ? `${key}One` : key;
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return rule.select(count) === 'one' ? `${key}One` : key;
}
