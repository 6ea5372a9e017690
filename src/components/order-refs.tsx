/**
 * Order references listed in the reader's language ("A, B, and C", "A、B和C"), as a tier move
 * names the orders it followed. Each is kept on one line ("LUM-2026-" / "0234" broke at a phone's
 * edge) and isolated (<bdi>, as formatList's isolate() for text): direction controls in a
 * merchant's reference cannot reorder the line. The list breaks between them: Chromium finds no
 * break between a joining word without a space ("、", "和") and a reference kept whole, so a
 * Chinese list of three ran past a 360 px row as one line; <wbr> gives it one there.
 */
import type { ComponentChildren } from 'preact';
import { formatListParts } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';

export function orderRefList(refs: readonly string[], locale: Locale): ComponentChildren {
  return formatListParts(refs, locale, (ref) => <bdi key={ref} class="nowrap">{ref}</bdi>)
    .flatMap((part, index) => (typeof part === 'string' && !/\s$/.test(part) ? [part, <wbr key={`wbr${index}`} />] : [part]));
}
