/**
 * What a product comes to for each tier's members, as the product editor shows it beside the
 * fields it is worked out from. The rules are store_catalogue's (20261217000600: a tier's own price
 * of the product, else its discount on the list price), which members are answered with, and products' select policy, which decides what they see; the two must agree.
 */
import type { TierRow } from '../../../lib/console/tiers.ts';

/** The editor's fields as typed; `price` and `moq` null while they are not a valid amount or count. */
export interface ProductDraft {
  kind: 'regular' | 'customized';
  price: number | null;
  moq: number | null;
  /** 0 for products everyone or every member sees, as the table keeps it. */
  min_tier_rank: number;
  active: boolean;
  /** Tiers' own prices as typed, by tier id: only those that are a valid amount. */
  tierPrices: Readonly<Record<string, number>>;
}

export interface TierTerms {
  tier: TierRow;
  /** The tier's own price when it has one, else its discount on the price. */
  memberPrice: number | null;
  /** The price the tier's discount gives: what an empty own price means. */
  discountPrice: number | null;
  /** How far the tier's own price is below the list price, in percent; null without an own price or a list price. */
  ownPercentOff: number | null;
  prepayPercent: number;
  moq: number | null;
  /** Free sample claims per sample period; null: unlimited. */
  sampleQuota: number | null;
  sees: boolean;
}

/** The tiers in rank order, each with what its members pay, prepay and must order, and whether they see the product. */
export function tierTerms(product: ProductDraft, tiers: readonly TierRow[]): TierTerms[] {
  return [...tiers]
    .sort((a, b) => a.rank - b.rank)
    .map((tier) => {
      const discountPrice = product.price === null ? null : memberPrice(product.price, tier.discount_percent);
      const own = product.tierPrices[tier.id];
      return {
        tier,
        memberPrice: own ?? discountPrice,
        discountPrice,
        ownPercentOff: own === undefined || product.price === null ? null : percentOff(product.price, own),
        prepayPercent: product.kind === 'customized' ? tier.prepay_customized_percent : tier.prepay_regular_percent,
        // least(moq, coalesce(moq_override, moq)): an override lowers the product's minimum, never raises it.
        moq: product.moq === null ? null : Math.min(product.moq, tier.moq_override ?? product.moq),
        sampleQuota: tier.sample_quota,
        // Members-only products have rank 0, which every tier reaches; an inactive product no member sees.
        sees: product.active && tier.rank >= product.min_tier_rank,
      };
    });
}

/**
 * round(price * (1 - discount / 100), 2) as Postgres's numeric computes it: exactly, halves away
 * from zero. In floating point 10.05 less 10 % is 9.044999…, which rounds to 9.04, not 9.05.
 * Both have at most two decimals (numeric(14,2), numeric(5,2)), so whole cents and hundredths of
 * a percent hold them exactly; BigInt, as a price near 10^12 in cents times 10,000 passes 2^53.
 */
function memberPrice(price: number, discountPercent: number): number {
  const cents = BigInt(Math.round(price * 100));
  const kept = BigInt(10_000 - Math.round(discountPercent * 100));
  return Number((cents * kept + 5_000n) / 10_000n) / 100;
}

/**
 * The discount a tier's own price amounts to, in percent, as store_catalogue's discount_percent:
 * round((1 - price / list) * 100, 2), worked in whole cents, where both prices are exact (129 and
 * 5: 96.12). 0 for a list price of 0, which no own price can be below.
 */
export function percentOff(listPrice: number, price: number): number {
  if (listPrice <= 0) return 0;
  const list = Math.round(listPrice * 100);
  const own = Math.round(price * 100);
  return Math.round(((list - own) * 10_000) / list) / 100;
}
