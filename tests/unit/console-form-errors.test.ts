import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiErrors, apiMessage, parseDetails, zodErrors } from '../../src/components/console/ui/form-errors.ts';
import { checkImage } from '../../src/components/console/ui/image-file.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import { $locale } from '../../src/stores/locale.ts';

describe('API errors onto form fields', () => {
  const fields = ['name', 'slug', 'price', 'min_paid_amount'];
  beforeAll(() => Promise.all([loadSections('en', ['staff']), loadSections('es', ['staff']), loadSections('zh-CN', ['staff'])]));
  afterEach(() => $locale.set('en'));

  it('puts an error whose details name a field of the form next to that field', () => {
    const error = { code: '23505', message: 'slug is already taken', details: '{"field": "slug", "reason": "is already taken"}' };
    expect(apiErrors(error, fields)).toEqual({ fields: { slug: 'Another store already has this address. Choose another.' }, form: null });
  });

  it('says it in the page\'s language', () => {
    const error = { code: '23505', message: 'slug is already taken', details: '{"field": "slug", "reason": "is already taken"}' };
    $locale.set('es');
    expect(apiErrors(error, fields).fields).toEqual({ slug: 'Otra tienda ya tiene esta dirección. Elige otra.' });
    $locale.set('zh-CN');
    expect(apiErrors(error, ['name']).form).toBe('已有其他店铺使用此地址。请另选一个。');
  });

  it('finds a merchant text field from its language part, and renamed fields through aliases', () => {
    const text = { code: '22023', message: 'name needs a text in es', details: '{"field": "name.es", "reason": "needs a text in es"}' };
    expect(apiErrors(text, fields).fields).toEqual({ name: 'name needs a text in es' });
    const defaultText = { code: '22023', message: 'x', details: '{"field": "name.es", "reason": "needs a text in es, the store\'s default language"}' };
    expect(apiErrors(defaultText, fields).fields).toEqual({ name: 'Needs a text in the store’s default language (es).' });
    const aliased = { code: '22023', message: 'email is not an email address', details: '{"field": "p_email", "reason": "is not an email address"}' };
    expect(apiErrors(aliased, ['email'], { p_email: 'email' }).fields).toEqual({ email: 'Not an email address.' });
  });

  it('maps a CHECK constraint to its column, never showing the constraint\'s name', () => {
    const error = { code: '23514', message: 'new row for relation "products" violates check constraint "products_price_is_a_number"', details: 'Failing row contains (…)' };
    expect(apiErrors(error, fields).fields).toEqual({ price: 'This value is not accepted.' });
    expect(apiErrors(error, ['name'])).toEqual({ fields: {}, form: 'A value was not accepted. Check the form and try again.' });
  });

  it('keeps the message as the form’s sentence when no field of the form is named', () => {
    const error = { code: 'P0001', message: 'Store limit reached: one login may own at most 10 stores', details: '{"reason": "Store limit reached: one login may own at most 10 stores"}' };
    expect(apiErrors(error, fields)).toEqual({ fields: {}, form: 'One login may own at most 10 stores.' });
    const rule = { code: '22023', message: 'order_ref is required', details: '{"field": "order_ref", "reason": "is required"}' };
    expect(apiErrors(rule, fields).form).toBe('order_ref: Required.');
    expect(apiMessage({ code: 'P0001', message: 'user_id is the last owner of this store: make someone else owner first', details: '{"field": "user_id", "reason": "is the last owner of this store: make someone else owner first"}' })).toBe(
      'This is the store’s last owner. Make someone else owner first.',
    );
    expect(apiErrors({ message: 'Failed to fetch' }, fields)).toEqual({ fields: {}, form: 'Failed to fetch' });
    expect(parseDetails({ message: 'x', details: 'plain text' })).toBeNull();
  });
});

describe('zod errors onto form fields', () => {
  it('keeps the first message per field', () => {
    const result = z.object({ a: z.string().min(2, 'short').email('not an email'), b: z.number() }).safeParse({ a: 'x', b: 'y' });
    expect(result.success).toBe(false);
    expect(zodErrors(result.error!)).toEqual({ a: 'short', b: expect.any(String) });
  });
});

describe('image checks before upload', () => {
  const file = (type: string, size: number) => new File([new Uint8Array(size)], 'f', { type });
  it('accepts the bucket’s types up to the size and names the reason otherwise', () => {
    const types = ['image/png', 'image/jpeg'];
    expect(checkImage(file('image/png', 10), types, 100)).toEqual({ ok: true, extension: 'png' });
    expect(checkImage(file('image/svg+xml', 10), types, 100)).toEqual({ ok: false, reason: 'type' });
    expect(checkImage(file('image/webp', 10), types, 100)).toEqual({ ok: false, reason: 'type' });
    expect(checkImage(file('image/jpeg', 101), types, 100)).toEqual({ ok: false, reason: 'size' });
  });
});
