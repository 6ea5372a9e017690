/**
 * Entry of widget-panel.js, which the loader adds on first use (the launcher's first click,
 * `Cardclub.open`, or a member's page loading the frame). Hands the loader its module through
 * an event on this script's own element. Its stylesheet is a constructable one added to the
 * widget's shadow root, so a strict style-src CSP does not unstyle it.
 */
import { render } from 'preact';
import { announceChunk, type PanelModule, type WidgetContext } from '../contract.ts';
import contentCss from '../shared/content.css?inline';
import { adopt } from '../shared/dom.ts';
import { setMemberHint } from '../shared/member-hint.ts';
import panelCss from './panel.css?inline';
import { Panel, type PanelState } from './Panel.tsx';

const script = document.currentScript;
const onError = (error: unknown) => console.error('[Cardclub widget]', error);

const panelModule: PanelModule = {
  mountPanel(container, loaderContext) {
    const shadow = container.getRootNode() as ShadowRoot;
    // The tier cards and buttons the panel shares with the placements, then the panel's own.
    adopt(shadow, contentCss);
    adopt(shadow, panelCss);
    let hinted: boolean | undefined;
    const context: WidgetContext = {
      ...loaderContext,
      member(terms) {
        // The frame reports again on every change of terms; the hint changes only with who is signed in.
        if ((terms.tier !== null) !== hinted) {
          hinted = terms.tier !== null;
          setMemberHint(context.options.store, hinted);
          update({ member: hinted });
        }
        loaderContext.member(terms);
      },
    };
    let state: PanelState = { view: 'benefits', sku: null, visible: false, skus: [], shown: 0, frame: false, member: false };
    const update = (next: Partial<PanelState>) => {
      state = { ...state, ...next };
      render(<Panel context={context} state={state} onError={onError} />, container);
    };
    update({});
    return {
      show: (view, sku) => update({ view, sku: sku ?? null, visible: true, shown: state.shown + 1 }),
      hide: () => update({ visible: false }),
      setSkus: (skus) => update({ skus }),
      loadFrame: () => update({ frame: true }),
      unmount: () => render(null, container),
    };
  },
};

announceChunk(script, 'widget-panel.js', panelModule);
