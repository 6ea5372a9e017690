/**
 * What each tier's members get on the product being edited — member price, prepayment, MOQ, free
 * samples, and whether they see it — worked out from its fields as typed (tier-terms.ts), so that
 * staff setting a price or an exclusive visibility see its effect on every tier before saving.
 * Each tier's own price of the product is typed in its row (optional: empty, the tier's discount
 * applies, its price the placeholder), its error beside it; the rest is read-only: each tier's
 * rights are edited on the tiers screen.
 */
import { formatMoney, formatNumber, formatPercent } from '../../../i18n/format.ts';
import { typedText } from '../../../lib/numbers.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { TierRow } from '../../../lib/console/tiers.ts';
import { useConsoleText } from '../console-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { useShownError } from '../ui/shown-error.ts';
import { tierTerms, type ProductDraft, type TierTerms } from './tier-terms.ts';

/** A field not yet a valid amount, count or currency (the field says why once left; the hint says so). */
const notYet = '—';

interface OwnPrices {
  /** Each tier's own price as typed, by tier id ('' or absent: none). */
  typed: Readonly<Record<string, string>>;
  onInput: (tierId: string, text: string) => void;
  /** Errors by the field save_product names: `tier_prices.<tier id>`. */
  errors: Readonly<Record<string, string | undefined>>;
}

export function TierTermsTable({ draft, tiers, samplePeriodDays, own }: { draft: ProductDraft & { currency: string | null }; tiers: readonly TierRow[]; samplePeriodDays: number; own: OwnPrices }) {
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
          { key: 'own', header: t('colOwnPrice'), cell: (terms) => <OwnPriceInput terms={terms} own={own} currency={currency} /> },
          { key: 'prepay', header: t('colPrepayment'), numeric: true, cell: (terms) => formatPercent(terms.prepayPercent, locale) },
          { key: 'moq', header: t('colMoq'), numeric: true, cell: (terms) => (terms.moq === null ? notYet : formatNumber(terms.moq, locale)) },
          { key: 'samples', header: t(pluralKey('colSamplesEvery', samplePeriodDays, locale, true), { days: samplePeriodDays }), numeric: true, cell: (terms) => (terms.sampleQuota === null ? t('unlimited') : formatNumber(terms.sampleQuota, locale)) },
          { key: 'sees', header: t('colSeesProduct'), cell: (terms) => (terms.sees ? t('seesYes') : t('seesNo')) },
        ]}
      />
      <p class="field-hint" id="tier-prices-hint">{t('tierPricesHint')}</p>
      <p class="field-hint">{t('tierTermsHint')}</p>
    </div>
  );
}

/** The id of a tier's own price field, for what sends the keyboard back to it. */
export const tierPriceId = (tierId: string) => `tier-price-${tierId}`;

/**
 * A tier's own price, named for its tier and its currency (the product's, once one is typed) as the
 * orders' amounts are; its placeholder the price the tier's discount gives.
 */
function OwnPriceInput({ terms, own, currency }: { terms: TierTerms; own: OwnPrices; currency: string | null }) {
  const { t, locale } = useConsoleText('staff');
  const field = `tier_prices.${terms.tier.id}`;
  const { error, onInput } = useShownError(own.errors[field]);
  const id = tierPriceId(terms.tier.id);
  // Worked out as typed: a price of 5 on a list price of 129 reads "96.12% off", not only at Save.
  const percent = terms.ownPercentOff;
  const off = percent === null ? null : `${id}-off`;
  const described = [error ? `${id}-error` : null, off, 'tier-prices-hint'].filter(Boolean).join(' ');
  return (
    <div class="field">
      <input
        id={id}
        name={field}
        inputMode="decimal"
        class="tier-price"
        value={own.typed[terms.tier.id] ?? ''}
        placeholder={terms.discountPrice === null ? '' : typedText(terms.discountPrice, locale, true)}
        aria-label={currency === null ? t('tierPriceLabel', { tier: terms.tier.name_local ?? '' }) : t('tierPriceLabelIn', { tier: terms.tier.name_local ?? '', currency })}
        aria-describedby={described}
        {...(error ? { 'aria-invalid': 'true' as const } : {})}
        onInput={(event) => {
          onInput();
          own.onInput(terms.tier.id, event.currentTarget.value);
        }}
      />
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
      {off && percent !== null && (
        <p id={off} class="field-hint">
          {t('tierPriceOff', { percent: formatPercent(percent, locale) })}
        </p>
      )}
    </div>
  );
}
