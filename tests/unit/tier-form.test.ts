import { beforeAll, describe, expect, it } from 'vitest';
import { draftChanged, draftOf, newDraft, perkList, perkText, rereadDraft, thresholdsDiffer, tierSchema } from '../../src/components/console/tiers/tier-form.ts';
import { pasteItems } from '../../src/components/console/ui/LocalizedTextField.tsx';
import { whatIfSummary } from '../../src/components/console/tiers/WhatIfView.tsx';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import { checkErrors } from '../../src/components/console/ui/form-errors.ts';
import { removalDestinations, type TierRow, type WhatIf } from '../../src/lib/console/tiers.ts';
import { translator } from '../../src/i18n/format.ts';
import * as staffEn from '../../src/i18n/staff/en.ts';
import * as staffEs from '../../src/i18n/staff/es.ts';

const row = (rank: number): TierRow => ({
  id: `t${rank}`, rank, name: { en: `Tier ${rank}` }, name_local: `Tier ${rank}`, text_langs: null, min_paid_orders: rank, min_paid_amount: 0,
  discount_percent: 0, moq_override: null, prepay_regular_percent: 50, prepay_customized_percent: 75, sample_quota: 3, free_freight: false,
  logistics_upgrade: false, priority_delivery: false, points_multiplier: 1, rebate_percent: 0, perks: {}, updated_at: '2026-12-01T00:00:00+00:00',
}) as TierRow;
const t = (key: string) => key;

describe('the tier editor counts ranks from 1, as merchants see them, and stores them from 0', () => {
  it('shows a saved rank one higher, and a new tier one place above the top', () => {
    expect(draftOf(row(0), 'en', 'en').rank).toBe('1');
    expect(draftOf(row(2), 'en', 'en').rank).toBe('3');
    expect(newDraft(row(2), 'en', 'en').rank).toBe('4');
  });

  it('saves the rank typed one lower, refuses 0 and a rank past the highest, and compares with the saved rank that way', () => {
    const schema = tierSchema(t, 'en', 'en', 4);
    expect(schema.parse({ ...draftOf(row(2), 'en', 'en'), rank: '3' }).rank).toBe(2);
    expect(schema.parse({ ...draftOf(row(2), 'en', 'en'), rank: '4' }).rank).toBe(3);
    expect(schema.safeParse({ ...draftOf(row(2), 'en', 'en'), rank: '0' }).success).toBe(false);
    expect(schema.safeParse({ ...draftOf(row(2), 'en', 'en'), rank: '5' }).error?.issues.map((issue) => [issue.path.join('.'), issue.message]))
      .toEqual([['rank', 'errorWholeNumber']]);
    expect(thresholdsDiffer(draftOf(row(2), 'en', 'en'), row(2), 'en')).toBe(false);
    expect(thresholdsDiffer({ ...draftOf(row(2), 'en', 'en'), rank: '2' }, row(2), 'en')).toBe(true);
  });

  it('fills its numbers as the console language writes them, and reads them back unchanged', () => {
    const saved = { ...row(2), min_paid_amount: 1234.5, discount_percent: 7.5, points_multiplier: 1.25 } as TierRow;
    const opened = draftOf(saved, 'en', 'es');
    expect([opened.min_paid_amount, opened.discount_percent, opened.points_multiplier]).toEqual(['1234,50', '7,5', '1,25']);
    expect(thresholdsDiffer(opened, saved, 'es')).toBe(false);
    expect(thresholdsDiffer({ ...opened, min_paid_amount: '1.234,50' }, saved, 'es')).toBe(false);
    expect(draftOf(saved, 'en', 'zh-CN').min_paid_amount).toBe('1234.50');
    const parsed = tierSchema(t, 'en', 'es', 20).parse({ ...opened, name: { en: 'Gold' } });
    expect([parsed.min_paid_amount, parsed.discount_percent, parsed.points_multiplier]).toEqual([1234.5, 7.5, 1.25]);
  });

  it('says a required number left blank is required', () => {
    const result = tierSchema(t, 'en', 'en', 20).safeParse({ ...draftOf(row(2), 'en', 'en'), min_paid_orders: ' ', discount_percent: '' });
    expect(checkErrors(result.error!).fields).toMatchObject({ min_paid_orders: 'errorRequired', discount_percent: 'errorRequired' });
  });
});

describe('the tier editor’s texts lacking the default language', () => {
  it('name the default’s box alone, for the name and the perks', () => {
    const result = tierSchema(t, 'en', 'en', 20).safeParse({ ...draftOf(row(2), 'en', 'en'), name: { es: 'Oro' }, perks: { es: 'Envío gratis' } });
    expect(checkErrors(result.error!).locales).toEqual({ name: 'en', perks: 'en' });
  });
});

describe('the tier editor’s perks: a box for each, stored as a list a language', () => {
  const stored = { en: ['Free colour matching', 'Samples first'], es: ['Igualamos el color de tus unidades a medida', 'Muestras primero'] };
  const saved = { ...row(2), perks: stored } as TierRow;

  it('opens each stored perk in a box of its own, a long one in one, and saves the boxes back as the list', () => {
    const opened = draftOf(saved, 'en', 'es');
    expect(opened.perks).toEqual({ en: 'Free colour matching\nSamples first', es: 'Igualamos el color de tus unidades a medida\nMuestras primero' });
    expect(opened.perks.es!.split('\n')).toHaveLength(2);
    expect(tierSchema(t, 'en', 'es', 20).parse(opened).perks).toEqual(stored);
    expect(perkList(perkText(stored.en))).toEqual(stored.en);
  });

  it('leaves out the boxes left empty, and trims each perk', () => {
    expect(perkList('  Free colour matching \n\n \nSamples first\n')).toEqual(['Free colour matching', 'Samples first']);
    expect(perkList('')).toEqual([]);
    const opened = draftOf(saved, 'en', 'en');
    // An added box left empty, or one emptied between two perks, changes nothing to save.
    expect(draftChanged({ ...opened, perks: { ...opened.perks, en: 'Free colour matching\n\nSamples first\n' } }, opened)).toBe(false);
    expect(draftChanged({ ...opened, perks: { ...opened.perks, en: 'Samples first\nFree colour matching' } }, opened)).toBe(true);
  });

  it('counts the perks, not the lines of a text: 20 boxes of 200 characters, no more', () => {
    const schema = tierSchema(t, 'en', 'en', 20);
    const perks = (count: number, length = 10) => Array.from({ length: count }, (_, i) => String(i).padEnd(length, 'x')).join('\n');
    expect(schema.safeParse({ ...draftOf(saved, 'en', 'en'), perks: { en: perks(20, 200) } }).success).toBe(true);
    expect(checkErrors(schema.safeParse({ ...draftOf(saved, 'en', 'en'), perks: { en: perks(21) } }).error!).fields.perks).toBe('errorPerks');
    expect(checkErrors(schema.safeParse({ ...draftOf(saved, 'en', 'en'), perks: { en: perks(1, 201) } }).error!).fields.perks).toBe('errorPerks');
  });

  it('asks each language for as many perks as the default language has, at that language\'s box, or none (readers take one language\'s whole)', () => {
    const es = tierSchema(translator(staffEs.staff), 'zh-CN', 'es', 20);
    const result = es.safeParse({ ...draftOf(saved, 'zh-CN', 'es'), name: { 'zh-CN': '银卡会员' }, perks: { 'zh-CN': '专属客户经理\n新品优先', en: 'Account manager' } });
    expect(checkErrors(result.error!)).toMatchObject({
      fields: { perks: 'En inglés hay 1 ventaja y en chino simplificado, 2: quien lee en inglés solo ve las suyas. Escribe las mismas ventajas o deja ese idioma vacío para que vea las de chino simplificado.' },
      locales: { perks: 'en' },
    });
    const english = tierSchema(translator(staffEn.staff), 'zh-CN', 'en', 20);
    expect(checkErrors(english.safeParse({ ...draftOf(saved, 'zh-CN', 'en'), name: { 'zh-CN': '银卡会员' }, perks: { 'zh-CN': '专属客户经理', en: 'Account manager\nNew styles first' } }).error!).fields.perks)
      .toBe('English has 2 perks and Simplified Chinese has 1: readers of English see only its own. Give it the same perks, or leave it empty so they see the Simplified Chinese ones.');
    expect(english.safeParse({ ...draftOf(saved, 'zh-CN', 'en'), name: { 'zh-CN': '银卡会员' }, perks: { 'zh-CN': '专属客户经理\n新品优先', en: 'Account manager\nNew styles first' } }).success).toBe(true);
    expect(english.safeParse({ ...draftOf(saved, 'zh-CN', 'en'), name: { 'zh-CN': '银卡会员' }, perks: { 'zh-CN': '专属客户经理\n新品优先' } }).success).toBe(true);
  });

  it('splits a pasted list into boxes at the cursor, the box’s own text kept around it', () => {
    // "Free |colour" with three lines pasted at the cursor.
    expect(pasteItems(['Free colour', 'Samples first'], 0, 5, 5, 'A\nB\r\nC')).toEqual({ items: ['Free A', 'B', 'Ccolour', 'Samples first'], focus: 2 });
    // Over a selection, in an empty language's one box.
    expect(pasteItems(['Free colour'], 0, 0, 11, 'A\nB')).toEqual({ items: ['A', 'B'], focus: 1 });
    expect(pasteItems([''], 0, 0, 0, 'Envío gratis\nMuestras primero')).toEqual({ items: ['Envío gratis', 'Muestras primero'], focus: 1 });
  });
});

describe('the tier editor knows when closing it would lose something', () => {
  it('counts what was typed, not a text typed and cleared again, nor the order languages were filled in', () => {
    const opened = draftOf({ ...row(2), name: { en: 'VIP', es: 'Miembro VIP' } }, 'en', 'en');
    expect(draftChanged(opened, opened)).toBe(false);
    expect(draftChanged({ ...opened, name: { ...opened.name, 'zh-CN': '  ' } }, opened)).toBe(false);
    expect(draftChanged({ ...opened, name: { es: 'Miembro VIP', en: 'VIP' } }, opened)).toBe(false);
    expect(draftChanged({ ...opened, name: { ...opened.name, 'zh-CN': 'VIP会员' } }, opened)).toBe(true);
    expect(draftChanged({ ...opened, discount_percent: '9' }, opened)).toBe(true);
    expect(draftChanged({ ...opened, free_freight: true }, opened)).toBe(true);
  });
});

describe('removing a tier', () => {
  it('sends its members to the tiers that would gain them, as many as each gains', () => {
    const tier = (id: string, members_now: number, members: number) => ({ index: 0, id, rank: 0, members_now, members });
    const result = (tiers: WhatIf['tiers']): WhatIf => ({ members: 9, tiers, moved_up: 0, moved_down: 0, moves: [] });
    expect(removalDestinations(result([tier('ordinary', 5, 6), tier('senior', 1, 3), tier('vip', 0, 0)]))).toEqual([
      { id: 'ordinary', members: 1 },
      { id: 'senior', members: 2 },
    ]);
    expect(removalDestinations(result([tier('ordinary', 5, 5), tier('senior', 1, 1)]))).toEqual([]);
  });
});

describe('the what-if\'s summary, in the tiers editor and Settings alike', () => {
  beforeAll(() => Promise.all((['en', 'es', 'zh-CN'] as const).map((locale) => loadSections(locale, ['staff']))));
  // "Of 1 members", "De 4 miembros, 0 subirían y 1 bajarían": each count takes its own form.
  it('says each count in the form it takes, a Spanish verb agreeing with its own', () => {
    const say = (locale: 'en' | 'es' | 'zh-CN', members: number, moved_up: number, moved_down: number) =>
      whatIfSummary({ members, moved_up, moved_down }, consoleTranslator(locale, 'staff'), locale);
    expect(say('en', 1, 0, 1)).toBe('Of 1 member, 0 would move up and 1 down. Nothing has changed yet.');
    expect(say('en', 1200, 1, 2)).toBe('Of 1,200 members, 1 would move up and 2 down. Nothing has changed yet.');
    expect(say('es', 4, 0, 1)).toBe('De 4 miembros, 0 subirían de nivel y 1 bajaría. Aún no ha cambiado nada.');
    expect(say('es', 1, 1, 0)).toBe('De 1 miembro, 1 subiría de nivel y 0 bajarían. Aún no ha cambiado nada.');
    expect(say('zh-CN', 4, 0, 1)).toBe('在4位会员中，0位将升级，1位将降级。目前尚未做任何更改。');
  });
});

describe('a tier read again over a refused save (rereadDraft)', () => {
  const read = { ...row(1), name: { en: 'Senior', es: 'Sénior' }, perks: { en: ['Free samples'] } };

  it('shows their threshold and perks where the owner changed neither, keeps the discount typed, and names each', () => {
    const now = { ...read, min_paid_amount: 8000, discount_percent: 10, perks: { en: ['Free samples', 'A dedicated account manager'] } };
    const typed = { ...draftOf(read, 'en', 'en'), discount_percent: '8' };
    const { draft, taken, kept } = rereadDraft(read, now, typed, 'en', 'en');
    expect(draft).toEqual({ ...draftOf(now, 'en', 'en'), discount_percent: '8' });
    expect(taken).toEqual(['perks', 'min_paid_amount']);
    expect(kept).toEqual(['discount_percent']);
  });

  it('reads a name typed and cleared, or an empty perk box, as no change of the owner’s', () => {
    const now = { ...read, name: { en: 'Senior Plus', es: 'Sénior' }, perks: { en: ['Samples'] } };
    const typed = { ...draftOf(read, 'en', 'es'), name: { en: 'Senior', es: 'Sénior', 'zh-CN': '' }, perks: { en: 'Free samples\n\n' } };
    const { draft, taken, kept } = rereadDraft(read, now, typed, 'en', 'es');
    expect(draft.name).toMatchObject({ en: 'Senior Plus' });
    expect(draft.perks).toEqual({ en: 'Samples' });
    expect(taken).toEqual(['name', 'perks']);
    expect(kept).toEqual([]);
  });
});
