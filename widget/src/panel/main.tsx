/**
 * Entry of widget-panel.js, which the loader adds on the first click of its launcher. Hands
 * the loader its mount function through an event on this script's own element.
 */
import { render } from 'preact';
import { panelReadyEvent, type MountPanel } from '../contract.ts';
import panelCss from './panel.css?inline';
import { Panel } from './Panel.tsx';

const script = document.currentScript;

const mountPanel: MountPanel = (container, props) => {
  const root = container.getRootNode() as ShadowRoot;
  if (!root.querySelector('style[data-panel]')) {
    const style = document.createElement('style');
    style.dataset.panel = '';
    style.textContent = panelCss;
    root.prepend(style);
  }
  const onError = (error: unknown) => console.error('[Cardclub widget]', error);
  render(<Panel {...props} onError={onError} />, container);
  return () => render(null, container);
};

if (script) script.dispatchEvent(new CustomEvent(panelReadyEvent, { detail: mountPanel }));
else console.error('[Cardclub widget] widget-panel.js must be loaded by widget.js.');
