/**
 * Loads widget-panel.js from the portal on first use, as a classic script (no CORS needed),
 * and resolves with the module it announces on its script element.
 */
import { panelReadyEvent, type PanelModule } from '../contract.ts';

let loading: Promise<PanelModule> | undefined;

export function loadPanel(document: Document, portalOrigin: string): Promise<PanelModule> {
  loading ??= new Promise<PanelModule>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${portalOrigin}/widget-panel.js`;
    script.async = true;
    script.addEventListener(panelReadyEvent, (event) => resolve((event as CustomEvent<PanelModule>).detail), { once: true });
    script.addEventListener('error', () => reject(new Error(`Could not load ${script.src}.`)), { once: true });
    document.head.append(script);
  }).catch((error: unknown) => {
    // Let the next click try again (the network may be back).
    loading = undefined;
    throw error;
  });
  return loading;
}
