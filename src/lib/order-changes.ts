/**
 * What the orders import changed in a paid order (order_changes, migration 20261211000300), as the
 * buyer's screens say it: the amounts a change moved between, and a partly refunded order's
 * original amount beside its current one.
 */
import { formatMoney } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { pluralKey } from '../i18n/plural.ts';

export interface Money {
  amount: number;
  currency: string;
}

/** A change of an order as its lists read it (order_changes' kind and amount before). */
export interface OrderChange {
  kind: string;
  amount_before: number;
  currency_before: string;
}

/** A change's amounts: in the order's currency, and in the store's (what tiers and points count). */
export interface ChangedAmounts {
  amount_before: number;
  currency_before: string;
  amount_base_before: number;
  amount_after: number;
  currency_after: string;
  amount_base_after: number;
  base_currency: string;
}

/**
 * "US$1,200.00" and "US$1,000.00": in the order's currency, or in the store's when only the
 * exchange rate was corrected (the order's own amounts read the same, the counted ones do not).
 */
export function changedAmounts(change: ChangedAmounts, locale: Locale): { before: string; after: string } {
  const sameOwn = change.amount_before === change.amount_after && change.currency_before === change.currency_after;
  return sameOwn
    ? { before: formatMoney(change.amount_base_before, change.base_currency, locale), after: formatMoney(change.amount_base_after, change.base_currency, locale) }
    : { before: formatMoney(change.amount_before, change.currency_before, locale), after: formatMoney(change.amount_after, change.currency_after, locale) };
}

/** What a refund in part gave back: the difference, and the amount it was part of. */
export function refundedPart(change: ChangedAmounts, locale: Locale): { part: string; of: string } {
  // Cents, not floats: 1200.1 - 1000.05 is 200.04999….
  const part = (Math.round(change.amount_before * 100) - Math.round(change.amount_after * 100)) / 100;
  return { part: formatMoney(part, change.currency_after, locale), of: formatMoney(change.amount_before, change.currency_before, locale) };
}

/**
 * The order's amount before it was refunded in part, when that is what its amount now is: the
 * amount before its first refund in part since its last correction (a corrected amount is the
 * order's amount; refunds after it are parts of that). Null when none applies. `changes` in the
 * order they were made.
 */
export function originalAmount(changes: readonly OrderChange[]): Money | null {
  let original: Money | null = null;
  for (const change of changes) {
    if (change.kind === 'refunded_in_part') original ??= { amount: change.amount_before, currency: change.currency_before };
    else if (change.kind === 'corrected') original = null;
  }
  return original;
}

/**
 * Whether a paid order was paid again after a refund or cancellation: its points then read as
 * earned twice and taken back once, which the lists' status explains.
 */
export function paidAgain(order: { status: string; changes: readonly Pick<OrderChange, 'kind'>[] }): boolean {
  return order.status === 'paid' && order.changes.some((change) => change.kind === 'reinstated');
}

/** order_changes' kinds, as its check constraint lists them (each data layer reads them with z.enum); `reinstated`: paid again after a refund or cancellation. */
export const orderChangeKinds = ['corrected', 'refunded_in_part', 'refunded_in_full', 'cancelled', 'reinstated'] as const;

/** An order's changes embedded in its read, for OrderAmount; oldest first when the embed is ordered by id. */
export const orderChangesEmbed = 'changes:order_changes(id,kind,amount_before,currency_before)';

/** A ledger row's order's changes embedded in the row's read, matched to it by their instant (ledgerReason). */
export const ledgerChangesEmbed = 'changes:order_changes(kind,changed_at)';

/** Why a tier moved: my_updates' tier_changed, or a tier_changes row with its computed fields orders_changed, changed_order_ref and moved_order_refs. */
export interface TierMove {
  reason: 'orders' | 'refund' | 'period' | 'override' | 'override_expired' | 'tier_rules';
  /** For the reason `orders`: how many of the company's paid orders the import changed at that instant (private.tier_move_orders). */
  orders_changed: number;
  /** The one order whose change the move follows, when SQL can tell (a drop after one change). */
  changed_order_ref: string | null;
  /** The orders the move followed, in their place: those it paid (reason `orders`) or took back from (`refund`). */
  moved_order_refs: string[];
}

/**
 * Which of a tier move's orders a sentence names, and how many it counts instead: an import that
 * paid 33 of a company's orders named all 33 in one sentence, some twenty lines on a phone. Up to
 * `named`; one more is named rather than counted ("and 1 more order" says less than its number).
 */
export function namedRefs(refs: readonly string[], named = 3): { named: string[]; more: number } {
  return refs.length <= named + 1 ? { named: [...refs], more: 0 } : { named: refs.slice(0, named), more: refs.length - named };
}

/**
 * The sentence after a tier move: the order change it follows, named when the feed can tell or
 * said of the orders when it cannot (a rise, or several changes at once); else the orders it
 * paid or refunded, named; else its reason's own ("This follows your latest paid orders" read
 * wrong after a refund lowered the tier). `refs` are the orders to name in `{ref}`.
 */
export function tierMoveReason(move: TierMove, locale: Locale):
  | { key: 'reasonOrderChanged' | 'reasonOrdersPaid' | 'reasonOrdersPaidOne' | 'reasonOrdersRefunded' | 'reasonOrdersRefundedOne'; refs: string[] }
  | { key: 'reasonOrdersChanged' | `reason_${TierMove['reason']}` } {
  if (move.changed_order_ref !== null) return { key: 'reasonOrderChanged', refs: [move.changed_order_ref] };
  if (move.orders_changed > 0) return { key: 'reasonOrdersChanged' };
  const refs = move.moved_order_refs;
  if (refs.length > 0 && (move.reason === 'orders' || move.reason === 'refund')) {
    return { key: pluralKey(move.reason === 'orders' ? 'reasonOrdersPaid' : 'reasonOrdersRefunded', refs.length, locale, true), refs };
  }
  return { key: `reason_${move.reason}` };
}
