/**
 * How the catalogues read, in each language, for buyers (member, join, widget, tiers, site) and
 * for staff (staff, operations, growth): plural forms in pairs, no second full stop or a colon
 * after a name that may end in one ("Lumina Hair Co.:"), one word for email in English, Chinese
 * punctuation and spacing, and one term per thing where two screens name the same thing.
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales, type Locale } from '../../src/i18n/locales.ts';

const buyerSections = ['member', 'join', 'widget', 'tiers', 'site'] as const;
const sections = [...buyerSections, 'staff', 'operations', 'growth'] as const;
const entries = (locale: Locale, from: readonly (typeof sections)[number][] = sections) =>
  from.flatMap((section) => Object.entries(catalogues[locale][section] as Record<string, string>).map(([key, value]) => ({ section, key, value })));
const names = (found: { section: string; key: string; value?: string }[], withValue = false) =>
  found.map(({ section, key, value }) => `${section}.${key}${withValue ? `: ${value}` : ''}`);

describe('the catalogues\' wording', () => {
  it.each(locales)('%s: every singular string (…One, src/i18n/plural.ts) has its general one', (locale) => {
    for (const { section, key } of entries(locale).filter(({ key }) => key.endsWith('One'))) {
      expect(catalogues[locale][section], `${section}.${key}`).toHaveProperty(key.slice(0, -'One'.length));
    }
  });

  it.each(locales)('%s: no full stop or colon right after a store, company or member name, which may end in a full stop', (locale) => {
    expect(names(entries(locale).filter(({ value }) => /\{(store|company|member|inviting)\}[.。:：]/.test(value)))).toEqual([]);
  });

  it('English writes "email", never "e-mail"', () => {
    expect(names(entries('en').filter(({ value }) => /e-mail/i.test(value)))).toEqual([]);
  });

  const chinese = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';

  it('zh-CN: no space between Chinese and Latin text, digits or a placeholder', () => {
    const spaced = entries('zh-CN').filter(({ value }) => new RegExp(`${chinese} [A-Za-z0-9{]|[A-Za-z0-9}] ${chinese}`).test(value));
    expect(names(spaced, true)).toEqual([]);
  });

  // The console also writes symbols beside Chinese ("↑ 升级", "{ratio}:1", Markdown's "# 标题").
  it('zh-CN, buyer side: full-width punctuation and no space beside Chinese at all (but around the · separator)', () => {
    const wrong = entries('zh-CN', buyerSections).filter(({ value }) => {
      const unspaced = value.replaceAll(' · ', '·');
      return new RegExp(`${chinese} | ${chinese}`).test(unspaced) || new RegExp(`${chinese}[.,:;!?()]|\\}[.,:;!?]|[.,:;!?]$`).test(value);
    });
    expect(names(wrong, true)).toEqual([]);
  });

  it.each(locales)('%s: the coupons list and the analytics page count a coupon\'s copies with one word', (locale) => {
    expect(catalogues[locale].operations.colIssued).toBe(catalogues[locale].growth.colIssued);
  });

  it.each(locales)('%s: the widget\'s button names the exchange as the heading it opens does', (locale) => {
    expect(catalogues[locale].widget.joinButton).toBe(catalogues[locale].join.title);
  });

  it.each(locales)('%s: products and posts name their audiences alike', (locale) => {
    const { staff, growth } = catalogues[locale];
    expect([staff.visibilityPublic, staff.visibilityMembers, staff.visibilityTierShort]).toEqual([growth.audience_public, growth.audience_members, growth.audienceTier]);
  });

  // Named alone, a tier read as one member in the posts list ("Solo Miembro VIP"): the feed's teaser names the tier ("el nivel Miembro VIP").
  it('es: an audience of a tier says the tier, as the feed\'s teaser does', () => {
    const { staff, growth } = catalogues.es;
    for (const text of [growth.lockedTier, growth.lockedTierTop, growth.audienceTier, growth.audienceTierTop, staff.visibilityTierShort]) expect(text).toMatch(/\bnivel \{tier\}/i);
  });

  // "Reembolso" is a refund (an order's status "Reembolsado"): a rebate worded so ("su saldo de
  // reembolsos", in the leave question) read as money the store owed back.
  it('es: a rebate is a "bonificación" on every screen, never a refund\'s word', () => {
    const rebates = entries('es').filter(({ key }) => /rebate/i.test(key) && !/refund|reversal|clawback/i.test(key));
    expect(rebates.length).toBeGreaterThan(10);
    expect(names(rebates.filter(({ value }) => /reembols/i.test(value)), true)).toEqual([]);
  });

  // Side by side in My membership's section links, read aloud: "Novedades" beside "Novedades de la tienda" said one thing twice.
  it.each(locales)('%s: the updates feed is not named as the store\'s posts are', (locale) => {
    const { member } = catalogues[locale];
    expect(member.postsLink.toLowerCase()).not.toContain(member.updatesTitle.toLowerCase());
  });

  // The buyer side's 您 is its own register (member pages, widget); the console says 你 to staff,
  // and one 您 on New members ("通过您网站上的小组件") read as another writer's. The sign-in email
  // block (EmailChange, the site's strings) is drawn at the console's foot too, above "结束你账号的所有
  // 登录": it names no one, read alike in either register.
  it('zh-CN: the console says 你 to staff, never 您', () => {
    const consoleFoot = entries('zh-CN', ['site']).filter(({ key }) => key.startsWith('emailChange'));
    expect(consoleFoot.length).toBeGreaterThan(20);
    expect(names([...entries('zh-CN', ['staff', 'operations', 'growth']), ...consoleFoot].filter(({ value }) => value.includes('您')), true)).toEqual([]);
  });

  // The role's badge and menus say 所有者, yet an expired invitation sent the reader to 店主 and
  // Delete store was 店主's to do; the sign-in email's refusals said 账户 where every other line says 账号.
  it('zh-CN: a store\'s owner is the role\'s 所有者 and a login is 账号, on every screen', () => {
    expect(catalogues['zh-CN'].staff.roleOwner).toBe('所有者');
    expect(names(entries('zh-CN').filter(({ value }) => /店主|账户/.test(value)), true)).toEqual([]);
  });

  // "Función: Personal" on the screen called "Personal": the screen is the team, the role its members' rank.
  it.each(['es', 'zh-CN'] as const)('%s: the staff screen is not named as the role it lists', (locale) => {
    const { staff } = catalogues[locale];
    expect([staff.navStaff, staff.staffTitle]).not.toContain(staff.roleStaff);
    expect(staff.staffListCaption).not.toContain(staff.roleStaff);
  });

  // A colleague removed was "retirado" (retired) from "el personal", by a button "Retirar", in a
  // column "Función": the button, its question and what it did now say one thing, and a role is a rol.
  it('es: a colleague is taken off the team alike by the button, its question and its outcome, and a role is a rol', () => {
    const { staff } = catalogues.es;
    expect([staff.removeStaff, staff.removeStaffTitle, staff.staffRemoved]).toEqual(['Quitar del equipo', '¿Quitar a {email} del equipo?', '{email} ya no forma parte del equipo de esta tienda.']);
    expect([staff.colRole, staff.invitedRoleLabel]).toEqual(['Rol', 'Rol']);
    expect(names(entries('es', ['staff']).filter(({ value }) => /\bfunci[oó]n(es)?\b/i.test(value)))).toEqual([]);
    expect(names(entries('es', ['staff']).filter(({ key, value }) => /\bretir/i.test(value) && !/invit|withdraw|takenBack|takeBack/i.test(key)))).toEqual([]);
  });

  // Settings' New members paused "altas" (an administration's word for registrations) and said
  // "Abierto:"; Getting started, "la incorporación". One word for joining, the Pause button's, in
  // every line of the section and the notice that links to it; Chinese said 接收 there, 接受 here.
  it.each([['es', /\binscripciones\b/i], ['zh-CN', /接受新会员/]] as const)('%s: joining is paused and resumed in one word, the Pause button\'s', (locale, word) => {
    const { staff } = catalogues[locale];
    const lines = { joiningOpen: staff.joiningOpen, joiningPausedSince: staff.joiningPausedSince, joiningPause: staff.joiningPause, joiningResume: staff.joiningResume, joiningPausedDone: staff.joiningPausedDone, joiningResumed: staff.joiningResumed, startPaused: staff.startPaused, startPausedStaff: staff.startPausedStaff };
    expect(Object.entries(lines).filter(([, value]) => !word.test(value)).map(([key]) => key)).toEqual([]);
    expect(names(entries(locale, ['staff']).filter(({ value }) => /\baltas?\b|incorporaci|接收新会员|开放中/i.test(value)), true)).toEqual([]);
  });

  // The tier history's cell stands under its column's label (on a phone, right under it): "Reason" over
  // "Override · Reason given: “…”" said it twice ("原因" over "特批 · 原因：“…”", "Motivo" over "Nivel asignado · Motivo indicado: «…»").
  it.each(locales)('%s: an override\'s reason is not introduced with the word of the column it stands in', (locale) => {
    const { operations } = catalogues[locale];
    expect(operations.overrideReasonGiven.toLowerCase()).not.toContain(operations.colReason.toLowerCase());
  });

  // The form asked for a "原因" that the history and the override in force then called "理由".
  it.each(locales)('%s: the override form names its reason with the word the history introduces it by', (locale) => {
    const { operations } = catalogues[locale];
    expect(operations.overrideReasonGiven).toMatch(new RegExp(`^${operations.overrideReason}[:：]`));
  });

  // A shipped reward's note gave "handed over at the trade fair" as its example: no parcel's.
  it.each([['en', /hand/i], ['es', /entreg/i], ['zh-CN', /交付/]] as const)('%s: a shipped reward\'s note is not exemplified by a handing over', (locale, handing) => {
    expect(catalogues[locale].operations.sentNoteHint).not.toMatch(handing);
  });

  // Creating a store, "Store web address" (店铺网址, Dirección web de la tienda) named its part of the
  // Cardclub links, while Getting started asked for "the store’s address" among the allowed sites,
  // meaning the merchant's own website.
  it.each(locales)('%s: the store\'s address on Cardclub and the merchant\'s own website are not one name', (locale) => {
    const { staff } = catalogues[locale];
    expect(staff.slugLabel).toContain('Cardclub');
    for (const text of [staff.stepSites, staff.embedOriginsNote, staff.embedOriginsNoteStaff]) {
      expect(text).toContain('https://shop.example.com');
      expect(text).not.toContain(staff.slugLabel);
    }
  });

  // "Pega esta etiqueta… Añade un botón…" read as a second thing to do: the tag is what adds the button,
  // named as the widget names it.
  it.each([['en', 'The tag shows'], ['es', 'La etiqueta muestra'], ['zh-CN', '此标签会']] as const)('%s: the embed text says what the tag does', (locale, tagDoes) => {
    const { staff, widget } = catalogues[locale];
    expect(staff.embedIntro).toContain(tagDoes);
    expect(staff.embedIntro).toContain(widget.launcher);
  });
});
