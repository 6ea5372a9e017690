/**
 * Loads one of the widget's lazily loaded files from the portal — widget-panel.js on first use,
 * widget-placements.js when the page has placements — as a classic script (no CORS needed),
 * and resolves with the module it announces on its own script element (contract.ts).
 */
const loading = new Map<string, Promise<unknown>>();

export function loadPart<Module>(document: Document, portalOrigin: string, file: string, readyEvent: string): Promise<Module> {
  let part = loading.get(file);
  if (!part) {
    part = new Promise<unknown>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${portalOrigin}/${file}`;
      script.async = true;
      script.addEventListener(readyEvent, (event) => resolve((event as CustomEvent<unknown>).detail), { once: true });
      script.addEventListener('error', () => reject(new Error(`Could not load ${script.src}.`)), { once: true });
      document.head.append(script);
    }).catch((error: unknown) => {
      // Let the next call try again (the network may be back).
      loading.delete(file);
      throw error;
    });
    loading.set(file, part);
  }
  return part as Promise<Module>;
}
