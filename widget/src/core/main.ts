/**
 * Entry of widget.js, loaded by `<script async src=".../widget.js" data-store="...">`. Finds
 * its own tag (only possible while the script first runs), mounts once per page and exposes
 * the page API as its one global, `window.Cardclub`: `open(view)`, `close()`, `on`/`off`,
 * `remove()`. Calls a page made before the script ran, through the queue stub of
 * docs/widget.md (`Cardclub.q`), are replayed in order, and carried out, before `ready`.
 */
import type { WidgetEvent } from '../contract.ts';
import type { WidgetView } from '../frame-protocol.ts';
import { mountWidget } from './mount.ts';
import { readOptions } from './options.ts';

type Listener = () => void;

interface CardclubApi {
  version: 1;
  open(view?: WidgetView): void;
  close(): void;
  on(event: WidgetEvent, listener: Listener): void;
  off(event: WidgetEvent, listener: Listener): void;
  remove(): void;
}

/** What the page's stub collects before the script runs: `[method, arguments]` pairs. */
interface CardclubStub {
  q?: unknown;
}

declare global {
  interface Window {
    Cardclub?: CardclubApi;
  }
}

const WINDOW = window;
const DOCUMENT = document;
const script = DOCUMENT.currentScript;

function reportError(error: unknown) {
  console.error('[Cardclub widget]', error instanceof Error ? error.message : error);
}

function start() {
  const existing = WINDOW.Cardclub as CardclubApi | CardclubStub | undefined;
  if (existing && 'version' in existing) {
    console.warn('[Cardclub widget] widget.js is included more than once; keeping the first.');
    return;
  }
  // Not `instanceof HTMLScriptElement`: the page's first use of that global builds its interface
  // object, about 1.5 ms at 4x CPU throttling, more than the check is worth. An SVG <script> has no `src`.
  if (!script || !('src' in script)) {
    reportError('Load widget.js with a classic <script src> tag, not type="module" (a script element inserted by JavaScript works too).');
    return;
  }
  try {
    const widget = mountWidget(DOCUMENT, readOptions(script, () => WINDOW.navigator.languages), reportError);
    const api: CardclubApi = {
      version: 1,
      open: (view) => void widget.open(view),
      close: () => widget.close(),
      on: (event, listener) => widget.on(event, listener),
      off: (event, listener) => widget.off(event, listener),
      remove() {
        widget.remove();
        delete WINDOW.Cardclub;
      },
    };
    WINDOW.Cardclub = api;
    // In order, each queued open carried out (its panel shown, or its failure said) before the next
    // call: a queued close then closes it, and a listener queued after an open does not hear that open.
    let replayed: Promise<void> | undefined;
    for (const call of existing && Array.isArray(existing.q) ? (existing.q as unknown[]) : []) {
      const [method, args]: unknown[] = Array.isArray(call) ? call : [];
      if (method === 'open' || method === 'close' || method === 'on' || method === 'off') {
        const run = () => (widget[method] as (...values: unknown[]) => Promise<void> | undefined)(...(Array.isArray(args) ? args : []));
        replayed = replayed ? replayed.then(run) : run();
      }
    }
    // A page without queued opens is told at once; otherwise once they are done, so `ready` follows their `open`.
    if (replayed) void replayed.catch(reportError).then(() => widget.ready());
    else widget.ready();
  } catch (error) {
    reportError(error);
  }
}

// An async script can run before <body> exists when placed in <head>.
if (DOCUMENT.body) start();
else DOCUMENT.addEventListener('DOMContentLoaded', start, { once: true });
