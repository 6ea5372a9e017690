/**
 * The operations screens' (samples, members, orders import, coupons, inquiries) translator, plus
 * `msg`: a form error is either a key of the `operations` section (from the screens' zod
 * schemas) or the API's own sentence, shown as it comes.
 */
import { useMemo } from 'preact/hooks';
import { operations } from '../../i18n/operations/en.ts';
import type { Locale } from '../../i18n/locales.ts';
import { useSectionText } from '../use-text.ts';

export type OpsKey = keyof typeof operations;

export function useOpsText() {
  const { locale, t } = useSectionText('operations');
  return useMemo(() => {
    const msg = (message: string | null | undefined, values?: Record<string, string | number>): string | null =>
      message ? (message in operations ? t(message as OpsKey, values) : message) : null;
    return { locale, t, msg, date: dateFormatter(locale, false), dateTime: dateFormatter(locale, true) };
  }, [locale, t]);
}

function dateFormatter(locale: Locale, withTime: boolean) {
  const format = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  return (iso: string | null | undefined) => (iso ? format.format(new Date(iso)) : '—');
}
