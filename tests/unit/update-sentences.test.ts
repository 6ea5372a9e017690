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

  it('handed over in person or by e-mail says so, then how it went', () => {
    expect(said({ ...reward, delivery: 'handed_over', note: 'Video call on Monday' })).toEqual([
      ['The store handed over your reward Colour-card kit.', 'Video call on Monday'],
      ['店铺已交付您的奖励Colour-card kit。', 'Video call on Monday'],
      ['La tienda te entregó tu recompensa Colour-card kit.', 'Video call on Monday'],
    ]);
  });

  it('shipped says it was sent, by whom with which tracking number, then how it went', () => {
    expect(said({ ...reward, delivery: 'shipped', carrier: 'DHL', tracking_number: '1Z999AA10123456784', note: 'Left at reception' })).toEqual([
      ['The store sent your reward Colour-card kit.', 'Sent by DHL, tracking number 1Z999AA10123456784.', 'Left at reception'],
      ['店铺已寄出您的奖励Colour-card kit。', '承运商：DHL，运单号：1Z999AA10123456784。', 'Left at reception'],
      ['La tienda envió tu recompensa Colour-card kit.', 'Enviado por DHL, número de seguimiento 1Z999AA10123456784.', 'Left at reception'],
    ]);
    expect(said({ ...reward, delivery: 'shipped' })).toEqual([
      ['The store sent your reward Colour-card kit.'], ['店铺已寄出您的奖励Colour-card kit。'], ['La tienda envió tu recompensa Colour-card kit.'],
    ]);
  });
});
