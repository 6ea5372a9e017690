/** A product's terms as the frame sends them to its placement: display text in the buyer's language. */
import type { ProductTerms } from '../../../widget/src/frame-protocol.ts';
import { formatMoney, formatPercent, type Translate } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Sections } from '../../i18n/sections.ts';
import type { CatalogueProduct } from '../../lib/member-api.ts';

/**
 * One product's terms for its placement. A tier without free samples says so (and a store without
 * any, that it has none: "your tier" implied another tier had them): "none left this period" read
 * to its members as a quota they had used up.
 */
export function productTerms(
  product: CatalogueProduct,
  sampleQuota: number | null,
  storeOffersSamples: boolean,
  t: Translate<Extract<keyof Sections['join'], string>>,
  locale: Locale,
): ProductTerms {
  return {
    name: product.name,
    // The list price is on the merchant's page already: repeated as "your price" it read as a discount.
    price:
      product.member_price !== null && product.member_price !== product.list_price
        ? formatMoney(product.member_price, product.currency, locale)
        : null,
    prepayment: formatPercent(product.prepay_percent ?? 100, locale),
    sample: t(product.sample_eligible ? 'termsSample' : sampleQuota !== 0 ? 'termsNoSample' : storeOffersSamples ? 'termsNoSampleInTier' : 'termsNoSampleInStore'),
    sampleLeft: product.sample_eligible,
  };
}
