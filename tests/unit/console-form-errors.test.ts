import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiErrors, apiMessage, checkErrors, parseDetails, zodErrors, type ApiError } from '../../src/components/console/ui/form-errors.ts';
import { fieldError, textMapSchema } from '../../src/components/console/ui/LocalizedTextField.tsx';
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
    expect(apiErrors(defaultText, fields).fields).toEqual({ name: 'Needs a text in the store’s default language (Spanish).' });
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
    expect(parseDetails({ message: 'x', details: 'plain text' })).toBeNull();
  });

  it('says a save nothing answered as the connection, with what was typed kept in the form, in the page\'s language', () => {
    // postgrest-js's answer when the fetch failed: status 0, which the console's answers keep as none (parse).
    const unanswered = { message: 'TypeError: Failed to fetch', code: '', details: 'TypeError: Failed to fetch\n    at fetch (supabase.ts:40:10)', hint: '' };
    expect(apiErrors(unanswered, fields)).toEqual({ fields: {}, form: 'Cardclub could not be reached. Check your connection and try again; what you typed stays in the form.' });
    $locale.set('es');
    expect(apiErrors(unanswered, fields).form).toBe('No se pudo conectar con Cardclub. Revisa tu conexión e inténtalo de nuevo; lo que escribiste se queda en el formulario.');
    $locale.set('zh-CN');
    expect(apiErrors(unanswered, fields).form).toBe('无法连接Cardclub。请检查网络连接后重试；你填写的内容会保留在表单中。');
    // An action has no form to keep anything in.
    expect(apiMessage(unanswered)).toBe('无法连接Cardclub。请检查网络连接后重试。');
    // A gateway's 502 is the service's problem, not the connection.
    expect(apiErrors({ message: 'Bad Gateway', status: 502 }, fields).form).toBe('服务出了问题。请过一分钟再试。');
    $locale.set('en');
    expect(apiMessage({ message: '', status: 503 })).toBe('The service had a problem. Try again in a minute.');
    // A refusal keeps its sentence, its status too: a session ended is not a connection.
    expect(apiErrors({ code: 'PT401', message: 'Session ended', status: 401 }, fields).form).toBe('Your session has ended. Sign in again.');
  });
});

describe('a console action\'s failure, as supabase-js hands it to the console\'s data layer', () => {
  const uuid = '00000000-0000-4000-8000-000000000001';
  let answer: () => Response;
  // Fresh copies of the data layer, on a client of their own whose every request `answer` answers:
  // the worker's other files share modules with this one (isolate: false).
  const layer = async () => {
    vi.resetModules();
    return {
      staff: await import('../../src/lib/console/staff.ts'),
      tiers: await import('../../src/lib/console/tiers.ts'),
      products: await import('../../src/lib/console/products.ts'),
      posts: await import('../../src/lib/growth/posts.ts'),
    };
  };
  beforeAll(() => {
    vi.stubEnv('PUBLIC_SUPABASE_URL', 'https://api.test');
    vi.stubEnv('PUBLIC_SUPABASE_ANON_KEY', 'anon');
    vi.stubGlobal('fetch', async () => answer());
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });
  afterEach(() => $locale.set('en'));

  /** The error the data layer answers with. */
  const failure = (result: { ok?: boolean; error?: ApiError | null }) => {
    expect(result.error).toBeTruthy();
    return result.error!;
  };

  it('says a gateway\'s 502 to an action as the service\'s problem, not the connection: staff, tiers, products', async () => {
    answer = () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const { staff, tiers, products } = await layer();
    const service = 'The service had a problem. Try again in a minute.';
    expect(apiErrors(failure(await staff.inviteStaff(uuid, 'new@example.com', 'staff')), ['email', 'role']).form).toBe(service);
    expect(apiMessage(failure(await staff.setStaffRole(uuid, uuid, 'owner')))).toBe(service);
    expect(apiMessage(failure(await staff.removeStaff(uuid, uuid)))).toBe(service);
    expect(apiMessage(failure(await staff.withdrawInvitation(uuid)))).toBe(service);
    expect(apiMessage(failure(await staff.acceptStaffInvitation(uuid)))).toBe(service);
    expect(apiMessage(failure(await tiers.deleteTier(uuid)))).toBe(service);
    $locale.set('es');
    expect(apiMessage(failure(await products.setActive(uuid, false)))).toBe('El servicio tuvo un problema. Inténtalo de nuevo dentro de un minuto.');
    $locale.set('zh-CN');
    const saved = await products.saveProduct(uuid, null, {} as Parameters<typeof products.saveProduct>[2], {}, null);
    expect(apiErrors(saved.error!, ['name']).form).toBe('服务出了问题。请过一分钟再试。');
  });

  it('says a post\'s attachment Storage no longer has as a file gone, in the page\'s language', async () => {
    // Storage's answer for an object that is not there: HTTP 400, the meaning in its body.
    answer = () => Response.json({ statusCode: '404', code: 'NoSuchKey', error: 'not_found', message: 'Object not found' }, { status: 400 });
    const { posts } = await layer();
    const file = { path: `${uuid}/${uuid}/price-list.pdf`, name: 'price-list.pdf' };
    const gone = failure(await posts.attachmentUrl(file));
    expect(apiMessage(gone)).toBe('This file is no longer there. Remove it, and add it again if readers still need it.');
    $locale.set('es');
    expect(apiMessage(gone)).toBe('Este archivo ya no está. Quítalo y vuelve a añadirlo si los lectores aún lo necesitan.');
    $locale.set('zh-CN');
    expect(apiMessage(gone)).toBe('该文件已不存在。请将其移除；如读者仍需要，请重新添加。');
    // Another refusal of Storage's is not said as a file gone.
    answer = () => Response.json({ statusCode: '403', code: 'AccessDenied', error: 'Unauthorized', message: 'Access denied' }, { status: 400 });
    expect(apiMessage(failure(await posts.attachmentUrl(file)))).toBe('服务出了问题。请过一分钟再试。');
  });

  it('links a post\'s attachment to be saved under the name it was added with, not its object\'s, whatever its letters', async () => {
    answer = () => Response.json({ signedURL: `/object/sign/post-attachments/${uuid}/${uuid}/mxdup7qb-price-list.pdf?token=signed` });
    const { posts } = await layer();
    const link = await posts.attachmentUrl({ path: `${uuid}/${uuid}/mxdup7qb-price-list.pdf`, name: '价目表 (2026).pdf' });
    expect(link.ok).toBe(true);
    const url = new URL(link.ok ? link.data : '');
    expect(url.searchParams.get('download')).toBe('价目表 (2026).pdf');
    expect(url.searchParams.get('token')).toBe('signed');
    expect(url.pathname).toBe(`/storage/v1/object/sign/post-attachments/${uuid}/${uuid}/mxdup7qb-price-list.pdf`);
  });
});

describe('zod errors onto form fields', () => {
  it('keeps the first message per field', () => {
    const result = z.object({ a: z.string().min(2, 'short').email('not an email'), b: z.number() }).safeParse({ a: 'x', b: 'y' });
    expect(result.success).toBe(false);
    expect(zodErrors(result.error!)).toEqual({ a: 'short', b: expect.any(String) });
  });
});

describe('a merchant text’s check onto its language boxes', () => {
  const t = (key: string) => key;
  const schema = z.object({
    title: textMapSchema(t, 'es', 'en', { max: 20, required: true, line: true }),
    intro: textMapSchema(t, 'es', 'en', { max: 20, required: false, line: false }),
  });

  it('names the default language’s box alone when its text is missing, whatever the others hold', () => {
    const result = schema.safeParse({ title: { en: 'Lumina', 'zh-CN': '发艺' }, intro: { en: 'Hello' } });
    expect(checkErrors(result.error!)).toEqual({
      fields: { title: 'errorNeedsDefaultLanguage', intro: 'errorNeedsDefaultLanguage' },
      form: null,
      locales: { title: 'es', intro: 'es' },
    });
  });

  it('names no box when the text is wrong as a whole (too long), nor for a field that is no text', () => {
    const result = schema.extend({ count: z.number() }).safeParse({ title: { es: 'x'.repeat(21) }, intro: {}, count: 'y' });
    const errors = checkErrors(result.error!);
    expect(errors.fields).toEqual({ title: 'errorTooLong', count: expect.any(String) });
    expect(errors.locales).toBeUndefined();
  });

  // Any form's sentence for it (the rewards' named no language, and stood under the Spanish written).
  it('says a lacking default language under its box, naming it, whichever check found it; nothing written, that it is required', () => {
    const said = (key: string, values?: Record<string, string>) => `${key}${values ? ` ${values.language}` : ''}`;
    const field = { errorLocale: null, defaultLocale: 'en', language: 'inglés' } as const;
    const wrong = 'Give this text in the store’s default language too.';
    expect(fieldError(said, { ...field, error: wrong, value: { es: 'Bolsa de regalo', en: ' ' }, required: true })).toEqual({ error: 'errorNeedsDefaultLanguage inglés', locale: 'en' });
    expect(fieldError(said, { ...field, error: wrong, value: {}, required: true })).toEqual({ error: 'errorRequired', locale: 'en' });
    // Not required: lacking once another language is written, and as given then (its own words, or none).
    expect(fieldError(said, { ...field, error: wrong, value: { 'zh-CN': '礼品袋' }, required: false })).toEqual({ error: 'errorNeedsDefaultLanguage inglés', locale: 'en' });
    expect(fieldError(said, { ...field, error: wrong, value: {}, required: false })).toEqual({ error: wrong, locale: null });
    expect(fieldError(said, { ...field, error: null, value: { es: 'Bolsa' }, required: true })).toEqual({ error: null, locale: null });
    // Another language's own error, or any once the default is written, stays as given.
    expect(fieldError(said, { ...field, error: 'errorTooLong', errorLocale: 'es', value: { es: 'x'.repeat(200) }, required: true })).toEqual({ error: 'errorTooLong', locale: 'es' });
    expect(fieldError(said, { ...field, error: 'errorTooLong', value: { en: 'x'.repeat(200) }, required: true })).toEqual({ error: 'errorTooLong', locale: null });
  });
});

// An image is judged by its first bytes, not its name: a text file named fake.png was stored as a
// logo and buyers saw a broken image (Storage checks only the type the browser declares, from the name).
describe('image checks before upload', () => {
  const allowed = ['image/png', 'image/jpeg', 'image/webp', 'image/avif'] as const;
  const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
  const png = bytes([0x89], 'PNG\r\n', [0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
  const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
  const webp = bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ');
  const avif = bytes([0, 0, 0, 28], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf');
  // Major brand mif1, AVIF only among the compatible brands, as some encoders write it.
  const avifCompatible = bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0], 'mif1avif');
  const heic = bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic');
  const gif = bytes('GIF89a', [1, 0, 1, 0]);
  const file = (content: Uint8Array<ArrayBuffer>, name: string, type: string) => new File([content], name, { type });

  const accepted = async (content: Uint8Array<ArrayBuffer>, name: string, type: string) => {
    const check = await checkImage(file(content, name, type), { target: 'logo', types: allowed, maxBytes: 1000 });
    return check.ok ? [check.extension, check.file.type, check.file.size] : check;
  };

  it('takes PNG, JPEG, WebP and AVIF by their content, with the extension and type to store them under', async () => {
    expect(await accepted(png, 'logo.png', 'image/png')).toEqual(['png', 'image/png', png.length]);
    expect(await accepted(jpeg, 'photo.jpeg', 'image/jpeg')).toEqual(['jpg', 'image/jpeg', jpeg.length]);
    expect(await accepted(webp, 'a.webp', 'image/webp')).toEqual(['webp', 'image/webp', webp.length]);
    expect(await accepted(avif, 'a.avif', 'image/avif')).toEqual(['avif', 'image/avif', avif.length]);
    expect(await accepted(avifCompatible, 'a.avif', '')).toEqual(['avif', 'image/avif', avifCompatible.length]);
  });

  it('stores a JPEG named .png as the JPEG it is', async () => {
    expect(await accepted(jpeg, 'photo.png', 'image/png')).toEqual(['jpg', 'image/jpeg', jpeg.length]);
  });

  it('refuses a text file named fake.png, a GIF, a HEIC image and an empty file, whatever the browser says they are', async () => {
    for (const content of [new TextEncoder().encode('not an image, only text'), gif, heic, new Uint8Array()]) {
      expect(await checkImage(file(content, 'fake.png', 'image/png'), { target: 'logo', types: allowed, maxBytes: 1000 })).toEqual({ ok: false, reason: 'type' });
    }
  });

  it('refuses a type the bucket does not take, and a file too large', async () => {
    expect(await checkImage(file(avif, 'a.avif', 'image/avif'), { target: 'logo', types: ['image/png'], maxBytes: 1000 })).toEqual({ ok: false, reason: 'type' });
    expect(await checkImage(file(png, 'logo.png', 'image/png'), { target: 'logo', types: allowed, maxBytes: png.length - 1 })).toEqual({ ok: false, reason: 'size' });
  });
});
