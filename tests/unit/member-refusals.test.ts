/**
 * The engine's refusals as a member reads them: each error as PostgREST sends it (message,
 * code, `details` as private.reject and the quota check write them) becomes a sentence of the
 * member catalogue in the reader's language; the engine's English never shows. The join and
 * sign-in forms say them the same way, and the auth server's failures too.
 */
import { describe, expect, it } from 'vitest';
import { authFailure, codeWaitSeconds } from '../../src/components/auth-failure.ts';
import { refusalState } from '../../src/components/join/form.tsx';
import { authRefusal, fieldRefusal, refusalMessage } from '../../src/components/member/refusals.ts';
import { optionalTypedNumber } from '../../src/components/member/forms.tsx';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { formatDate, setReaderLanguages, translator } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { changedSinceRead } from '../../src/lib/read-again.ts';
import { apiError, inquirySchema, MemberApiError } from '../../src/lib/member-api.ts';

/** An error as private.reject raises it: "<field> <reason>", details {field, reason}. */
const rejected = (field: string | null, reason: string, code = '22023') =>
  apiError({ message: field ? `${field} ${reason}` : reason, code, details: JSON.stringify(field ? { field, reason } : { reason }) });

const quotaReached = apiError({
  message: 'Sample quota reached (3 of 3 used)',
  code: 'P0001',
  details: JSON.stringify({ field: 'quota', reason: 'reached', used: 3, quota: 3 }),
});

const say = (error: unknown, locale: Locale = 'en') => refusalMessage(error, translator(catalogues[locale].member), locale);

describe('a refused action, in the member\'s words', () => {
  it('says the sample quota is used up, with its figures, in each language', () => {
    expect(say(quotaReached)).toBe('Sample quota used: 3 of 3 this period.');
    expect(say(quotaReached, 'zh-CN')).toBe('样品额度已用完：本周期已申领3次，共3次。');
    expect(say(quotaReached, 'es')).toBe('Cupo de muestras agotado: has usado 3 de 3 en este periodo.');
  });

  it.each([
    [rejected('product_id', 'matches no product', 'PT404'), 'This product is no longer available to you. Reload the page to see the current catalogue.'],
    [rejected('reward_id', 'matches no active reward', 'PT404'), 'The store no longer offers this reward.'],
    [rejected('claim_id', 'matches no sample claim', 'PT404'), 'This is no longer available. Reload the page to see what is current.'],
    [apiError({ message: 'new row violates row-level security policy for table "member_contacts"', code: '42501' }), 'Your membership does not allow this. Reload the page to see it as it is now.'],
    [rejected('points', 'balance is 120, 500 needed', 'P0001'), 'You do not have enough points for this reward.'],
    [rejected('coupon', 'expired at 2026-11-30 00:00:00+00', 'P0001'), 'This coupon has expired.'],
    [rejected('coupon', 'is valid from 2027-01-01 00:00:00+00', 'P0001'), 'This coupon cannot be claimed yet.'],
    [rejected('coupon', 'requires the VIP tier or higher', 'P0001'), 'This coupon is for a higher tier than yours.'],
    [rejected('coupon', 'limit reached (1 of 1 held)', 'P0001'), 'Your company already holds as many of this coupon as it may.'],
    [rejected('coupon', 'cannot be claimed: it is given in the gift pack or as a reward', 'P0001'), 'This coupon cannot be claimed: the store gives it in the new-member gift pack or as a reward.'],
    [rejected('inquiry', 'cannot be sent: your company has 50 open inquiries; wait for answers first', 'P0001'), 'Your company has too many inquiries waiting for an answer. Please wait until the store has answered some.'],
    [rejected('order', 'has already been reviewed', '23505'), 'This order has already been reviewed.'],
    [rejected('order', 'can be reviewed once it is paid and delivered', 'P0001'), 'An order can be reviewed once it is paid and delivered.'],
    [rejected('status', 'is approved; only requested claims can be cancelled'), 'The store has already handled this request, so it can no longer be cancelled.'],
    [apiError({ message: 'Session ended: this access token\'s session was signed out or has expired', code: 'PT401' }), 'Your session has ended. Sign in again to continue.'],
    [apiError({ message: 'Too many joins', code: 'PT429', details: JSON.stringify({ field: 'join_limit', reason: 'email' }) }), 'Too many attempts in a short time. Please wait a few minutes and try again.'],
  ])('%# %s', (error, sentence) => {
    expect(say(error)).toBe(sentence);
  });

  // A tab left open after the login left the store in another (or was removed from its company):
  // "Your membership does not allow this" had the buyer look for a rule they had broken.
  it.each([
    rejected(null, 'You are not a member of this store', '42501'),
    rejected(null, 'Only members of this store can claim samples', '42501'),
    rejected('member_id', 'is not a company you are a contact of', '42501'),
  ])('says a login that is no longer a member so: %s', (error) => {
    expect(say(error)).toBe('You are no longer a member of this store: you left it, perhaps in another tab, or were removed from your company. Reload the page to see it as it is now.');
    expect(say(error, 'es')).toBe('Ya no eres miembro de esta tienda: te diste de baja, quizá en otra pestaña, o te quitaron de tu empresa. Recarga la página para verla como está ahora.');
    expect(say(error, 'zh-CN')).toBe('您已不是本店会员：您可能已在其他标签页退出会员，或已被移出公司。请刷新页面查看当前状态。');
  });

  it('says why an invitation cannot be accepted, in each language', () => {
    const refusals = [
      rejected('token', 'has expired; ask your colleague for a new invitation'),
      rejected('token', 'has already been used'),
      rejected('token', 'matches no invitation', 'PT404'),
      rejected(null, 'You are already a member contact at this store', '23505'),
    ];
    expect(refusals.map((error) => say(error))).toEqual([
      'This invitation has expired. Ask your colleague to invite you again.',
      'This invitation has already been used.',
      'This invitation has been withdrawn. Ask your colleague to invite you again.',
      'Your login is already a contact of a company at this store, and a login belongs to one company per store. Sign in with another address, or leave that company first.',
    ]);
    expect(say(refusals[0], 'zh-CN')).toBe('此邀请已过期，请让同事重新邀请您。');
    expect(say(refusals[3], 'es')).toMatch(/^Tu cuenta ya es contacto de una empresa en esta tienda/);
    const limit = apiError({ message: 'Join limit reached', code: 'PT429', details: JSON.stringify({ field: 'join_limit', reason: 'email', retry_after: '2026-12-05T10:00:00Z' }) });
    expect(say(limit)).toBe(`This email address or network has joined too many times recently. Please try again after ${formatDate('2026-12-05T10:00:00Z', 'en', true)}.`);
  });

  it('says a save of the company card refused over someone else’s change since it was read, with the way to load theirs, in each language', () => {
    const changed = new MemberApiError('Nothing was saved: someone else changed the company\'s card since it was read', changedSinceRead, undefined, undefined);
    expect(say(changed)).toBe('Nothing was saved: someone else changed your company’s details since you opened this form. Load the current details to see their changes; what you typed stays in the form.');
    expect(say(changed, 'zh-CN')).toBe('未保存任何内容：您打开此表单后，其他人修改了公司信息。请载入当前信息查看对方的修改；您填写的内容会保留在表单中。');
    expect(say(changed, 'es')).toBe('No se ha guardado nada: otra persona ha cambiado los datos de tu empresa desde que abriste este formulario. Carga los datos actuales para ver sus cambios; lo que escribiste se queda en el formulario.');
  });

  it('falls back to a sentence of its own for a refusal it does not know, or a failed connection', () => {
    expect(say(rejected('confirm', 'must be true: leaving deletes your card and cannot be undone'))).toBe('That did not work. Please try again.');
    expect(say(apiError({ message: 'TypeError: Failed to fetch', code: '' }))).toBe('That did not work. Please try again.');
    expect(say(new TypeError('Failed to fetch'), 'zh-CN')).toBe('操作未成功，请重试。');
  });

  it('never shows the engine\'s text', () => {
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      expect(say(quotaReached, locale)).not.toContain('Sample quota reached');
      expect(say(rejected('points', 'balance is 1, 2 needed', 'P0001'), locale)).not.toContain('balance is');
    }
  });
});

describe('a refused field, beside it', () => {
  const field = (error: ReturnType<typeof rejected>, locale: Locale = 'en') => fieldRefusal(error, translator(catalogues[locale].member), locale);

  it('says the rule the value broke, as the form\'s own checks do', () => {
    expect(field(rejected('ship_to.city', 'is required'))).toBe('This field is required.');
    expect(field(rejected('ship_to.phone', 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)'))).toBe('Enter a phone number, such as +49 30 1234567.');
    // A WhatsApp number's own rule, not any phone number's: the country code is what it lacked.
    expect(field(rejected('whatsapp', 'must be a phone number with + and its country code, such as +49 151 2345678'), 'es')).toBe('WhatsApp no puede llamar a este número: empieza por + y el prefijo internacional.');
    expect(field(rejected('email', 'is not an email address'), 'es')).toBe('Escribe una dirección de correo, como nombre@empresa.com.');
    expect(field(rejected('job_title', 'must be at most 200 characters'))).toBe('At most 200 characters.');
    expect(field(rejected('quantity', 'must be between 1 and 10'), 'zh-CN')).toBe('请输入1到10之间的整数。');
    expect(field(rejected('ship_to.postal_code', 'must be at most 16 letters, digits, spaces or hyphens'))).toBe('Use only letters, digits, spaces and hyphens (at most 16).');
    expect(field(rejected('website', 'must be an http:// or https:// address such as https://example.com (at most 300 characters)'))).toBe('Enter a web address, such as company.com.');
  });

  it('says an inquiry\'s target price is an amount above 0 with at most two decimals, checked before sending as the engine checks it', () => {
    const reason = 'must be a positive amount with at most two decimals, below 1000000000000';
    expect(field(rejected('target_price', reason))).toBe('Enter an amount above 0 with at most two decimals, such as 12.50.');
    expect(field(rejected('target_price', reason), 'zh-CN')).toBe('请输入大于0、最多两位小数的金额，例如12.50。');
    // The example as the buyer's region types an amount: Spain "12,50", Mexico "12.50".
    expect([['es-ES'], ['es-MX']].map((languages) => {
      setReaderLanguages(languages);
      return field(rejected('target_price', reason), 'es');
    })).toEqual(['Escribe un importe mayor que 0 con dos decimales como máximo, como 12,50.', 'Escribe un importe mayor que 0 con dos decimales como máximo, como 12.50.']);
    setReaderLanguages([]);
    const issue = (target_price: number) => inquirySchema.safeParse({ message: 'Price for 500?', target_price }).error?.issues[0];
    for (const price of [12.345, 0, -1, 0.001, 1e-7, Number.NaN]) expect(issue(price), String(price)).toMatchObject({ path: ['target_price'], message: 'fieldAmount' });
    // Typed as the page's language writes it: a Spanish "12,50" is 12.5 (a number input read 1250).
    expect([optionalTypedNumber('12,50', 'es'), optionalTypedNumber('1.234,50', 'es'), optionalTypedNumber('1,234.50', 'en'), optionalTypedNumber(' ', 'en')]).toEqual([12.5, 1234.5, 1234.5, undefined]);
    expect(optionalTypedNumber('twelve', 'en')).toBeNaN();
    expect(issue(1e12)).toMatchObject({ path: ['target_price'], code: 'too_big' });
    for (const price of [12.34, 0.07, 0.01, 12, 999_999_999_999.99]) expect(issue(price), String(price)).toBeUndefined();
  });

  it('says why an invitation is refused', () => {
    expect(field(rejected('email', 'already belongs to a contact of your company', '23505'))).toBe('This person is already a contact of your company.');
    expect(field(rejected('email', 'cannot be invited: your company has 100 pending invitations; withdraw some first', 'P0001'))).toBe('Your company has too many pending invitations. Withdraw some first.');
  });

  it('is a general sentence for a rule it does not know', () => {
    expect(field(rejected('ship_to.country', 'must be a two-letter ISO 3166 code such as DE'))).toBe('Please check this field.');
  });
});

describe('a refused join or sign-in, in the buyer\'s words', () => {
  const joinText = (locale: Locale) => translator(catalogues[locale].join);
  const memberText = (locale: Locale) => translator(catalogues[locale].member);
  const state = (error: unknown, fields: readonly string[], locale: Locale = 'en') =>
    refusalState(error, fields, joinText(locale), memberText(locale), locale, null);
  const authFailed = (message: string, code: string | undefined, status: number | undefined) => authRefusal({ ok: false, message, code, status });
  const joinLimit = apiError({
    message: 'Join limit reached: one email address may join at most 10 times per hour; try again after 2026-12-03 18:00 UTC',
    code: 'PT429',
    details: JSON.stringify({ field: 'join_limit', reason: 'one email address may join at most 10 times per hour', scope: 'email' }),
  });

  it('says the join limit and the auth server\'s rate limits as the member pages do, in each language', () => {
    const emailLimit = authFailed('For security purposes, you can only request this after 42 seconds.', 'over_email_send_rate_limit', 429);
    // As private.count_join raises it: the window's end in `retry_after`, a timestamptz in JSON.
    const joinLimitUntil = apiError({
      message: joinLimit.message,
      code: 'PT429',
      details: JSON.stringify({ ...joinLimit.details, retry_after: '2026-12-03T18:00:00+00:00' }),
    });
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      const tooMany = catalogues[locale].member.refusedTooMany;
      expect(state(joinLimit, ['email', 'company_name'], locale)).toEqual({ fields: {}, message: tooMany });
      expect(state(emailLimit, ['email'], locale)).toEqual({ fields: {}, message: tooMany });
      const until = translator(catalogues[locale].member)('refusedJoinLimit', { time: formatDate('2026-12-03T18:00:00+00:00', locale, true) });
      expect(state(joinLimitUntil, ['email', 'company_name'], locale)).toEqual({ fields: {}, message: until });
    }
  });

  it('says a join refused because the store paused new members, above the button, in each language', () => {
    // As private.require_joining_open raises it: a card sent as the owners paused joining.
    const paused = apiError({
      message: 'store is not taking new members at the moment',
      code: 'P0001',
      details: JSON.stringify({ field: 'store', reason: 'is not taking new members at the moment' }),
    });
    expect(state(paused, ['email', 'company_name']).message).toBe('This store is not taking new members at the moment. Members can still sign in.');
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      expect(state(paused, ['email', 'company_name'], locale)).toEqual({ fields: {}, message: catalogues[locale].member.refusedJoiningPaused });
    }
  });

  it('puts a wrong or expired code beside the code field, and says it in the alert (not that fields need correcting)', () => {
    const wrong = authFailed('Token has expired or is invalid', 'otp_expired', 403);
    // It names the step's own way to a new code (there is no "back" to ask for one).
    const sentence = 'This code is wrong or has expired. Check the email, or choose “Send a new code” below.';
    expect(state(wrong, ['code'])).toEqual({ fields: { code: sentence }, message: sentence });
    expect(state(wrong, ['code'], 'zh-CN').fields['code']).toBe('验证码错误或已过期。请核对邮件，或点击下方的“发送新验证码”。');
    expect(state(wrong, ['code'], 'es').fields['code']).toBe('El código no es correcto o ha caducado. Revisa el correo o pulsa «Enviar un código nuevo», más abajo.');
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      expect(catalogues[locale].join.errorCodeWrong).toContain(catalogues[locale].join.resendCode);
    }
  });

  it('says a refused card field with the form\'s wording, or the member pages\' rule where the form has none', () => {
    expect(state(rejected('website', 'must be an http:// or https:// address such as https://example.com (at most 300 characters)'), ['website']).fields).toEqual({ website: 'Enter a web address, such as company.com.' });
    expect(state(rejected('company_name', 'must be at most 200 characters'), ['company_name'], 'es').fields).toEqual({ company_name: 'Como máximo 200 caracteres.' });
  });

  it('never shows the server\'s text, even for a failure it does not know', () => {
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      const fallback = catalogues[locale].member.actionFailed;
      expect(state(authFailed('Signups not allowed for otp', 'otp_disabled', 422), ['email'], locale).message).toBe(fallback);
      expect(state(new TypeError('Failed to fetch'), ['email'], locale).message).toBe(fallback);
      expect(state(joinLimit, ['email'], locale).message).not.toContain('Join limit');
    }
  });
});

describe('the sign-in pages (member code, staff password)', () => {
  const failed = (message: string, code: string | undefined, status: number) => ({ ok: false as const, message, code, status });
  it('say which step failed in the reader\'s language, never the auth server\'s English', () => {
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      const site = catalogues[locale].site;
      const t = translator(site);
      expect(authFailure(failed('Invalid login credentials', 'invalid_credentials', 400), t)).toBe(site.authWrongPassword);
      expect(authFailure(failed('Token has expired or is invalid', 'otp_expired', 403), t)).toBe(site.authWrongCode);
      expect(authFailure(failed('Unable to validate email address: invalid format', 'validation_failed', 400), t)).toBe(site.authEmailInvalid);
      expect(authFailure(failed('For security purposes, you can only request this after 42 seconds.', 'over_email_send_rate_limit', 429), t)).toBe(site.authTooMany);
      expect(authFailure(failed('Signups not allowed for otp', 'otp_disabled', 422), t)).toBe(site.authFailed);
    }
  });

  it('read the wait the auth server names when it refuses a new code within the minute, and no other', () => {
    expect(codeWaitSeconds(failed('For security purposes, you can only request this after 42 seconds.', 'over_email_send_rate_limit', 429))).toBe(42);
    expect(codeWaitSeconds(failed('For security purposes, you can only request this after 1 second.', 'over_email_send_rate_limit', 429))).toBe(1);
    expect(codeWaitSeconds(failed('email rate limit exceeded', 'over_email_send_rate_limit', 429))).toBeNull();
    expect(codeWaitSeconds(failed('Request rate limit reached', 'over_request_rate_limit', 429))).toBeNull();
  });
});
