/** A product's terms as the frame sends them to its placement: display text in the buyer's language. */
import type { ProductTerms } from '../../../widget/src/frame-protocol.ts';
import { formatMoney, formatPercent, type Translate } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Sections } from '../../i18n/sections.ts';
import { hasRoom } from '../../components/member/sample-quota.ts';
import type { CatalogueProduct, Membership } from '../../lib/member-api.ts';

/**
 * One product's terms for its placement. A tier without free samples says so (and a store without
 * any, that it has none: "your tier" implied another tier had them): "none left this period" read
 * to its members as a quota they had used up. Whether one is left is the summary's `samples`, read
 * anew more often than the products (a colleague's request, the panel reopened): the placements
 * promised a free sample after the quota was gone.
 */
export function productTerms(
  product: CatalogueProduct,
  samples: Membership['samples'],
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
    sample: t(hasRoom(samples) ? 'termsSample' : samples.quota !== 0 ? 'termsNoSample' : storeOffersSamples ? 'termsNoSampleInTier' : 'termsNoSampleInStore'),
    sampleLeft: hasRoom(samples),
  };
}
