/**
 * One placement a merchant puts in its own page: `data-cardclub="benefits"` (the tiers inline),
 * `"join"` (a card that opens the business-card exchange) and `"product"` with `data-sku` (a
 * teaser of member terms to a visitor; to a signed-in member, their own price, prepayment and
 * sample availability as text the frame sent). Each renders in its own shadow root, with plain
 * DOM from the store data the loader fetched: a visitor's page loads no framework and no frame.
 */
import { interpolateParts, isolate } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';
import type { PlacementMember } from '../contract.ts';
import type { WidgetView } from '../frame-protocol.ts';
import contentCss from '../shared/content.css?inline';
import { adopt, adoptBrand, button, el, merchantName } from '../shared/dom.ts';
import type { PlacementText } from '../shared/messages.ts';
import type { PublicProduct } from './public-products.ts';
import { percentText } from './percent.ts';
import type { PublicTiers } from '../core/store.ts';
import { pausedCard } from '../shared/paused-card.ts';
import { tierList } from '../shared/tier-list.ts';

const kinds = ['benefits', 'join', 'product'] as const;
export type PlacementKind = (typeof kinds)[number];

export interface PlacementContext {
  locale: Locale;
  text: PlacementText;
  open(view: WidgetView, sku?: string): void;
}

export interface Placement {
  kind: PlacementKind;
  sku: string | undefined;
  /** Shows the store's content, for a member when `member.tier` is set; `product`: the SKU's public product. */
  render(store: PublicTiers, member: PlacementMember, product?: PublicProduct): void;
  remove(): void;
}

// The visitor's teaser depends on the store and the product's kind: worked out once per kind.
const teasers = new WeakMap<PublicTiers, Map<PublicProduct['kind'] | undefined, string>>();

/** What some tier gives for a product of `kind`; with no kind known (not a public product), no prepayment is promised. */
function teaser(store: PublicTiers, kind: PublicProduct['kind'] | undefined, { locale, text: { placementsText: t } }: PlacementContext): string {
  let lines = teasers.get(store);
  if (!lines) teasers.set(store, (lines = new Map()));
  let line = lines.get(kind);
  if (line === undefined) {
    const discount = percentText(Math.max(...store.tiers.map((tier) => tier.discount_percent)), locale);
    const prepay = (tier: PublicTiers['tiers'][number]) => (kind === 'customized' ? tier.prepay_customized_percent : tier.prepay_regular_percent);
    const sample = store.tiers.some((tier) => tier.sample_quota === null || tier.sample_quota > 0);
    line = kind ? t('teaser', { discount, prepay: percentText(Math.min(...store.tiers.map(prepay)), locale) }) : t('teaserNoPrepay', { discount });
    if (sample) line = t('teaserSample', { teaser: line });
    lines.set(kind, line);
  }
  return line;
}

/** Prepares `element`'s shadow root; throws (for the console) on a placement the widget does not know. */
export function mountPlacement(element: HTMLElement, context: PlacementContext): Placement {
  const kind = element.dataset.cardclub as PlacementKind;
  const sku = element.dataset.sku;
  if (!kinds.includes(kind)) throw new Error(`data-cardclub="${kind}" is not a placement; use benefits, join or product.`);
  if (kind === 'product' && !sku) throw new Error('data-cardclub="product" needs data-sku="<the product\'s SKU>".');
  const { t, tiersText, placementsText: p } = context.text;
  // attachShadow throws on elements that cannot host one (use a div or span).
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  // Not a live region: a product's terms change in place when the visitor joins or signs in, and on
  // a catalogue page every product would then speak at once over the frame saying they joined.
  const container = el('div', { class: 'placement', lang: context.locale });

  function content(store: PublicTiers, member: PlacementMember, product: PublicProduct | undefined): Node[] {
    if (kind === 'benefits') return [tierList(store, context.locale, tiersText)];
    if (kind === 'join') {
      // On a page the store refuses (the panel says why), joining is not on offer. While the store
      // takes no new members the box the merchant reserved says so, and members still find their way in.
      if (member.refused) return [];
      if (!member.tier && store.joiningPaused) return [pausedCard(store, t, () => context.open('sign-in'))];
      const card = member.tier
        ? [el('p', { class: 'inline-title' }, ...interpolateParts(p('inlineMember'), { tier: merchantName(member.tier, member.tierLang) })), button('primary', t('membershipButton'), () => context.open('membership'))]
        : [el('p', { class: 'inline-title' }, ...interpolateParts(p('inlineJoinTitle'), { store: merchantName(store.name, store.nameLang) })), el('p', {}, p('inlineJoinText')), button('primary', t('joinButton'), () => context.open('join'))];
      return [el('div', { class: 'inline-card' }, ...card)];
    }
    const mine = member.tier ? member.products[sku!] : undefined;
    // The member's price only when it differs from the list price the page shows beside it; the
    // button opens My membership, whose "On this page" lists this product with its sample and inquiry forms.
    if (mine) {
      const terms = { tier: merchantName(member.tier!, member.tierLang), prepay: mine.prepayment, sample: mine.sample };
      // With no free sample left the same view offers only the inquiry; an older frame (before
      // protocol version 3) does not say, and the button offers both.
      const ask = 'sampleLeft' in mine && !mine.sampleLeft;
      const actions = button('secondary', p(ask ? 'productAsk' : 'productActions'), () => context.open('membership', sku));
      // Named for its product: a catalogue page has one such button per product.
      actions.setAttribute('aria-label', p(ask ? 'productAskFor' : 'productActionsFor', { product: isolate(mine.name) }));
      return [
        el('p', { class: 'terms' }, ...(mine.price === null ? interpolateParts(p('memberTermsListPrice'), terms) : interpolateParts(p('memberTerms'), { ...terms, price: mine.price }))),
        el('p', { class: 'terms' }, actions),
      ];
    }
    // A member without terms for this SKU (not in the catalogue they see, or not loaded) is shown
    // nothing: a visitor's teaser would promise them terms they do not have.
    if (member.tier) return [];
    // Nobody is offered to join on a page the store refuses or while it takes no new members.
    const line = teaser(store, product?.kind, context);
    if (member.refused || store.joiningPaused) return [el('p', { class: 'terms' }, line)];
    // The product goes with the request: once joined, the welcome leads back to it.
    const join = button('primary', p('teaserJoin'), () => context.open('join', sku));
    // An exclusive product's name is not a visitor's to read: its button says only what joining is for.
    join.setAttribute('aria-label', product ? p('teaserJoinLabelFor', { product: isolate(product.name) }) : p('teaserJoinLabel'));
    return [el('p', { class: 'terms' }, p('teaserBeforeJoin', { teaser: line }), join)];
  }

  // A render still waiting for data when the placement is removed (its SKU changed, Cardclub.remove())
  // would otherwise put the old container back beside the new one.
  let removed = false;

  return {
    kind,
    sku,
    render(store, member, product) {
      if (removed) return;
      container.replaceChildren(...content(store, member, product));
      // Styled and attached with its first content, so the page lays it out once, not empty and then full.
      if (!container.isConnected) {
        adopt(shadow, contentCss);
        adoptBrand(shadow, store.brandColor);
        shadow.append(container);
      }
    },
    remove() {
      removed = true;
      container.remove();
    },
  };
}
