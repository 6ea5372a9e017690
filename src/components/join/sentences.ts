/**
 * Text put together from separate strings in the reader's language: sentences one after another
 * ("…降为高级会员。如需保级…") and a word followed by a bracketed note ("职位（可选）"). English and
 * Spanish put a space between them; Chinese none, as its full-width punctuation carries its own
 * spacing. (It would sit in src/i18n/format.ts, which this change does not touch.)
 */
import type { Locale } from '../../i18n/locales.ts';

/** The space between two sentences, or before a bracketed note: none in Chinese. */
export function sentenceGap(locale: Locale): string {
  return locale === 'zh-CN' ? '' : ' ';
}

/** `parts` (the empty ones left out) as one run of text in `locale`. */
export function joinSentences(parts: readonly (string | null | undefined | false)[], locale: Locale): string {
  return parts.filter((part): part is string => Boolean(part)).join(sentenceGap(locale));
}
