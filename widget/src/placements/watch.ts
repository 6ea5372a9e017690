/**
 * Finds the page's placements — `<div data-cardclub="benefits|join|product" data-sku="…">` —
 * now and whenever a single-page shop adds or removes them or changes those two attributes (a
 * MutationObserver), mounts each once, and unmounts those taken off the page. A placement whose
 * attributes change is mounted anew (a framework reusing one element for the next product), or
 * unmounted when it no longer has `data-cardclub`.
 */
import { placementSelector } from '../contract.ts';

export interface PlacementHooks<Mounted> {
  /** Throws for an element that is not a valid placement; it is reported once. */
  mount(element: HTMLElement): Mounted;
  unmount(mounted: Mounted): void;
  /** After placements came or went. */
  changed(placements: Mounted[]): void;
  onError(error: unknown): void;
}

export function watchElements<Mounted>(document: Document, hooks: PlacementHooks<Mounted>) {
  const mounted = new Map<HTMLElement, Mounted>();
  const invalid = new WeakSet<HTMLElement>();

  /** `changed`: placements were unmounted already (their attributes changed). */
  function rescan(changed = false) {
    for (const element of document.querySelectorAll<HTMLElement>(placementSelector)) {
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

  // Only elements added or removed, or a placement's two attributes changed, can change the
  // placements; text edits cannot.
  const observer = new MutationObserver((records) => {
    let unmounted = false;
    let look = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        const element = record.target as HTMLElement;
        invalid.delete(element);
        const placement = mounted.get(element);
        if (placement !== undefined) {
          mounted.delete(element);
          hooks.unmount(placement);
          unmounted = true;
        }
        look = true;
      } else if (record.addedNodes.length > 0 || record.removedNodes.length > 0) look = true;
    }
    if (look) rescan(unmounted);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, attributeFilter: ['data-cardclub', 'data-sku'] });
  rescan();

  return {
    rescan: () => rescan(),
    stop() {
      observer.disconnect();
      for (const placement of mounted.values()) hooks.unmount(placement);
      mounted.clear();
    },
  };
}
