/**
 * The signed-in member's terms for the products the page shows in placements
 * (`data-cardclub="product" data-sku`), sent to the page as display text in the widget's
 * language: their price, prepayment and whether a free sample is left, that last also as a flag
 * for the placement's button, sent again whenever a read of the summary finds it changed. The
 * page learns nothing a member looking at it could not read, and no id or token. The products are
 * the request the membership view's "On this page" reads (one request for both).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ProductTerms } from '../../../widget/src/frame-protocol.ts';
import { useSectionText } from '../../components/use-text.ts';
import type { StoreWithCard } from '../../components/join/join-api.ts';
import { useProductsBySku } from '../../components/member/Catalogue.tsx';
import { locales } from '../../i18n/locales.ts';
import type { Membership } from '../../lib/member-api.ts';
import { tellParent } from './_channel.ts';
import { productTerms } from './_product-terms.ts';
import { hasRoom, offersSamples } from '../../components/member/sample-quota.ts';

/** `membership`: null for no member; undefined while not known (a read failed), when nothing is said. */
export function useMemberTerms(store: StoreWithCard, membership: Membership | null | undefined, skus: string[]): void {
  const { t, locale } = useSectionText('join');
  const memberId = membership?.member.id ?? null;
  const tier = membership?.tier.name ?? null;
  const samples = membership?.samples ?? null;
  // Changes with what productTerms shows of the samples as any read of the summary finds it (a
  // colleague's request), not only with a claim made here; not with each count (3 left, then 2),
  // which redrew every placement for nothing, taking a focused placement button away.
  const samplesKey = samples && `${hasRoom(samples)}:${samples.quota === 0}`;
  const storeOffersSamples = offersSamples(store.tiers);
  // The widget marks the name with a language it knows, or leaves it unmarked.
  const tierLang = locales.find((known) => known === membership?.tier.name_lang) ?? null;
  // Read for the summary's tier (useProductsBySku's key): after a tier change the products are
  // asked anew, loading until then, so the name and the prices are told together, in one message,
  // of one tier (the placements had shown the new tier's name beside the old prices).
  const products = useProductsBySku(store.store.slug, memberId ? skus : [], membership?.tier.id ?? null).state;
  const known = membership !== undefined;
  const current = products.status !== 'loading';
  // The member the page was last told of: their tier and terms stay on the page until the new ones are in.
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (!known) return;
    if (!memberId || skus.length === 0) {
      told.current = null;
      tellParent({ type: 'member', tier, tierLang, products: {} });
      return;
    }
    if (!current) {
      // The tier first, the terms once read: a catalogue read can take seconds, and meanwhile the
      // page's join card and product teasers still offered a member to join.
      if (told.current !== memberId) tellParent({ type: 'member', tier, tierLang, products: {} });
      told.current = memberId;
      return;
    }
    told.current = memberId;
    const terms: Record<string, ProductTerms> = {};
    // Failed, still a member: the placements show the teaser without offering to join.
    for (const product of products.status === 'ready' ? products.data : []) {
      if (product.sku && samples) terms[product.sku] = productTerms(product, samples, storeOffersSamples, t, locale);
    }
    tellParent({ type: 'member', tier, tierLang, products: terms });
  }, [known, memberId, tier, tierLang, samplesKey, storeOffersSamples, products, current, skus.join('\n'), locale]);
}
