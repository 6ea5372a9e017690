/**
 * The Updates' sentences (src/components/member/update-sentences.tsx) as a buyer reads them, in
 * each language.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { sentences } from '../../src/components/member/update-sentences.tsx';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { Update } from '../../src/lib/member-api.ts';

const locales = ['en', 'zh-CN', 'es'] as const satisfies readonly Locale[];

/** The update's sentence and what follows it, as text, in each language. */
function said(update: Update): string[][] {
  return locales.map((locale) => {
    const { main, more } = sentences(update, { locale, t: translator(catalogues[locale].member) });
    const text = (children: unknown[]) => renderToString(h('p', null, children as never)).replace(/<[^>]+>/g, '');
    return [text(main), ...more.filter(Boolean).map((piece) => text([piece]))];
  });
}

describe('a reward the store delivered', () => {
  const reward = {
    kind: 'reward_sent', happened_at: '2026-12-06T10:00:00Z', is_new: true, name: 'Colour-card kit', name_lang: 'en',
    carrier: null, tracking_number: null, note: null,
  } as const;

  // The reward's name quoted as each language quotes, the store's note introduced as theirs; the
  // shipping line without a gender to agree with ("Enviado" after a reward, a sample "Enviada").
  it('handed over in person or by e-mail says so, then the store\'s note', () => {
    expect(said({ ...reward, delivery: 'handed_over', note: 'Video call on Monday' })).toEqual([
      ['The store handed over your reward “Colour-card kit”.', 'Store’s note: “Video call on Monday”'],
      ['店铺已交付您的奖励“Colour-card kit”。', '店铺备注：“Video call on Monday”'],
      ['La tienda te entregó tu recompensa «Colour-card kit».', 'Nota de la tienda: «Video call on Monday»'],
    ]);
  });

  it('shipped says it was sent, by whom with which tracking number, then the store\'s note', () => {
    expect(said({ ...reward, delivery: 'shipped', carrier: 'SEUR', tracking_number: '1Z999AA10123456784', note: 'Left at reception' })).toEqual([
      ['The store sent your reward “Colour-card kit”.', 'Sent by SEUR, tracking number 1Z999AA10123456784.', 'Store’s note: “Left at reception”'],
      ['店铺已寄出您的奖励“Colour-card kit”。', '承运商：SEUR，运单号：1Z999AA10123456784。', '店铺备注：“Left at reception”'],
      ['La tienda envió tu recompensa «Colour-card kit».', 'Envío con SEUR, número de seguimiento 1Z999AA10123456784.', 'Nota de la tienda: «Left at reception»'],
    ]);
    expect(said({ ...reward, delivery: 'shipped' })).toEqual([
      ['The store sent your reward “Colour-card kit”.'], ['店铺已寄出您的奖励“Colour-card kit”。'], ['La tienda envió tu recompensa «Colour-card kit».'],
    ]);
  });

  it('marks the reward\'s name with its language and leaves the note\'s unsaid, as the points history does', () => {
    const { main, more } = sentences({ ...reward, delivery: 'handed_over', note: 'Llamada el lunes' }, { locale: 'es', t: translator(catalogues.es.member) });
    const html = renderToString(h('p', null, [...main, ...more] as never));
    expect(html).toContain('<span lang="en">Colour-card kit</span>');
    expect(html).toContain('«<span>Llamada el lunes</span>»');
  });
});

describe('a shipped sample and the store\'s notes', () => {
  it('says how a sample was shipped without a gender, as the Samples list does', () => {
    const sample = { kind: 'sample_shipped', happened_at: '2026-12-06T10:00:00Z', is_new: true, product_name: 'Lace wig 18"', product_name_lang: 'en', quantity: 1, carrier: 'DHL', tracking_number: 'JD014600006281', note: null } as const;
    expect(said(sample).map((lines) => lines[1])).toEqual([
      'Sent by DHL, tracking number JD014600006281.', '承运商：DHL，运单号：JD014600006281。', 'Envío con DHL, número de seguimiento JD014600006281.',
    ]);
    // The number kept on one line, as Samples keeps it ("JD0146 / 0000 1234" broke at 360 px).
    for (const locale of locales) {
      const { more } = sentences({ ...sample, tracking_number: 'JD0146 0000 1234' }, { locale, t: translator(catalogues[locale].member) });
      expect(renderToString(h('p', null, more as never))).toContain('<span class="code tracking-number">JD0146 0000 1234</span>');
    }
    expect(said({ ...sample, tracking_number: null }).map((lines) => lines[1])).toEqual([
      'Sent by DHL, tracking number —.', '承运商：DHL，运单号：—。', 'Envío con DHL, número de seguimiento —.',
    ]);
  });

  // "Reason: Out of stock" read as the reader's own words, or the portal's; the Samples list says it alike.
  it('introduces a declined sample\'s reason as the store\'s, its language unsaid as a note\'s', () => {
    const sample = { kind: 'sample_rejected', happened_at: '2026-12-06T10:00:00Z', is_new: true, product_name: 'Lace wig 18"', product_name_lang: 'en', quantity: 1, carrier: null, tracking_number: null, note: 'Out of stock in this length' } as const;
    expect(said(sample).map((lines) => lines.slice(1))).toEqual([
      ['Store’s reason: “Out of stock in this length”'], ['店铺给出的原因：“Out of stock in this length”'], ['Motivo de la tienda: «Out of stock in this length»'],
    ]);
    const { more } = sentences(sample, { locale: 'es', t: translator(catalogues.es.member) });
    expect(renderToString(h('p', null, more as never))).toContain('«<span>Out of stock in this length</span>»');
    expect(said({ ...sample, note: null }).map((lines) => lines.length)).toEqual([1, 1, 1]);
  });

  it('introduces a note on points or rebate as the store\'s', () => {
    const points = { kind: 'points_adjusted', happened_at: '2026-12-06T10:00:00Z', is_new: false, points: 500, note: 'Trade fair bonus' } as const;
    expect(said(points).map((lines) => lines[1])).toEqual(['Store’s note: “Trade fair bonus”', '店铺备注：“Trade fair bonus”', 'Nota de la tienda: «Trade fair bonus»']);
    const rebate = { kind: 'rebate_credited', happened_at: '2026-12-06T10:00:00Z', is_new: false, amount: 25, currency: 'USD', note: null } as const;
    expect(said(rebate).map((lines) => lines.length)).toEqual([1, 1, 1]);
  });
});

describe('an inquiry the store answered', () => {
  const answered = { kind: 'inquiry_answered', happened_at: '2026-12-07T10:00:00Z', is_new: true, inquiry_id: '7d0f5a8e-4c1b-4f6e-9a2d-3b5c6d7e8f90' } as const;

  // A changed answer is not told as the first one again: the buyer may have acted on that one.
  it('says an answer, or a changed one, about a product or a general question', () => {
    expect(said({ ...answered, changed: false, product_name: 'Lace wig', product_name_lang: 'en' })).toEqual([
      ['The store answered your company’s inquiry about Lace wig.'], ['店铺已回复贵公司关于Lace wig的询盘。'], ['La tienda respondió a la consulta de tu empresa sobre Lace wig.'],
    ]);
    expect(said({ ...answered, changed: true, product_name: 'Lace wig', product_name_lang: 'en' })).toEqual([
      ['The store changed its answer to your company’s inquiry about Lace wig.'], ['店铺已修改对贵公司关于Lace wig询盘的回复。'], ['La tienda cambió su respuesta a la consulta de tu empresa sobre Lace wig.'],
    ]);
    expect(said({ ...answered, changed: true, product_name: null, product_name_lang: null })).toEqual([
      ['The store changed its answer to your company’s inquiry.'], ['店铺已修改对贵公司询盘的回复。'], ['La tienda cambió su respuesta a la consulta de tu empresa.'],
    ]);
  });
});

describe('an order paid again after a refund', () => {
  const again = {
    kind: 'order_paid_again', happened_at: '2026-12-07T10:00:00Z', is_new: true, order_ref: 'HW-7003', amount: 640, currency: 'USD', base_currency: 'USD',
  } as const;

  // Worded as the refund's notice is, so the buyer reads the two as one order's story.
  it('says the amount it is paid at, then the points and rebate it credited back, plural in each language', () => {
    expect(said({ ...again, points: 960, rebate: 32 })).toEqual([
      ['Order HW-7003 was paid again: US$640.00.', 'This credited back 960 points and US$32.00 of rebate.'],
      ['订单HW-7003已重新付款：US$640.00。', '因此重新计入了960积分和US$32.00返利。'],
      ['El pedido HW-7003 se volvió a pagar: 640,00\u00a0US$.', 'Se volvieron a abonar 960 puntos y 32,00\u00a0US$ de bonificación.'],
    ]);
    expect(said({ ...again, points: 1, rebate: null })[2]).toEqual(['El pedido HW-7003 se volvió a pagar: 640,00\u00a0US$.', 'Se volvió a abonar 1 punto.']);
    expect(said({ ...again, points: null, rebate: 32 })[0]).toEqual(['Order HW-7003 was paid again: US$640.00.', 'This credited back US$32.00 of rebate.']);
    // Nothing earned (a store giving no points, a former member): the payment alone.
    expect(said({ ...again, points: null, rebate: null })[0]).toEqual(['Order HW-7003 was paid again: US$640.00.']);
  });
});
