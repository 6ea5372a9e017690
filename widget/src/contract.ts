/**
 * What the loader (widget.js) and the files it loads when needed agree on: the panel
 * (widget-panel.js) and the placements (widget-placements.js). Each announces its module with
 * an event on its own script element, so no second global exists.
 */
import type { Locale } from '../../src/i18n/locales.ts';
import type { WidgetOptions } from './core/options.ts';
import type { PublicTiers } from './core/store.ts';
import { frameEvents, type MemberTerms, type ProductTerms, type ProductTermsBefore3, type WidgetView } from './frame-protocol.ts';

/** The event each lazily loaded file dispatches on its script element, with its module as `detail`. */
export const chunkReadyEvent = 'cardclub:chunk-ready';

/** The elements a merchant marks as placements (docs/widget.md, Placements). */
export const placementSelector = '[data-cardclub]';

/** The page API's events (docs/widget.md). */
export const widgetEvents = ['ready', 'open', 'close', ...frameEvents] as const;
export type WidgetEvent = (typeof widgetEvents)[number];

/**
 * What the placements show beyond the store's tiers: the frame's report of the member, and
 * `refused` once the frame said the store refuses this page, where they then offer no join.
 */
export type PlacementMember = Omit<MemberTerms, 'products'> & { products: Record<string, ProductTerms | ProductTermsBefore3>; refused?: boolean };

/** What the loader lends the panel. */
export interface WidgetContext {
  options: WidgetOptions;
  /** `sku`: the product placement whose button asked (the view shows that product first). */
  open(view: WidgetView, sku?: string): void;
  /** Closes the panel (close button, Escape, the frame's Escape) and returns focus to the launcher. */
  close(): void;
  emit(event: WidgetEvent): void;
  /** The store and its tiers, fetched once per page view (the placements share it). */
  tiers(): Promise<PublicTiers | null>;
  /** The signed-in member's terms the frame reported (or the page refused), for the placements. */
  member(terms: PlacementMember): void;
}

export interface PanelHandle {
  show(view: WidgetView, sku?: string): void;
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

/** What the loader lends the placements. */
export interface PlacementsContext {
  store: string;
  locale: Locale;
  open(view: WidgetView, sku?: string): void;
  tiers(): Promise<PublicTiers | null>;
  /** The SKUs of the page's product placements, whenever they change. */
  skus(skus: string[]): void;
  /** Loads the panel and its signed-in frame hidden, for a member's terms. */
  loadFrame(): void;
  onError(error: unknown): void;
}

export interface PlacementsHandle {
  /** Shows the member's terms (or a visitor's teaser when `terms.tier` is null). */
  member(terms: PlacementMember): void;
  /** Looks for placements again (the page swapped its body). */
  rescan(): void;
  stop(): void;
}

export interface PlacementsModule {
  /** Mounts the page's placements now and as the page adds or removes them. */
  watchPlacements(document: Document, context: PlacementsContext): PlacementsHandle;
}

/** Every file the loader loads when needed, by name, with the module it announces. */
export interface Chunks {
  'widget-panel.js': PanelModule;
  'widget-placements.js': PlacementsModule;
}

/** How a lazily loaded file hands the loader its module: an event on its own script element. */
export function announceChunk<Name extends keyof Chunks>(script: Element | null, name: Name, module: Chunks[Name]): void {
  if (script) script.dispatchEvent(new CustomEvent(chunkReadyEvent, { detail: module }));
  else console.error(`[Cardclub widget] ${name} must be loaded by widget.js.`);
}
