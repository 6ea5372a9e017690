import type { ComponentChildren } from 'preact';

/**
 * A line's parts that are there, " · " between them, as the ledgers' reasons and a coupon's
 * conditions read. The dot goes with what follows (a no-break space after it): wrapped,
 * "已付款订单 ·" ended a line on a phone and the orders it introduced began the next.
 */
export const dotted = (parts: readonly ComponentChildren[]): ComponentChildren[] =>
  parts.filter(Boolean).flatMap((part, index) => (index === 0 ? [part] : [' ·\u00a0', part]));
