/**
 * Loads one of the widget's other files from the portal when it is first needed, as a classic
 * script (no CORS needed), and resolves with the module it announces on its script element.
 */
import { chunkReadyEvent, type Chunks } from '../contract.ts';

const loading = new Map<keyof Chunks, Promise<unknown>>();

export function loadChunk<Name extends keyof Chunks>(document: Document, portalOrigin: string, name: Name): Promise<Chunks[Name]> {
  let promise = loading.get(name) as Promise<Chunks[Name]> | undefined;
  if (!promise) {
    promise = new Promise<Chunks[Name]>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${portalOrigin}/${name}`;
      script.async = true;
      script.addEventListener(chunkReadyEvent, (event) => resolve((event as CustomEvent<Chunks[Name]>).detail), { once: true });
      script.addEventListener('error', () => reject(new Error(`Could not load ${script.src}.`)), { once: true });
      document.head.append(script);
    }).catch((error: unknown) => {
      // Let the next call try again (the network may be back).
      loading.delete(name);
      throw error;
    });
    loading.set(name, promise);
  }
  return promise;
}
