/**
 * What the loader (widget.js) and the lazily loaded panel (widget-panel.js) agree on. The
 * panel announces itself with an event on its own script element, so no second global exists.
 */
import type { WidgetOptions } from './core/options.ts';

export const panelReadyEvent = 'cardclub:panel-ready';

export interface PanelProps {
  options: WidgetOptions;
  /** Called when the visitor closes the panel from inside it (close button, Escape). */
  onClose: () => void;
}

/** Renders the panel into `container` (inside the widget's shadow root); returns its unmount. */
export type MountPanel = (container: HTMLElement, props: PanelProps) => () => void;
