/**
 * The loader's DOM: one host element with an open shadow root holding the launcher button
 * and the panel's container. Plain DOM, so the page pays only for this until the visitor
 * opens the panel. The host survives Astro view-transition swaps on merchants' Astro sites.
 */
import type { WidgetOptions } from './options.ts';
import { loadPanel } from './load-panel.ts';
import { loaderText } from './messages.ts';
import loaderCss from './loader.css?inline';

export interface MountedWidget {
  remove(): void;
}

export function mountWidget(document: Document, options: WidgetOptions, onError: (error: unknown) => void): MountedWidget {
  const text = loaderText(options.locale);
  const host = document.createElement('cardclub-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = loaderCss;
  const root = document.createElement('div');
  root.className = 'root';
  root.lang = options.locale;
  const panel = document.createElement('div');
  panel.id = 'panel';
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.textContent = text.launcher;
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', panel.id);
  root.append(panel, launcher);
  shadow.append(style, root);
  document.body.append(host);

  let unmountPanel: (() => void) | undefined;

  function close() {
    unmountPanel?.();
    unmountPanel = undefined;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  async function open() {
    launcher.setAttribute('aria-busy', 'true');
    try {
      const mountPanel = await loadPanel(document, options.portalOrigin);
      panel.replaceChildren();
      unmountPanel = mountPanel(panel, { options, onClose: close });
      launcher.setAttribute('aria-expanded', 'true');
    } catch (error) {
      const message = document.createElement('p');
      message.className = 'error';
      message.setAttribute('role', 'alert');
      message.textContent = text.loadFailed;
      panel.replaceChildren(message);
      onError(error);
    } finally {
      launcher.removeAttribute('aria-busy');
    }
  }

  launcher.addEventListener('click', () => {
    if (unmountPanel) close();
    else if (!launcher.hasAttribute('aria-busy')) void open();
  });

  // Astro's view transitions replace <body>; put the host back into the new one.
  const reattach = () => {
    if (!host.isConnected) document.body.append(host);
  };
  document.addEventListener('astro:after-swap', reattach);

  return {
    remove() {
      document.removeEventListener('astro:after-swap', reattach);
      unmountPanel?.();
      host.remove();
    },
  };
}
