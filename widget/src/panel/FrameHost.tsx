/**
 * The signed-in frame (`<portal>/embed/?s=SLUG`) inside the panel. Messages go to the portal's
 * exact origin and are accepted only from the frame's own window at that origin, in the shape
 * frame-link.ts checks. The frame's height follows its content; Escape in it closes the panel.
 * Until the frame is ready the panel says it is opening; a frame the page's CSP refuses is given
 * up on at once, one that never gets there (the portal unreachable) after a while, with a link to
 * the portal.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { WidgetContext } from '../contract.ts';
import { protocol, protocol4, type FrameView, type ToFrame } from '../frame-protocol.ts';
import { frameAddress, readFrameMessage } from './frame-link.ts';

export interface FrameHostProps {
  context: WidgetContext;
  /** The view to show; null while the panel shows the tiers (the frame stays loaded, hidden). */
  view: FrameView | null;
  visible: boolean;
  /** The panel covers the page (under 30rem), where Back should close it. */
  covering: boolean;
  /** Counts the panel's openings: each one sends the view again, even the same. */
  shown: number;
  /** The product to show first in the view (a product placement's button); null for none. */
  sku: string | null;
  skus: string[];
  /** The frame's `ready`: false when the store refuses the page. */
  onReady(allowed: boolean): void;
  /** Show the frame (its refusal) even while the panel shows the tiers. */
  refused: boolean;
  text: { title: string; opening: string; failed: string; failedLink: string };
  /** The store's page on the portal, where the buyer can do the same when the frame cannot open. */
  portalUrl: string;
  /** Says in the page's console why the frame failed to open. */
  onError(error: unknown): void;
}

/**
 * A guard against a runaway height, not a layout's limit: a VIP's membership at the panel's 306 px ran
 * past 10,000 px (its rights' lines wrapping), and the frame, cut short, showed no end to scroll to.
 */
const maxHeight = 40_000;
/** How long the frame may take to be ready before the panel gives up on it. */
const openingTimeout = 15_000;

type Status = 'opening' | 'ready' | 'failed';

export function FrameHost({ context, view, visible, covering, shown: openings, sku, skus, onReady, refused, text, portalUrl, onError }: FrameHostProps) {
  const { options } = context;
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(0);
  const [status, setStatus] = useState<Status>('opening');
  const loaded = useRef(false);
  const answered = useRef(false);
  // The page's CSP refused the frame: what loads in its place is an error page of no origin, which
  // a message to the portal's origin does not reach (the browser logs the mismatch as the page's).
  const refusedByPage = useRef(false);
  const shown = visible && (view !== null || refused);
  // Back (a close request) goes to the focused frame's CloseWatchers, not the panel's: with focus
  // in the frame, only a watcher of the frame's own closes the panel (back-closes.ts has the page's).
  const covers = covering && shown;
  const latest = useRef({ view, sku, skus, visible, covers, onReady });
  latest.current = { view, sku, skus, visible, covers, onReady };
  const focus = (product: string | null) => (product ? { sku: product } : {});

  const post = (message: ToFrame) => {
    if (!refusedByPage.current) frame.current?.contentWindow?.postMessage(message, options.portalOrigin);
  };

  // In the commit that inserts the frame, not after the next paint as an effect: the browser's
  // refusal of it (securitypolicyviolation) is queued as the frame is inserted, and an effect's
  // listener could come after it, leaving the panel "Opening…" until the timeout.
  useLayoutEffect(() => {
    const onMessage = (event: MessageEvent<unknown>) => {
      if (!frame.current || event.source !== frame.current.contentWindow || event.origin !== options.portalOrigin) return;
      const message = readFrameMessage(event.data);
      if (!message) return;
      if (message.type === 'resize') setHeight(Math.min(Math.ceil(message.height), maxHeight));
      else if (message.type === 'close') context.close();
      else if (message.type === 'event') context.emit(message.name);
      else if (message.type === 'member') context.member({ tier: message.tier, tierLang: 'tierLang' in message ? message.tierLang : null, products: message.products });
      else if (message.type === 'ready') {
        answered.current = true;
        setStatus('ready');
        latest.current.onReady(message.allowed);
        if (latest.current.visible && latest.current.view) frame.current.focus({ preventScroll: true });
      }
    };
    window.addEventListener('message', onMessage);
    // Fired at the page's document (composed, out of the shadow root) as the browser refuses the frame.
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (answered.current || refusedByPage.current || !`${event.blockedURI}/`.startsWith(`${options.portalOrigin}/`)) return;
      refusedByPage.current = true;
      setStatus('failed');
      onError(`The page's Content-Security-Policy refused the member frame from ${options.portalOrigin}: its frame-src must allow that origin.`);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    const timer = setTimeout(() => {
      if (answered.current || refusedByPage.current) return;
      setStatus('failed');
      // The portal unreachable fails this way, with nothing else said (a refusing CSP, where the browser reports it, failed above).
      onError(`The member frame from ${options.portalOrigin} did not open within ${openingTimeout / 1000} s; if the page has a Content-Security-Policy, its frame-src must allow that origin.`);
    }, openingTimeout);
    return () => {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('securitypolicyviolation', onViolation);
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    // Only as the panel shows it: the frame takes each `view` for an opening (and reads the membership anew).
    if (loaded.current && visible && view) post({ protocol, type: 'view', view, ...focus(sku) });
    // Without scrolling the panel to the frame's top edge: the frame puts its heading in view itself.
    if (status === 'ready' && visible && view) frame.current?.focus({ preventScroll: true });
  }, [view, visible, openings]);

  useEffect(() => {
    if (loaded.current) post({ protocol: protocol4, type: 'covering', covering: covers });
  }, [covers]);

  useEffect(() => {
    if (loaded.current) post({ protocol, type: 'skus', skus });
  }, [skus.join('\n')]);

  const src = frameAddress(options);
  return (
    <div class="frame-slot" hidden={!shown}>
      {shown && status === 'opening' && <p role="status">{text.opening}</p>}
      {shown && status === 'failed' && (
        <div role="alert">
          <p>{text.failed}</p>
          <a class="portal-link" href={portalUrl} target="_blank" rel="noopener">
            {text.failedLink}
          </a>
        </div>
      )}
      <iframe
        ref={frame}
        src={src}
        title={text.title}
        class="frame"
        hidden={status === 'failed'}
        style={{ height: `${height}px` }}
        // The frame needs its own origin's storage, forms, popups (links it opens in a new tab)
        // and downloads (the vCard); it may not navigate the merchant's page. Writing to the
        // clipboard (an invitation's Copy) is delegated: a cross-origin frame has it only when allowed.
        sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads"
        allow="clipboard-write"
        onLoad={() => {
          if (refusedByPage.current) return;
          loaded.current = true;
          const { view: current, sku: product, skus: pageSkus } = latest.current;
          post({ protocol, type: 'init', view: current ?? 'membership', ...focus(product), skus: pageSkus });
          if (latest.current.covers) post({ protocol: protocol4, type: 'covering', covering: true });
        }}
      />
    </div>
  );
}
