/**
 * What a console editor says once it has read again a record someone else changed since its form
 * was filled (its save refused, lib/console/changed-since.ts): the shared note (reread-note.tsx)
 * in the console's words.
 */
import type { ComponentProps } from 'preact';
import { RereadNote as Note } from '../../reread-note.tsx';
import { useConsoleText } from '../console-text.ts';

type Props<Field extends string> = Omit<ComponentProps<typeof Note<Field>>, 'words' | 'locale'>;

export function RereadNote<Field extends string>(props: Props<Field>) {
  const { t, locale } = useConsoleText('staff');
  return <Note {...props} locale={locale} words={{ taken: t('rereadTaken'), kept: t('rereadKept'), quoted: (field) => t('fieldQuoted', { field }) }} />;
}
