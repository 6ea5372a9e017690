/**
 * Finds the page's placements — `<div data-cardclub="benefits|join|product" data-sku="…">` —
 * now and whenever a single-page shop adds or removes them (a MutationObserver), mounts each
 * once, and unmounts those taken off the page.
 */
const selector = '[data-cardclub]';
const kinds = ['benefits', 'join', 'product'] as const;
export type PlacementKind = (typeof kinds)[number];

export interface FoundPlacement {
  kind: PlacementKind;
  sku: string | undefined;
  /** Attached when found, so an element that cannot host one is reported at once. */
  shadow: ShadowRoot;
}

/** Reads what `element` asks for; throws (for the console) on a placement the widget does not know. */
export function findPlacement(element: HTMLElement): FoundPlacement {
  const kind = element.dataset.cardclub as PlacementKind;
  const sku = element.dataset.sku;
  if (!kinds.includes(kind)) throw new Error(`data-cardclub="${kind}" is not a placement; use benefits, join or product.`);
  if (kind === 'product' && !sku) throw new Error('data-cardclub="product" needs data-sku="<the product\'s SKU>".');
  // attachShadow throws on elements that cannot host one (use a div or span).
  return { kind, sku, shadow: element.shadowRoot ?? element.attachShadow({ mode: 'open' }) };
}

export interface PlacementHooks<Mounted> {
  /** Throws for an element that is not a valid placement; it is reported once. */
  mount(element: HTMLElement): Mounted;
  unmount(mounted: Mounted): void;
  /** After placements came or went. */
  changed(placements: Mounted[]): void;
  onError(error: unknown): void;
}

export function watchPlacements<Mounted>(document: Document, hooks: PlacementHooks<Mounted>) {
  const mounted = new Map<HTMLElement, Mounted>();
  const invalid = new WeakSet<HTMLElement>();

  function rescan() {
    let changed = false;
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (mounted.has(element) || invalid.has(element)) continue;
      try {
        mounted.set(element, hooks.mount(element));
        changed = true;
      } catch (error) {
        invalid.add(element);
        hooks.onError(error);
      }
    }
    for (const [element, placement] of mounted) {
      if (!element.isConnected) {
        mounted.delete(element);
        hooks.unmount(placement);
        changed = true;
      }
    }
    if (changed) hooks.changed([...mounted.values()]);
  }

  // Only mutations that add or remove elements can change the placements; text edits cannot.
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length > 0 || record.removedNodes.length > 0)) rescan();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  rescan();

  return {
    rescan,
    stop() {
      observer.disconnect();
      for (const placement of mounted.values()) hooks.unmount(placement);
      mounted.clear();
    },
  };
}
