/**
 * Entry of widget.js, loaded by `<script async src=".../widget.js" data-store="...">`. Finds
 * its own tag (only possible while the script first runs), mounts once per page and exposes
 * `window.Cardclub.remove()` as its one global.
 */
import { mountWidget, type MountedWidget } from './mount.ts';
import { readOptions } from './options.ts';

declare global {
  interface Window {
    Cardclub?: MountedWidget;
  }
}

const WINDOW = window;
const DOCUMENT = document;
const script = DOCUMENT.currentScript;

function reportError(error: unknown) {
  console.error('[Cardclub widget]', error instanceof Error ? error.message : error);
}

function start() {
  if (WINDOW.Cardclub) {
    console.warn('[Cardclub widget] widget.js is included more than once; keeping the first.');
    return;
  }
  if (!(script instanceof HTMLScriptElement)) {
    reportError('Load widget.js with a plain <script src> tag (not as a module or injected code).');
    return;
  }
  try {
    const widget = mountWidget(DOCUMENT, readOptions(script, WINDOW.navigator.languages), reportError);
    WINDOW.Cardclub = {
      remove() {
        widget.remove();
        delete WINDOW.Cardclub;
      },
    };
  } catch (error) {
    reportError(error);
  }
}

// An async script can run before <body> exists when placed in <head>.
if (DOCUMENT.body) start();
else DOCUMENT.addEventListener('DOMContentLoaded', start, { once: true });
