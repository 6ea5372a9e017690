/**
 * What an editor says once it has read again a record someone else changed since its form was
 * filled (its save refused): its own sentence that it was reloaded, then the fields someone else
 * changed that the form now shows as they saved them, and those the reader changed too, which keep
 * what was typed; each by its label on the form, isolated as a list's items are (formatList) and
 * kept whole (in Chinese “网站” broke between its two characters on a phone). It takes the keyboard
 * as it appears: the form changed under it. The console's editors (ui/RereadNote.tsx) and My
 * membership's company card, each in its own catalogue's words.
 */
import { useEffect, useRef } from 'preact/hooks';
import { formatListParts, interpolateParts, isolate, sentenceGap } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import type { FieldChanges } from '../lib/read-again.ts';

/** The catalogue's sentences after `reloaded` (`{fields}`: the list of labels) and a label as quoted. */
export interface RereadWords {
  taken: string;
  kept: string;
  quoted: (label: string) => string;
}

interface RereadNoteProps<Field extends string> {
  /** "Product reloaded.": the editor's own. */
  reloaded: string;
  /** Null until the record is read again. */
  changes: FieldChanges<Field> | null;
  /** A field's label on the form. */
  label: (field: Field) => string;
  words: RereadWords;
  locale: Locale;
}

export function RereadNote<Field extends string>({ reloaded, changes, label, words, locale }: RereadNoteProps<Field>) {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => note.current?.focus(), [changes]);
  if (!changes) return null;
  const said = (sentence: string, fields: Field[]) =>
    fields.length > 0 && [sentenceGap(locale), ...interpolateParts(sentence, {
      fields: formatListParts(fields.map((field) => words.quoted(label(field))), locale, (name) => <span class="nowrap">{isolate(name)}</span>),
    })];
  return (
    <p ref={note} class="notice" role="status" tabIndex={-1}>
      {reloaded}
      {said(words.taken, changes.taken)}
      {said(words.kept, changes.kept)}
    </p>
  );
}
