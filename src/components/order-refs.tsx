/**
 * Order references listed in the reader's language ("A, B, and C", "A、B和C"), as a tier move
 * names the orders it followed. Each is kept on one line ("LUM-2026-" / "0234" broke at a phone's
 * edge) and isolated (<bdi>, as formatList's isolate() for text): direction controls in a
 * merchant's reference cannot reorder the line. The list breaks between them: Chromium finds no
 * break between a joining word without a space ("、", "和") and a reference kept whole, so a
 * Chinese list of three ran past a 360 px row as one line; <wbr> gives it one there.
 *
 * A long list names the first few and ends in a button counting the rest ("A, B, C, and 30 more
 * orders", namedRefs), which shows them all in its place; the keyboard goes to the whole list.
 * The button is one piece with the joining word before it ("and 30 more orders", "和另外30个订单"):
 * at a phone's edge the button sat alone on a line, or its count broke from its words.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState, useEffect } from 'preact/hooks';
import { formatListParts } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { namedRefs } from '../lib/order-changes.ts';

export function OrderRefList({ refs, locale, more }: {
  refs: readonly string[];
  locale: Locale;
  /** The button's words for `count` orders not named ("30 more orders"), in the caller's catalogue, plural by count. */
  more: (count: number) => string;
}) {
  const [whole, setWhole] = useState(false);
  const list = useRef<HTMLSpanElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (whole && opened.current) list.current?.focus();
  }, [whole]);
  const { named, more: hidden } = whole ? { named: [...refs], more: 0 } : namedRefs(refs);
  // The count goes where the list's last item would, so "and" and its commas are the language's own.
  const counted = '\u0000more';
  const items = hidden > 0 ? [...named, counted] : named;
  const parts = formatListParts(items, locale, (ref): ComponentChildren =>
    ref === counted ? (
      <button key="more" type="button" class="link-button in-sentence" onClick={() => { opened.current = true; setWhole(true); }}>
        {more(hidden)}
      </button>
    ) : (
      <bdi key={ref} class="nowrap">{ref}</bdi>
    ),
  );
  if (hidden > 0) {
    const button = parts.pop();
    // The joining text's last word (", and " → "and ", " y " → "y ", "和" whole) goes with the button.
    const [, lead, word] = /^(.*?)(\S*\s*)$/s.exec(String(parts.pop()))!;
    parts.push(lead, <span key="more" class="nowrap">{word}{button}</span>);
  }
  const broken = parts.flatMap((part, index) => (typeof part === 'string' && !/\s$/.test(part) ? [part, <wbr key={`wbr${index}`} />] : [part]));
  return <span ref={list} tabIndex={whole ? -1 : undefined}>{broken}</span>;
}
