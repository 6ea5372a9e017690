/**
 * What the loader (widget.js) and the lazily loaded panel (widget-panel.js) agree on. The
 * panel announces itself with an event on its own script element, so no second global exists.
 */
import type { WidgetOptions } from './core/options.ts';
import type { PublicTiers } from './core/store.ts';
import type { MemberTerms, WidgetView } from './frame-protocol.ts';

export const panelReadyEvent = 'cardclub:panel-ready';

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
