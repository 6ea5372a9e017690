/**
 * Entry of widget-panel.js, which the loader adds on first use (the launcher's first click,
 * `Cardclub.open`, or a member's page loading the frame). Hands the loader its module through
 * an event on this script's own element. Its stylesheet is a constructable one added to the
 * widget's shadow root, so a strict style-src CSP does not unstyle it.
 */
import { render } from 'preact';
import { panelReadyEvent, type PanelModule } from '../contract.ts';
import { adopt } from '../core/dom.ts';
import panelCss from './panel.css?inline';
import { Panel, type PanelState } from './Panel.tsx';

const script = document.currentScript;
const onError = (error: unknown) => console.error('[Cardclub widget]', error);

const panelModule: PanelModule = {
  mountPanel(container, context) {
    adopt(container.getRootNode() as ShadowRoot, panelCss);
    let state: PanelState = { view: 'benefits', visible: false, skus: [], shown: 0, frame: false };
    const update = (next: Partial<PanelState>) => {
      state = { ...state, ...next };
      render(<Panel context={context} state={state} onError={onError} />, container);
    };
    update({});
    return {
      show: (view) => update({ view, visible: true, shown: state.shown + 1 }),
      hide: () => update({ visible: false }),
      setSkus: (skus) => update({ skus }),
      loadFrame: () => update({ frame: true }),
      unmount: () => render(null, container),
    };
  },
};

if (script) script.dispatchEvent(new CustomEvent(panelReadyEvent, { detail: panelModule }));
else console.error('[Cardclub widget] widget-panel.js must be loaded by widget.js.');
