/**
 * Strings put together in the reader's language (src/i18n/format.ts): Chinese
 * joins sentences, and a label and its bracketed note, without a space ("降为高级会员。如需保级",
 * "职位（选填）"); English and Spanish with one.
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { interpolate, joinSentences, parenthetical, sentenceGap } from '../../src/i18n/format.ts';

describe('joining sentences per language', () => {
  it('puts no space after a Chinese full stop, one after an English or Spanish one', () => {
    const zh = catalogues['zh-CN'].member;
    const until = interpolate(zh.keepsUntil, { tier: 'VIP会员', date: '2027年3月28日', lower: '高级会员' });
    const needs = interpolate(zh.keepsNeedAmount, { amount: 'US$1,716.00' });
    expect(joinSentences([until, needs], 'zh-CN')).toBe('如无新订单，您的VIP会员等级保持至2027年3月28日，之后降为高级会员。如需保级，请在此之前再完成至少US$1,716.00的已付款订单。');
    expect(joinSentences(['Your tier holds.', 'To keep it, order more.'], 'en')).toBe('Your tier holds. To keep it, order more.');
    expect(joinSentences(['Mantienes tu nivel.', null, '', 'Pide más.'], 'es')).toBe('Mantienes tu nivel. Pide más.');
  });

  it('joins the posts editor\'s two file hints as each language joins sentences', () => {
    const hint = (locale: 'zh-CN' | 'es') => joinSentences([catalogues[locale].growth.filesHint, catalogues[locale].growth.filesWithNewPost], locale);
    expect(hint('zh-CN')).toMatch(/才能打开附件。[^\s]/);
    expect(hint('es')).toMatch(/\. [^\s]/);
  });

  it('writes a label and its "optional" note as the language does', () => {
    expect(catalogues['zh-CN'].join.jobTitle + sentenceGap('zh-CN') + catalogues['zh-CN'].join.optional).toBe('职位（选填）');
    expect(catalogues.en.join.jobTitle + sentenceGap('en') + catalogues.en.join.optional).toBe('Job title (optional)');
  });

  it("puts an amount's counterpart in brackets as the language does (an order's amount in the store's currency)", () => {
    expect(`MXN\u00a0152,000.00${parenthetical('US$8,284.00', 'zh-CN')}`).toBe('MXN\u00a0152,000.00（US$8,284.00）');
    expect(`€1,000.00${parenthetical('US$1,080.00', 'en')}`).toBe('€1,000.00 (US$1,080.00)');
    expect(`1000,00 €${parenthetical('1080,00 US$', 'es')}`).toBe('1000,00 € (1080,00 US$)');
  });
});
