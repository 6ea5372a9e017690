/**
 * What a console editor says once it has read again a record someone else changed since its form
 * was filled (its save refused, lib/console/changed-since.ts): the editor's own sentence that it
 * was reloaded, then the fields someone else changed that the form now shows as they saved them,
 * and those staff changed too, which keep what was typed; each by its label on the form. It takes
 * the keyboard when it appears: the form changed under it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { formatList, joinSentences } from '../../../i18n/format.ts';
import type { FieldChanges } from '../../../lib/read-again.ts';
import { useConsoleText } from '../console-text.ts';

interface RereadNoteProps<Field extends string> {
  /** "Product reloaded.": the editor's own. */
  reloaded: string;
  /** Null until the record is read again. */
  changes: FieldChanges<Field> | null;
  /** A field's label on the form. */
  label: (field: Field) => string;
}

export function RereadNote<Field extends string>({ reloaded, changes, label }: RereadNoteProps<Field>) {
  const { t, locale } = useConsoleText('staff');
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => note.current?.focus(), [changes]);
  if (!changes) return null;
  const names = (fields: Field[]) => formatList(fields.map((field) => t('fieldQuoted', { field: label(field) })), locale);
  return (
    <p ref={note} class="notice" role="status" tabIndex={-1}>
      {joinSentences([
        reloaded,
        changes.taken.length > 0 && t('rereadTaken', { fields: names(changes.taken) }),
        changes.kept.length > 0 && t('rereadKept', { fields: names(changes.kept) }),
      ], locale)}
    </p>
  );
}
