/**
 * What the loader (widget.js) and the lazily loaded panel (widget-panel.js) agree on. The
 * panel announces itself with an event on its own script element, so no second global exists.
 */
import type { WidgetOptions } from './core/options.ts';
import type { WidgetView } from './frame-protocol.ts';

export const panelReadyEvent = 'cardclub:panel-ready';

/** The page API's events (docs/widget.md). */
export type WidgetEvent = 'ready' | 'open' | 'close' | 'joined' | 'signed-in' | 'signed-out' | 'sample-claimed';

/** What the loader lends the panel and the placements. */
export interface WidgetContext {
  options: WidgetOptions;
  open(view: WidgetView): void;
  /** Closes the panel (close button, Escape, the frame's Escape) and returns focus to the launcher. */
  close(): void;
  emit(event: WidgetEvent): void;
}

export interface PanelHandle {
  show(view: WidgetView): void;
  hide(): void;
  /** The SKUs of the page's product placements, for the member's terms. */
  setSkus(skus: string[]): void;
  unmount(): void;
}

export interface PanelModule {
  /** Renders the panel (hidden) into `container`, inside the widget's shadow root. */
  mountPanel(container: HTMLElement, context: WidgetContext): PanelHandle;
  /** Renders a `data-cardclub` placement into a shadow root on `element`; returns its unmount. */
  mountPlacement(element: HTMLElement, context: WidgetContext): () => void;
}
