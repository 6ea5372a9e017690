/**
 * A refused upload as the console says it: Storage's refusals, as its error body reaches
 * storage-js (the local stand-in's, which are hosted Storage's), become the staff's sentence naming
 * the file, the reason and the bucket's limit in en, zh-CN and es; one not known becomes a general
 * sentence, Storage's English never shown. The console's check before the upload says the same.
 */
import { describe, expect, it } from 'vitest';
import { StorageApiError } from '@supabase/storage-js';
import { alreadyExists, entityTooLarge, invalidMimeType, rlsViolation, type StorageError } from '../../supabase/local/storage/errors.ts';
import { storageProblem, uploadCheck, uploadRefusal, uploadSize, type UploadProblem } from '../../src/components/console/ui/upload-refusal.ts';
import { logoUpload } from '../../src/lib/console/store-settings.ts';
import { imageUpload } from '../../src/lib/console/products.ts';
import { attachmentUpload } from '../../src/lib/growth/posts.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';

/** The error storage-js makes of Storage's answer: the body's statusCode, else its code, else the HTTP status. */
function received(refusal: StorageError): StorageApiError {
  const body = { statusCode: String(refusal.statusCode), code: refusal.code, error: refusal.error, message: refusal.message };
  return new StorageApiError(body.message, refusal.httpStatus, body.statusCode || body.code || String(refusal.httpStatus), 'storage', body.code);
}

const t = (locale: Locale) => translator(catalogues[locale].staff);
const said = (name: string, size: number, problem: UploadProblem, rules = logoUpload, locale: Locale = 'en') =>
  uploadRefusal({ name, size, problem }, rules, t(locale), locale).replace(/[\u2068\u2069]/g, '').replace(/\u00a0/g, ' ');
const MB = 1024 * 1024;

describe('a refused upload in the staff\'s language', () => {
  it('reads which refusal Storage made from its status, not its English', () => {
    expect(storageProblem(received(entityTooLarge()))).toBe('size');
    expect(storageProblem(received(invalidMimeType('image/gif')))).toBe('type');
    expect(storageProblem(received(rlsViolation()))).toBe('denied');
    expect(storageProblem(received(alreadyExists()))).toBe('unknown');
    // A proxy's bare 413, without Storage's body: storage-js keeps the HTTP status.
    expect(storageProblem(new StorageApiError('Payload Too Large', 413, '413'))).toBe('size');
  });

  it('names the file, its size and the bucket\'s limit, and what to do, in each language', () => {
    expect(said('logo.png', 6.2 * MB, 'size')).toBe('“logo.png” is 6.2 MB; the logo can be at most 1 MB. Choose a smaller image or compress it first.');
    expect(said('logo.png', 6.2 * MB, 'size', logoUpload, 'zh-CN')).toBe('“logo.png”大小为6.2 MB；标志不能超过1 MB。请选择更小的图片，或先压缩后再上传。');
    expect(said('logo.png', 6.2 * MB, 'size', logoUpload, 'es')).toBe('«logo.png» ocupa 6,2 MB; el logotipo puede ocupar como máximo 1 MB. Elige una imagen más pequeña o comprímela antes.');
    expect(said('wig.jpg', 5 * MB + 1, 'size', imageUpload)).toBe('“wig.jpg” is 5.1 MB; a product image can be at most 5 MB. Choose a smaller image or compress it first.');
    // 产品, as the console names products everywhere else (not 商品).
    expect(said('wig.jpg', 5 * MB + 1, 'size', imageUpload, 'zh-CN')).toBe('“wig.jpg”大小为5.1 MB；产品图片不能超过5 MB。请选择更小的图片，或先压缩后再上传。');
    expect(said('catalogue.pdf', 25 * MB, 'size', attachmentUpload, 'es')).toBe('«catalogue.pdf» ocupa 25 MB; un archivo de una publicación puede ocupar como máximo 20 MB. Elige un archivo más pequeño, o redúcelo antes (por ejemplo, guarda el PDF con imágenes más pequeñas o divídelo).');
    // A post's file is not told to compress it: the .zip that makes is refused (uploadTypeAttachment).
    expect(said('catalogue.pdf', 25 * MB, 'size', attachmentUpload, 'zh-CN')).toBe('“catalogue.pdf”大小为25 MB；文章附件不能超过20 MB。请选择更小的文件，或先将其缩小后再上传（例如以较小的图片重新保存PDF，或将其拆分）。');
    expect(said('catalogue.pdf', 25 * MB, 'size', attachmentUpload)).toBe('“catalogue.pdf” is 25 MB; a post’s file can be at most 20 MB. Choose a smaller file, or make it smaller first (for example, save the PDF with smaller images, or split it).');
  });

  it('says which types the bucket takes', () => {
    expect(said('logo.gif', 100, 'type')).toBe('“logo.gif” is not a PNG, JPEG, WebP or AVIF image (judged by its content, not its name). Choose an image in one of these formats.');
    expect(said('setup.exe', 100, 'type', attachmentUpload)).toBe('“setup.exe” is not a file a post can carry: only PDF, JPEG, PNG or WebP images, CSV, Excel, Word or PowerPoint files.');
    expect(said('setup.exe', 100, 'type', attachmentUpload, 'zh-CN')).toBe('“setup.exe”不是文章可附带的文件类型：仅限PDF、JPEG、PNG或WebP图片、CSV、Excel、Word或PowerPoint文件。');
  });

  it('says a refusal of the caller\'s role as the logo\'s own sentence or the file\'s, and one not known generally', () => {
    expect(said('logo.png', 100, 'denied')).toBe(catalogues.en.staff.logoNotSaved);
    expect(said('wig.jpg', 100, 'denied', imageUpload, 'es')).toBe('«wig.jpg» no se ha subido: tu rol en esta tienda no lo permite. Recarga la página para ver tu acceso actual.');
    const unknown = said('logo.png', 100, storageProblem(received(alreadyExists())));
    expect(unknown).toBe('“logo.png” could not be uploaded. Try again; if it is refused again, choose another file.');
    expect(unknown).not.toContain('already exists');
  });

  it('checks a file before it is sent as Storage will judge it', () => {
    expect(uploadCheck({ type: 'application/zip', size: 10 }, attachmentUpload)).toBe('type');
    expect(uploadCheck({ type: 'application/pdf', size: 20 * MB + 1 }, attachmentUpload)).toBe('size');
    expect(uploadCheck({ type: 'application/pdf', size: 20 * MB }, attachmentUpload)).toBeNull();
  });

  it('writes a size a byte over the limit larger than the limit, its figure and unit on one line', () => {
    expect(uploadSize(MB + 1, 'en')).toBe('1.1\u00a0MB');
    expect(uploadSize(MB, 'en')).toBe('1\u00a0MB');
    expect(uploadSize(1500, 'es')).toBe('2\u00a0kB');
  });

  it('writes a size under 1 kB in bytes, in the page\'s language, and the rest in kB or MB', () => {
    expect(uploadSize(2, 'en')).toBe('2\u00a0bytes');
    expect(uploadSize(1, 'en')).toBe('1\u00a0byte');
    expect(uploadSize(2, 'es')).toBe('2\u00a0bytes');
    expect(uploadSize(2, 'zh-CN')).toBe('2字节');
    expect(uploadSize(1023, 'en')).toBe('1,023\u00a0bytes');
    expect(uploadSize(1024, 'en')).toBe('1\u00a0kB');
    expect(uploadSize(1025, 'zh-CN')).toBe('2\u00a0kB');
    expect(uploadSize(5 * MB + 1, 'es')).toBe('5,1\u00a0MB');
  });
});
