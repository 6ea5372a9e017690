/**
 * Finds the page's placements — `<div data-cardclub="benefits|join|product" data-sku="…">` —
 * now and whenever a single-page shop adds or removes them (a MutationObserver), mounts each
 * once, and unmounts those taken off the page.
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

  function rescan() {
    let changed = false;
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
