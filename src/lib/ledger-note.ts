import { dotted } from '../components/dotted.ts';
import { formatDate, formatMoney, formatNumber, interpolateParts, type Translate } from '../i18n/format.ts';
import type { ledgerReasons } from '../i18n/ledger-reasons.en.ts';
import type { Locale } from '../i18n/locales.ts';
import { pluralKey } from '../i18n/plural.ts';
import type { orderChangeKinds } from './order-changes.ts';
import { dateInText, type WithDate } from './standing-text.ts';

/**
 * What a points or rebate row says after its reason and order, in the member portal and the
 * console alike: a redemption's reward in the reader's language (the note keeps its name in the
 * store's default language, `storeLocale`, its `lang` — and is the fallback once the reward is
 * retired), nothing for an order's credit or its review's (their note is the engine's record of
 * the order's reference, already shown beside it from the row's order), else the note a person
 * of the store wrote (`from: 'store'`, in a language nobody recorded: the portal says whose it is).
 */
export function ledgerNote(
  row: {
    reason: string;
    note: string | null;
    reward?: { name: string; text_langs?: Record<string, string | null> | null } | null;
  },
  storeLocale?: string,
): { text: string; lang: string | undefined; from: 'reward' | 'store' } | null {
  if (row.reward) return { text: row.reward.name, lang: row.reward.text_langs?.['name'] ?? undefined, from: 'reward' };
  if (!row.note || row.reason === 'order' || row.reason === 'review') return null;
  return row.reason === 'redemption' ? { text: row.note, lang: storeLocale, from: 'reward' } : { text: row.note, lang: undefined, from: 'store' };
}

/**
 * A points or rebate row's note as the console's member page says it after the reason (ledgerNote):
 * one a person of the store wrote introduced as the note to the buyer, quoted, as a reward's
 * delivery note is (the buyer reads it in their history as the store's), where bare it read as the
 * console's own words; a reward's name as it is. Its text drawn by `draw` (the console's, codes
 * kept whole), as text by default; null without a note.
 */
export function staffLedgerNote<Part = string>(row: Parameters<typeof ledgerNote>[0], t: Translate<'noteToBuyer'>, draw?: (text: string) => Part): (string | Part)[] | null {
  const note = ledgerNote(row);
  if (!note) return null;
  const text = draw ? draw(note.text) : note.text;
  return note.from === 'store' ? interpolateParts(t('noteToBuyer'), { note: text }) : [text];
}

/**
 * A staff credit as the console's "credit to correct" names it on one line (the choice's option, then
 * its confirmation): the day it was given and its amount in the store's currency, with what is left
 * of it beside the amount once part was taken back, then its note, cut short, if it has one.
 */
export function staffCreditLabel(
  credit: { amount: number; left: number; note: string | null; earned_at: string },
  currency: string,
  t: Translate<'creditAmountLeft'>,
  locale: Locale,
): string {
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const amount = credit.left < credit.amount ? t('creditAmountLeft', { amount: money(credit.amount), left: money(credit.left) }) : money(credit.amount);
  const note = credit.note && credit.note.length > 40 ? `${credit.note.slice(0, 39)}…` : credit.note;
  return dotted([formatDate(credit.earned_at, locale), amount, note]).join('');
}

/**
 * Where a reward the store's team sends is (a redemption with a reward_deliveries row): to be sent,
 * or sent on a day, by which carrier with which tracking number when staff gave them, then how it
 * went as they wrote it; one handed over, to be or on a day, with how it went; null for any other row. In pieces: the day, the tracking number
 * and the note drawn by `draw` (the portal's, a date kept on one line and a number of its own to copy; the console's, a note's codes and
 * numbers kept whole), text by default.
 */
export function rewardDelivery<Part = string>(
  row: { delivery?: { delivery: 'shipped' | 'handed_over'; sent_at: string | null; sent_note: string | null; carrier: string | null; tracking_number: string | null } | null },
  t: Translate<'rewardToSend' | 'rewardSent' | 'rewardSentBy' | 'rewardTracked' | 'rewardSentWith' | 'rewardToHandOver' | 'rewardHandedOver'>,
  locale: Locale,
  draw: { date?: (date: string) => Part; number?: (trackingNumber: string) => Part; note?: (note: string) => Part } = {},
): (string | Part)[] | null {
  const delivery = row.delivery;
  if (!delivery) return null;
  const handedOver = delivery.delivery === 'handed_over';
  if (!delivery.sent_at) return [t(handedOver ? 'rewardToHandOver' : 'rewardToSend')];
  type Pieces = (string | Part)[];
  // A value that is itself pieces (the sentence so far) goes in whole, in its place.
  const fill = (template: string, values: Record<string, string | Part | Pieces>): Pieces =>
    interpolateParts(template, values).flatMap((piece) => (Array.isArray(piece) ? (piece as Pieces) : [piece as string | Part]));
  const date = formatDate(delivery.sent_at, locale);
  const day = draw.date ? draw.date(date) : date;
  const sent = delivery.carrier ? fill(t('rewardSentBy'), { date: day, carrier: delivery.carrier }) : fill(t(handedOver ? 'rewardHandedOver' : 'rewardSent'), { date: day });
  const number = delivery.tracking_number && (draw.number ? draw.number(delivery.tracking_number) : delivery.tracking_number);
  const tracked = number ? fill(t('rewardTracked'), { sent, number }) : sent;
  const note = delivery.sent_note && (draw.note ? draw.note(delivery.sent_note) : delivery.sent_note);
  return note ? fill(t('rewardSentWith'), { sent: tracked, note }) : tracked;
}

/**
 * The catalogue key of a points or rebate row's reason (src/i18n/ledger-reasons.*.ts, in both the
 * `member` and `operations` sections): the buyer and staff read one wording.
 */
export function ledgerReasonKey(ledger: 'points' | 'rebate', reason: string): keyof typeof ledgerReasons {
  return `${ledger}_${reason}` as keyof typeof ledgerReasons;
}

/** The rows the orders import writes when it changes a paid order: their reasons cannot tell a refund in part from a correction. */
const orderChangeReasons = new Set(['order_correction', 'clawback', 'reversal']);

/**
 * A points or rebate row's reason as the member and staff read it: an expiry that names its
 * credit (points_ledger.credit_id) says which points it took, the day they were earned and the
 * points period they had then, the day taken by `withDate` (the portal's dated(), one line:
 * Spanish broke "12 oct / 2025" in the frame at 360 px), as text by default (the console); a row
 * the import wrote when it changed the row's order, by the order's change at the row's instant
 * (order_changes.changed_at is the import's ledger rows' created_at, `changes` the row's
 * order's); any other row, its reason's wording.
 */
export function ledgerReason<Out = string>(
  ledger: 'points' | 'rebate',
  row: {
    reason: string;
    credit?: { earned_at: string; expires_at: string } | null;
    created_at?: string;
    changes?: readonly { kind: (typeof orderChangeKinds)[number]; changed_at: string }[] | null | undefined;
  },
  t: Translate<keyof typeof ledgerReasons>,
  locale: Locale,
  withDate?: WithDate<Out>,
): string | Out {
  // A payment's row (`order`) is a change's only when the order was paid again: its first payment records none.
  const change = row.changes?.find((c) => c.changed_at === row.created_at && (row.reason === 'order' ? c.kind === 'reinstated' : orderChangeReasons.has(row.reason)));
  if (change) return t(`orderChange_${change.kind}`);
  if (!row.credit) return t(ledgerReasonKey(ledger, row.reason));
  const days = Math.round((Date.parse(row.credit.expires_at) - Date.parse(row.credit.earned_at)) / 86_400_000);
  const sentence = t(pluralKey('pointsExpiredCredit', days, locale), { days: formatNumber(days, locale) });
  const date = formatDate(row.credit.earned_at, locale);
  return withDate ? withDate(sentence, date) : dateInText(sentence, date);
}
