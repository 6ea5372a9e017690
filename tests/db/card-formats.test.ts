/**
 * The formats My membership's forms check before sending (member-api.ts, with contact-formats.ts
 * and web-address.ts, which the join card shares) are the database's (private.is_email, is_phone,
 * is_wechat_id, is_web_url): what a form takes, a contact writing their card stores as sent; what
 * it refuses, the database refuses too. A looser form sent a value the database then refused, and
 * that field was named only after the others were mended and sent again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { cardFormSchema, companyFormSchema } from '../../src/lib/member-api.ts';
import { pastTriggers } from '../support/clients.ts';
import { addMember, createStore, expectError, ok, type Member } from './fixtures.ts';

let member: Member;

beforeAll(async () => {
  member = await addMember(await createStore({ label: 'formats' }));
});

const phones = ['+49 30 1234567', '+1 (404) 555-0101 ext. 12', '030/1234567 x7', '+44 20 7946 0958#12', '612 345 678', '0034 612 345 678', '+0 612 345 678', '(030) 1234', '12', '1 2 3', 'abcd', '+34 (0) 6oo',
  '++49 30 1234567', '1234 ext', '+49 30 1234567 ext. 1234567', '0'.repeat(33)];

/** Each value, whether `schema` takes it, and whether the database stores it (`save`: its error, if any). */
async function verdicts(schema: z.ZodMiniType, values: readonly string[], save: (value: string) => PromiseLike<{ error: { code?: string; message: string } | null }>) {
  const found = [];
  for (const value of values) found.push({ value, form: schema.safeParse(value).success, database: (await save(value)).error === null });
  return found;
}

describe('a contact’s own card', () => {
  const write = (field: string) => (value: string) => member.client.from('member_contacts').update({ [field]: value }).eq('id', member.contactId).select('id');

  it('takes the phone and WhatsApp numbers the database takes, and no other: WhatsApp\'s only with + and its country code', async () => {
    // WhatsApp reaches a number only as an international one; a phone number is read beside the company's country.
    const taken = { phone: phones.slice(0, 8), whatsapp: ['+49 30 1234567', '+1 (404) 555-0101 ext. 12', '+44 20 7946 0958#12'] };
    for (const field of ['phone', 'whatsapp'] as const) {
      const found = await verdicts(cardFormSchema.shape[field], phones, write(field));
      expect(found.filter((row) => row.form !== row.database), field).toEqual([]);
      expect(found.filter((row) => row.form).map((row) => row.value), field).toEqual(taken[field]);
    }
    expectError(await write('phone')('12'), '22023', /^phone must be a phone number such as/);
    expectError(await write('whatsapp')('612 345 678'), '22023', /^whatsapp must be a phone number with \+ and its country code, such as \+49 151 2345678$/);
  });

  it('keeps a WhatsApp number saved before the rule, while the card\'s other fields change', async () => {
    await pastTriggers('update public.member_contacts set whatsapp = $2 where id = $1', [member.contactId, '0151 2345678']);
    ok(await member.client.from('member_contacts').update({ job_title: 'Buyer', whatsapp: '0151 2345678' }).eq('id', member.contactId).select('id').single());
    expect(ok(await member.client.from('member_contacts').select('job_title, whatsapp').eq('id', member.contactId).single())).toEqual({ job_title: 'Buyer', whatsapp: '0151 2345678' });
    expectError(await write('whatsapp')('0151 2345679'), '22023', /^whatsapp must be a phone number with \+/);
    ok(await write('whatsapp')('+44 20 7946 0958#12'));
  });

  it('takes the WeChat IDs the database takes, and no other', async () => {
    const ids = ['wx_id-1', 'salon supply', '+8613800138000', 'a'.repeat(60), '_salon', '-salon', 'salon!', '微信号', 'a'.repeat(61)];
    const found = await verdicts(cardFormSchema.shape.wechat, ids, write('wechat'));
    expect(found.filter((row) => row.form !== row.database)).toEqual([]);
    expect(found.filter((row) => row.form).map((row) => row.value)).toEqual(ids.slice(0, 4));
  });

  it('takes the e-mail addresses the database takes, and no other', async () => {
    const addresses = ['ana@salon.example', 'ana.garcia+orders@salon-supply.example', 'josé@correo.es', 'ana@sub.salon.example', 'ana@salon.e', 'ana@@salon.example',
      'ana salon@salon.example', 'a(b)@salon.example', `${'a'.repeat(65)}@salon.example`, 'ana@salon', '"ana"@salon.example', 'ana@salon..example'];
    const found = await verdicts(cardFormSchema.shape.email, addresses, write('email'));
    expect(found.filter((row) => row.form !== row.database)).toEqual([]);
    expect(found.filter((row) => row.form).map((row) => row.value)).toEqual(addresses.slice(0, 4));
  });
});

describe('the merchant’s card', () => {
  it('takes a new or changed WhatsApp number only with + and its country code, and keeps one saved before while the card changes', async () => {
    // The buyers' "Chat on WhatsApp" dials it as written, as the merchant reaches a buyer's.
    const store = await createStore({ label: 'merchant-whatsapp' });
    const card = () => store.owner.client.from('merchant_cards');
    expectError(await card().insert({ store_id: store.id, title: { en: 'Wigs Ltd' }, whatsapp: '138 0013 8000' }).select(), '22023',
      /^whatsapp must be a phone number with \+ and its country code, such as \+49 151 2345678$/);
    ok(await card().insert({ store_id: store.id, title: { en: 'Wigs Ltd' }, whatsapp: '+86 138 0013 8000' }).select());
    expectError(await card().update({ whatsapp: '020 1234 5678' }).eq('store_id', store.id).select(), '22023', /^whatsapp must be a phone number with \+/);
    await pastTriggers('update public.merchant_cards set whatsapp = $2 where store_id = $1', [store.id, '138 0013 8000']);
    ok(await card().update({ contact_name: 'Lin', whatsapp: '138 0013 8000' }).eq('store_id', store.id).select().single());
    expect(ok(await card().select('contact_name, whatsapp').eq('store_id', store.id).single())).toEqual({ contact_name: 'Lin', whatsapp: '138 0013 8000' });
  });
});

describe('the company’s card', () => {
  it('takes the websites the database takes, as typed (https:// added to a bare one), and no other', async () => {
    const sites = ['https://salon.example', 'http://salon.example/en?x=1#top', 'salon.example', 'https://salon', 'salon', 'https://salon .example', 'https://salon.e'];
    const website = companyFormSchema.shape.website;
    // What the form sends: the site as it takes it, or as typed when it refuses it.
    const sent = (typed: string) => {
      const parsed = website.safeParse(typed);
      return parsed.success && parsed.data !== null ? parsed.data : typed;
    };
    expect(sent('salon.example')).toBe('https://salon.example');
    const found = await verdicts(website, sites, (typed) => member.client.from('members').update({ website: sent(typed) }).eq('id', member.id).select('id'));
    expect(found.filter((row) => row.form !== row.database)).toEqual([]);
    expect(found.filter((row) => row.form).map((row) => row.value)).toEqual(sites.slice(0, 3));
  });
});

it('writes nothing of a refused value: the card keeps the last one each field took', async () => {
  expect(ok(await member.client.from('member_contacts').select('phone, whatsapp, wechat, email').eq('id', member.contactId))).toEqual([
    { phone: '(030) 1234', whatsapp: '+44 20 7946 0958#12', wechat: 'a'.repeat(60), email: 'ana@sub.salon.example' },
  ]);
});
