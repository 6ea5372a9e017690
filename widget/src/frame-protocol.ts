/**
 * The messages between the widget on the merchant's page and its signed-in frame
 * (`<portal>/embed/?s=SLUG`). Both sides post with the other's exact origin as the
 * target and drop anything else: the loader checks each message by hand (no validation library
 * in the widget), the frame with zod (src/pages/embed/_channel.ts). Only text a merchant could
 * see anyway crosses to the page: never a token, an e-mail address or an id.
 *
 * Loader (widget.js, cached on merchants' pages) and frame (the portal's page) deploy apart, and
 * each side drops a message with a key it does not know. So a message's `protocol` names the
 * version that gave it its shape, a version adds shapes and never changes one in place, and the
 * frame writes only what the loader says it reads: the loader says so in the frame's address
 * (`&protocol=2`), the one part of the handshake an older frame lets through (its `init` check
 * is strict); an address without it is an older loader's, read as version 1.
 */
import type { Locale } from '../../src/i18n/locales.ts';

/** Version 1: every message below, the member's without `tierLang`. */
export const protocol = 'cardclub/1';
/** Version 2: the member message with `tierLang`; no other message changed. */
export const protocol2 = 'cardclub/2';
/** Version 3: the member message with each product's `sampleLeft`; no other message changed. */
export const protocol3 = 'cardclub/3';
/**
 * Version 4: the loader's `covering` message; no other message changed. A frame before it drops
 * the message (an unknown type), and a loader before it never sends one: either way the frame
 * keeps no CloseWatcher, as before.
 */
export const protocol4 = 'cardclub/4';
/** The newest version this loader reads; the frame's address parameter `protocol` says it. */
export const loaderReads = 3;

/** What the frame can show; `benefits` (the tier list) is the panel's own view. */
export const frameViews = ['join', 'sign-in', 'membership'] as const;
export type FrameView = (typeof frameViews)[number];
export type WidgetView = 'benefits' | FrameView;

/** Events of the page API that come from the frame. */
export const frameEvents = ['joined', 'signed-in', 'signed-out', 'sample-claimed'] as const;
export type FrameEvent = (typeof frameEvents)[number];

/** A member's terms for one product, as display text in the widget's language. */
export interface ProductTerms {
  /** The product's name in the widget's language, for the placement's button to say which product it is for. */
  name: string;
  /** The member's own price; null when it is the list price (the page shows that one already). */
  price: string | null;
  prepayment: string;
  sample: string;
  /** Whether the member may request a free sample of it now: without one, the placement's button offers only to ask. */
  sampleLeft: boolean;
}

/** Versions 1 and 2's terms, without `sampleLeft`: an older frame's, whose button offers both. */
export type ProductTermsBefore3 = Omit<ProductTerms, 'sampleLeft'>;

/** What the frame says of the signed-in visitor, for the page's placements. */
export interface MemberTerms {
  /** The member's tier name; null for a visitor (or someone who is a member of another store only). */
  tier: string | null;
  /** The language the tier's name is written in (a Spanish page may name an English tier); null with no tier. */
  tierLang: Locale | null;
  products: Record<string, ProductTerms>;
}

/**
 * The loader → frame messages. `init` is the handshake: its `event.origin` is the page's origin.
 * `skus` are the products of the page's placements (sent again when placements come and go);
 * `sku`, when a product placement's button asked for the view, the product it shows first.
 * `covering` is true while the frame is shown in a panel that covers the page (under 30rem) and
 * false once it is not (hidden, the panel closed, or the window widened): the frame then keeps a
 * CloseWatcher of its own, since a close request (Back) goes to the focused frame's watchers.
 * A message of its own, not a key of `view`: an older frame's strict check would drop a `view`
 * with a key it does not know, and `view` is sent only as the panel shows one, never as it hides.
 */
export type ToFrame =
  | { protocol: typeof protocol; type: 'init'; view: FrameView; sku?: string; skus: string[] }
  | { protocol: typeof protocol; type: 'view'; view: FrameView; sku?: string }
  | { protocol: typeof protocol; type: 'skus'; skus: string[] }
  | { protocol: typeof protocol4; type: 'covering'; covering: boolean };

/**
 * The frame → loader messages. `ready` comes once the frame shows more than that it is loading (its
 * view, or an error) and again if that changes; `allowed` is false when the store refuses the page
 * (not on its allowlist), which then offers no way in.
 */
export type FromFrame =
  | { protocol: typeof protocol; type: 'ready'; allowed: boolean }
  | { protocol: typeof protocol; type: 'resize'; height: number }
  | { protocol: typeof protocol; type: 'close' }
  | { protocol: typeof protocol; type: 'event'; name: FrameEvent }
  /** The signed-in member's tier name and terms per SKU asked for in `init`; null when nobody is a member. */
  | ({ protocol: typeof protocol3; type: 'member' } & MemberTerms)
  /** Version 2's, for a loader that reads no newer: the terms without `sampleLeft`. */
  | ({ protocol: typeof protocol2; type: 'member' } & Omit<MemberTerms, 'products'> & { products: Record<string, ProductTermsBefore3> })
  /** Version 1's: the tier's name without its language too. */
  | ({ protocol: typeof protocol; type: 'member' } & Omit<MemberTerms, 'tierLang' | 'products'> & { products: Record<string, ProductTermsBefore3> });
