/** The exchange form's card as checked before sending: what a buyer types becomes what the API takes. */
import { describe, expect, it } from 'vitest';
import { cardSchema } from '../../src/components/join/card-schema.ts';

const card = { full_name: 'Ana García', company_name: 'Salon Supply S.L.', email: 'ana@salon.example', whatsapp: '+34 600 123 456', country: 'ES', product_categories: '', contact_consent: true };

describe('cardSchema', () => {
  it('takes a website as buyers say it, with https:// added, and keeps a scheme they gave', () => {
    expect(cardSchema.parse({ ...card, website: ' salon-supply.example ' }).website).toBe('https://salon-supply.example');
    expect(cardSchema.parse({ ...card, website: 'http://salon-supply.example/shop' }).website).toBe('http://salon-supply.example/shop');
    expect(cardSchema.parse({ ...card, website: '' }).website).toBeUndefined();
  });

  it('refuses what is no web address even with https:// added', () => {
    for (const website of ['salon supply', 'javascript:alert(1)', 'ftp://salon.example', 'localhost']) {
      const parsed = cardSchema.safeParse({ ...card, website });
      expect(parsed.success, website).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ path: ['website'], message: 'errorWebsite' });
    }
  });

  it('says an empty e-mail is required, as the other empty fields, and one without "@" is in the wrong form', () => {
    for (const [email, message] of [['  ', 'errorRequired'], ['ana.zwei', 'errorEmail']] as const) {
      expect(cardSchema.safeParse({ ...card, email }).error?.issues).toMatchObject([{ path: ['email'], message }]);
    }
  });
});
