/**
 * The widget as buyers will see it, for this store: a frame of /console/preview/ (a bare page
 * with the script tag and the placements), so its styles and fixed button stay inside the frame.
 * The frame's page is headed with the store's name and labels the placements in the console's
 * language; with a brand colour it themes the widget as the style tag Getting started offers
 * does. `version` reloads it after the card changes; `brandColor` is undefined while loading.
 */
import { useEffect, useState } from 'preact/hooks';
import { firstSku } from '../../../lib/console/merchant-card.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { isolate } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';

export function WidgetPreview({ store, version, brandColor }: { store: StaffStore; version: number; brandColor: string | null | undefined }) {
  const { t, locale } = useConsoleText('staff');
  const [sku, setSku] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void firstSku(store.id).then(setSku, () => setSku(null));
  }, [store.id]);
  if (sku === undefined || brandColor === undefined) return <p role="status" aria-busy="true">{t('previewLoading')}</p>;
  const params = new URLSearchParams({ s: store.slug, name: store.name, lang: locale, v: String(version) });
  if (sku) params.set('sku', sku);
  if (brandColor) params.set('accent', brandColor);
  return <iframe class="widget-preview" title={t('previewFrameTitle', { store: isolate(store.name) })} src={`/console/preview/?${params.toString()}`} loading="lazy" />;
}
