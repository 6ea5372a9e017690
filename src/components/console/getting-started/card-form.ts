/**
 * The merchant card form's fields: filled from the card as saved (a new one titled with the store's
 * name), and filled again over a save refused because someone else changed the card, or made the
 * store's first one, since (rereadForm): their changes where the owner typed nothing, what the owner
 * typed everywhere else.
 */
import type { Locale } from '../../../i18n/locales.ts';
import { rereadForm } from '../../../lib/read-again.ts';
import type { MerchantCardRead } from '../../../lib/console/merchant-card.ts';
import { cleanTextMap, toTextMap, type TextMap } from '../ui/LocalizedTextField.tsx';

export const plainFields = ['contact_name', 'email', 'phone', 'whatsapp', 'wechat', 'website'] as const;
export const textFields = ['title', 'contact_title', 'address', 'introduction'] as const;

export type CardFields = Record<(typeof plainFields)[number], string> & Record<(typeof textFields)[number], TextMap>;

/** The store the card is of: its name titles a card not yet made. */
interface CardStore {
  names: Record<string, string>;
  default_locale: Locale;
}

/** `card` in the form's fields; none yet: titled with the store's name. */
export function cardFormOf(card: MerchantCardRead | null, store: CardStore): CardFields {
  return {
    ...(Object.fromEntries(plainFields.map((name) => [name, card?.[name] ?? ''])) as Record<(typeof plainFields)[number], string>),
    title: toTextMap(card ? card.title : store.names, store.default_locale),
    contact_title: toTextMap(card?.contact_title ?? {}, store.default_locale),
    address: toTextMap(card?.address ?? {}, store.default_locale),
    introduction: toTextMap(card?.introduction ?? {}, store.default_locale),
  };
}

/** The fields as saved: blank is none, a text typed and cleared again says nothing. */
const said = (form: CardFields): CardFields => ({
  ...(Object.fromEntries(plainFields.map((name) => [name, form[name].trim()])) as Record<(typeof plainFields)[number], string>),
  ...(Object.fromEntries(textFields.map((name) => [name, cleanTextMap(form[name])])) as Record<(typeof textFields)[number], TextMap>),
});

/** The card read again (`now`, or none) over a save of `typed` refused since `read` (none: the store had no card then). */
export function rereadCard(read: MerchantCardRead | null, now: MerchantCardRead | null, typed: CardFields, store: CardStore) {
  return rereadForm(cardFormOf(read, store), cardFormOf(now, store), typed, said);
}
