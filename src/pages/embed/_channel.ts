/**
 * The frame's side of the widget protocol (widget/src/frame-protocol.ts). The page that embeds
 * this frame introduces itself with `init`; its `event.origin` — set by the browser, not by the
 * page — is the origin the store's allowlist is checked against and the only target this frame
 * ever posts to. Messages from anywhere but the parent window, from another origin than the
 * handshake's, or not matching the schema are ignored.
 */
import { atom } from 'nanostores';
import { z } from 'zod';
import { frameViews, protocol, protocol2, protocol3, protocol4, type FromFrame } from '../../../widget/src/frame-protocol.ts';

const view = z.enum(frameViews);
const sku = z.string().min(1).max(100);

const toFrame = z.discriminatedUnion('type', [
  z.object({ protocol: z.literal(protocol), type: z.literal('init'), view, sku: sku.optional(), skus: z.array(sku).max(50) }).strict(),
  z.object({ protocol: z.literal(protocol), type: z.literal('view'), view, sku: sku.optional() }).strict(),
  z.object({ protocol: z.literal(protocol), type: z.literal('skus'), skus: z.array(sku).max(50) }).strict(),
  z.object({ protocol: z.literal(protocol4), type: z.literal('covering'), covering: z.boolean() }).strict(),
]);

export type Parent =
  | { status: 'waiting' }
  /** Opened directly, not inside a page: there is nobody to talk to. */
  | { status: 'standalone' }
  /**
   * `asked` counts view requests: asking again for the view shown still takes the buyer back to it;
   * `sku` is the product the last request asked to be shown first (a product placement's button);
   * `covering`, whether the frame is shown in a panel that covers the page (false until a loader
   * of version 4 says so: an older one never does).
   */
  | { status: 'connected'; origin: string; view: z.infer<typeof view>; sku: string | null; asked: number; skus: string[]; covering: boolean };

export const $parent = atom<Parent>({ status: 'waiting' });

/** Starts listening; call once, before the page's load event (the loader sends `init` on load). */
export function listenToParent(): void {
  if (window.parent === window) {
    $parent.set({ status: 'standalone' });
    return;
  }
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent) return;
    const parsed = toFrame.safeParse(event.data);
    if (!parsed.success) return;
    const current = $parent.get();
    const message = parsed.data;
    if (current.status !== 'connected') {
      if (message.type === 'init') {
        $parent.set({ status: 'connected', origin: event.origin, view: message.view, sku: message.sku ?? null, asked: 0, skus: message.skus, covering: false });
      }
    } else if (event.origin === current.origin && message.type === 'view') {
      $parent.set({ ...current, view: message.view, sku: message.sku ?? null, asked: current.asked + 1 });
    } else if (event.origin === current.origin && message.type === 'skus') {
      $parent.set({ ...current, skus: message.skus });
    } else if (event.origin === current.origin && message.type === 'covering') {
      $parent.set({ ...current, covering: message.covering });
    }
  });
}

/** The frame's messages in their newest shapes; `inVersion` writes them as the loader reads. */
type Newest = Exclude<FromFrame, { protocol: typeof protocol | typeof protocol2; type: 'member' }>;
type Outbound = Newest extends infer M ? (M extends Newest ? Omit<M, 'protocol'> : never) : never;

/**
 * The newest protocol version the loader reads, from the frame's address (`&protocol=`, which
 * a loader before version 2 does not add): version 1 when it says none.
 */
export function loaderVersion(search: string): number {
  const said = Number(new URLSearchParams(search).get('protocol'));
  return Number.isInteger(said) && said >= 1 ? said : 1;
}

/**
 * A message as the loader reads it (an unknown key drops it): for a version 2 loader, the
 * member's terms without `sampleLeft`; for a version 1 loader, without `tierLang` too.
 */
export function inVersion(message: Outbound, reads: number): FromFrame {
  if (message.type !== 'member') return { protocol, ...message };
  if (reads >= 3) return { protocol: protocol3, ...message };
  const products = Object.fromEntries(Object.entries(message.products).map(([sku, { sampleLeft: _unread, ...terms }]) => [sku, terms]));
  if (reads >= 2) return { protocol: protocol2, ...message, products };
  const { tierLang: _unread, ...v1 } = message;
  return { protocol, ...v1, products };
}

/** Posts to the page that introduced itself, at its exact origin; nothing before the handshake. */
export function tellParent(message: Outbound): void {
  const parent = $parent.get();
  if (parent.status !== 'connected') return;
  window.parent.postMessage(inVersion(message, loaderVersion(window.location.search)), parent.origin);
}
