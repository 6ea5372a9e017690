/**
 * The points an order earned and what refunds took back, from its own ledger rows (embedded under
 * the order: `points:points_ledger(…)` with `points.reason` among `orderPointsReasons`), read the
 * same way by the buyer's orders in My membership and by the orders on the console's member page:
 * staff and the buyer on the phone about an order see the same two figures.
 */
import * as z from 'zod/mini';

/** An order's own rows: its credits, refunds' take-backs, corrections and re-ratings (not its review's points). */
export const orderPointsReasons = ['order', 'clawback', 'order_correction', 'order_rerated'] as const;

const orderPointsRow = z.object({ delta: z.int(), reason: z.enum(orderPointsReasons), shortfall: z.nullable(z.int()) });

/**
 * An order paid again after a refund earns again: several of each row. A correction of its
 * amount, or a re-rating when an order before it changed, changes what it earned, by what it
 * credited or by all it meant to take back (spent points included).
 */
const held = (rows: z.infer<typeof orderPointsRow>[]) => ({
  earned: rows.filter((row) => row.reason !== 'clawback').reduce((sum, row) => sum + row.delta - (row.shortfall ?? 0), 0),
  taken_back: -rows.filter((row) => row.reason === 'clawback').reduce((sum, row) => sum + row.delta, 0),
});

/** What the order earned in points and what refunds took back. */
export const orderPoints = z.pipe(z.array(orderPointsRow), z.transform(held));

/**
 * The same with the tier the order earns at (`tier_id`): that of its latest credit, correction or
 * re-rating that records one (a scaled correction records none), as the engine settles it; null
 * where none does (it earned nothing, or before the tiers were recorded). The rows oldest first.
 */
export const orderPointsAtTier = z.pipe(
  z.array(z.extend(orderPointsRow, { tier_id: z.nullable(z.uuid()) })),
  z.transform((rows) => ({ ...held(rows), tier_id: rows.findLast((row) => row.reason !== 'clawback' && row.tier_id !== null)?.tier_id ?? null })),
);
