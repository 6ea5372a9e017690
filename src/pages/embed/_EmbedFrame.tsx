/**
 * The widget's signed-in frame (`/embed/?s=SLUG`). It does nothing until the page embedding it
 * introduces itself (_channel.ts), then checks that page's origin against the store's
 * `embed_origins`: a page not on the list gets a sentence naming it and no sign-in at all.
 * On an allowed page it shows the business-card exchange, the e-mail-code sign-in or the
 * member's own membership, tells the page its height, Escape and the page-API events, and the
 * member's terms for the product placements as display text.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FrameView } from '../../../widget/src/frame-protocol.ts';
import { EmailSignIn } from '../../components/join/EmailSignIn.tsx';
import { fetchStoreWithCard, type StoreWithCard } from '../../components/join/join-api.ts';
import { JoinCard } from '../../components/join/JoinCard.tsx';
import { useSectionText } from '../../components/use-text.ts';
import { isolate, sentenceGap } from '../../i18n/format.ts';
import { useMembership, reload } from '../../components/member/use-member.ts';
import type { Membership } from '../../lib/member-api.ts';
import { supabase } from '../../lib/supabase.ts';
import type { Resource } from '../../stores/member.ts';
import { $session, signOut } from '../../stores/session.ts';
import { $parent, tellParent, type Parent } from './_channel.ts';
import { MembershipView } from './_MembershipView.tsx';
import { useMemberTerms } from './_member-terms.ts';

type Load<T> = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; data: T };

const slug = new URLSearchParams(window.location.search).get('s')?.trim() ?? '';

function useLoad<T>(load: (() => Promise<T>) | null, deps: unknown[]): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!load) return;
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => {
        console.error(error);
        if (current) setState({ status: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

/** Reports the content's height to the page (the iframe follows it) and Escape as "close". */
function useFrameBehaviour(container: { current: HTMLElement | null }) {
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => tellParent({ type: 'resize', height: Math.ceil(element.getBoundingClientRect().height) }));
    observer.observe(element);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') tellParent({ type: 'close' });
    };
    // Focus arrives from the page (it focuses the iframe): give it to the view's heading.
    const onFocus = () => {
      if (document.activeElement === document.body) document.querySelector<HTMLElement>('main h2')?.focus();
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
  useFrameBehaviour(container);
  const connected = parent.status === 'connected';
  const [store, retryStore] = useLoad(connected ? () => fetchStoreWithCard(supabase(), slug, locale) : null, [connected, locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    if (store.status === 'ready' && store.data) document.title = t('frameTitle', { store: store.data.store.name });
  }, [store]);

  const allowed = connected && store.status === 'ready' && store.data !== null && store.data.store.embed_origins.includes(parent.origin);
  useEffect(() => {
    if (connected && store.status === 'ready') tellParent({ type: 'ready', allowed });
  }, [connected, store.status, allowed]);

  let content;
  if (parent.status === 'standalone') {
    content = (
      <p>
        {t('notEmbedded')}
        {sentenceGap(locale)}
        <a href={`/store/?s=${encodeURIComponent(slug)}&lang=${locale}`}>{t('openStorePage', { store: isolate(slug) })}</a>
      </p>
    );
  } else if (parent.status === 'waiting' || store.status === 'loading') {
    content = <p class="muted">{t('loading')}</p>;
  } else if (store.status === 'failed') {
    content = (
      <div role="alert">
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={retryStore}>
          {t('retry')}
        </button>
      </div>
    );
  } else if (!store.data) {
    content = <p role="alert">{t('storeNotFound', { slug: isolate(slug) })}</p>;
  } else if (!allowed) {
    content = (
      <div role="alert" class="refused">
        <h2 tabIndex={-1}>{t('frameTitle', { store: isolate(store.data.store.name) })}</h2>
        <p>{t('notAuthorised', { store: isolate(store.data.store.name) })}</p>
        <a href={`/store/?s=${encodeURIComponent(slug)}&lang=${locale}`} target="_blank" rel="noopener">
          {t('openStorePage', { store: isolate(store.data.store.name) })}
        </a>
        {/* The buyer cannot act on the origin; the merchant testing their page needs it named. */}
        <p class="refused-origin">{t('notAuthorisedOrigin', { origin: isolate(parent.origin) })}</p>
      </div>
    );
  } else {
    const { view, asked, skus } = parent as Extract<Parent, { status: 'connected' }>;
    content = <AllowedFrame store={store.data} view={view} asked={asked} skus={skus} />;
  }

  return (
    <div ref={container} class="embed-content" style={store.status === 'ready' && store.data?.store.brand_color ? { '--color-accent': store.data.store.brand_color } : undefined}>
      {content}
    </div>
  );
}

/** The frame on an allowed page: who is signed in decides what each view shows. */
function AllowedFrame({ store, view, asked, skus }: { store: StoreWithCard; view: FrameView; asked: number; skus: string[] }) {
  const { t } = useSectionText('join');
  const session = useStore($session);
  const [shown, setShown] = useState<FrameView>(view);
  useEffect(() => setShown(view), [view, asked]);
  const userId = session?.user.id ?? null;
  // The member pages' shared request (src/stores/member.ts): the sections below read the same one.
  const resource = useMembership(slug);
  const current: Resource<Membership | null> = session === null ? { status: 'ready', data: null } : resource.state;
  // While a new session's membership loads (right after the code, mid-exchange), keep showing
  // what was there, so the exchange in progress stays mounted.
  const settled = useRef<Resource<Membership | null> | null>(null);
  if (current.status !== 'loading') settled.current = current;
  const membership = current.status === 'loading' && settled.current ? settled.current : current;
  useMemberTerms(store, membership.status === 'ready' ? membership.data : null, skus);
  useFrameEvents(userId, session === undefined, membership);

  if (session === undefined || membership.status === 'loading') return <p class="muted">{t('loading')}</p>;
  if (membership.status === 'failed') {
    return (
      <div role="alert">
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={resource.retry}>
          {t('retry')}
        </button>
      </div>
    );
  }

  const email = session?.user.email ?? null;
  const signedInLine = email && (
    <p class="muted signed-in">
      {t('signedInAs', { email: isolate(email) })}{' '}
      <button type="button" class="link-button" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </p>
  );

  if (membership.data && shown !== 'join') {
    return (
      <>
        {signedInLine}
        <MembershipView store={store} />
      </>
    );
  }
  if (shown === 'sign-in' && !session) {
    return <EmailSignIn onSignedIn={async () => setShown('membership')} onJoinInstead={() => setShown('join')} />;
  }
  return (
    <>
      {signedInLine}
      {session && !membership.data && shown !== 'join' && (
        <p role="status">{t('notMemberYet', { email: isolate(email ?? ''), store: isolate(store.store.name) })}</p>
      )}
      <JoinCard
        store={store}
        signedInEmail={email}
        onJoined={(joined) => {
          if (joined) tellParent({ type: 'event', name: 'joined' });
          void reload('membership');
        }}
        {...(session ? {} : { onSignInInstead: () => setShown('sign-in') })}
      />
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

/** The page-API events the frame knows of: sign-in, sign-out, and a sample claimed (the quota used grew). */
function useFrameEvents(userId: string | null, sessionUnknown: boolean, membership: Resource<Membership | null>) {
  const previousUser = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (sessionUnknown) return;
    if (previousUser.current !== undefined && previousUser.current !== userId) tellParent({ type: 'event', name: userId ? 'signed-in' : 'signed-out' });
    previousUser.current = userId;
  }, [userId, sessionUnknown]);
  const used = membership.status === 'ready' && membership.data ? membership.data.samples.used : null;
  const previousUsed = useRef<number | null>(null);
  useEffect(() => {
    if (used !== null && previousUsed.current !== null && used > previousUsed.current) tellParent({ type: 'event', name: 'sample-claimed' });
    previousUsed.current = used;
  }, [used]);
}
