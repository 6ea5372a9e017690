/**
 * The widget's signed-in frame (`/embed/?s=SLUG`). It does nothing until the page embedding it
 * introduces itself (_channel.ts), then checks that page's origin against the store's
 * `embed_origins`: a page not on the list gets a sentence naming it and no sign-in at all.
 * On an allowed page it shows the business-card exchange, the e-mail-code sign-in or the
 * member's own membership, tells the page its height, Escape and Back, the page-API events, and the
 * member's terms for the product placements as display text.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FrameView } from '../../../widget/src/frame-protocol.ts';
import { useBackCloses } from '../../../widget/src/panel/back-closes.ts';
import { EmailSignIn } from '../../components/join/EmailSignIn.tsx';
import { notMemberSentence, useFormerMembership } from '../../components/join/former-membership.ts';
import type { StoreWithCard } from '../../components/join/join-api.ts';
import { JoinCard } from '../../components/join/JoinCard.tsx';
import { useStoreWithCard } from '../../components/join/use-store-with-card.ts';
import { useSectionText } from '../../components/use-text.ts';
import { emailAddress } from '../../components/email-address.tsx';
import { interpolateParts, isolate, sentenceGap } from '../../i18n/format.ts';
import { focusPageProduct } from '../../components/member/Catalogue.tsx';
import { InvitedToJoin } from '../../components/member/InvitedToJoin.tsx';
import { merchantName } from '../../components/merchant-name.tsx';
import { useMembership, reload } from '../../components/member/use-member.ts';
import type { Membership } from '../../lib/member-api.ts';
import { slugFromQuery } from '../../lib/query-slug.ts';
import { revalidate, sampleClaimed, type Resource } from '../../stores/member.ts';
import { $session, signOut } from '../../stores/session.ts';
import { $parent, tellParent } from './_channel.ts';
import { MembershipView } from './_MembershipView.tsx';
import { useMemberTerms } from './_member-terms.ts';

const slug = slugFromQuery() ?? '';

/** A line said above the view, in the frame's live region: after signing out here, or to a member who asked to join. */
type Notice = 'signedOut' | 'alreadyMember' | null;

/**
 * The view's main heading (or its alert): the first element of the frame that takes focus by
 * script only; or, when a product placement's button asked for the view, that product once shown.
 */
function focusView() {
  const parent = $parent.get();
  if (parent.status === 'connected' && parent.sku && focusPageProduct(parent.sku)) return;
  document.querySelector<HTMLElement>('main [tabindex="-1"]')?.focus();
}

/**
 * Reports the content's height to the page (the iframe follows it), and Escape and Back as "close".
 * `covering`: the frame is shown in a panel that covers the page, where Back closes the panel.
 */
function useFrameBehaviour(container: { current: HTMLElement | null }, covering: boolean) {
  // Back is a close request, which Chromium gives to the focused frame's CloseWatchers only: with
  // the buyer in this frame, the panel's watcher never hears it, so the frame keeps its own while
  // it covers the page. It is made on the panel's message, outside any user activation of this
  // frame's (the click that opened the panel was the page's, and activation does not pass down to
  // a frame of another origin). That costs nothing here: a window's first group of watchers needs
  // no activation (its allowed number of groups starts at one), and this window never holds more
  // than this one, so the first close request reaches it; only its `cancel` event, unused, would
  // need activation.
  const watching = useBackCloses(true, covering, () => tellParent({ type: 'close' }));
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => tellParent({ type: 'resize', height: Math.ceil(element.getBoundingClientRect().height) }));
    observer.observe(element);
    const onKey = (event: KeyboardEvent) => {
      // With a watcher, Escape is a close request too, which its close event tells: one close.
      if (event.key === 'Escape' && !watching.current) tellParent({ type: 'close' });
    };
    // Focus arrives from the page (it focuses the iframe): give it to the view's heading.
    const onFocus = () => {
      if (document.activeElement === document.body) focusView();
    };
    document.addEventListener('keydown', onKey);
    window.addEventListener('focus', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('focus', onFocus);
    };
  }, []);
}

export default function EmbedFrame() {
  const { t, locale } = useSectionText('join');
  const parent = useStore($parent);
  const container = useRef<HTMLDivElement>(null);
  const connected = parent.status === 'connected';
  useFrameBehaviour(container, connected && parent.covering);
  // Opened on its own too: the sentence then names the store.
  const known = parent.status !== 'waiting';
  // Read again for a login signing in here (the frame's sign-in, then the exchange): whether it had the gift pack is its own.
  const { load: store, retry: retryStore } = useStoreWithCard(slug, locale, known);
  const [settled, setSettled] = useState(false);
  // Said after signing out here: the sign-in that replaces the view took the focus and said nothing
  // of it; and to a member who asked to join, shown their membership instead. A live region there
  // from the start, so its words are announced when they come.
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    if (store.status === 'ready' && store.store) document.title = t('frameTitle', { store: store.store.store.name });
  }, [store]);

  const found = store.status === 'ready' ? store.store : null;
  const allowed = connected && found !== null && found.store.embed_origins.includes(parent.origin);
  const refused = connected && found !== null && !allowed;
  // Ready once the frame shows more than it is loading (its view, a refusal or an error): the
  // panel's "Opening…" gives way to it, and `allowed` says whether the page may offer a way in.
  const opened = connected && store.status !== 'loading' && (!allowed || settled);
  useEffect(() => {
    if (opened) tellParent({ type: 'ready', allowed: !refused });
  }, [opened, refused]);

  const storePage = `/store/?s=${encodeURIComponent(slug)}&lang=${locale}`;
  let content = null;
  // Nothing while loading: the panel says "Opening…" until the frame is ready.
  if (store.status === 'failed') {
    content = (
      <div role="alert" tabIndex={-1}>
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={retryStore}>
          {t('retry')}
        </button>
      </div>
    );
  } else if (store.status === 'ready' && !found) {
    content = (
      <p role="alert" tabIndex={-1}>
        {t('frameStoreNotFound')}
      </p>
    );
  } else if (found && parent.status === 'standalone') {
    content = (
      <p>
        {t('notEmbedded')}
        {sentenceGap(locale)}
        <a href={storePage}>{t('openStorePage', { store: isolate(found.store.name) })}</a>
      </p>
    );
  } else if (found && parent.status === 'connected' && !allowed) {
    // No heading: the panel's title above names the store's membership already.
    content = (
      <div role="alert" class="refused" tabIndex={-1}>
        <p>{t('notAuthorised', { store: isolate(found.store.name) })}</p>
        <a href={storePage} target="_blank" rel="noopener">
          {t('openStorePage', { store: isolate(found.store.name) })}
        </a>
        {/* The buyer cannot act on the origin; the merchant testing their page needs it named. */}
        <p class="refused-origin">{t('notAuthorisedOrigin', { origin: isolate(parent.origin) })}</p>
      </div>
    );
  } else if (found && parent.status === 'connected') {
    const { view, sku, asked, skus } = parent;
    content = <AllowedFrame store={found} view={view} sku={sku} asked={asked} skus={skus} onSettled={() => setSettled(true)} onNotice={setNotice} />;
  }

  return (
    // The line goes with the buyer's next step (their address sent for a code): it said what had just happened.
    <div ref={container} class="embed-content" onSubmitCapture={() => setNotice(null)} style={found?.store.brand_color ? { '--color-accent': found.store.brand_color } : undefined}>
      {/* Live while empty (a region drawn with its words is not read by every screen reader), and no status until it has some. */}
      <div aria-live="polite">
        {notice === 'signedOut' && <p role="status" class="success">{t('signedOut')}</p>}
        {notice === 'alreadyMember' && found && (
          <p role="status" class="notice notice-ok">
            {interpolateParts(t('alreadyMemberHere'), { store: merchantName('store', found.store.name, found.store.name_lang) })}
          </p>
        )}
      </div>
      {content}
    </div>
  );
}

/** The frame on an allowed page: who is signed in decides what each view shows. */
function AllowedFrame(props: { store: StoreWithCard; view: FrameView; sku: string | null; asked: number; skus: string[]; onSettled: () => void; onNotice: (notice: Notice) => void }) {
  const { store, view, sku, asked, skus, onSettled, onNotice } = props;
  const { t } = useSectionText('join');
  const session = useStore($session);
  const [shown, setShown] = useState<FrameView>(view);
  // Whether the buyer was a member when they asked for the view (the membership first known after
  // the page asked, null until then): a member asking to join is shown their membership, while a
  // buyer who joins here keeps the welcome and the merchant's card in the join view.
  const [memberAsked, setMemberAsked] = useState<boolean | null>(null);
  useEffect(() => {
    setShown(view);
    setMemberAsked(null);
  }, [view, asked]);
  const userId = session?.user.id ?? null;
  // The member pages' shared request (src/stores/member.ts): the sections below read the same one.
  const resource = useMembership(slug);
  const current: Resource<Membership | null> = session === null ? { status: 'ready', data: null } : resource.state;
  // While a new session's membership loads (right after the code, mid-exchange), keep showing
  // what was there, so the exchange in progress stays mounted.
  const settled = useRef<Resource<Membership | null> | null>(null);
  if (current.status !== 'loading') settled.current = current;
  const membership = current.status === 'loading' && settled.current ? settled.current : current;
  useEffect(() => {
    if (memberAsked === null && session !== undefined && membership.status === 'ready') setMemberAsked(membership.data !== null);
  }, [memberAsked, session, membership]);
  const memberAskedToJoin = shown === 'join' && membership.status === 'ready' && membership.data !== null && memberAsked !== false;
  // "You have signed out" only over the sign-in it led to: gone once signed in or another view is
  // asked for. "You are already a member" while the membership stands in for the join view asked for.
  useEffect(() => {
    if (memberAskedToJoin) onNotice('alreadyMember');
    else if (session || shown !== 'sign-in') onNotice(null);
  }, [session, shown, memberAskedToJoin]);
  // Signed in with a code, not mid-exchange: what was shown belonged to nobody signed in, and kept
  // while the login's membership loads, a member read "signed in but not a member yet" for a moment.
  const [signedIn, setSignedIn] = useState(false);
  const reading = current.status === 'loading' && (signedIn || (shown === 'sign-in' && !!session));
  useEffect(() => {
    if (current.status !== 'loading') setSignedIn(false);
  }, [current.status]);
  // Told only what a read found: a failed one says nothing of whether the buyer is a member.
  useMemberTerms(store, membership.status === 'ready' ? membership.data : undefined, skus);
  const former = useFormerMembership(slug, membership.status === 'ready' && membership.data === null);
  useFreshOnReopen(asked, !!session);
  useFrameEvents(userId, session === undefined);

  const loading = session === undefined || membership.status === 'loading';
  useEffect(() => {
    if (!loading) onSettled();
  }, [loading]);
  // A view the buyer opens takes focus to its heading, if the buyer is in the frame (else the
  // page's focusing the iframe does, through useFrameBehaviour).
  useEffect(() => {
    if (!loading && document.hasFocus()) focusView();
  }, [loading, shown, asked, membership.status === 'ready' && membership.data !== null]);

  // Only before the frame is ready (a new session's membership keeps the view shown, above),
  // while the panel says "Opening…".
  if (loading) return null;
  if (membership.status === 'failed') {
    return (
      <div role="alert" tabIndex={-1}>
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={resource.retry}>
          {t('retry')}
        </button>
      </div>
    );
  }

  const email = session?.user.email ?? null;
  const paused = store.store.joining_paused;
  const signedInLine = email && (
    <p class="muted signed-in signed-in-line">
      {interpolateParts(t('signedInAs'), { email: emailAddress('email', email) })}{' '}
      {/* Signed out, the buyer is offered to sign in again (another login, say), not the exchange. */}
      <button type="button" class="link-button" onClick={() => void signOut().then(() => { setShown('sign-in'); onNotice('signedOut'); })}>
        {t('signOut')}
      </button>
    </p>
  );

  if (membership.data && (shown !== 'join' || memberAskedToJoin)) {
    return (
      <>
        {signedInLine}
        <MembershipView store={store} skus={skus} focus={sku === null ? null : { sku, asked }} />
      </>
    );
  }
  if (reading) return <p role="status">{t('loading')}</p>;
  if (shown === 'sign-in' && !session) {
    return (
      <EmailSignIn
        headingLevel={1}
        onSignedIn={async () => {
          setSignedIn(true);
          setShown('membership');
        }}
        {...(paused ? {} : { onJoinInstead: () => setShown('join') })}
      />
    );
  }
  return (
    <>
      {signedInLine}
      {/* A login invited by a company here is offered to join it before exchanging cards for a company of its own. */}
      <InvitedToJoin
        slug={slug}
        enabled={!!session && !membership.data}
        headingLevel={1}
        onJoined={() => {
          tellParent({ type: 'event', name: 'joined' });
          setShown('membership');
        }}
      >
        {/* A former member is told so in the join view too: it may be its company's colleagues, not the exchange, that take it back. */}
        {session && !membership.data && former !== undefined && (former.left || shown !== 'join') && (
          <p role="status">
            {/* Both in one pass: a company named "ACME {store}" stays as typed. The login is named once, in the line above. */}
            {interpolateParts(t(notMemberSentence(former, paused)), {
              store: merchantName('store', store.store.name, store.store.name_lang),
              company: isolate(former.company_name ?? ''),
            })}
          </p>
        )}
        <JoinCard
          store={store}
          headingLevel={1}
          signedInEmail={email}
          onJoined={(joined) => {
            if (joined) tellParent({ type: 'event', name: 'joined' });
            // The welcome and the merchant's card stay, whichever view the exchange was in (one
            // begun after signing in was My membership's): the membership, read anew behind
            // them, is the button below.
            setShown('join');
            void reload('membership');
          }}
          {...(session ? {} : { onSignInInstead: () => setShown('sign-in') })}
          // My membership's "On this page" shows the product with the new member's terms, and takes the focus to it.
          {...(sku === null ? {} : { onBackToProduct: () => setShown('membership') })}
        />
      </InvitedToJoin>
      {membership.data && (
        <p>
          <button type="button" onClick={() => setShown('membership')}>
            {t('myMembership')}
          </button>
        </p>
      )}
    </>
  );
}

/**
 * The panel opened again (each view the page asks for after the first; the page asks only while
 * the panel is shown) re-reads the membership, as the review re-reads the quota: the tier may
 * have changed since, the company left in another tab, or a colleague used a sample. One request,
 * and none when the last answer is under half a minute old (a buyer closing and reopening the
 * panel to read on); the view stays on screen meanwhile (no "Loading…"), and a failed re-read
 * leaves it as it was (the buyer asked for nothing: no error replaces the view, nor is the page
 * told they are no member). What the answer finds changed is read anew behind it (use-member.ts):
 * another tier or company, the whole view; a count, the lists that hold it (the samples requested
 * after a colleague's request).
 */
function useFreshOnReopen(asked: number, signedIn: boolean) {
  useEffect(() => {
    if (asked > 0 && signedIn) void revalidate(30_000, 'membership:');
  }, [asked]);
}

/** The page-API events the frame knows of: sign-in, sign-out, and a sample claimed (Confirm went through here). */
function useFrameEvents(userId: string | null, sessionUnknown: boolean) {
  const previousUser = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (sessionUnknown) return;
    if (previousUser.current !== undefined && previousUser.current !== userId) tellParent({ type: 'event', name: userId ? 'signed-in' : 'signed-out' });
    previousUser.current = userId;
  }, [userId, sessionUnknown]);
  useEffect(() => sampleClaimed.listen(() => tellParent({ type: 'event', name: 'sample-claimed' })), []);
}
