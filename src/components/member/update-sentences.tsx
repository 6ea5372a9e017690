/**
 * The Updates' sentences (Updates.tsx): what each kind of my_updates row says in the reader's
 * language, names and references as elements of their own.
 */
import type { ComponentChildren } from 'preact';
import { formatMoney, formatNumber, formatSignedMoney, formatSignedNumber, interpolateParts } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import type { Update } from '../../lib/member-api.ts';
import { changedAmounts, refundedPart } from '../../lib/order-changes.ts';
import type { useSectionText } from '../use-text.ts';
import { tierMoveSentence } from './tier-move.tsx';

type Say = ReturnType<typeof useSectionText<'member'>>;

/** A merchant's text in the language it came in; a name that is gone reads as `missing`. */
function named(key: string, text: string | null, lang: string | null, missing: string) {
  return text === null ? missing : <span key={key} lang={lang ?? undefined}>{text}</span>;
}

/**
 * A note the store's staff wrote, introduced as theirs ("Store’s note: “…”", a sample's rejection
 * "Store’s reason: “…”"), as it was written: its own element, marked `lang` where known (a staff
 * note's language is recorded nowhere). Alone after "The store sent your reward", it read as the
 * reader's own text. Null without a note.
 */
export function storeNoteSaid(
  text: string | null,
  lang: string | undefined,
  { t }: Pick<Say, 't'>,
  intro: 'storeNote' | 'storeReason' = 'storeNote',
): ComponentChildren[] | null {
  return text ? interpolateParts<ComponentChildren>(t(intro), { note: <span key="note" lang={lang}>{text}</span> }) : null;
}

/**
 * Who carries a shipment and its tracking number, when staff gave either; null otherwise. The
 * number kept on one line, as Samples and the points history keep it ("JD0146 / 0000 1234" broke
 * at 360 px).
 */
function tracking(shipment: { carrier: string | null; tracking_number: string | null }, { t }: Say): ComponentChildren[] | null {
  if (!shipment.carrier && !shipment.tracking_number) return null;
  const number = shipment.tracking_number ? <span key="tracking" class="code tracking-number">{shipment.tracking_number}</span> : '—';
  return interpolateParts<ComponentChildren>(t('tracking', { carrier: shipment.carrier ?? '—' }), { number });
}

/** What a change of orders moved in the company's points and rebate (store currency), signed; null when nothing. */
function moved(points: number | null, rebate: number | null, currency: string, { t, locale }: Say): string | null {
  const signedPoints = points ? formatSignedNumber(points, locale) : null;
  const signedRebate = rebate ? formatSignedMoney(rebate, currency, locale) : null;
  return signedPoints && signedRebate ? t('updateMovedBoth', { points: signedPoints, amount: signedRebate })
    : signedPoints ? t('updateMovedPoints', { points: signedPoints })
    : signedRebate ? t('updateMovedRebate', { amount: signedRebate })
    : null;
}

/** What the update says: its sentence (names as their own elements), then what else it tells. */
export function sentences(update: Update, say: Say): { main: ComponentChildren[]; more: ComponentChildren[] } {
  const { t, locale } = say;
  const product = (missing: string) => named('product', 'product_name' in update ? update.product_name : null, 'product_name_lang' in update ? update.product_name_lang : null, missing);
  switch (update.kind) {
    case 'sample_approved':
    case 'sample_shipped':
    case 'sample_rejected': {
      return {
        main: interpolateParts(t(`update_${update.kind}`), { product: product(t('productGone')) }),
        more: [update.kind === 'sample_shipped' && tracking(update, say), update.kind === 'sample_rejected' && storeNoteSaid(update.note, undefined, say, 'storeReason')],
      };
    }
    case 'inquiry_answered': {
      // A changed answer is said as one: the buyer may have read, and acted on, the first.
      const [general, about] = update.changed
        ? (['updateInquiryAnswerChangedGeneral', 'updateInquiryAnswerChanged'] as const)
        : (['updateInquiryAnsweredGeneral', 'update_inquiry_answered'] as const);
      return {
        main: update.product_name === null ? [t(general)] : interpolateParts(t(about), { product: product('—') }),
        more: [],
      };
    }
    case 'tier_changed': {
      const key = update.up === null ? 'updateTierChanged' : update.up ? 'updateTierUp' : 'updateTierDown';
      return {
        main: interpolateParts(t(key), {
          from: named('from', update.from_tier, update.from_tier_lang, '—'),
          to: named('to', update.to_tier, update.to_tier_lang, '—'),
        }),
        more: [tierMoveSentence(update, say)],
      };
    }
    case 'coupon_given':
    case 'coupon_taken_back':
      return {
        main: [
          ...interpolateParts(t(`update_${update.kind}`), { code: <span key="code" class="code">{update.code}</span> }),
          update.name && <span key="name" class="muted" lang={update.name_lang ?? undefined}> · {update.name}</span>,
        ],
        more: [],
      };
    // One handed over in person or by e-mail was not sent: it has no carrier, only how it went.
    case 'reward_sent':
      return {
        main: interpolateParts(t(update.delivery === 'handed_over' ? 'update_reward_handed_over' : 'update_reward_sent'), { reward: named('reward', update.name, update.name_lang, '—') }),
        more: [tracking(update, say), storeNoteSaid(update.note, undefined, say)],
      };
    case 'rebate_credited':
    case 'rebate_corrected':
      return { main: [t(`update_${update.kind}`, { amount: formatMoney(update.amount, update.currency, locale) })], more: [storeNoteSaid(update.note, undefined, say)] };
    case 'points_adjusted': {
      const points = Math.abs(update.points);
      const key = pluralKey(update.points < 0 ? 'updatePointsTaken' : 'updatePointsAdded', points, locale);
      return { main: [t(key, { points: formatNumber(points, locale) })], more: [storeNoteSaid(update.note, undefined, say)] };
    }
    case 'order_corrected':
    case 'order_refunded_in_part': {
      const ref = <span key="ref" class="nowrap">{update.order_ref}</span>;
      // Amounts keep one line each: "US$1,200.00" broke after its symbol at 360 px.
      const values = update.kind === 'order_corrected' ? changedAmounts(update, locale) : refundedPart(update, locale);
      const parts = Object.fromEntries(Object.entries(values).map(([key, text]) => [key, <span key={key} class="nowrap">{text}</span>]));
      return {
        main: interpolateParts(t(`update_${update.kind}`), { ref, ...parts }),
        more: [moved(update.points, update.rebate, update.base_currency, say)],
      };
    }
    case 'orders_rerated':
      return {
        main: [t(pluralKey('updateOrdersRerated', update.orders, locale), { count: formatNumber(update.orders, locale) })],
        more: [moved(update.points, update.rebate, update.base_currency, say)],
      };
    case 'order_paid_again': {
      const ref = <span key="ref" class="nowrap">{update.order_ref}</span>;
      const paid = <span key="amount" class="nowrap">{formatMoney(update.amount, update.currency, locale)}</span>;
      const points = update.points ? formatNumber(update.points, locale) : null;
      const amount = update.rebate ? formatMoney(update.rebate, update.base_currency, locale) : null;
      const credited = points && amount
        ? t(pluralKey('updateCreditedBoth', update.points!, locale), { points, amount })
        : points ? t(pluralKey('updateCreditedPoints', update.points!, locale), { points })
        : amount ? t('updateCreditedRebate', { amount })
        : null;
      return { main: interpolateParts(t('updateOrderPaidAgain'), { ref, amount: paid }), more: [credited] };
    }
    case 'order_refunded': {
      const ref = <span key="ref" class="nowrap">{update.order_ref}</span>;
      const points = update.points ? formatNumber(update.points, locale) : null;
      const amount = update.amount && update.currency ? formatMoney(update.amount, update.currency, locale) : null;
      const took = points && amount
        ? t(pluralKey('updateTookBoth', update.points!, locale), { points, amount })
        : points ? t(pluralKey('updateTookPoints', update.points!, locale), { points })
        : amount ? t('updateTookRebate', { amount })
        : null;
      return { main: interpolateParts(t(update.order_status === 'cancelled' ? 'updateOrderCancelled' : 'updateOrderRefunded'), { ref }), more: [took] };
    }
  }
}
