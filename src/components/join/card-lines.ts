/**
 * How the merchant's card (MerchantCard.tsx) lays out its values and orders its actions: pure, so
 * the rules are unit-tested apart from the screen.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { MerchantCardData } from './join-api.ts';

/**
 * `text` cut after each of `after`, each piece kept whole on a line where it fits: an address
 * wraps after its "@" or a dot ("sales@" / "demo-wigs.test"), never at its hyphen
 * ("sales@demo-" / "wigs.test"), which reads as part of it.
 */
export function breakAfter(text: string, after: string): string[] {
  // Matched piece by piece, not split on a lookbehind: Safari before 16.4 throws on one.
  const chars = after.replace(/[\\\]^-]/g, '\\$&');
  return text.match(new RegExp(`[^${chars}]*[${chars}]|[^${chars}]+`, 'g')) ?? [];
}

/** "lumina-hair.example" for "https://lumina-hair.example/": the scheme and a bare trailing slash are noise to a reader. */
export const websiteText = (url: string) => url.replace(/^https?:\/\//i, '').replace(/^([^/]*)\/$/, '$1');

export type CardAction = 'wechat' | 'whatsapp' | 'email' | 'phone' | 'vcard';

/**
 * The card's actions, the most direct way to reach the merchant first (drawn filled, the rest
 * outlined): WhatsApp, else e-mail, else a call; for a reader in Chinese, copying the WeChat ID
 * (WhatsApp is blocked in mainland China, and WeChat opens no chat from a link). The vCard is
 * always there.
 */
export function cardActions(card: Pick<MerchantCardData, 'wechat' | 'whatsapp' | 'email' | 'phone'>, locale: Locale): CardAction[] {
  const offered = (['whatsapp', 'email', 'phone', 'wechat'] as const).filter((action) => !!card[action]);
  const first = locale === 'zh-CN' && card.wechat ? 'wechat' : offered[0];
  return [...(first ? [first] : []), ...offered.filter((action) => action !== first), 'vcard'];
}
