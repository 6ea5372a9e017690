/**
 * The loader's DOM and what a page without placements pays for: one host element with an open
 * shadow root holding the launcher button (the panel's container joins it on first use). The rest loads when it is
 * needed: the Preact panel (widget-panel.js) on the launcher's first click, `Cardclub.open` or a
 * member's placements; the placements (widget-placements.js) with the store's public tiers when
 * the page has a `data-cardclub` element, now or later (a MutationObserver until then). Styles
 * are constructable stylesheets (adoptedStyleSheets), which a CSP without 'unsafe-inline' in
 * style-src still applies. The host survives Astro view-transition swaps on merchants' Astro sites.
 */
import { placementSelector, widgetEvents, type PanelHandle, type PanelModule, type PlacementMember, type PlacementsHandle, type WidgetContext, type WidgetEvent } from '../contract.ts';
import type { WidgetView } from '../frame-protocol.ts';
import { adopt, adoptBrand, el } from '../shared/dom.ts';
import { loadChunk } from './load-chunk.ts';
import loaderCss from './loader.css?inline';
import type { WidgetOptions } from './options.ts';
import { sharedTiers } from './store.ts';

type Listener = () => void;

export interface MountedWidget {
  /** Resolves once the panel shows the view, or its failure to load has been said. */
  open(view?: WidgetView): Promise<void>;
  close(): void;
  on(event: WidgetEvent, listener: Listener): void;
  off(event: WidgetEvent, listener: Listener): void;
  /** Announces `ready` (after the page's queued calls have been replayed). */
  ready(): void;
  remove(): void;
}

const views: readonly string[] = ['benefits', 'join', 'sign-in', 'membership'];

export function mountWidget(document: Document, options: WidgetOptions, onError: (error: unknown) => void): MountedWidget {
  const text = __CARDCLUB_LAUNCHER_TEXT__[options.locale];
  const host = document.createElement('cardclub-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  adopt(shadow, loaderCss);
  const launcher = el('button', { type: 'button', class: 'launcher', lang: options.locale, 'aria-expanded': 'false' }, text.launcher);
  shadow.append(launcher);
  document.body.append(host);

  const listeners = new Map<WidgetEvent, Set<Listener>>();
  const read = sharedTiers(options.store, options.locale, onError);
  // The launcher and the panel take the store's colour once the store is read for the panel or
  // the placements: never read for the colour alone, so a page without either sends nothing.
  const tiers = () =>
    read().then((store) => {
      adoptBrand(shadow, store?.brandColor ?? null);
      return store;
    });
  let isReady = false;
  let isOpen = false;
  /**
   * What had focus when the panel opened (a placement's button, the page's own), and the
   * placement holding it: focus goes back there, to the placement's button when the member's new
   * terms drew it anew meanwhile.
   */
  let opener: HTMLElement | undefined;
  let openerHost: Element | undefined;
  let panel: HTMLDivElement | undefined;
  let handle: PanelHandle | undefined;
  let panelModule: Promise<PanelModule> | undefined;
  /** The placements once their file has loaded; 'loading' while it loads. */
  let placements: PlacementsHandle | 'loading' | undefined;
  /** The frame's last report, for placements that mount after it. */
  let memberTerms: PlacementMember | undefined;
  let skus: string[] = [];
  let removed = false;

  function emit(event: WidgetEvent) {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener();
      } catch (error) {
        onError(error);
      }
    }
  }

  const context: WidgetContext = {
    options,
    open: (view, sku) => void open(view, sku),
    close,
    emit,
    tiers,
    member(terms) {
      memberTerms = terms;
      if (typeof placements === 'object') placements.member(terms);
    },
  };

  /** The panel's container, above the launcher, made when something is first shown in it. */
  function panelContainer(): HTMLDivElement {
    if (!panel) {
      panel = el('div', { id: 'panel', lang: options.locale });
      launcher.before(panel);
      launcher.setAttribute('aria-controls', panel.id);
    }
    return panel;
  }

  /** The panel module, with the panel mounted (hidden) once; a failure lets the next call retry. */
  function module(): Promise<PanelModule> {
    panelModule ??= loadChunk(document, options.portalOrigin, 'widget-panel.js').then((loaded) => {
      if (!handle) {
        handle = loaded.mountPanel(panelContainer(), context);
        handle.setSkus(skus);
      }
      return loaded;
    });
    panelModule.catch(() => (panelModule = undefined));
    return panelModule;
  }

  /** The focused element, inside shadow roots too (a placement's button sits in one). */
  function focused(): Element | null {
    let at = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    return at;
  }

  function noteOpener() {
    const at = focused();
    openerHost = document.activeElement?.shadowRoot ? document.activeElement : undefined;
    opener = at && at !== document.body && 'focus' in at ? (at as HTMLElement) : undefined;
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    handle?.hide();
    launcher.setAttribute('aria-expanded', 'false');
    const drawnAnew = openerHost?.isConnected ? openerHost.shadowRoot?.querySelector('button') : null;
    (opener?.isConnected ? opener : drawnAnew ?? launcher).focus();
    opener = openerHost = undefined;
    emit('close');
  }

  async function open(view: WidgetView = 'benefits', sku?: string) {
    if (!views.includes(view)) {
      onError(`Cardclub.open: unknown view "${String(view)}"; use one of ${views.join(', ')}.`);
      return;
    }
    if (!isOpen) noteOpener();
    launcher.setAttribute('aria-busy', 'true');
    try {
      await module();
      handle!.show(view, sku);
      launcher.setAttribute('aria-expanded', 'true');
      if (!isOpen) {
        isOpen = true;
        emit('open');
      }
    } catch (error) {
      panelContainer().replaceChildren(el('p', { class: 'error', role: 'alert' }, text.loadFailed));
      onError(error);
    } finally {
      launcher.removeAttribute('aria-busy');
    }
  }

  launcher.addEventListener('click', () => {
    if (isOpen) close();
    else if (!launcher.hasAttribute('aria-busy')) void open();
  });
  // The panel closes on Escape from within it, and from the launcher that opened it.
  launcher.addEventListener('keydown', (event) => event.key === 'Escape' && close());

  // The launcher sits over the page's corner, where a product's button or a footer link can be: one
  // the keyboard reaches under it is scrolled above it (WCAG 2.4.11), as the browser scrolls one
  // out of sight into it. A click needs none: what was clicked was in sight.
  const keepFocusInSight = () => {
    const at = focused();
    if (!at || at.getRootNode() === shadow || !at.matches(':focus-visible')) return;
    const under = launcher.getBoundingClientRect();
    const { top, right, bottom, left } = at.getBoundingClientRect();
    if (bottom > under.top && top < under.bottom && right > under.left && left < under.right) window.scrollBy(0, bottom - under.top + 8);
  };
  document.addEventListener('focusin', keepFocusInSight);

  /** Loads the placements' file and the store's tiers side by side, once the page has a placement. */
  function mountPlacements() {
    if (placements || !document.querySelector(placementSelector)) return;
    placements = 'loading';
    observer.disconnect();
    // The placements' first render waits for both; a failure here is the placements' to report.
    tiers().catch(() => undefined);
    loadChunk(document, options.portalOrigin, 'widget-placements.js')
      .then(
        (loaded) => {
          if (removed) return;
          const mounted = loaded.watchPlacements(document, {
            store: options.store,
            locale: options.locale,
            open: context.open,
            tiers,
            skus(next) {
              skus = next;
              handle?.setSkus(skus);
            },
            loadFrame: () => void module().then(() => handle!.loadFrame(), onError),
            onError,
          });
          if (memberTerms) mounted.member(memberTerms);
          placements = mounted;
        },
        (error: unknown) => {
          // A placement added later tries again (the network may be back).
          placements = undefined;
          if (!removed) observer.observe(document, watched);
          onError(error);
        },
      );
  }

  // Until the page has a placement, only added elements, or data-cardclub set on one, can bring one.
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length > 0 || record.type === 'attributes')) mountPlacements();
  });
  const watched: MutationObserverInit = { childList: true, subtree: true, attributeFilter: ['data-cardclub'] };
  observer.observe(document, watched);
  mountPlacements();

  // Astro's view transitions replace <body>; put the host back into the new one.
  const reattach = () => {
    if (!host.isConnected) document.body.append(host);
    if (typeof placements === 'object') placements.rescan();
    else mountPlacements();
  };
  document.addEventListener('astro:after-swap', reattach);

  /** Whether `on`/`off` were given an event and a listener; the page's mistake is said in the console, not thrown. */
  function subscription(method: string, event: WidgetEvent, listener: Listener): boolean {
    if (!widgetEvents.includes(event)) onError(`Cardclub.${method}: unknown event "${String(event)}"; use one of ${widgetEvents.join(', ')}.`);
    else if (typeof listener !== 'function') onError(`Cardclub.${method}("${event}", listener): the listener must be a function.`);
    else return true;
    return false;
  }

  return {
    open: (view) => open(view),
    close,
    on(event, listener) {
      if (!subscription('on', event, listener)) return;
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      // A page that subscribes to `ready` after it happened is told at once.
      if (event === 'ready' && isReady) queueMicrotask(listener);
    },
    off(event, listener) {
      if (subscription('off', event, listener)) listeners.get(event)?.delete(listener);
    },
    ready() {
      isReady = true;
      emit('ready');
    },
    remove() {
      removed = true;
      document.removeEventListener('astro:after-swap', reattach);
      document.removeEventListener('focusin', keepFocusInSight);
      observer.disconnect();
      if (typeof placements === 'object') placements.stop();
      handle?.unmount();
      host.remove();
    },
  };
}
