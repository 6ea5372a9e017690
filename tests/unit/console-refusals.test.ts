/**
 * The engine's refusals as the console says them: each error as PostgREST sends it (message,
 * code, `details` as private.reject writes them) becomes a sentence of the staff catalogue in the
 * page's language, figures kept; beside a field it does not name the field again, as the form's
 * sentence a rule names it; an import's row is the file's; a refusal not known keeps the server's
 * sentence, and a constraint's name never shows; a request that met no refusal (nothing answered, a
 * gateway's or the service's failure) is said as what happened.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiError } from '../../src/components/console/ui/form-errors.ts';
import { refusalParts, refusalReason, refusalSentence, tooManyPeriods } from '../../src/components/console/ui/refusals.ts';
import { maxPeriods } from '../../src/lib/growth/analytics.ts';
import { reasonShape } from '../../src/components/refusal-reasons.ts';
import { ApiFailure, orThrow, parse } from '../../src/lib/console/result.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';

/** An error as private.reject raises it: "[Row n: ]<field> <reason>", details {field, reason, row}. */
const rejected = (field: string | null, reason: string, code = '22023', row?: number) => ({
  message: `${row ? `Row ${row}: ` : ''}${field ? `${field} ${reason}` : reason}`,
  code,
  details: JSON.stringify({ ...(field ? { field } : {}), reason, ...(row ? { row } : {}) }),
});

const t = (locale: Locale) => translator(catalogues[locale].staff);
const beside = (error: ApiError, locale: Locale = 'en') => refusalReason(error, t(locale), locale);
const sentence = (error: ApiError, locale: Locale = 'en') => refusalSentence(error, t(locale), locale);

describe('a refusal in the console\'s words', () => {
  // A language's name in Spanish is lower case ("francés"): it does not begin the sentence.
  it('names a language a text may not be in, in the page\'s words', () => {
    const unsupported = rejected('name', 'has a text in fr, which is not a supported language (en, zh-CN, es)');
    expect(beside(unsupported, 'es')).toBe('No se admite el idioma francés.');
    expect(beside(unsupported, 'en')).toBe('French is not a supported language.');
    expect(beside(unsupported, 'zh-CN')).toBe('法语不是支持的语言。');
  });

  it('says the walk\'s refusals in each language', () => {
    const slug = rejected('slug', 'is already taken', '23505');
    expect(beside(slug)).toBe('Another store already has this address. Choose another.');
    expect(beside(slug, 'es')).toBe('Otra tienda ya tiene esta dirección. Elige otra.');
    expect(beside(slug, 'zh-CN')).toBe('已有其他店铺使用此地址。请另选一个。');
    const staff = rejected('email', 'already belongs to staff of this store', '23505');
    expect(beside(staff, 'es')).toBe('Esta dirección ya pertenece al personal de esta tienda.');
    expect(beside(staff, 'zh-CN')).toBe('此地址已属于本店员工。');
    const contact = rejected('email', 'matches no member contact of this store', '22023', 1);
    expect(sentence(contact, 'es')).toBe('Este correo electrónico no corresponde a ningún contacto miembro de esta tienda.');
    // A new link ("uno nuevo", el enlace), not a new invitation.
    expect(sentence(rejected('token', 'matches no invitation', 'PT404'), 'es')).toBe('Este enlace de invitación no es válido. Pide uno nuevo al propietario de la tienda.');
    // A coupon recorded on an order placed before it was received: the days as the reader writes them.
    const early = rejected('order_ref', 'W5-0001 was placed on 2026-01-10, before the coupon was received on 2026-12-05', 'P0001');
    expect(sentence(early, 'es')).toBe('El pedido W5-0001 se hizo el 10 ene 2026, antes de que la empresa recibiera este cupón el 5 dic 2026.');
    expect(sentence(early, 'zh-CN')).toBe('订单W5-0001的下单日期为2026年1月10日，早于该公司获得此优惠券的日期2026年12月5日。');
    expect(sentence(rejected('amount', 'exceeds the 450.00 USD left of this credit', 'P0001'), 'zh-CN')).toBe('超过该笔发放的剩余金额US$450.00。');
    // Rebate deducted on an order of the company's cancelled since: what happened and what to do, not a coupon's rule.
    const cancelled = rejected('order_ref', 'W5-0001 was cancelled: no rebate was spent on it', 'P0001');
    expect(sentence(cancelled, 'es')).toBe('El pedido W5-0001 se canceló, así que no se gastó bonificación en él: no se ha descontado nada. Descuenta la bonificación en el pedido pagado en el que la empresa la usó.');
    expect(sentence(cancelled, 'zh-CN')).toBe('订单W5-0001已取消，视为未使用返利，因此未作抵扣。请在该公司实际使用返利的已付款订单上抵扣。');
    // Staff taking a contact off a company (remove_member_contact).
    const onlyContact = rejected('contact_id', 'is the company\'s only contact: removed, the company would have nobody. A buyer leaves the store themselves, from their membership page', 'P0001');
    expect(sentence(onlyContact, 'zh-CN')).toBe('这是公司唯一的联系人：移除后公司将没有任何人。买家可在其会员页面自行退出本店。');
    expect(sentence(rejected('contact_id', 'matches no contact of this company', 'PT404'), 'es')).toBe('Esta persona ya no es contacto de esta empresa. La lista muestra ahora quién lo es.');
    // An owner erasing a company that went meanwhile (erase_member): the day as the reader writes it.
    const erased = rejected('member_id', 'was already erased on 2026-12-10: nothing is left to erase', 'P0001');
    expect(sentence(erased, 'zh-CN')).toBe('该公司已于2026年12月10日删除，没有可删除的内容。');
    const left = rejected('member_id', 'left the store on 2026-12-09, and its personal data with its last contact: nothing is left to erase', 'P0001');
    expect(sentence(left, 'es')).toBe('El último contacto de esta empresa dejó la tienda el 9 dic 2026, y con él sus datos personales: no queda nada por borrar.');
    // Staff giving something to a company that left meanwhile (20261210000900).
    const former = rejected('member', 'left the store on 2026-12-09: its record is kept for the store\'s statistics only', 'P0001');
    expect(sentence(former, 'zh-CN')).toBe('该公司已于2026年12月9日退出本店：其记录仅为本店统计而保留，不能再向其发放任何内容。');
    expect(sentence(former, 'en')).toBe('This company left the store on Dec 9, 2026: its record is kept for the store’s statistics only, and nothing more can be given to it.');
    // A new order of a company that left, refused by the orders import (20261211000100): not the erasure's sentence.
    const imported = rejected('member_id', 'left the store on 2026-12-09: its record is kept for the store\'s statistics only', '22023', 2);
    expect(sentence(imported, 'en')).toBe('This company left the store on Dec 9, 2026: its record is kept for the store’s statistics only, so a new order placed since cannot be imported.');
    expect(sentence(imported, 'es')).toBe('Esta empresa dejó la tienda el 9 dic 2026: su registro se guarda solo para las estadísticas de la tienda, así que no se puede importar un pedido nuevo hecho desde entonces.');
    expect(sentence(imported, 'zh-CN')).toBe('该公司已于2026年12月9日退出本店：其记录仅为本店统计而保留，因此不能导入此后下的新订单。');
  });

  it('says a refund in part the order does not allow beside its field, with the order’s amount in its currency', () => {
    const above = rejected('amount', 'must not exceed the order\'s 120.00 USD for partially_refunded (the amount left after the refund)', '22023', 1);
    expect(beside(above)).toBe('A refund in part leaves at most the order’s US$120.00: write what is left paid after the refund.');
    expect(beside(above, 'es')).toBe('Un reembolso en parte deja como mucho los 120,00\u00a0US$ del pedido: escribe lo que queda pagado tras el reembolso.');
    expect(beside(above, 'zh-CN')).toBe('部分退款后剩余金额不能超过订单的US$120.00：请填写退款后仍已付的金额。');
    expect(beside(rejected('status', 'partially_refunded needs a paid order; this one is cancelled', '22023', 1), 'es')).toBe('Un reembolso en parte necesita un pedido pagado; este se canceló.');
    expect(sentence(rejected('status', 'partially_refunded needs a paid order; this one is refunded', '22023', 1))).toBe('status: A refund in part needs a paid order; this one was refunded.');
  });

  it('says rebate deducted from the order that earned it as more than that order may use, both amounts in the currency (20261219000410)', () => {
    const own = rejected('amount', 'exceeds the 480.00 USD usable on order SHOP-1: its own rebate of 25.00 USD is a credit on later orders', 'P0001');
    expect(sentence(own)).toBe('More than the US$480.00 that can be used on order SHOP-1: the US$25.00 of rebate it earned itself is a credit on later orders.');
    expect(sentence(own, 'es')).toBe('Supera los 480,00\u00a0US$ que se pueden usar en el pedido SHOP-1: los 25,00\u00a0US$ de bonificación que generó ese mismo pedido son para pedidos posteriores.');
    expect(sentence(own, 'zh-CN')).toBe('超过订单SHOP-1可使用的US$480.00：该订单自身产生的返利US$25.00只能抵扣后续订单。');
  });

  it('says a tier’s own price save_product refuses beside that tier’s price, in each language, and stale prices or fields as the form’s sentence', () => {
    const field = 'tier_prices.00000000-0000-4000-8000-000000000002';
    const above = rejected(field, 'must not be above the product\'s list price of 129.00 USD: a member price above it is no discount');
    expect(beside(above)).toBe('At most the list price, US$129.00: a member price above it is no discount.');
    expect(beside(above, 'es')).toBe('Como mucho el precio de lista, 129,00\u00a0US$: un precio de miembro por encima no es un descuento.');
    expect(beside(above, 'zh-CN')).toBe('不能高于标价US$129.00：高于标价的会员价算不上优惠。');
    const decimals = rejected(field, 'must be a positive amount with at most 2 decimals');
    expect(beside(decimals, 'zh-CN')).toBe(refusalReason(rejected('amount', 'must be a positive amount'), t('zh-CN'), 'zh-CN'));
    expect(beside(decimals, 'es')).not.toMatch(/decimals/);
    const otherStore = rejected(field, 'must be a tier of the product\'s store');
    expect(beside(otherStore, 'es')).toBe('Este nivel no es de esta tienda. Recarga la página para ver sus niveles.');
    expect(beside(otherStore, 'zh-CN')).toBe('此等级不属于本店。请重新加载页面查看本店的等级。');
    expect(refusalParts(otherStore, t('en'), 'en')).toEqual({ field, text: 'This tier is not one of this store’s. Reload the page to see its tiers.' });
    const stale = rejected('tier_prices_read', 'are not the product\'s tier prices now: someone changed them since they were read', 'P0001');
    expect(refusalParts(stale, t('zh-CN'), 'zh-CN')).toEqual({ field: null, text: '未保存任何内容：你打开此产品后，有人更改了它的等级专享价。请重新加载产品查看；你填写的内容会保留在表单中。' });
    expect(sentence(stale, 'es')).toMatch(/^No se ha guardado nada: alguien ha cambiado los precios propios/);
    // The product's own fields changed since they were read (20261219000500): the form's sentence, offering to reload.
    const changed = rejected('product_read', 'is not the product now: someone changed active, name since it was read', 'P0001');
    expect(refusalParts(changed, t('en'), 'en')).toEqual({ field: null, text: 'Nothing was saved: someone else changed this product since you opened it. Reload the product to see their changes; what you typed stays in the form.' });
    expect(sentence(changed, 'es')).toBe('No se ha guardado nada: otra persona ha cambiado este producto desde que lo abriste. Recarga el producto para ver sus cambios; lo que escribiste se queda en el formulario.');
    expect(sentence(changed, 'zh-CN')).toBe('未保存任何内容：你打开此产品后，其他人修改了它。请重新加载产品查看对方的修改；你填写的内容会保留在表单中。');
    // One tier named twice, its id in upper and in lower case (save_product, migration 20261218000120): the form's sentence, either map.
    for (const map of ['tier_prices', 'tier_prices_read']) {
      const twice = rejected(map, 'names tier 00000000-0000-4000-8000-00000000000a twice');
      expect(refusalParts(twice, t('en'), 'en')).toEqual({ field: null, text: 'Nothing was saved: the tier prices sent name one tier twice. Reload the page, then make your changes again.' });
      expect(sentence(twice, 'es')).toBe('No se ha guardado nada: los precios propios enviados incluyen dos veces el mismo nivel. Recarga la página y vuelve a hacer tus cambios.');
      expect(sentence(twice, 'zh-CN')).toBe('未保存任何内容：提交的等级专享价中同一等级出现了两次。请重新加载页面，再重新修改。');
    }
    // The list price lowered below a tier's own price, at the list price's field.
    const below = rejected('price', 'must not be below a tier\'s member price of 96.50 USD: lower or clear that price first');
    expect(refusalParts(below, t('en'), 'en')).toEqual({ field: 'price', text: 'At least US$96.50, a tier’s own price of this product: lower or clear that price first.' });
    expect(beside(below, 'es')).toBe('Como mínimo 96,50\u00a0US$, el precio propio de un nivel para este producto: baja o quita antes ese precio.');
    expect(beside(below, 'zh-CN')).toBe('不能低于此商品的等级专享价US$96.50：请先调低或清除该价格。');
  });

  it('names every text a new default language lacks, and the language, as the reader names them', () => {
    const reason = 'cannot become en: some merchant_cards.introduction, tiers.name have no text in en yet';
    const refused = { message: `default_locale ${reason}`, code: '23514',
      details: JSON.stringify({ field: 'default_locale', reason, missing: ['merchant_cards.introduction', 'tiers.name'] }) };
    // The list's items are isolated (FSI…PDI), as formatList isolates every item.
    const plain = (locale: Locale) => sentence(refused, locale).replace(/[\u2068\u2069]/g, '');
    expect(plain('en')).toBe('The default language cannot become English yet: these texts have no English version: Business card – Introduction and Tier – Name. Add them first.');
    expect(plain('zh-CN')).toBe('默认语言暂不能改为英语：以下文本还没有英语版本：名片上的简介和等级名称。请先补充。');
    expect(plain('es')).toBe('El idioma predeterminado aún no puede ser inglés: estos textos no tienen versión en inglés: Tarjeta de visita – Presentación y Nivel – Nombre. Añádelos primero.');
  });

  it.each([
    [rejected(null, 'Store limit reached: one login may own at most 10 stores', 'P0001'), 'One login may own at most 10 stores.'],
    [rejected('email', 'cannot be invited: this store has 50 pending staff invitations; withdraw some first', 'P0001'), 'This store has 50 pending invitations. Withdraw some before inviting more.'],
    [rejected('user_id', 'is the last owner of this store: make someone else owner first', 'P0001'), 'This is the store’s last owner. Make someone else owner first.'],
    [rejected('user_id', 'is not staff of this store', 'PT404'), 'This person no longer works at this store. Reload the page to see who does.'],
    [rejected('user_id', 'already owns 10 stores, the most one login may own', 'P0001'), 'They already own 10 stores, the most one login may own.'],
    [rejected('contact_id', 'is the company\'s only contact: removed, the company would have nobody. A buyer leaves the store themselves, from their membership page', 'P0001'),
      'This is the company’s only contact: removed, the company would have nobody. A buyer leaves the store themselves, from their membership page.'],
    [rejected('contact_id', 'matches no contact of this company', 'PT404'), 'This person is no longer a contact of this company. The list now shows who is.'],
    [rejected('token', 'has expired; ask the store\'s owner for a new invitation'), 'This invitation has expired. Ask the store’s owner for a new one.'],
    [rejected('token', 'matches no invitation', 'PT404'), 'This invitation link is not valid. Ask the store’s owner for a new one.'],
    [rejected('email', 'of your login is not the address this invitation was sent to', '42501'), 'This invitation was sent to another address. Sign in with that address to accept it.'],
    [rejected('tiers[2].rank', 'is already the rank of another tier'), 'Another tier has this rank.'],
    [rejected(null, 'The ordinary tier (rank 0) cannot be removed'), 'The ordinary tier cannot be removed.'],
    [rejected('default_locale', 'cannot become es: some tiers.name has no text in es yet', '23514'), 'The default language cannot become Spanish yet: these texts have no Spanish version: \u2068Tier – Name\u2069. Add them first.'],
    [rejected('default_locale', 'cannot become es: readers of zh-CN would see two tiers named "VIP会员"', '23514'), 'The default language cannot become Spanish yet: readers of Simplified Chinese would see two tiers named \u2068VIP会员\u2069. Give one of them another name in Simplified Chinese first.'],
    [rejected('name', 'needs a text in zh-CN, the store\'s default language'), 'name: Needs a text in the store’s default language (Simplified Chinese).'],
    [rejected('perks.en', 'has a different number of perks (1) from zh-CN, the store\'s default language (2): give every language the same perks, or leave en out so its readers see the zh-CN ones'),
      'English has 1 perk and Simplified Chinese has 2: readers of English see only its own. Give it the same perks, or leave it empty so they see the Simplified Chinese ones.'],
    [rejected(null, 'Only this store\'s staff may do this', '42501'), 'You are no longer staff of this store: an owner may have removed you.'],
    [rejected('embed_origins', '"https://a.example" is listed twice'), 'https://a.example is listed twice.'],
    [rejected('status', 'is shipped; only requested or approved claims can be rejected'), 'This claim was handled meanwhile. Reload the page to see it as it is now.'],
    [rejected('inquiry', 'is closed', 'P0001'), 'This inquiry is closed.'],
    [rejected('answer_read', 'is not the answer now: someone answered since it was read', 'P0001'),
      'Nothing was sent: someone else answered this inquiry since you opened it. What you typed stays in the box; Cancel shows their answer.'],
    // The console meets it only in a points adjustment, said as the form's check says it (a reward's words read as another action).
    [rejected('points', 'balance is 1200, 5000 needed', 'P0001'), 'The balance is 1,200 points: no more than that can be taken.'],
    [rejected('points', 'balance is 1, 5 needed', 'P0001'), 'The balance is 1 point: no more than that can be taken.'],
    [rejected('amount', 'exceeds the rebate balance of 12.50 EUR', 'P0001'), 'More than the rebate balance of €12.50.'],
    [rejected('amount', 'exceeds the 450.00 USD left of this credit', 'P0001'), 'More than the US$450.00 left of this credit.'],
    [rejected('credit', 'was already taken back in full', 'P0001'), 'This credit has already been taken back in full.'],
    [rejected('order_ref', 'W5-0001 is an order of another company', 'P0001'), 'Order W5-0001 is another company’s order.'],
    [rejected('order_ref', 'W5-0001 was refunded', 'P0001'), 'Order W5-0001 was refunded: a coupon can only be recorded on a paid order.'],
    [rejected('order_ref', 'W5-0001 was cancelled', 'P0001'), 'Order W5-0001 was cancelled: a coupon can only be recorded on a paid order.'],
    // apply_rebate's own: a deduction read as a coupon's.
    [rejected('order_ref', 'W5-0001 was refunded: no rebate was spent on it', 'P0001'),
      'Order W5-0001 was refunded, so no rebate was spent on it: nothing was deducted. Deduct the rebate on the paid order the company used it on.'],
    [rejected('order_ref', 'W5-0001 was placed on 2026-01-10, before the coupon was received on 2026-12-05', 'P0001'),
      'Order W5-0001 was placed on Jan 10, 2026, before the company received this coupon on Dec 5, 2026.'],
    [rejected('member_coupon', 'was already used on order SO-1', 'P0001'), 'This coupon was already used, on order SO-1.'],
    [rejected('member_coupon', 'has expired', 'P0001'), 'This coupon has expired.'],
    [rejected('coupon', 'requires the Gold tier or higher', 'P0001'), 'This coupon requires the Gold tier or higher.'],
    [rejected('coupon', 'limit reached (2 of 2 held)', 'P0001'), 'The member already holds 2 of the 2 allowed.'],
    [rejected('coupon_id', 'matches no coupon of this store', 'PT404'), 'This is no longer there. Reload the page to see what is current.'],
    [rejected('store_id', 'is not a store you staff', '42501'), 'Your role in this store does not allow this. Reload the page to see your current access.'],
    [rejected('member_id', 'is not a member of this store', '22023', 3), 'This member_id is not a member of this store.'],
    // A WhatsApp number's rule is not any phone number's: it names the country code it lacks.
    [rejected('whatsapp', 'must be a phone number with + and its country code, such as +49 151 2345678', '22023'), 'whatsapp: Enter the number with + and its country code, such as +86 138 0013 8000.'],
    [rejected('phone', 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)', '22023'), 'phone: Enter a phone number such as +49 30 1234567.'],
    [rejected('external_ref', 'already belongs to another member\'s order', '22023', 3), 'This external_ref already belongs to another member’s order.'],
  ])('%j', (error, said) => {
    expect(sentence(error)).toBe(said);
  });

  it('says the tier limit, of a new tier and of a what-if, and texts that show nothing or hold direction controls, in each language', () => {
    const limit = rejected('store_id', 'may have at most 20 tiers: remove one before adding another', 'P0001');
    expect(sentence(limit)).toBe('A store may have at most 20 tiers. Remove one before adding another.');
    expect(sentence(limit, 'zh-CN')).toBe('每个店铺最多可设20个等级。请先删除一个，再添加新的等级。');
    expect(sentence(rejected('tiers', 'must hold at most 20 tiers'), 'es')).toBe('Una tienda puede tener como máximo 20 niveles. Elimina uno antes de añadir otro.');
    const direction = rejected('name.en', 'must not contain direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)');
    expect(beside(direction)).toBe('Must not contain invisible text-direction characters: they can make it display in a different order. Type it again without them.');
    expect(beside(direction, 'es')).toBe('No debe contener caracteres invisibles de dirección del texto: pueden hacer que se muestre en otro orden. Vuelve a escribirlo sin ellos.');
    const blank = rejected('name.es', 'must not be blank: leave the language out instead');
    expect(beside(blank, 'zh-CN')).toBe('没有可见内容：只有空格或不可见字符。请输入文字，或留空此语言。');
    expect(sentence(rejected('perks.en', 'must not have blank lines: lines of invisible characters show nothing')))
      .toBe('perks.en: Some lines show nothing: they hold only invisible characters. Remove them.');
  });

  it('maps the generic rules by their shape, figures and values kept, and names the field only as the form\'s sentence', () => {
    const long = rejected('name', 'must be at most 1200 characters');
    expect(beside(long)).toBe('At most 1,200 characters.');
    expect(beside(long, 'es')).toBe('Como máximo 1200 caracteres.');
    expect(beside(long, 'zh-CN')).toBe('最多1,200个字符。');
    expect(sentence(long)).toBe('name: At most 1,200 characters.');
    expect(sentence(long, 'zh-CN')).toBe('name：最多1,200个字符。');
    expect(beside(rejected('answer', 'is required'), 'es')).toBe('Obligatorio.');
    expect(beside(rejected('base_currency', 'must be a three-letter ISO 4217 code such as USD'), 'zh-CN')).toBe('格式不正确，例如USD。');
    expect(beside(rejected('channel', 'must be one of email, sms, whatsapp'))).toBe('Must be one of: email, sms, whatsapp.');
    expect(beside(rejected('quantity', 'must be a whole number from 1 to 10000000'))).toBe('Must be from 1 to 10,000,000.');
    expect(beside(rejected('filters.points_at_least', 'must be a whole number of points from 1'))).toBe('At least 1.');
    expect(beside(rejected('product_categories', 'must be at most 20 categories'))).toBe('At most 20.');
    expect(beside(rejected('publish_at', 'must be an ISO 8601 date such as 2026-03-01 or a timestamp with its offset'))).toBe('Not in the expected form; for example 2026-03-01.');
    expect(reasonShape('must be an object from language codes to texts, such as {"en": "…"}')).toBeNull();
  });

  it('says a range of too many periods at the grouping field, what to change, as the analytics form says it before asking', () => {
    const days = rejected('period', 'gives more than 400 days in this range: choose a shorter range or group by longer periods');
    expect(refusalParts(days, t('en'), 'en')).toEqual({ field: 'period', text: 'Choose a shorter range or group by week or month: by day, at most 400 days.' });
    expect(beside(days, 'es')).toBe('Elige un intervalo más corto o agrupa por semana o por mes: por día, como máximo 400 días.');
    expect(beside(days, 'zh-CN')).toBe('请缩短日期范围，或改为按周、按月分组：按日分组最多400天。');
    const weeks = rejected('period', 'gives more than 400 weeks in this range: choose a shorter range or group by longer periods');
    expect(beside(weeks)).toBe('Choose a shorter range or group by month: by week, at most 400 weeks.');
    for (const locale of ['en', 'es', 'zh-CN'] as const) {
      expect(beside(days, locale)).toBe(tooManyPeriods('day', maxPeriods, t(locale), locale));
      expect(beside(weeks, locale)).toBe(tooManyPeriods('week', maxPeriods, t(locale), locale));
    }
  });

  it('says an import\'s repeated row as the file numbers it', () => {
    const repeat = rejected('external_ref', 'repeats row 1 of this batch', '22023', 4);
    expect(refusalParts(repeat, t('en'), 'en', (row) => 1001 + row)).toEqual({ field: null, text: 'This external_ref repeats row 1,002.' });
  });

  it('says a call without a session as an ended session, not as the role\'s refusal', () => {
    expect(sentence(rejected(null, 'Sign in first', '42501'))).toBe('Your session has ended. Sign in again.');
    expect(sentence(rejected(null, 'Only staff of this store can do this', '42501'))).not.toBe('Your session has ended. Sign in again.');
  });

  it('says an owners’ function refusing one who is no owner (any more) as a role changed since, as every such refusal', () => {
    // save_store_settings and set_joining_paused alike: the page was opened as an owner.
    expect(sentence(rejected(null, "Only this store's owners may do this", '42501'))).toBe('Your role in this store does not allow this. Reload the page to see your current access.');
  });

  it('says an answer of a shape the page does not expect as such, not as a connection failure', () => {
    const answer = parse(z.array(z.object({ id: z.uuid() })), { data: [{ id: 'not-a-uuid' }], error: null });
    if (answer.ok) throw new Error('the answer passed its schema');
    const error = { message: answer.error.message, code: answer.error.code ?? '' };
    expect(sentence(error)).toBe('The server answered something this page does not understand. Reload the page.');
    expect(sentence(error, 'es')).toBe('El servidor respondió algo que esta página no entiende. Vuelve a cargar la página.');
    expect(sentence(error, 'zh-CN')).toBe('服务器返回了本页面无法理解的内容。请重新加载页面。');
    // What useLoad makes of it: a loader throwing it (orThrow) keeps its code for LoadState.
    expect(() => orThrow(answer)).toThrow(ApiFailure);
  });

  it('never shows a constraint\'s name', () => {
    const check = { code: '23514', message: 'new row for relation "coupons" violates check constraint "coupons_value_check"', details: 'Failing row contains (…)' };
    expect(sentence(check, 'es')).toBe('No se aceptó un valor. Revisa el formulario e inténtalo de nuevo.');
    const unique = { code: '23505', message: 'duplicate key value violates unique constraint "segments_store_id_name_key"', details: 'Key (store_id, name)=(…) already exists.' };
    expect(sentence(unique)).toBe('This already exists.');
    const foreign = { code: '23503', message: 'insert or update on table "member_coupons" violates foreign key constraint "member_coupons_coupon_id_fkey"' };
    expect(sentence(foreign)).toBe('This is no longer there. Reload the page to see what is current.');
  });

  it('keeps the server\'s sentence for a refusal not known here, without the batch\'s row', () => {
    const unknown = rejected('ship_to.postal_code', 'must be at most 16 letters, digits, spaces or hyphens');
    expect(beside(unknown, 'zh-CN')).toBe(unknown.message);
    expect(sentence(rejected('amount', 'must have at most 2 decimals and 12 digits', '22023', 7))).toBe('amount must have at most 2 decimals and 12 digits');
    // With the status it came with (parse keeps it): a refusal still, its sentence exact.
    expect(sentence({ ...rejected('amount', 'must have at most 2 decimals and 12 digits'), status: 400 }, 'es')).toBe('amount must have at most 2 decimals and 12 digits');
  });

  it('says an action\'s key sent again with other details as what it is, in the page\'s language', () => {
    // 20261222000300: an action's request_id reused for other arguments writes nothing.
    const reused = rejected('request_id', 'was already used for a different request: make a new key for a new one');
    expect(sentence(reused)).toBe('This action was already sent with other details, so nothing was done this time. Reload the page to see what was done, and do it again if it is still needed.');
    expect(sentence(reused, 'es')).toBe('Esta acción ya se había enviado con otros datos, así que ahora no se hizo nada. Recarga la página para ver qué se hizo y, si aún hace falta, vuelve a hacerla.');
    expect(sentence(reused, 'zh-CN')).toBe('此操作之前已用不同的内容提交过，因此本次未执行。请重新加载页面查看结果，如仍需要，请重新操作。');
    // A sentence of its own, never "request_id: …".
    expect(refusalParts(reused, t('en'), 'en')).toMatchObject({ field: null });
  });

  /** A write's failure as the console's data layer hands it on (parse of supabase-js's answer). */
  const failed = (answer: { data: unknown; error: { message: string; code?: string; details?: string; hint?: string }; status: number }) => {
    const result = parse(z.object({ id: z.uuid() }), answer);
    if (result.ok) throw new Error('the answer was read');
    return result.error;
  };

  it('says a write nothing answered as the connection, never the browser\'s English', () => {
    // postgrest-js's answer when the fetch itself failed (network down, request blocked).
    const unanswered = failed({ data: null, error: { message: 'TypeError: Failed to fetch', code: '', details: 'TypeError: Failed to fetch\n    at fetch (supabase.ts:40:10)', hint: '' }, status: 0 });
    expect(sentence(unanswered)).toBe('Cardclub could not be reached. Check your connection and try again.');
    expect(sentence(unanswered, 'es')).toBe('No se pudo conectar con Cardclub. Revisa tu conexión e inténtalo de nuevo.');
    expect(sentence(unanswered, 'zh-CN')).toBe('无法连接Cardclub。请检查网络连接后重试。');
    expect(beside(unanswered, 'zh-CN')).toBe('无法连接Cardclub。请检查网络连接后重试。');
    // An import's batch: said of the batch, no row or field.
    expect(refusalParts(unanswered, t('es'), 'es', (row) => 1000 + row)).toEqual({ field: null, text: 'No se pudo conectar con Cardclub. Revisa tu conexión e inténtalo de nuevo.' });
  });

  it('says a 5xx with no refusal known here as the service\'s problem, with its code when it has one', () => {
    // A gateway's 502 (its page as the message) and an unavailable API's empty 503: no code.
    const gateway = failed({ data: null, error: { message: '<html><body>502 Bad Gateway</body></html>' }, status: 502 });
    expect(sentence(gateway)).toBe('The service had a problem. Try again in a minute.');
    const unavailable = failed({ data: null, error: { message: '' }, status: 503 });
    expect(sentence(unavailable, 'es')).toBe('El servicio tuvo un problema. Inténtalo de nuevo dentro de un minuto.');
    expect(sentence(unavailable, 'zh-CN')).toBe('服务出了问题。请过一分钟再试。');
    // PostgREST without its database: its code, for support.
    const noDatabase = failed({ data: null, error: { message: 'Database client error. Retrying the connection.', code: 'PGRST001', details: 'no connection to the server' }, status: 503 });
    expect(sentence(noDatabase)).toBe('The service had a problem (error PGRST001). Try again in a minute; if it happens again, tell support the error code.');
    expect(sentence(noDatabase, 'es')).toBe('El servicio tuvo un problema (error PGRST001). Inténtalo de nuevo dentro de un minuto; si vuelve a ocurrir, da el código de error al soporte.');
    expect(sentence(noDatabase, 'zh-CN')).toBe('服务出了问题（错误PGRST001）。请过一分钟再试；如果再次出现，请把错误代码告知客服。');
    // A gateway's answer below 500 without a code (a body too large) is the service's too, not its page.
    expect(sentence(failed({ data: null, error: { message: '<html>413 Request Entity Too Large</html>' }, status: 413 }), 'zh-CN')).toBe('服务出了问题。请过一分钟再试。');
  });
});
