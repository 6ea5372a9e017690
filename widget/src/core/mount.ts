/**
 * The loader's DOM: one host element with an open shadow root holding the launcher button and
 * the panel's container, and the page's placements in their own shadow roots. All plain DOM:
 * a visitor's page pays for this and one request for the store's public tiers (only when it
 * has placements); the Preact panel loads when the visitor opens it, and the signed-in frame
 * when a view needs it or the page last saw a member signed in (member-hint.ts). Styles are
 * constructable stylesheets (adoptedStyleSheets), which a CSP without 'unsafe-inline' in
 * style-src still applies. The host survives Astro view-transition swaps on merchants' Astro sites.
 */
import type { PanelHandle, PanelModule, WidgetContext, WidgetEvent } from '../contract.ts';
import type { MemberTerms, WidgetView } from '../frame-protocol.ts';
import contentCss from './content.css?inline';
import { adopt, el } from './dom.ts';
import { loadPanel } from './load-panel.ts';
import loaderCss from './loader.css?inline';
import { memberHint, setMemberHint } from './member-hint.ts';
import { widgetText } from './messages.ts';
import type { WidgetOptions } from './options.ts';
import { mountPlacement, type Placement } from './placement.ts';
import { watchPlacements } from './placements.ts';
import { sharedTiers } from './store.ts';

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

/** After the page's own work, so a member's frame never competes with the page loading. */
const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 1000));

export function mountWidget(document: Document, options: WidgetOptions, onError: (error: unknown) => void): MountedWidget {
  const text = widgetText(options.locale);
  const host = document.createElement('cardclub-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  adopt(shadow, loaderCss);
  const panel = el('div', { id: 'panel' });
  const launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panel.id }, text.launcher);
  shadow.append(el('div', { class: 'root', lang: options.locale }, panel, launcher));
  document.body.append(host);

  const listeners = new Map<WidgetEvent, Set<Listener>>();
  const tiers = sharedTiers(options.store, options.locale);
  let isReady = false;
  let isOpen = false;
  let handle: PanelHandle | undefined;
  let panelModule: Promise<PanelModule> | undefined;
  let member: MemberTerms = { tier: null, products: {} };
  let placements: Placement[] = [];
  let skus: string[] = [];
  let frameAsked = false;
  let hinted: boolean | undefined;

  function emit(event: WidgetEvent) {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener();
      } catch (error) {
        onError(error);
      }
    }
  }

  function renderPlacements(list: Placement[]) {
    if (list.length === 0) return;
    tiers().then((store) => {
      if (store) for (const placement of list) placement.render(store, member);
    }, onError);
  }

  const context: WidgetContext = {
    options,
    open: (view) => void open(view),
    close,
    emit,
    tiers,
    member(terms) {
      member = terms;
      // The frame reports again on every change of terms; the hint changes only with who is signed in.
      if ((terms.tier !== null) !== hinted) {
        hinted = terms.tier !== null;
        setMemberHint(options.store, hinted);
      }
      renderPlacements(placements);
    },
  };

  /** The panel module, with the panel mounted (hidden) once; a failure lets the next call retry. */
  function module(): Promise<PanelModule> {
    panelModule ??= loadPanel(document, options.portalOrigin).then((loaded) => {
      if (!handle) {
        // The tier cards and buttons the panel shares with the placements; parsed only now.
        adopt(shadow, contentCss);
        handle = loaded.mountPanel(panel, context);
        handle.setSkus(skus);
      }
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
      panel.replaceChildren(el('p', { class: 'error', role: 'alert' }, text.loadFailed));
      onError(error);
    } finally {
      launcher.removeAttribute('aria-busy');
    }
  }

  launcher.addEventListener('click', () => {
    if (isOpen) close();
    else if (!launcher.hasAttribute('aria-busy')) void open();
  });

  const watcher = watchPlacements(document, {
    mount: (element) => mountPlacement(element, { locale: options.locale, text, open: (view) => void open(view) }),
    unmount: (placement) => placement.remove(),
    changed(list) {
      const added = list.filter((placement) => !placements.includes(placement));
      placements = list;
      renderPlacements(added);
      const next = [...new Set(list.flatMap((placement) => (placement.kind === 'product' && placement.sku ? [placement.sku] : [])))].sort();
      if (next.join('\n') !== skus.join('\n')) {
        skus = next;
        handle?.setSkus(skus);
      }
      // Member terms need the frame; only a page that last saw a member signed in loads it unasked.
      if (!frameAsked && list.some((placement) => placement.kind !== 'benefits')) {
        frameAsked = true;
        whenIdle(async () => {
          if (await memberHint(options.store)) module().then(() => handle!.loadFrame(), onError);
        });
      }
    },
    onError,
  });

  // Astro's view transitions replace <body>; put the host back into the new one.
  const reattach = () => {
    if (!host.isConnected) document.body.append(host);
    watcher.rescan();
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
      watcher.stop();
      handle?.unmount();
      host.remove();
    },
  };
}
