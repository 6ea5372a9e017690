/**
 * Entry of widget-panel.js, which the loader adds on first use (the launcher's first click,
 * `Cardclub.open`, or placements on the page). Hands the loader its module through an event
 * on this script's own element. Styles are constructable stylesheets added to the shadow
 * roots, so a strict style-src CSP does not unstyle them.
 */
import { render } from 'preact';
import { panelReadyEvent, type PanelModule } from '../contract.ts';
import panelCss from './panel.css?inline';
import { Panel, type PanelState } from './Panel.tsx';
import { mountPlacement } from './Placement.tsx';

const script = document.currentScript;
const onError = (error: unknown) => console.error('[Cardclub widget]', error);

let panelSheet: CSSStyleSheet | undefined;

/** The panel's stylesheet, created once and shared by the widget's and the placements' shadow roots. */
export function adoptPanelStyles(root: ShadowRoot): void {
  if (!panelSheet) {
    panelSheet = new CSSStyleSheet();
    panelSheet.replaceSync(panelCss);
  }
  if (!root.adoptedStyleSheets.includes(panelSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, panelSheet];
}

const panelModule: PanelModule = {
  mountPanel(container, context) {
    adoptPanelStyles(container.getRootNode() as ShadowRoot);
    let state: PanelState = { view: 'benefits', visible: false, skus: [], shown: 0 };
    const update = (next: Partial<PanelState>) => {
      state = { ...state, ...next };
      render(<Panel context={context} state={state} onError={onError} />, container);
    };
    update({});
    return {
      show: (view) => update({ view, visible: true, shown: state.shown + 1 }),
      hide: () => update({ visible: false }),
      setSkus: (skus) => update({ skus }),
      unmount: () => render(null, container),
    };
  },
  mountPlacement: (element, context) => mountPlacement(element, context, adoptPanelStyles, onError),
};

if (script) script.dispatchEvent(new CustomEvent(panelReadyEvent, { detail: panelModule }));
else console.error('[Cardclub widget] widget-panel.js must be loaded by widget.js.');
