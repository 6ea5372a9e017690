/**
 * One placement a merchant puts in its own page: `data-cardclub="benefits"` (the tiers inline),
 * `"join"` (a card that opens the business-card exchange) and `"product"` with `data-sku` (a
 * teaser of member terms to a visitor; to a signed-in member, their own price, prepayment and
 * sample availability as text the frame sent). Each renders in its own shadow root, with plain
 * DOM from the store data the loader fetched: a visitor's page loads no framework and no frame.
 * Part of widget-placements.js, which only pages with placements load.
 */
import { isolate } from '../../../src/i18n/format.ts';
import type { PlacementContext, PlacementView } from '../contract.ts';
import contentCss from '../content/content.css?inline';
import { widgetText, type WidgetText } from '../content/messages.ts';
import { tierList } from '../content/tier-list.ts';
import { adopt, button, el } from '../core/dom.ts';
import type { PlacementKind } from '../core/placements.ts';
import type { PublicTiers } from '../core/store.ts';
import type { MemberTerms } from '../frame-protocol.ts';
import { percentText } from './percent.ts';

// The visitor's teaser depends only on the store: worked out once for every product placement.
const teasers = new WeakMap<PublicTiers, string>();

function teaser(store: PublicTiers, locale: PlacementContext['locale'], { t }: WidgetText): string {
  let line = teasers.get(store);
  if (line === undefined) {
    const discount = Math.max(...store.tiers.map((tier) => tier.discount_percent));
    const prepay = Math.min(...store.tiers.map((tier) => tier.prepay_regular_percent));
    const sample = store.tiers.some((tier) => tier.sample_quota === null || tier.sample_quota > 0);
    line = t('teaser', { discount: percentText(discount, locale), prepay: percentText(prepay, locale) }) + (sample ? `, ${t('teaserSample')}` : '');
    teasers.set(store, line);
  }
  return line;
}

/** The content of one placement, drawn into the shadow root the loader attached to it. */
export function mountPlacement(shadow: ShadowRoot, kind: PlacementKind, sku: string | undefined, context: PlacementContext): PlacementView {
  const text = widgetText(context.locale);
  const { t, tiersText } = text;
  const container = el('div', { class: 'placement', lang: context.locale });
  // A product's terms change in place when the visitor joins or signs in: say so to screen readers.
  if (kind === 'product') container.setAttribute('aria-live', 'polite');

  function content(store: PublicTiers, member: MemberTerms): Node[] {
    const name = isolate(store.name);
    if (kind === 'benefits') return [tierList(store, context.locale, tiersText)];
    if (kind === 'join') {
      const card = member.tier
        ? [el('p', { class: 'inline-title' }, t('inlineMember', { store: name, tier: isolate(member.tier) })), button('primary', t('membershipButton'), () => context.open('membership'))]
        : [el('p', { class: 'inline-title' }, t('inlineJoinTitle', { store: name })), el('p', {}, t('inlineJoinText')), button('primary', t('joinButton'), () => context.open('join'))];
      return [el('div', { class: 'inline-card' }, ...card)];
    }
    const mine = member.tier ? member.products[sku!] : undefined;
    if (mine) return [el('p', { class: 'terms' }, t('memberTerms', { tier: isolate(member.tier!), price: mine.price, prepay: mine.prepayment, sample: mine.sample }))];
    // A member without terms for this SKU (not in the catalogue they see) is not offered to join again.
    const join = member.tier ? [] : [' — ', button('primary', t('teaserJoin'), () => context.open('join'))];
    return [el('p', { class: 'terms' }, teaser(store, context.locale, text), ...join)];
  }

  return {
    render(store, member) {
      container.replaceChildren(...content(store, member));
      // Styled and attached with its first content, so the page lays it out once, not empty and then full.
      if (!container.isConnected) {
        adopt(shadow, contentCss);
        shadow.append(container);
      }
    },
    remove: () => container.remove(),
  };
}
