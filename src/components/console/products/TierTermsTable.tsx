/**
 * What each tier's members get on the product being edited — member price, prepayment, MOQ, free
 * samples, and whether they see it — worked out from its fields as typed (tier-terms.ts), so that
 * staff setting a price or an exclusive visibility see its effect on every tier before saving.
 * Read-only: each tier's rights are edited on the tiers screen.
 */
import { formatMoney, formatNumber, formatPercent } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { TierRow } from '../../../lib/console/tiers.ts';
import { useConsoleText } from '../console-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { tierTerms, type ProductDraft, type TierTerms } from './tier-terms.ts';

/** A field not yet a valid amount, count or currency (the field says why once left; the hint says so). */
const notYet = '—';

export function TierTermsTable({ draft, tiers, samplePeriodDays }: { draft: ProductDraft & { currency: string | null }; tiers: readonly TierRow[]; samplePeriodDays: number }) {
  const { t, locale } = useConsoleText('staff');
  const { currency } = draft;
  return (
    <div>
      <DataTable<TierTerms>
        caption={t('tierTermsCaption')}
        rows={tierTerms(draft, tiers)}
        rowKey={(terms) => terms.tier.id}
        empty={t('tierTermsNone')}
        columns={[
          { key: 'tier', header: t('colTier'), primary: true, cell: ({ tier }) => <span lang={tier.text_langs?.name ?? undefined}>{tier.name_local}</span> },
          { key: 'price', header: t('colMemberPrice'), numeric: true, cell: (terms) => (terms.memberPrice === null || currency === null ? notYet : formatMoney(terms.memberPrice, currency, locale)) },
          { key: 'prepay', header: t('colPrepayment'), numeric: true, cell: (terms) => formatPercent(terms.prepayPercent, locale) },
          { key: 'moq', header: t('colMoq'), numeric: true, cell: (terms) => (terms.moq === null ? notYet : formatNumber(terms.moq, locale)) },
          { key: 'samples', header: t(pluralKey('colSamplesEvery', samplePeriodDays, locale, true), { days: samplePeriodDays }), numeric: true, cell: (terms) => (terms.sampleQuota === null ? t('unlimited') : formatNumber(terms.sampleQuota, locale)) },
          { key: 'sees', header: t('colSeesProduct'), cell: (terms) => (terms.sees ? t('seesYes') : t('seesNo')) },
        ]}
      />
      <p class="field-hint">{t('tierTermsHint')}</p>
    </div>
  );
}
