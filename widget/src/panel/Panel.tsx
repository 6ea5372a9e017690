/**
 * The panel: the store's tiers with their rules and headline rights, the ways in (exchange
 * business cards, member sign-in) and the signed-in frame that does them. It runs on the
 * merchant's page, so the store's text is only ever rendered as text through JSX, never as
 * HTML (tests/unit/raw-html-sinks.test.ts), and isolated inside sentences, the store's name marked
 * with its language (a Spanish title naming an English store). It stays mounted
 * while hidden, so the frame keeps its state between openings.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { interpolateParts } from '../../../src/i18n/format.ts';
import { merchantName } from '../../../src/components/merchant-name.tsx';
import type { WidgetContext } from '../contract.ts';
import { widgetText } from '../shared/messages.ts';
import type { PublicTiers } from '../core/store.ts';
import { pausedCard } from '../shared/paused-card.ts';
import { tierList } from '../shared/tier-list.ts';
import type { WidgetView } from '../frame-protocol.ts';
import { useBackCloses } from './back-closes.ts';
import { FrameHost } from './FrameHost.tsx';

type Load = { status: 'loading' | 'failed' | 'not-found' } | { status: 'ready'; data: PublicTiers };

export interface PanelState {
  view: WidgetView;
  /** The product placement whose button opened the view, for the frame to show first. */
  sku: string | null;
  visible: boolean;
  skus: string[];
  /** Bumped by each show(), so the heading takes focus again. */
  shown: number;
  /** Load the signed-in frame even while no frame view is shown (a member's placements). */
  frame: boolean;
  /** The frame reports a member of the store signed in: the way in is their membership. */
  member: boolean;
}

export function Panel({ context, state, onError }: { context: WidgetContext; state: PanelState; onError: (error: unknown) => void }) {
  const { options } = context;
  const { t, tiersText } = widgetText(options.locale);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  // A store no one has set up has no signed-in views: the panel says so in place of each, with no
  // way "back" to the same sentence (the frame would say it again, inside the panel).
  const frameView = state.view === 'benefits' || load.status === 'not-found' ? null : state.view;
  // The frame loads when first needed (a frame view, or the loader asking for a member's
  // placements), once the store's read has found the store (or failed: the frame may still open),
  // and then stays, keeping its state between openings.
  const [frameWanted, setFrameWanted] = useState(false);
  // The frame's word on this page: a store that refuses it is joined on its own page instead.
  const [allowed, setAllowed] = useState(true);
  const wantFrame = frameWanted || ((state.frame || frameView !== null) && (load.status === 'ready' || load.status === 'failed'));
  useEffect(() => {
    if (wantFrame) setFrameWanted(true);
  }, [wantFrame]);
  // While the store takes no new members a visitor is told so once, above the tiers, in the join
  // placement's card with the members' sign-in, in place of the Join and sign-in buttons.
  const paused = load.status === 'ready' && load.data.joiningPaused && allowed && !state.member;
  const tierCards = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (load.status !== 'ready') return;
    const notice = paused ? [pausedCard(load.data, t, () => context.open('sign-in'))] : [];
    tierCards.current?.replaceChildren(...notice, tierList(load.data, options.locale, tiersText));
  }, [load, frameView, paused]);

  function fetchTiers() {
    setLoad({ status: 'loading' });
    context.tiers().then(
      (data) => setLoad(data ? { status: 'ready', data } : { status: 'not-found' }),
      (error: unknown) => {
        setLoad({ status: 'failed' });
        onError(error);
      },
    );
  }

  useEffect(fetchTiers, []);
  // Whether the frame has said it is ready: from then on a frame view's focus is the frame's (FrameHost).
  const frameReady = useRef(false);
  // Until the frame is ready, the heading holds a frame view's focus: the button that opened the
  // view went with the tiers, and focus with it, to the merchant's page.
  const headingHolds = () => state.visible && (!frameView || !frameReady.current);
  useEffect(() => {
    if (headingHolds()) heading.current?.focus();
  }, [state.visible, state.view, state.shown]);
  // A load that ends takes away the control that held the keyboard (Retry), not one the reader went
  // on to meanwhile ("Back to benefits" while the tiers of a view opened by the page's script came).
  useEffect(() => {
    const root = dialog.current?.getRootNode() as ShadowRoot | Document | undefined;
    if (headingHolds() && !dialog.current?.contains(root?.activeElement ?? null)) heading.current?.focus();
  }, [load.status]);

  // On a phone the panel covers the page: the keyboard stays in it (a modal dialog), where Tab
  // past its last control went on to the page's links and buttons hidden under it (WCAG 2.4.11).
  // Wider, it is a window beside the page, and Tab goes on to the page as before.
  const modal = useCovering();
  // Where it covers the page, Back closes it as it closes any sheet on a phone (where the browser has a CloseWatcher).
  useBackCloses(state.visible, modal, context.close);
  const dialog = useRef<HTMLElement>(null);
  const wrapTo = (end: 'first' | 'last') => {
    const controls = [...(dialog.current?.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, iframe') ?? [])].filter(
      (control) => control.getClientRects().length > 0,
    );
    (end === 'first' ? controls[0] : controls.at(-1))?.focus();
  };

  const title =
    load.status !== 'ready' ? t('launcher') : interpolateParts(t(frameView ? 'frameTitle' : 'panelTitle'), { store: merchantName('store', load.data.name, load.data.nameLang) });
  const portalUrl = `${options.portalOrigin}/store/?s=${encodeURIComponent(options.store)}&lang=${options.locale}`;

  return (
    <>
      {/* Over the page, the page is dimmed, as under any modal sheet: undimmed, the panel read as a
          popover the page beside it still answered. A tap on it closes the panel as Escape does;
          it is no control of its own (the × is), so assistive technology is not shown it. */}
      {modal && state.visible && <div class="scrim" aria-hidden="true" onClick={context.close} />}
      <section
        ref={dialog}
        class="panel-window"
        role="dialog"
        aria-modal={modal ? 'true' : undefined}
        aria-labelledby="panel-title"
        hidden={!state.visible}
        onKeyDown={(event) => event.key === 'Escape' && context.close()}
      >
        {modal && <span class="focus-wrap" tabIndex={0} onFocus={() => wrapTo('last')} />}
        {/* A div, not <header>: a <section> with role="dialog" does not scope a header, which would be a second banner landmark on the merchant's page. */}
        <div class="panel-header">
          <h2 id="panel-title" ref={heading} tabIndex={-1}>
            {title}
          </h2>
          <button type="button" class="close" aria-label={t('close')} onClick={context.close}>
            ×
          </button>
        </div>
        {/* The header stays in sight; only this part scrolls (a field focused in the frame scrolled the title and × away on a phone). */}
        <div class="panel">
          {frameView && (
            <button type="button" class="back" onClick={() => context.open('benefits')}>
              <span aria-hidden="true">← </span>
              {t('backToBenefits')}
            </button>
          )}
          {/* Above the tiers: on a page the store refuses, its sentence shows there too, first. */}
          {wantFrame && (
            <FrameHost
              context={context}
              view={frameView}
              visible={state.visible}
              covering={modal}
              shown={state.shown}
              sku={state.sku}
              skus={state.skus}
              refused={!allowed}
              onReady={(answer) => {
                frameReady.current = true;
                setAllowed(answer);
                // The placements stop offering to join too; they learn no more than this.
                if (!answer) {
                  context.member({ tier: null, tierLang: null, products: {}, refused: true });
                  // The integrator's mistake, named where the others are: buyers see only Join buttons go.
                  onError(`${location.origin} is not among the sites store "${context.options.store}" allows to embed its sign-in and join; add it in the console's Settings.`);
                }
              }}
              text={{ title: t('frameLabel'), opening: t('frameLoading'), failed: t('frameFailed'), failedLink: t('frameFailedLink') }}
              onError={onError}
              portalUrl={portalUrl}
            />
          )}
          {/* A frame view waits for the store's read too, before its frame loads. */}
          {!(frameView && wantFrame) && load.status === 'loading' && <p role="status">{t('loading')}</p>}
          {!frameView && load.status === 'not-found' && <p>{t('storeNotFound')}</p>}
          {!frameView && load.status === 'failed' && (
            <div role="alert">
              <p>{t('loadFailed')}</p>
              <button type="button" class="retry" onClick={fetchTiers}>
                {t('retry')}
              </button>
            </div>
          )}
          {!frameView && load.status === 'ready' && (
            <>
              {allowed && !paused && (
                <div class="actions">
                  {state.member ? (
                    <button type="button" class="primary" onClick={() => context.open('membership')}>
                      {t('membershipButton')}
                    </button>
                  ) : (
                    <>
                      <button type="button" class="primary" onClick={() => context.open('join')}>
                        {t('joinButton')}
                      </button>
                      <button type="button" class="secondary" onClick={() => context.open('sign-in')}>
                        {t('signInButton')}
                      </button>
                    </>
                  )}
                </div>
              )}
              {/* The paused card and the tier cards, built with plain DOM by shared/, as in the join and benefits placements. */}
              <div ref={tierCards} />
              <a class="portal-link" href={portalUrl} target="_blank" rel="noopener">
                {t('portalLink')}
              </a>
            </>
          )}
        </div>
        {modal && <span class="focus-wrap" tabIndex={0} onFocus={() => wrapTo('first')} />}
      </section>
    </>
  );
}

/** Whether the panel covers most of the page: on a screen under 30rem its 26rem leave the page a strip of 4rem at most: wider, a page beside it the reader can reach. */
function useCovering(): boolean {
  const [query] = useState(() => matchMedia('(max-width: 30rem)'));
  const [covering, setCovering] = useState(query.matches);
  useEffect(() => {
    const changed = () => setCovering(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [query]);
  return covering;
}
