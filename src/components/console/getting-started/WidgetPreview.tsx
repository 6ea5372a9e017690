/**
 * The widget as buyers will see it, for this store: a frame of /console/preview/ (a bare page
 * with the script tag and the placements), so its styles and fixed button stay inside the frame.
 * The frame's page is headed with the store's name and labels the placements in the console's
 * language; with a brand colour it themes the widget as the style tag Getting started offers
 * does. `version` reloads it after the card changes; `brandColor` and `sku` (the product its
 * placement shows, null for none) are undefined while loading.
 * The frame takes the height its page reports (a message from the same origin), so the whole
 * preview shows, down to the last tier; until then it keeps its minimum height. It loads at
 * once rather than lazily: it sits at the foot of a long page, and a lazy frame stayed an empty
 * box on phones until scrolled to.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { isolate } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';

/** The frame's top and bottom border (1px each, console.css), inside its border-box height. */
const frameBorders = 2;

export function WidgetPreview({ store, version, brandColor, sku }: { store: StaffStore; version: number; brandColor: string | null | undefined; sku: string | null | undefined }) {
  const { t, locale } = useConsoleText('staff');
  const [height, setHeight] = useState<number | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow) return;
      const data = event.data as { type?: unknown; height?: unknown } | null;
      if (data?.type === 'cardclub-preview-height' && typeof data.height === 'number' && data.height > 0) setHeight(Math.ceil(data.height));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  if (sku === undefined || brandColor === undefined) return <p role="status" aria-busy="true">{t('previewLoading')}</p>;
  const params = new URLSearchParams({ s: store.slug, name: store.name, lang: locale, v: String(version) });
  if (sku) params.set('sku', sku);
  if (brandColor) params.set('accent', brandColor);
  return (
    <iframe
      ref={frame}
      class="widget-preview"
      title={t('previewFrameTitle', { store: isolate(store.name) })}
      src={`/console/preview/?${params.toString()}`}
      style={height ? { height: `${height + frameBorders}px` } : undefined}
    />
  );
}
