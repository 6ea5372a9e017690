/**
 * The merchant's card's values and actions (src/components/join/card-lines.ts): an address or a
 * website cut only after its "@", dots and slashes, never at a hyphen; the actions led by the most
 * direct way to reach the merchant, copying the WeChat ID for a reader in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { breakAfter, cardActions } from '../../src/components/join/card-lines.ts';

describe('the merchant card', () => {
  it('cuts an e-mail after its "@" and dots, and a website after its dots and slashes, keeping every character', () => {
    expect(breakAfter('sales@demo-wigs.test', '@.')).toEqual(['sales@', 'demo-wigs.', 'test']);
    expect(breakAfter('lumina-hair.example/en/wholesale-wigs', './')).toEqual(['lumina-hair.', 'example/', 'en/', 'wholesale-wigs']);
    expect(breakAfter('a-b', '@.')).toEqual(['a-b']);
    // A character a pattern would read as a range or an escape is taken as itself.
    expect(breakAfter('x-y]z', '-]')).toEqual(['x-', 'y]', 'z']);
  });

  const full = { whatsapp: '+86 138 0000 0101', email: 'sales@demo-wigs.test', phone: '+86 20 3188 0101', wechat: 'lumina-grace' };

  it('leads with WhatsApp, then e-mail, then a call; the WeChat ID to copy and the vCard after', () => {
    expect(cardActions(full, 'en')).toEqual(['whatsapp', 'email', 'phone', 'wechat', 'vcard']);
    expect(cardActions(full, 'es')).toEqual(['whatsapp', 'email', 'phone', 'wechat', 'vcard']);
    expect(cardActions({ ...full, whatsapp: null }, 'en')).toEqual(['email', 'phone', 'wechat', 'vcard']);
    expect(cardActions({ whatsapp: null, email: null, phone: null, wechat: 'lumina-grace' }, 'en')).toEqual(['wechat', 'vcard']);
    expect(cardActions({ whatsapp: null, email: null, phone: null, wechat: null }, 'en')).toEqual(['vcard']);
  });

  it('leads with copying the WeChat ID for a reader in Chinese, WhatsApp kept after it', () => {
    expect(cardActions(full, 'zh-CN')).toEqual(['wechat', 'whatsapp', 'email', 'phone', 'vcard']);
    // No WeChat ID: the usual order.
    expect(cardActions({ ...full, wechat: null }, 'zh-CN')).toEqual(['whatsapp', 'email', 'phone', 'vcard']);
  });
});
