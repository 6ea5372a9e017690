import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { tierMoveSentence } from '../../src/components/member/tier-move.tsx';
import { interpolate } from '../../src/i18n/format.ts';
import { member as en } from '../../src/i18n/member/en.ts';
import { member as es } from '../../src/i18n/member/es.ts';
import { member as zh } from '../../src/i18n/member/zh-CN.ts';
import { operations as opsEn } from '../../src/i18n/operations/en.ts';
import { operations as opsEs } from '../../src/i18n/operations/es.ts';
import { operations as opsZh } from '../../src/i18n/operations/zh-CN.ts';
import { changedAmounts, namedRefs, originalAmount, paidAgain, refundedPart, tierMoveReason, type TierMove } from '../../src/lib/order-changes.ts';

/** Intl keeps a no-break space between a Spanish amount and its currency. */
const nbsp = (text: string) => text.replace(' ', '\u00a0');

const change = {
  amount_before: 1200, currency_before: 'USD', amount_base_before: 1200,
  amount_after: 1000, currency_after: 'USD', amount_base_after: 1000, base_currency: 'USD',
};

describe('a correction\'s amounts', () => {
  it('are the order\'s own, with their currency, in the reader\'s language', () => {
    expect(changedAmounts(change, 'en')).toEqual({ before: 'US$1,200.00', after: 'US$1,000.00' });
    expect(changedAmounts(change, 'zh-CN')).toEqual({ before: 'US$1,200.00', after: 'US$1,000.00' });
    expect(changedAmounts(change, 'es')).toEqual({ before: nbsp('1200,00 US$'), after: nbsp('1000,00 US$') });
  });

  it('are the store\'s counted ones when only the exchange rate was corrected', () => {
    const rate = { ...change, amount_after: 1200, currency_before: 'EUR', currency_after: 'EUR', amount_base_before: 1296, amount_base_after: 1308 };
    expect(changedAmounts(rate, 'en')).toEqual({ before: 'US$1,296.00', after: 'US$1,308.00' });
  });
});

describe('a refund in part', () => {
  it('says what it gave back of what the order was, to the cent', () => {
    expect(refundedPart({ ...change, amount_before: 1200.1, amount_after: 1000.05 }, 'en')).toEqual({ part: 'US$200.05', of: 'US$1,200.10' });
    expect(refundedPart({ ...change, currency_before: 'EUR', currency_after: 'EUR' }, 'es')).toEqual({ part: nbsp('200,00 €'), of: nbsp('1200,00 €') });
  });
});

describe('an order\'s original amount', () => {
  const part = (amount: number) => ({ kind: 'refunded_in_part', amount_before: amount, currency_before: 'USD' });
  it('is the amount before its first refund in part', () => {
    expect(originalAmount([part(1000), part(800)])).toEqual({ amount: 1000, currency: 'USD' });
  });

  it('is none without a refund in part, or once a correction set the amount anew', () => {
    expect(originalAmount([])).toBeNull();
    expect(originalAmount([{ kind: 'corrected', amount_before: 900, currency_before: 'USD' }])).toBeNull();
    expect(originalAmount([part(1000), { kind: 'corrected', amount_before: 800, currency_before: 'USD' }])).toBeNull();
    expect(originalAmount([part(1000), { kind: 'corrected', amount_before: 800, currency_before: 'USD' }, part(700)])).toEqual({ amount: 700, currency: 'USD' });
  });
});

describe('an order paid again', () => {
  // Its points read "1,920 earned · 960 taken back": the status says why, in the portal and the console.
  it('is a paid order with a payment again among its changes; refunded again, it is refunded', () => {
    const changes = [{ kind: 'refunded_in_full' }, { kind: 'reinstated' }];
    expect(paidAgain({ status: 'paid', changes })).toBe(true);
    expect(paidAgain({ status: 'refunded', changes: [...changes, { kind: 'refunded_in_full' }] })).toBe(false);
    expect(paidAgain({ status: 'paid', changes: [{ kind: 'corrected' }] })).toBe(false);
    expect(paidAgain({ status: 'paid', changes: [] })).toBe(false);
    expect([en.orderPaidAgain, zh.orderPaidAgain, es.orderPaidAgain]).toEqual([opsEn.orderStatusPaidAgain, opsZh.orderStatusPaidAgain, opsEs.orderStatusPaidAgain]);
  });
});

describe('the sentence after a tier move in the Updates', () => {
  const move = (fields: Partial<TierMove>): TierMove => ({ reason: 'orders', orders_changed: 0, changed_order_ref: null, moved_order_refs: [], ...fields });
  /** The sentence as My membership's tier note and the Updates draw it (tierMoveSentence), in each language. */
  const drawn = (fields: Partial<TierMove>) =>
    ([[en, 'en'], [zh, 'zh-CN'], [es, 'es']] as const).map(([catalogue, locale]) => {
      const t = (key: keyof typeof en, values?: Record<string, string>) => interpolate(catalogue[key], values);
      return renderToString(h('p', null, tierMoveSentence(move(fields), { locale, t } as Parameters<typeof tierMoveSentence>[1])));
    });
  const said = (fields: Partial<TierMove>) => drawn(fields).map((html) => html.replace(/<[^>]+>/g, ''));

  it('names the order whose change it follows when the feed can tell', () => {
    expect(said({ orders_changed: 1, changed_order_ref: 'LUM-2026-0233', moved_order_refs: ['LUM-2026-0240'] })).toEqual([
      'This follows the change to order LUM-2026-0233.', '此变化源于订单LUM-2026-0233的变动。', 'Se debe al cambio en el pedido LUM-2026-0233.',
    ]);
  });

  it('says it follows the changes to the orders when it cannot single one out', () => {
    expect(said({ orders_changed: 2 })).toEqual([
      'This follows the latest changes to your orders.', '此变化源于您订单的最新变动。', 'Se debe a los últimos cambios en tus pedidos.',
    ]);
  });

  it('names the orders it paid or refunded, one or several, each kept whole on one line and isolated from the sentence', () => {
    for (const html of drawn({ moved_order_refs: ['A-1', 'A-2'] })) {
      expect(html.match(/<bdi[^>]*>[^<]*<\/bdi>/g)).toEqual(['<bdi class="nowrap">A-1</bdi>', '<bdi class="nowrap">A-2</bdi>']);
    }
    expect(said({ moved_order_refs: ['A-1'] })).toEqual(['This follows paid order A-1.', '此变化源于已付款订单A-1。', 'Se debe al pedido pagado A-1.']);
    expect(said({ moved_order_refs: ['A-1', 'A-2', 'A-3'] })).toEqual([
      'This follows paid orders A-1, A-2, and A-3.', '此变化源于已付款订单A-1、A-2和A-3。', 'Se debe a los pedidos pagados A-1, A-2 y A-3.',
    ]);
    // A break between two references where the language joins them with no space ("、", "和"):
    // Chromium found none before a reference kept whole, and a Chinese list ran past a phone's row.
    expect(drawn({ moved_order_refs: ['A-1', 'A-2', 'A-3'] }).map((html) => html.replace(/<\/?span[^>]*>/g, '').match(/<\/bdi>[^<]*(<wbr\/?>)?/g))).toEqual([
      ['</bdi>, ', '</bdi>, and ', '</bdi>.'], ['</bdi>、<wbr/>', '</bdi>和<wbr/>', '</bdi>。'], ['</bdi>, ', '</bdi> y ', '</bdi>.'],
    ]);
    expect(said({ reason: 'refund', moved_order_refs: ['A-1', 'A-2'] })).toEqual([
      'This follows the refund of orders A-1 and A-2.', '此变化源于订单A-1和A-2的退款。', 'Se debe al reembolso de los pedidos A-1 y A-2.',
    ]);
  });

  it('names three of a long list and counts the rest, in a button that shows them all, plural in each language', () => {
    const refs = Array.from({ length: 33 }, (_, index) => `A-${index + 1}`);
    expect(said({ moved_order_refs: refs })).toEqual([
      'This follows paid orders A-1, A-2, A-3, and 30 more orders.', '此变化源于已付款订单A-1、A-2、A-3和另外30个订单。', 'Se debe a los pedidos pagados A-1, A-2, A-3 y 30 pedidos más.',
    ]);
    for (const html of drawn({ moved_order_refs: refs })) expect(html.match(/<button[^>]*>[^<]*<\/button>/g)).toHaveLength(1);
    expect(said({ reason: 'refund', moved_order_refs: refs.slice(0, 5) })[2]).toBe('Se debe al reembolso de los pedidos A-1, A-2, A-3 y 2 pedidos más.');
  });

  it('keeps the reason\'s own sentence when no order was changed or named', () => {
    expect(said({})).toEqual(['This follows your latest paid orders.', '此变化源于您最近的已付款订单。', 'Se debe a tus últimos pedidos pagados.']);
    expect(tierMoveReason(move({ reason: 'refund' }), 'en')).toEqual({ key: 'reason_refund' });
    expect(tierMoveReason(move({ reason: 'period', moved_order_refs: ['A-1'] }), 'en')).toEqual({ key: 'reason_period' });
  });
});

describe('a tier move after the import\'s change of orders in the console\'s tier history', () => {
  it('is said in the console in every language', () => {
    expect([opsEn, opsZh, opsEs].map((ops) => [interpolate(ops.tierReasonOrderChanged, { ref: 'OL-PART' }), ops.tierReasonOrdersChanged])).toEqual([
      ['After the change to order OL-PART', 'After changes to orders'],
      ['订单OL-PART变动后', '订单变动后'],
      ['Tras el cambio en el pedido OL-PART', 'Tras cambios en los pedidos'],
    ]);
  });
});

describe('a partly refunded order\'s original amount, as the portal and the console both say it', () => {
  it('reads the same in both sections, in every language', () => {
    for (const [member, operations, text] of [[en, opsEn, 'refunded in part, was US$1,200.00'], [zh, opsZh, '部分退款，原为US$1,200.00'], [es, opsEs, 'reembolsado en parte, antes US$1,200.00']] as const) {
      expect(interpolate(member.orderAmountWas, { amount: 'US$1,200.00' })).toBe(text);
      expect(operations.orderAmountWas).toBe(member.orderAmountWas);
    }
  });
});

describe('the orders a tier move names', () => {
  const refs = (count: number) => Array.from({ length: count }, (_, index) => `LUM-${String(index + 1).padStart(4, '0')}`);

  it('names three and counts the rest of a long list (33 orders: three and 30 more)', () => {
    expect(namedRefs(refs(33))).toEqual({ named: ['LUM-0001', 'LUM-0002', 'LUM-0003'], more: 30 });
    expect(namedRefs(refs(5))).toEqual({ named: refs(3), more: 2 });
  });

  it('names every order of a short list, and one more rather than counting it', () => {
    expect(namedRefs(refs(1))).toEqual({ named: refs(1), more: 0 });
    expect(namedRefs(refs(3))).toEqual({ named: refs(3), more: 0 });
    expect(namedRefs(refs(4))).toEqual({ named: refs(4), more: 0 });
  });
});
