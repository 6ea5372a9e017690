/** The exchange form's card as checked before sending: what a buyer types becomes what the API takes. */
import { afterEach, describe, expect, it } from 'vitest';
import { cardSchema, purchaseVolumes, volumeLabel } from '../../src/components/join/card-schema.ts';
import { interpolate, setReaderLanguages } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { join as en } from '../../src/i18n/join/en.ts';
import { join as es } from '../../src/i18n/join/es.ts';
import { join as zh } from '../../src/i18n/join/zh-CN.ts';

const card = { full_name: 'Ana García', company_name: 'Salon Supply S.L.', email: 'ana@salon.example', whatsapp: '+34 600 123 456', country: 'ES', product_categories: '', contact_consent: true };

describe('cardSchema', () => {
  it('takes a website as buyers say it, with https:// added, and keeps a scheme they gave', () => {
    expect(cardSchema.parse({ ...card, website: ' salon-supply.example ' }).website).toBe('https://salon-supply.example');
    expect(cardSchema.parse({ ...card, website: 'www.salon-supply.example' }).website).toBe('https://www.salon-supply.example');
    expect(cardSchema.parse({ ...card, website: 'http://salon-supply.example/shop' }).website).toBe('http://salon-supply.example/shop');
    expect(cardSchema.parse({ ...card, website: '' }).website).toBeUndefined();
  });

  it('refuses what is no web address even with https:// added', () => {
    // A one-letter top-level domain passed here and was refused by the database (private.is_web_url).
    for (const website of ['salon supply', 'javascript:alert(1)', 'ftp://salon.example', 'localhost', 'salon-supply.e']) {
      const parsed = cardSchema.safeParse({ ...card, website });
      expect(parsed.success, website).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ['website'], message: 'errorWebsite' });
    }
  });

  it('takes phone numbers and WeChat IDs as the database does (private.is_phone, is_wechat_id), and refuses what it refuses', () => {
    // An extension and a WeChat ID with a space passed the database and were refused here; a
    // WeChat ID opening with "_" passed here and was refused there.
    for (const phone of ['+1 (404) 555-0101 ext. 12', '030/1234567 x7', '+49 30 1234567']) {
      expect(cardSchema.safeParse({ ...card, phone }).success, phone).toBe(true);
    }
    expect(cardSchema.safeParse({ ...card, wechat: 'salon supply' }).success).toBe(true);
    for (const [field, value, message] of [['phone', '12', 'errorPhone'], ['whatsapp', '+34 (0) 6oo', 'errorWhatsapp'], ['wechat', '_salon', 'errorWechat']] as const) {
      expect(cardSchema.safeParse({ ...card, [field]: value }).error?.issues, value).toMatchObject([{ path: [field], message }]);
    }
  });

  it('takes a WhatsApp number only with + and its country code (clean_format\'s international_phone), a phone number as written', () => {
    // WhatsApp reaches international numbers only: "612 345 678" left the merchant no way to write.
    for (const whatsapp of ['612 345 678', '0034 612 345 678', '+0 612 345 678']) {
      expect(cardSchema.safeParse({ ...card, whatsapp }).error?.issues, whatsapp).toMatchObject([{ path: ['whatsapp'], message: 'errorWhatsapp' }]);
    }
    expect(cardSchema.parse({ ...card, whatsapp: ' +34 612 345 678 ' }).whatsapp).toBe('+34 612 345 678');
    expect(cardSchema.parse({ ...card, phone: '612 345 678' }).phone).toBe('612 345 678');
  });

  it('says an empty e-mail is required, as the other empty fields, and one without "@" is in the wrong form', () => {
    for (const [email, message] of [['  ', 'errorRequired'], ['ana.zwei', 'errorEmail']] as const) {
      expect(cardSchema.safeParse({ ...card, email }).error?.issues).toMatchObject([{ path: ['email'], message }]);
    }
  });
});

describe('purchase volume bands', () => {
  afterEach(() => setReaderLanguages([]));
  const labels = (locale: Locale, language: string) => {
    setReaderLanguages([language]);
    const catalogue = { en, es, 'zh-CN': zh }[locale];
    return purchaseVolumes.map((volume) => volumeLabel(volume, locale, (key, values) => interpolate(catalogue[key], values)));
  };

  it('name each band from its lower bound up to, not including, the next, in the reader\'s US-dollar amounts', () => {
    // Chinese says such sums in 万, as Chromium's compact form writes them.
    expect(labels('zh-CN', 'zh-CN')).toEqual(['低于US$1万', 'US$1万至低于US$5万', 'US$5万至低于US$20万', 'US$20万至低于US$100万', 'US$100万及以上']);
    expect(labels('en', 'en-US')).toEqual(['Under US$10,000', 'US$10,000 to under US$50,000', 'US$50,000 to under US$200,000', 'US$200,000 to under US$1,000,000', 'US$1,000,000 or more']);
    expect(labels('es', 'es-MX').map((label) => label.replaceAll('\u00a0', ' '))).toEqual(['Menos de USD 10,000', 'De USD 10,000 a menos de USD 50,000', 'De USD 50,000 a menos de USD 200,000', 'De USD 200,000 a menos de USD 1,000,000', 'USD 1,000,000 o más']);
    expect(labels('es', 'es-ES')[1]).toBe('De 10.000\u00a0US$ a menos de 50.000\u00a0US$');
  });
});
