/**
 * Member sign-in with an emailed 6-digit code: ask for the email, then for the code, under the
 * page's own heading. The address's form and the code step are the widget's sign-in's
 * (join/EmailSignIn.tsx, join/CodeStep.tsx): a new code once the minute is over, the code sent
 * before offered when a new one is refused. Opened from a store's news (login-return.ts), the code
 * taken leads straight back there.
 */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { interpolateParts, isolate } from '../i18n/format.ts';
import { readStoreColor } from '../lib/brand-color.ts';
import { newsReturn } from '../lib/login-return.ts';
import { slugFromQuery } from '../lib/query-slug.ts';
import { $session, signOut } from '../stores/session.ts';
import { consoleHref, withLang } from './console/links.ts';
import { emailAddress } from './email-address.tsx';
import { useFocusOnViewChange } from './form-focus.ts';
import { CodeStep } from './join/CodeStep.tsx';
import { EmailCodeForm, useCodeRequest } from './join/EmailSignIn.tsx';
import { notMemberSentence, useFormerMembership } from './join/former-membership.ts';
import type { FormerMembership } from './join/join-api.ts';
import { StoreLinks } from './member/StoreSwitcher.tsx';
import { useMembership, useStoreTiers } from './member/use-member.ts';
import { merchantName } from './merchant-name.tsx';
import { useSaidAfterFrame } from './use-said-after-frame.ts';
import { useSectionText, useText } from './use-text.ts';

/**
 * `intro`: what the page says above the form, under its heading, while signed out (an invitation
 * link's note). `focusFirst`: the heading takes the focus when first drawn too, as it replaces the
 * page the reader acted in (signed out on My membership).
 */
export default function MemberLogin({ intro, focusFirst = false }: { intro?: ComponentChildren; focusFirst?: boolean } = {}) {
  const session = useStore($session);
  const { t } = useText();
  const request = useCodeRequest();
  const { sent, setSent } = request;
  // Each step's heading takes focus when the step changes (the form a keyboard or screen-reader
  // user acted in is gone), but not on the page's first render unless `focusFirst`. The code
  // step's is its own h2 (CodeStep takes it), which says what the step asks.
  const heading = useRef<HTMLHeadingElement>(null);
  const step = session === undefined ? null : session ? 'signed-in' : sent === null ? 'email' : 'code';
  useFocusOnViewChange(step, () => heading.current, focusFirst);
  // Signed in, the code is spent: signed out later in this tab, the page starts again at the address.
  const signedIn = Boolean(session);
  useEffect(() => {
    if (signedIn) setSent(null);
  }, [signedIn]);
  // Signed out, the page reads nothing else of its store (signed in, its profile gives the colour:
  // useStoreTiers); asked once the session is known, so a stored one is refreshed first.
  const signedOut = session === null;
  useEffect(() => {
    if (signedOut) readStoreColor();
  }, [signedOut]);

  if (session === undefined) return <p aria-busy="true">{t('loading')}</p>;

  if (session) {
    return (
      <section aria-labelledby="login-title">
        <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginSignedInTitle')}</h1>
        <p class="signed-in-line" data-testid="signed-in-as">{interpolateParts(t('loginSignedIn'), { email: emailAddress('email', session.user.email ?? '') })}</p>
        <SignedInWays slug={slugFromQuery()} />
      </section>
    );
  }

  if (sent === null) {
    return (
      <section aria-labelledby="login-title">
        <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginTitle')}</h1>
        {intro}
        <p>{t('loginIntro')}</p>
        <EmailCodeForm request={request} id="login-email" sendLabel={t('loginSendCode')} />
      </section>
    );
  }

  return (
    <section aria-labelledby="login-title">
      <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginTitle')}</h1>
      {intro}
      <CodeStep
        email={sent.email}
        sentAt={sent.at}
        onSent={(at) => setSent({ email: sent.email, at })}
        submitLabel={t('loginVerify')}
        onVerified={async () => {
          // Sent from the news to sign in, the reader came to read: back there at once, the login
          // page left out of the history (Back returns to where they pressed Sign in).
          const news = newsReturnHref(slugFromQuery());
          if (news) window.location.replace(news.href);
        }}
        onChangeEmail={() => setSent(null)}
      />
    </section>
  );
}

/**
 * Where a signed-in reader goes on: to My membership (in the store the page was opened from) —
 * unless they are no member of that store yet, then to exchange business cards there, which is
 * what My membership would only send them on to, or to the stores they are a member of.
 */
function SignedInWays({ slug }: { slug: string | null }) {
  const { t } = useText();
  const member = useSectionText('member').t;
  const join = useSectionText('join').t;
  const store = slug ? `?s=${encodeURIComponent(slug)}` : '';
  const standing = useStoreStanding(slug);
  const news = newsReturnHref(slug);
  const loading = standing === 'loading';
  const sayLoading = useSaidAfterFrame(loading);
  if (loading) return <p class="muted" role="status">{sayLoading && t('loading')}</p>;
  const joinFirst = typeof standing === 'object';
  const signOutButton = (
    <button type="button" class="secondary" onClick={() => void signOut()}>
      {t('signOut')}
    </button>
  );
  return (
    <>
      {joinFirst ? (
        <>
          <p>{interpolateParts(join(notMemberSentence(standing.former, standing.paused)), { store: standing.name(), company: isolate(standing.former.company_name ?? '') })}</p>
          <p class="actions">
            {/* While the store takes no new members, nothing offers to join: the store page is linked below. */}
            {!standing.paused && (
              <a class="button" href={withLang(`/store/${store}`)}>
                {interpolateParts(t('loginExchangeCards'), { store: standing.name() })}
              </a>
            )}
            {signOutButton}
          </p>
          {/* Signed in for another store, the login's own are a step away: My membership's links. */}
          <StoreLinks label={member('yourStores')} />
        </>
      ) : (
        <p class="actions">
          <a class="button" href={withLang(`/me/${store}`)}>
            {t('loginToMembership')}
          </a>
          {signOutButton}
        </p>
      )}
      {/* The exchange is on the store page: no second link there (while it takes members). */}
      {slug && (news
        ? <p><a href={news.href}>{t(news.post ? 'loginBackToPost' : 'loginBackToNews')}</a></p>
        : (!joinFirst || standing.paused) && <p><a href={withLang(`/store/${store}`)}>{t('loginBackToStore')}</a></p>)}
    </>
  );
}

/**
 * The store's news the login was opened from (a locked post's Sign in): its address, in the page's
 * language, and whether it is one post's. Null when opened otherwise or for no store.
 */
function newsReturnHref(slug: string | null): { href: string; post: boolean } | null {
  const news = newsReturn(window.location.search);
  if (!slug || !news) return null;
  return { href: consoleHref('/posts/', slug, news.post ? { p: news.post } : {}), post: news.post !== null };
}

/** A login that is no member of the page's store: the store's name (each call a new element, for one sentence each), what the store kept of it, and whether it takes members. */
interface NotMember {
  name: () => ComponentChildren;
  former: FormerMembership;
  paused: boolean;
}

/**
 * Whether the signed-in login is a member of `slug`'s store: 'member' (or unknown: no store, or
 * it could not be read, when My membership says what it can), else what it is told instead.
 */
function useStoreStanding(slug: string | null): 'loading' | 'member' | NotMember {
  const membership = useMembership(slug);
  const tiers = useStoreTiers(slug);
  const notMember = !!slug && membership.state.status === 'ready' && !membership.state.data;
  const former = useFormerMembership(slug ?? '', notMember);
  if (!slug) return 'member';
  if (membership.state.status === 'loading' || (notMember && (tiers.state.status === 'loading' || !former))) return 'loading';
  if (!notMember || !former) return 'member';
  const profile = tiers.state.status === 'ready' ? tiers.state.data : null;
  return {
    name: () => (profile ? merchantName('store', profile.storeName, profile.storeNameLang) : isolate(slug)),
    former,
    paused: profile?.joiningPaused === true,
  };
}
