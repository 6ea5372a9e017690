/**
 * The loader's DOM: one host element with an open shadow root holding the launcher button
 * and the panel's container. Plain DOM, so the page pays only for this until the visitor
 * opens the panel or the page has placements. Styles are constructable stylesheets
 * (adoptedStyleSheets), which a CSP without 'unsafe-inline' in style-src still applies. The
 * host survives Astro view-transition swaps on merchants' Astro sites.
 */
import type { PanelHandle, PanelModule, WidgetContext, WidgetEvent } from '../contract.ts';
import type { WidgetView } from '../frame-protocol.ts';
import { loadPanel } from './load-panel.ts';
import { loaderText } from './messages.ts';
import type { WidgetOptions } from './options.ts';
import { watchPlacements } from './placements.ts';
import loaderCss from './loader.css?inline';

type Listener = () => void;

export interface MountedWidget {
  open(view?: WidgetView): void;
  close(): void;
  on(event: WidgetEvent, listener: Listener): void;
  off(event: WidgetEvent, listener: Listener): void;
  /** Announces `ready` (after the page's queued calls have been replayed). */
  ready(): void;
  remove(): void;
}

const views: readonly string[] = ['benefits', 'join', 'sign-in', 'membership'];

export function mountWidget(document: Document, options: WidgetOptions, onError: (error: unknown) => void): MountedWidget {
  const text = loaderText(options.locale);
  const host = document.createElement('cardclub-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(loaderCss);
  shadow.adoptedStyleSheets = [sheet];
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
  shadow.append(root);
  document.body.append(host);

  const listeners = new Map<WidgetEvent, Set<Listener>>();
  let isReady = false;
  let isOpen = false;
  let handle: PanelHandle | undefined;
  let panelModule: Promise<PanelModule> | undefined;

  function emit(event: WidgetEvent) {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener();
      } catch (error) {
        onError(error);
      }
    }
  }

  const context: WidgetContext = { options, open: (view) => void open(view), close, emit };

  /** The panel module, with the panel mounted (hidden) once; a failure lets the next call retry. */
  function module(): Promise<PanelModule> {
    panelModule ??= loadPanel(document, options.portalOrigin).then((loaded) => {
      handle ??= loaded.mountPanel(panel, context);
      return loaded;
    });
    panelModule.catch(() => (panelModule = undefined));
    return panelModule;
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    handle?.hide();
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
    emit('close');
  }

  async function open(view: WidgetView = 'benefits') {
    if (!views.includes(view)) {
      onError(`Cardclub.open: unknown view "${String(view)}"; use one of ${views.join(', ')}.`);
      return;
    }
    launcher.setAttribute('aria-busy', 'true');
    try {
      await module();
      handle!.show(view);
      launcher.setAttribute('aria-expanded', 'true');
      if (!isOpen) {
        isOpen = true;
        emit('open');
      }
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
    if (isOpen) close();
    else if (!launcher.hasAttribute('aria-busy')) void open();
  });

  const placements = watchPlacements(document, {
    mount: (element) => module().then((loaded) => loaded.mountPlacement(element, context)),
    skus: (skus) => void module().then(() => handle!.setSkus(skus), onError),
    onError,
  });

  // Astro's view transitions replace <body>; put the host back into the new one.
  const reattach = () => {
    if (!host.isConnected) document.body.append(host);
    placements.rescan();
  };
  document.addEventListener('astro:after-swap', reattach);

  return {
    open: (view) => void open(view),
    close,
    on(event, listener) {
      if (typeof listener !== 'function') return;
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      // A page that subscribes to `ready` after it happened is told at once.
      if (event === 'ready' && isReady) queueMicrotask(listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    ready() {
      isReady = true;
      emit('ready');
    },
    remove() {
      document.removeEventListener('astro:after-swap', reattach);
      placements.stop();
      handle?.unmount();
      host.remove();
    },
  };
}
