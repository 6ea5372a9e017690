import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales } from '../../src/i18n/locales.ts';
import { dateRange, formatDate, interpolateParts, rangeInWords, translator } from '../../src/i18n/format.ts';
import { ledgerNote, ledgerReason, ledgerReasonKey, rewardDelivery, staffCreditLabel, staffLedgerNote } from '../../src/lib/ledger-note.ts';
import { expiringByMonth } from '../../src/lib/standing-text.ts';
import type { orderChangeKinds } from '../../src/lib/order-changes.ts';

describe('a ledger row\'s note', () => {
  it('is nothing for an order\'s credit or its review\'s: the engine wrote the order\'s reference, already shown', () => {
    expect(ledgerNote({ reason: 'order', note: 'LUM-2026-0412' })).toBeNull();
    expect(ledgerNote({ reason: 'review', note: 'LUM-2026-0412' })).toBeNull();
  });

  it('names a redeemed reward in the reader\'s language, or from the note in the store\'s', () => {
    expect(ledgerNote({ reason: 'redemption', note: 'Lace sample kit', reward: { name: 'Kit de muestras', text_langs: { name: 'es' } } }, 'en'))
      .toEqual({ text: 'Kit de muestras', lang: 'es', from: 'reward' });
    expect(ledgerNote({ reason: 'redemption', note: 'Lace sample kit', reward: null }, 'en')).toEqual({ text: 'Lace sample kit', lang: 'en', from: 'reward' });
  });

  it('is the note a person of the store wrote, as written, and said to be the store\'s', () => {
    expect(ledgerNote({ reason: 'adjustment', note: 'Thank-you for the salon photo shoot' })).toEqual({ text: 'Thank-you for the salon photo shoot', lang: undefined, from: 'store' });
    expect(ledgerNote({ reason: 'applied', note: 'Deducted from the invoice' }, 'en')).toEqual({ text: 'Deducted from the invoice', lang: undefined, from: 'store' });
    expect(ledgerNote({ reason: 'adjustment', note: null })).toBeNull();
  });

  // Bare after the reason ("Adjustment by the store · Thank-you…"), it read as the console's own words.
  it.each([
    ['en', 'Note to the buyer: “Thank-you for the salon photo shoot”', 'Note to the buyer: “Deducted from the invoice”'],
    ['zh-CN', '给买家的备注：“Thank-you for the salon photo shoot”', '给买家的备注：“Deducted from the invoice”'],
    ['es', 'Nota para el comprador: «Thank-you for the salon photo shoot»', 'Nota para el comprador: «Deducted from the invoice»'],
  ] as const)('%s: the console introduces one staff wrote as the note to the buyer, quoted; a reward by its name alone', (locale, adjustment, applied) => {
    const t = translator(catalogues[locale].operations);
    expect(staffLedgerNote({ reason: 'adjustment', note: 'Thank-you for the salon photo shoot' }, t)?.join('')).toBe(adjustment);
    expect(staffLedgerNote({ reason: 'applied', note: 'Deducted from the invoice' }, t)?.join('')).toBe(applied);
    expect(staffLedgerNote({ reason: 'redemption', note: 'Lace sample kit', reward: { name: 'Kit de muestras' } }, t)).toEqual(['Kit de muestras']);
    expect(staffLedgerNote({ reason: 'order', note: 'LUM-2026-0412' }, t)).toBeNull();
  });
});

describe('a ledger row\'s reason', () => {
  // Every reason the ledgers' check constraints allow (migrations 20261124000300, 20261203000400, 20261207000300).
  const reasons = {
    points: ['join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback'],
    rebate: ['order', 'applied', 'reversal', 'credit', 'correction'],
  } as const;

  it.each(locales)('%s: has a wording for every reason either ledger allows (one set, spread into both screens\' catalogues)', (locale) => {
    for (const [ledger, all] of Object.entries(reasons) as [keyof typeof reasons, readonly string[]][]) {
      for (const reason of all) {
        const key = ledgerReasonKey(ledger, reason);
        expect(catalogues[locale].member[key], key).toBeTruthy();
      }
    }
  });

  it('says who adjusted points in words that read right to the buyer and to staff', () => {
    expect(catalogues.en.operations[ledgerReasonKey('points', 'adjustment')]).toBe('Adjustment by the store');
  });
});

describe('an expiry that names its credit', () => {
  const row = { reason: 'expiry', credit: { earned_at: '2025-10-12T12:00:00Z', expires_at: '2026-10-12T12:00:00Z' } };
  // Spanish broke "12 oct / 2025" in the widget frame's points history at 360 px.
  it.each(locales)('%s: gives its day to the portal as a piece to keep whole, the console the same words as text', (locale) => {
    const t = translator(catalogues[locale].member);
    const date = formatDate(row.credit.earned_at, locale);
    const text = ledgerReason('points', row, t, locale);
    expect(text).toContain(date);
    expect(ledgerReason('points', row, t, locale, (sentence, day) => interpolateParts(sentence, { date: { day } }))).toEqual(interpolateParts(text.replace(date, '{date}'), { date: { day: date } }));
  });
});

describe('a refund\'s or correction\'s ledger row', () => {
  const at = '2026-12-10T08:00:00.123456+00:00';
  const changes = [
    { kind: 'corrected', changed_at: '2026-12-09T08:00:00+00:00' },
    { kind: 'refunded_in_part', changed_at: at },
  ] as const;
  const said = (locale: (typeof locales)[number], ledger: 'points' | 'rebate', reason: string, rowChanges: readonly { kind: (typeof orderChangeKinds)[number]; changed_at: string }[] = changes) =>
    ledgerReason(ledger, { reason, created_at: at, changes: rowChanges }, translator(catalogues[locale].member), locale);

  it.each([
    ['en', 'Order refunded in part', 'Order corrected', 'Order refunded', 'Order cancelled', 'Order paid again'],
    ['zh-CN', '订单部分退款', '订单已更正', '订单退款', '订单已取消', '订单重新付款'],
    ['es', 'Pedido reembolsado en parte', 'Pedido corregido', 'Pedido reembolsado', 'Pedido cancelado', 'Pedido pagado de nuevo'],
  ] as const)('%s: is named by its order\'s change at the row\'s instant, in the portal and the console alike', (locale, inPart, corrected, refunded, cancelled, again) => {
    expect(said(locale, 'points', 'order_correction')).toBe(inPart);
    expect(said(locale, 'rebate', 'order_correction')).toBe(inPart);
    expect(said(locale, 'points', 'order_correction', [{ kind: 'corrected', changed_at: at }])).toBe(corrected);
    expect(said(locale, 'points', 'clawback', [{ kind: 'refunded_in_full', changed_at: at }])).toBe(refunded);
    expect(said(locale, 'rebate', 'reversal', [{ kind: 'cancelled', changed_at: at }])).toBe(cancelled);
    // Paid again: its `order` rows read as such, not as its first payment's.
    expect(said(locale, 'points', 'order', [{ kind: 'refunded_in_full', changed_at: '2026-12-09T08:00:00+00:00' }, { kind: 'reinstated', changed_at: at }])).toBe(again);
    expect(said(locale, 'rebate', 'order', [{ kind: 'reinstated', changed_at: at }])).toBe(again);
    expect(translator(catalogues[locale].operations)('orderChange_reinstated')).toBe(again);
    expect(translator(catalogues[locale].operations)('orderChange_refunded_in_part')).toBe(inPart);
  });

  it('keeps its reason\'s wording when no change of its order is at its instant, or it is not a change\'s row', () => {
    expect(said('en', 'points', 'order_correction', [{ kind: 'refunded_in_part', changed_at: '2026-12-10T08:00:00.123457+00:00' }])).toBe('Order amount corrected');
    expect(said('en', 'points', 'order_correction', [])).toBe('Order amount corrected');
    expect(said('en', 'points', 'order', [])).toBe('Paid order');
    expect(ledgerReason('points', { reason: 'order_correction' }, translator(catalogues.en.member), 'en')).toBe('Order amount corrected');
    // A re-rating's row is another order's: the change at that instant is not its own.
    expect(said('en', 'points', 'order_rerated')).toBe('Re-rated after an earlier order changed');
    expect(said('en', 'points', 'order')).toBe('Paid order');
  });
});

describe('a reward the store sent', () => {
  const delivery = { delivery: 'shipped' as const, sent_at: '2026-12-06T10:00:00Z', sent_note: 'Left at reception', carrier: 'DHL', tracking_number: '1Z999AA10123456784' };
  it.each(locales)('%s: names its day and tracking number as pieces of their own, for the portal to keep whole and copy; the console reads them as text', (locale) => {
    const t = translator(catalogues[locale].member);
    const pieces = rewardDelivery<{ date: string } | { number: string }>({ delivery }, t, locale, { date: (date) => ({ date }), number: (number) => ({ number }) });
    expect(pieces?.filter((piece) => typeof piece !== 'string')).toEqual([{ date: formatDate(delivery.sent_at, locale) }, { number: '1Z999AA10123456784' }]);
    expect(pieces?.map((piece) => (typeof piece === 'string' ? piece : 'date' in piece ? piece.date : piece.number)).join('')).toBe(rewardDelivery({ delivery }, t, locale)?.join(''));
    expect(rewardDelivery({ delivery }, t, locale)?.join('')).toContain('1Z999AA10123456784');
  });

  it('gives its note to `draw` too, for the console to keep its codes and numbers whole', () => {
    const noted = { ...delivery, sent_note: 'Order 12345678901234567890' };
    const pieces = rewardDelivery<{ note: string }>({ delivery: noted }, translator(catalogues.en.operations), 'en', { note: (note) => ({ note }) });
    expect(pieces?.filter((piece) => typeof piece !== 'string')).toEqual([{ note: 'Order 12345678901234567890' }]);
  });

  it('says the sentence as before around it', () => {
    expect(rewardDelivery({ delivery: { ...delivery, sent_note: null } }, translator(catalogues.en.member), 'en')?.join('')).toBe('Sent on Dec 6, 2026 by DHL, tracking number 1Z999AA10123456784');
    expect(rewardDelivery({ delivery: { ...delivery, sent_at: null } }, translator(catalogues.en.member), 'en')).toEqual(['To be sent by the store']);
    expect(rewardDelivery({ delivery: null }, translator(catalogues.en.member), 'en')).toBeNull();
  });

  // The buyer reads it as the store's note, as their Updates introduce it (a note in a language nobody recorded).
  it.each([
    ['en', 'Sent on {date} by DHL, tracking number 1Z999AA10123456784 · Store’s note: “Left at reception”'],
    ['zh-CN', '已于{date}由DHL寄出，运单号1Z999AA10123456784 · 店铺备注：“Left at reception”'],
    ['es', 'Enviada el {date} por DHL, número de seguimiento 1Z999AA10123456784 · Nota de la tienda: «Left at reception»'],
  ] as const)("%s: the buyer's points history introduces how it went as the store's note, quoted", (locale, said) => {
    expect(rewardDelivery({ delivery }, translator(catalogues[locale].member), locale)?.join('')).toBe(said.replace('{date}', formatDate(delivery.sent_at, locale)));
  });

  // Staff read it as what the buyer was told, quoted.
  it.each([
    ['en', 'Sent on {date} by DHL, tracking number 1Z999AA10123456784 · Note to the buyer: “Left at reception”'],
    ['zh-CN', '已于{date}由DHL寄出，运单号1Z999AA10123456784 · 给买家的备注：“Left at reception”'],
    ['es', 'Enviada el {date} por DHL, número de seguimiento 1Z999AA10123456784 · Nota para el comprador: «Left at reception»'],
  ] as const)('%s: the console introduces how it went as the note to the buyer, quoted', (locale, said) => {
    expect(rewardDelivery({ delivery }, translator(catalogues[locale].operations), locale)?.join('')).toBe(said.replace('{date}', formatDate(delivery.sent_at, locale)));
  });

  it.each([
    ['en', 'To be handed over by the store', 'Handed over on {date} · Store’s note: “Video call on Monday”'],
    ['zh-CN', '待店铺交付', '已于{date}交付 · 店铺备注：“Video call on Monday”'],
    ['es', 'Pendiente de entrega por la tienda', 'Entregada el {date} · Nota de la tienda: «Video call on Monday»'],
  ] as const)('%s: one handed over is to be handed over, then handed over on its day with how it went', (locale, waiting, done) => {
    const t = translator(catalogues[locale].member);
    const handedOver = { delivery: 'handed_over' as const, sent_at: '2026-12-06T10:00:00Z', sent_note: 'Video call on Monday', carrier: null, tracking_number: null };
    expect(rewardDelivery({ delivery: { ...handedOver, sent_at: null, sent_note: null } }, t, locale)).toEqual([waiting]);
    expect(rewardDelivery({ delivery: handedOver }, t, locale)?.join('')).toBe(done.replace('{date}', formatDate(handedOver.sent_at, locale)));
  });
});

// Named by its note alone, two "Late delivery" credits read alike: staff tell them apart by day and amount.
describe('a staff credit to correct', () => {
  const credit = { amount: 500, left: 500, note: 'Late delivery', earned_at: '2026-12-07T10:00:00Z' };
  it.each([
    ['en', 'Dec 7, 2026 ·\u00a0US$500.00 ·\u00a0Late delivery', 'Dec 7, 2026 ·\u00a0US$500.00 (US$300.00 left) ·\u00a0Late delivery', 'Dec 7, 2026 ·\u00a0CN¥1,250.50'],
    ['es', '7 dic 2026 ·\u00a0500,00\u00a0US$ ·\u00a0Late delivery', '7 dic 2026 ·\u00a0500,00\u00a0US$ (quedan 300,00\u00a0US$) ·\u00a0Late delivery', '7 dic 2026 ·\u00a01250,50\u00a0CNY'],
    ['zh-CN', '2026年12月7日 ·\u00a0US$500.00 ·\u00a0Late delivery', '2026年12月7日 ·\u00a0US$500.00（剩余US$300.00） ·\u00a0Late delivery', '2026年12月7日 ·\u00a0¥1,250.50'],
  ] as const)('%s: by its day and amount with its currency, what is left beside the amount, then its note if it has one', (locale, whole, part, noNote) => {
    const t = translator(catalogues[locale].operations);
    expect(staffCreditLabel(credit, 'USD', t, locale)).toBe(whole);
    expect(staffCreditLabel({ ...credit, left: 300 }, 'USD', t, locale)).toBe(part);
    expect(staffCreditLabel({ ...credit, amount: 1250.5, left: 1250.5, note: null }, 'CNY', t, locale)).toBe(noNote);
  });

  it('cuts a long note short: a choice shows one line', () => {
    const label = staffCreditLabel({ ...credit, note: 'Goodwill for the delayed March container, agreed by phone' }, 'USD', translator(catalogues.en.operations), 'en');
    expect(label).toBe('Dec 7, 2026 ·\u00a0US$500.00 ·\u00a0Goodwill for the delayed March containe…');
  });
});

describe('points expiring after the coming weeks, a line per month', () => {
  // Noon UTC: the same day on any reader's clock the test runs on.
  const credits = [{ expires_at: '2027-08-23T12:00:00Z', points: 100 }, { expires_at: '2027-08-31T12:00:00Z', points: 50 }, { expires_at: '2027-09-14T12:00:00Z', points: 7 }];
  it.each([
    ['en', 'Aug 23\u2009–\u200931, 2027', 'Sep 14, 2027'],
    ['es', '23–31 ago 2027', '14 sept 2027'],
    ['zh-CN', '2027年8月23日至31日', '2027年9月14日'],
  ] as const)('%s: say the month and year their days share once (Intl formatRange; Chinese in words, as CLDR writes it)', (locale, range, day) => {
    const lines = expiringByMonth(credits, (credit) => credit.points, locale);
    expect(lines.map(({ range: [first, rest], points }) => [first + rest, points])).toEqual([[range, 150], [day, 7]]);
    expect(lines[1]!.range[1]).toBe('');
  });

  // "24,891 points on Dec 4 – 6, 2027" read as one odd day, and Spanish broke before its dash
  // ("en los días 4 / –6 dic 2027"): the days joined by the sentence's word, as Points says them.
  it.each([
    ['en', 'Aug 23 and 31, 2027', 'Aug 23, 2027 and Jan 3, 2028', 'Sep 14, 2027'],
    ['es', '23 y el 31 ago 2027', '23 ago 2027 y el 3 ene 2028', '14 sept 2027'],
    ['zh-CN', '2027年8月23日至31日', '2027年8月23日至2028年1月3日', '2027年9月14日'],
  ] as const)('%s: say a month\'s first and last day in words, the catalogue\'s rangeAnd for the dash', (locale, range, years, day) => {
    const and = catalogues[locale].member.rangeAnd;
    const lines = expiringByMonth(credits, (credit) => credit.points, locale);
    expect(lines.map((line) => rangeInWords(line.range, and))).toEqual([range, day]);
    expect(rangeInWords(dateRange('2027-08-23T12:00:00Z', '2028-01-03T12:00:00Z', locale), and)).toBe(years);
  });
});
