/**
 * Finds the page's placements — `<div data-cardclub="benefits|join|product" data-sku="…">` —
 * now and whenever a single-page shop adds or removes them (a MutationObserver), mounts each
 * once, unmounts those taken off the page, and reports the SKUs of the product placements.
 */
const selector = '[data-cardclub]';

export interface PlacementHooks {
  mount(element: HTMLElement): Promise<() => void>;
  skus(skus: string[]): void;
  onError(error: unknown): void;
}

export function watchPlacements(document: Document, hooks: PlacementHooks) {
  const mounted = new Map<HTMLElement, Promise<() => void>>();
  let reported = '';

  function rescan() {
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (!mounted.has(element)) {
        const mounting = hooks.mount(element);
        mounting.catch((error: unknown) => {
          mounted.delete(element);
          hooks.onError(error);
        });
        mounted.set(element, mounting);
      }
    }
    for (const [element, mounting] of mounted) {
      if (!element.isConnected) {
        mounted.delete(element);
        void mounting.then((unmount) => unmount(), () => undefined);
      }
    }
    const skus = [...mounted.keys()].filter((element) => element.dataset.cardclub === 'product' && element.dataset.sku).map((element) => element.dataset.sku!);
    const key = [...new Set(skus)].sort().join('\n');
    if (key !== reported) {
      reported = key;
      hooks.skus(key ? key.split('\n') : []);
    }
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
      for (const mounting of mounted.values()) void mounting.then((unmount) => unmount(), () => undefined);
      mounted.clear();
    },
  };
}
