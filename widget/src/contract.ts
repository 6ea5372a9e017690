/**
 * What the loader (widget.js) and its lazily loaded parts — the panel (widget-panel.js) and the
 * placements (widget-placements.js) — agree on. Each part announces itself with an event on its
 * own script element, so no second global exists.
 */
import type { Locale } from '../../src/i18n/locales.ts';
import type { WidgetOptions } from './core/options.ts';
import type { PlacementKind } from './core/placements.ts';
import type { PublicTiers } from './core/store.ts';
import type { MemberTerms, WidgetView } from './frame-protocol.ts';

export const panelReadyEvent = 'cardclub:panel-ready';
export const placementsReadyEvent = 'cardclub:placements-ready';

/** The page API's events (docs/widget.md). */
export type WidgetEvent = 'ready' | 'open' | 'close' | 'joined' | 'signed-in' | 'signed-out' | 'sample-claimed';

/** What the loader lends the panel. */
export interface WidgetContext {
  options: WidgetOptions;
  open(view: WidgetView): void;
  /** Closes the panel (close button, Escape, the frame's Escape) and returns focus to the launcher. */
  close(): void;
  emit(event: WidgetEvent): void;
  /** The store and its tiers, fetched once per page view (the loader's placements share it). */
  tiers(): Promise<PublicTiers | null>;
  /** The signed-in member's terms the frame reported, for the loader's placements. */
  member(terms: MemberTerms): void;
}

export interface PanelHandle {
  show(view: WidgetView): void;
  hide(): void;
  /** The SKUs of the page's product placements, for the member's terms. */
  setSkus(skus: string[]): void;
  /** Loads the signed-in frame hidden, so a member's terms reach the placements without a click. */
  loadFrame(): void;
  unmount(): void;
}

export interface PanelModule {
  /** Renders the panel (hidden) into `container`, inside the widget's shadow root. */
  mountPanel(container: HTMLElement, context: WidgetContext): PanelHandle;
}

/** What a placement's content needs from the loader. */
export interface PlacementContext {
  locale: Locale;
  open(view: WidgetView): void;
}

export interface PlacementView {
  /** Shows the store's content, for a member when `member.tier` is set. */
  render(store: PublicTiers, member: MemberTerms): void;
  remove(): void;
}

export interface PlacementsModule {
  /** Prepares the content of one placement in `shadow`, the shadow root the loader attached to it. */
  mountPlacement(shadow: ShadowRoot, kind: PlacementKind, sku: string | undefined, context: PlacementContext): PlacementView;
}
