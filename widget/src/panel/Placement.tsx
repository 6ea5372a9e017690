/**
 * Placements a merchant puts in its own page: `data-cardclub="benefits"` (the tiers inline),
 * `"join"` (a card that opens the business-card exchange) and `"product"` with `data-sku` (a
 * teaser of member terms to a visitor; to a signed-in member, their own price, prepayment and
 * sample availability as text the frame sent). Each renders in its own shadow root.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { TierCard } from '../../../src/components/TierCard.tsx';
import { formatPercent, isolate } from '../../../src/i18n/format.ts';
import type { WidgetContext } from '../contract.ts';
import { tiersOf, type PublicTiers } from './api.ts';
import { watchMemberTerms, type MemberTerms } from './frame-link.ts';
import { widgetText } from './messages.ts';

type Kind = 'benefits' | 'join' | 'product';
const kinds: readonly string[] = ['benefits', 'join', 'product'];

export function mountPlacement(
  element: HTMLElement,
  context: WidgetContext,
  adoptStyles: (root: ShadowRoot) => void,
  onError: (error: unknown) => void,
): () => void {
  const kind = element.dataset.cardclub ?? '';
  if (!kinds.includes(kind)) throw new Error(`data-cardclub="${kind}" is not a placement; use benefits, join or product.`);
  if (kind === 'product' && !element.dataset.sku) throw new Error('data-cardclub="product" needs data-sku="<the product\'s SKU>".');
  // attachShadow throws on elements that cannot host one (use a div or span).
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const container = document.createElement('div');
  container.className = 'placement';
  container.lang = context.options.locale;
  shadow.append(container);
  render(<Placement kind={kind as Kind} sku={element.dataset.sku ?? ''} context={context} onError={onError} />, container);
  return () => {
    render(null, container);
    container.remove();
  };
}

function usePublicTiers(context: WidgetContext, onError: (error: unknown) => void): PublicTiers | null {
  const [tiers, setTiers] = useState<PublicTiers | null>(null);
  useEffect(() => {
    tiersOf(context.options.store, context.options.locale).then(setTiers, onError);
  }, []);
  return tiers;
}

function Placement({ kind, sku, context, onError }: { kind: Kind; sku: string; context: WidgetContext; onError: (error: unknown) => void }) {
  const { options } = context;
  const { t, tiersText } = widgetText(options.locale);
  const tiers = usePublicTiers(context, onError);
  const [terms, setTerms] = useState<MemberTerms>({ tier: null, products: {} });
  useEffect(() => watchMemberTerms(setTerms), []);
  if (!tiers) return null;
  const store = isolate(tiers.name);

  if (kind === 'benefits') {
    return (
      <div class="tiers">
        {tiers.tiers.map((tier) => (
          <TierCard key={tier.rank} tier={tier} locale={options.locale} t={tiersText} currency={tiers.currency} periodDays={tiers.periodDays} />
        ))}
      </div>
    );
  }
  const join = (
    <button type="button" class="primary" onClick={() => context.open('join')}>
      {kind === 'join' ? t('joinButton') : t('teaserJoin')}
    </button>
  );
  if (kind === 'join' && terms.tier) {
    return (
      <div class="inline-card">
        <p class="inline-title">{t('inlineMember', { store, tier: isolate(terms.tier) })}</p>
        <button type="button" class="primary" onClick={() => context.open('membership')}>
          {t('membershipButton')}
        </button>
      </div>
    );
  }
  if (kind === 'join') {
    return (
      <div class="inline-card">
        <p class="inline-title">{t('inlineJoinTitle', { store })}</p>
        <p>{t('inlineJoinText')}</p>
        {join}
      </div>
    );
  }
  const mine = terms.tier ? terms.products[sku] : undefined;
  if (mine) {
    return (
      <p class="terms" aria-live="polite">
        {t('memberTerms', { tier: isolate(terms.tier!), price: mine.price, prepay: mine.prepayment, sample: mine.sample })}
      </p>
    );
  }
  const discount = Math.max(...tiers.tiers.map((tier) => tier.discount_percent));
  const prepay = Math.min(...tiers.tiers.map((tier) => tier.prepay_regular_percent));
  const sample = tiers.tiers.some((tier) => tier.sample_quota === null || tier.sample_quota > 0);
  return (
    <p class="terms" aria-live="polite">
      {t('teaser', { discount: formatPercent(discount, options.locale), prepay: formatPercent(prepay, options.locale) })}
      {sample && `, ${t('teaserSample')}`} — {terms.tier ? null : join}
    </p>
  );
}
