/**
 * The signed-in frame (`<portal>/embed/?s=SLUG`) inside the panel. Messages go to the portal's
 * exact origin and are accepted only from the frame's own window at that origin, in the shape
 * frame-link.ts checks. The frame's height follows its content; Escape in it closes the panel.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetContext } from '../contract.ts';
import { protocol, type FrameView, type ToFrame } from '../frame-protocol.ts';
import { readFrameMessage } from './frame-link.ts';

export interface FrameHostProps {
  context: WidgetContext;
  /** The view to show; null while the panel shows the tiers (the frame stays loaded, hidden). */
  view: FrameView | null;
  visible: boolean;
  /** Counts the panel's openings: each one sends the view again, even the same. */
  shown: number;
  skus: string[];
  title: string;
  loadingText: string;
}

const maxHeight = 10_000;

export function FrameHost({ context, view, visible, shown: openings, skus, title, loadingText }: FrameHostProps) {
  const { options } = context;
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(0);
  const [ready, setReady] = useState(false);
  const loaded = useRef(false);
  const latest = useRef({ view, skus, visible });
  latest.current = { view, skus, visible };

  const post = (message: ToFrame) => frame.current?.contentWindow?.postMessage(message, options.portalOrigin);

  useEffect(() => {
    const onMessage = (event: MessageEvent<unknown>) => {
      if (!frame.current || event.source !== frame.current.contentWindow || event.origin !== options.portalOrigin) return;
      const message = readFrameMessage(event.data);
      if (!message) return;
      if (message.type === 'resize') setHeight(Math.min(Math.ceil(message.height), maxHeight));
      else if (message.type === 'close') context.close();
      else if (message.type === 'event') context.emit(message.name);
      else if (message.type === 'member') context.member({ tier: message.tier, products: message.products });
      else if (message.type === 'ready') {
        setReady(true);
        if (latest.current.visible && latest.current.view) frame.current.focus({ preventScroll: true });
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    if (loaded.current && view) post({ protocol, type: 'view', view });
    // Without scrolling the panel to the frame's top edge: the frame puts its heading in view itself.
    if (ready && visible && view) frame.current?.focus({ preventScroll: true });
  }, [view, visible, openings]);

  useEffect(() => {
    if (loaded.current) post({ protocol, type: 'skus', skus });
  }, [skus.join('\n')]);

  const src = `${options.portalOrigin}/embed/?s=${encodeURIComponent(options.store)}&lang=${options.locale}`;
  const shown = visible && view !== null;
  return (
    <div class="frame-slot" hidden={!shown}>
      {shown && !ready && <p aria-busy="true">{loadingText}</p>}
      <iframe
        ref={frame}
        src={src}
        title={title}
        class="frame"
        style={{ height: `${height}px` }}
        // The frame needs its own origin's storage, forms, popups (links it opens in a new tab)
        // and downloads (the vCard); it may not navigate the merchant's page.
        sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads"
        onLoad={() => {
          loaded.current = true;
          const { view: current, skus: pageSkus } = latest.current;
          post({ protocol, type: 'init', view: current ?? 'membership', skus: pageSkus });
        }}
      />
    </div>
  );
}
