/**
 * The operations screens' (samples, members, orders import, coupons, inquiries) translator, plus
 * `msg`: a form error is either a key of the `operations` section (from the screens' zod
 * schemas) or the API's own sentence, shown as it comes; `company`: a company's name as staff
 * read it; `staffMember`: a member of staff as their colleagues read them.
 */
import { h, type ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { operations } from '../../i18n/operations/en.ts';
import { formatDate, interpolateParts } from '../../i18n/format.ts';
import type { StaffRow } from '../../lib/console/staff.ts';
import { typedText } from '../../lib/numbers.ts';
import { emailAddress } from '../email-address.tsx';
import { useConsoleText } from './console-text.ts';

export type OpsKey = keyof typeof operations;

export function useOpsText() {
  const { locale, t } = useConsoleText('operations');
  return useMemo(() => {
    // The figures the rules name, in the reader's region: an example as a field shows one (typedText, no
    // grouping: "1.234,50" was refused in Mexico, "1,234.50" in an English page in Germany), limits
    // as the console writes figures (numbers are formatted by useConsoleText's t).
    const figures = { example: typedText(1234.5, locale, true), rate: typedText(1.08, locale), maxAmount: 999_999_999_999.99, maxPoints: 100_000_000 };
    const msg = (message: string | null | undefined, values?: Record<string, string | number>): string | null =>
      message ? (message in operations ? t(message as OpsKey, { ...figures, ...values }) : message) : null;
    // A missing date is a dash in the screens' tables.
    const date = (iso: string | null | undefined) => (iso ? formatDate(iso, locale) : '—');
    const dateTime = (iso: string | null | undefined) => (iso ? formatDate(iso, locale, true) : '—');
    // A product by name and SKU, in the language's brackets (full-width in Chinese); the SKU kept
    // on one line, as a narrow table broke "LF-KC-13X4-22" at each hyphen.
    const product = (item: { name: string | null; sku: string } | null | undefined): ComponentChildren => {
      if (!item) return '—';
      return interpolateParts(t('productWithSku'), { name: item.name ?? '', sku: h('span', { class: 'nowrap', key: 'sku' }, item.sku) });
    };
    // A company whose last contact left keeps 'Former member' as its stored name, in English: it
    // is named from left_at in the reader's language.
    const company = (member: { company_name: string; left_at: string | null } | null | undefined): string =>
      !member ? '' : member.left_at ? t('formerMember') : member.company_name;
    // Who did something (marked a reward sent, sent an answer): "you", a colleague's e-mail, or a
    // login removed from the store since.
    const staffMember = (staff: readonly StaffRow[], userId: string | null): ComponentChildren => {
      const who = staff.find((person) => person.user_id === userId);
      return who ? (who.is_me ? t('markedByYou') : emailAddress('by', who.email)) : t('markedByFormerStaff');
    };
    return { locale, t, msg, date, dateTime, product, company, staffMember };
  }, [locale, t]);
}
