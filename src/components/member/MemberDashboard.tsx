/**
 * My membership (`/me/?s=SLUG`): a signed-in member's whole membership at one store, summary
 * first, then every section. Signed out it offers the sign-in; a login that is a member of
 * several stores switches between them, and one without `?s=` picks (or is sent to its only
 * store), so an address always names the store and can be bookmarked.
 */
import { useStore } from '@nanostores/preact';
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { emailAddress } from '../email-address.tsx';
import { formatListParts, interpolateParts, isolate, type Translate } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { slugFromQuery } from '../../lib/query-slug.ts';
import { $session, signOut } from '../../stores/session.ts';
import { useFocusOnViewChange } from '../form-focus.ts';
import { notMemberSentence, useFormerMembership } from '../join/former-membership.ts';
import { merchantName } from '../merchant-name.tsx';
import { useLazyModule, type LazyModule } from '../use-lazy-module.ts';
import { SectionNav } from '../SectionNav.tsx';
import { useSectionText } from '../use-text.ts';
import { InvitationNote, useInvitationNoteLoading } from './InvitationNote.tsx';
import { InvitedToJoin, invitedTitleId, useInvitationReads } from './InvitedToJoin.tsx';
import { countText, NewCount, NewPostsLink, useNewPostsCount, useNewPostsShown } from './NewPosts.tsx';
import { useDrawnSections } from './drawn-sections.ts';
import type { SectionViewProps } from './section-views.tsx';
import { Section, StateView } from './Section.tsx';
import { memberPageHref, StoreLinks, StoreSwitcher, useMyStores } from './StoreSwitcher.tsx';
import { Summary, useStoreTiers, useSummary } from './Summary.tsx';
import { useNewUpdates } from './updates-feed.ts';
import { useMembership } from './use-member.ts';


/** The product a link from the store page asks for (`?product=<id>`); anything but an id is ignored. */
function productFromLocation(): string | null {
  const id = new URLSearchParams(window.location.search).get('product')?.trim().toLowerCase() ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

export default function MemberDashboard() {
  const session = useStore($session);
  const { t } = useSectionText('member');
  const join = useSectionText('join').t;
  const changed = useSessionChanged(session === undefined ? null : session !== null);
  if (session === undefined) return <p role="status" class="muted">{t('loading')}</p>;
  const slug = slugFromQuery();
  return (
    <>
      {/* Signed out on this page, the sign-in drawn in its place takes the keyboard and says nothing
          of it: said here, as the widget's frame says it, in a live region there from the start (one
          drawn with its words is not read by every screen reader). */}
      <div aria-live="polite">{session === null && changed && <p role="status" class="success">{join('signedOut')}</p>}</div>
      {session === null ? <SignedOut focusFirst={changed} />
        : slug ? <StorePage slug={slug} email={session.user.email ?? ''} focusFirst={changed} /> : <PickStore email={session.user.email ?? ''} focusFirst={changed} />}
    </>
  );
}

/**
 * Whether the login signed in or out while the page was open (`signedIn` null until known): the
 * page then draws a new view in place of the one the reader acted in, whose heading takes the
 * focus once drawn; on a page load it keeps its place.
 */
function useSessionChanged(signedIn: boolean | null): boolean {
  const known = useRef<boolean | null>(null);
  const changed = useRef(false);
  if (signedIn !== null) {
    if (known.current !== null && known.current !== signedIn) changed.current = true;
    known.current = signedIn;
  }
  return changed.current;
}

/**
 * The sign-in (in the colours of the store the address names, as every page about a store:
 * brand-color.ts), loaded when needed: its forms and their schemas are none of a signed-in
 * member's first screen.
 */
function SignedOut({ focusFirst }: { focusFirst: boolean }) {
  const { t } = useSectionText('member');
  const login = useLazyModule(() => import('../MemberLogin.tsx'));
  if (login.module) return <login.module.default intro={<InvitationNote />} focusFirst={focusFirst} />;
  return (
    <StateView state={login.failed ? { status: 'failed', message: '' } : { status: 'loading' }} retry={login.retry}
      loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
      {() => null}
    </StateView>
  );
}

/** Who is signed in, with the way out: on every page of a signed-in login, a member or none. */
function SignedInLine({ email }: { email: string }) {
  const { t } = useSectionText('member');
  return (
    <p class="muted signed-in-line">
      {/* The line ends with the address in every language, so a space parts it from the button. */}
      {interpolateParts(t('signedInAs'), { email: emailAddress('email', email) })}{' '}
      <button type="button" class="link-button" onClick={() => void signOut()}>
        {t('signOut')}
      </button>
    </p>
  );
}

function PickStore({ email, focusFirst }: { email: string; focusFirst: boolean }) {
  const { t } = useSectionText('member');
  const stores = useMyStores();
  const title = useRef<HTMLHeadingElement>(null);
  useFocusOnViewChange('pick', () => title.current, focusFirst);
  const only = stores.state.status === 'ready' && stores.state.data.length === 1 ? stores.state.data[0] : undefined;
  useEffect(() => {
    if (only) window.location.replace(memberPageHref(only.slug));
  }, [only?.slug]);
  return (
    <section aria-labelledby="pick-title">
      <h1 id="pick-title" ref={title}>{t('title')}</h1>
      <div class="member-header">
        <SignedInLine email={email} />
      </div>
      <StateView state={stores.state} retry={stores.retry} loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('noStores')}</p>
          ) : (
            <>
              <p>{t('pickStore')}</p>
              <ul class="link-list">
                {list.map((store) => (
                  <li key={store.id}>
                    <a href={memberPageHref(store.slug)} lang={store.text_langs.name}>{store.name}</a>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </StateView>
    </section>
  );
}

/** The sections under the summary, in the page's order, with their titles' keys. */
const belowSummary = [
  ['updates', 'updatesTitle'],
  ['rights', 'rightsTitle'],
  ['catalogue', 'catalogueTitle'],
  ['find-product', 'findTitle'],
  ['samples', 'samplesTitle'],
  ['orders', 'ordersTitle'],
  ['points', 'pointsTitle'],
  ['rebates', 'rebatesTitle'],
  ['coupons', 'couponsTitle'],
  ['reviews', 'reviewsTitle'],
  ['inquiries', 'inquiriesTitle'],
  // Beside Inquiries, the other way to reach the store; its link at the top finds it.
  ['contact', 'contactTitle'],
  ['company', 'companyTitle'],
  ['privacy', 'privacyTitle'],
] as const;

export type SectionId = (typeof belowSummary)[number][0];

const belowSummaryIds = belowSummary.map(([id]) => id);

/** Every section, for the section links. */
const sections = [['summary', 'summaryTitle'], ...belowSummary] as const;

type TitleKey = (typeof sections)[number][1];

/** A section's title, as its link and its heading say it: Contact's names the store, marked with the language its name is in. */
function sectionTitle(t: Translate<TitleKey>, key: TitleKey, storeName: string, storeNameLang: string) {
  return interpolateParts(t(key), { store: merchantName('store', storeName, storeNameLang) });
}

/** `focusFirst`: drawn after signing in on this page, its heading takes the focus the sign-in had. */
function StorePage({ slug, email, focusFirst }: { slug: string; email: string; focusFirst: boolean }) {
  const { t, locale } = useSectionText('member');
  const join = useSectionText('join').t;
  const membership = useMembership(slug);
  // The store just left, so the page that follows says so rather than "not a member yet".
  const [leftStore, setLeftStore] = useState<{ name: string; lang: string } | null>(null);
  // The page's heading takes the focus when its view changes (signed in, joined by an invitation,
  // the store left: the button used is gone); after leaving, the line saying so.
  const title = useRef<HTMLHeadingElement>(null);
  const left = useRef<HTMLParagraphElement>(null);
  // Nothing but "loading" until the summary's data is in: the page then appears in one piece.
  // Only the counted orders may come later, at the summary's end: the sections below wait for
  // them, so nothing already on screen moves (the island's slot is a screen tall, keeping the
  // footer out of sight), and the sections grow out of sight.
  const { top, standing } = useSummary(slug);
  // The nav's "3 new" and the store switcher too: arriving later, they would move the page.
  const newPosts = useNewPostsCount(slug);
  // Folded on a phone, the menu says there is news inside: the link's count was out of sight.
  const newCount = useNewPostsShown(slug);
  // The Updates link's "3 new", from the feed's first page (started with the first screen, once for
  // the section too). Not waited for, unlike the news' count: counting a company's updates is the
  // first screen's slowest read (the bench's top VIP: the dashboard's paint 2.0-2.5 s → 3.1-3.2 s
  // while it waited); the count joins its link when it comes, on the link's corner, moving nothing.
  const newUpdates = useNewUpdates(slug);
  const myStores = useMyStores();
  // The store's name for a login that is no member (its profile is public); the slug only if that cannot be read.
  const tiers = useStoreTiers(slug);
  const storeName = membership.state.status === 'ready' ? membership.state.data?.store.name : undefined;
  const [chosen] = useState(productFromLocation);
  useEffect(() => {
    if (storeName) document.title = `${t('title')} · ${storeName}`;
  }, [storeName, t]);

  const header = (
    <div class="member-header">
      <SignedInLine email={email} />
      {/* Left, the store is none of the login's: its other stores are offered below what happened. */}
      {!leftStore && <StoreSwitcher current={slug} />}
    </div>
  );

  const headerLoading = newPosts.state.status === 'loading' || myStores.state.status === 'loading';
  const state = membership.state;
  // A login that is no member is offered its invitations first: signed in from an invitation's
  // link, the keyboard goes to the offer it came for, once drawn, not to the page's title.
  const invitation = useInvitationReads(slug, state.status === 'ready' && !state.data && !leftStore);
  // A login that left (or was taken off its company) is told so, not "not a member": as the widget says it.
  const former = useFormerMembership(slug, state.status === 'ready' && !state.data && !leftStore);
  // An invitation link's note too, above the rest, for a member and a login that is none alike.
  const noteLoading = useInvitationNoteLoading(slug);
  const loading = state.status === 'loading' || invitation.loading || noteLoading || (state.status === 'ready' && (tiers.state.status === 'loading' || (state.data ? top.state.status === 'loading' || headerLoading : !leftStore && !former)));
  useFocusOnViewChange(loading ? null : state.status === 'failed' ? 'failed' : state.data ? 'member' : 'none',
    () => left.current ?? document.getElementById(invitedTitleId) ?? title.current, focusFirst);
  // Left from the foot of a long page, what is left of it is its head: brought into view (the
  // focus, given without scrolling, left the reader below it, before a blank screen).
  const leftShown = leftStore !== null && !loading && state.status === 'ready' && !state.data;
  useEffect(() => {
    if (leftShown) window.scrollTo({ top: 0 });
  }, [leftShown]);
  // Asked for once the member's first screen is drawn (section-views.tsx).
  const views = useLazyModule(() => import('./section-views.tsx'), !loading && state.status === 'ready' && state.data !== null);
  if (loading) return <p role="status" class="muted">{t('loading')}</p>;
  if (state.status === 'failed') {
    return (
      <>
        <h1 ref={title}>{t('title')}</h1>
        {header}
        <StateView state={membership.state} retry={membership.retry} loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
          {() => null}
        </StateView>
      </>
    );
  }
  const data = state.status === 'ready' ? state.data : null;
  const newTotal = newUpdates.count + newCount;
  const newSaid = [
    newUpdates.count > 0 && t(pluralKey('navNewUpdates', newUpdates.count, locale), { count: countText(newUpdates.count, newUpdates.more, locale) }),
    newCount > 0 && t(pluralKey('navNewPosts', newCount, locale), { count: countText(newCount, false, locale) }),
  ].filter((said) => said !== false);
  if (!data) {
    const store = tiers.state.status === 'ready' ? tiers.state.data : null;
    // Each sentence's own copy: an element goes in one place of the page.
    const named = () => (store ? merchantName('store', store.storeName, store.storeNameLang) : isolate(slug));
    return (
      <>
        <h1 ref={title}>{t('title')}</h1>
        {header}
        <InvitedToJoin slug={slug} enabled={!leftStore}>
          {!leftStore && <InvitationNote signedIn={{ email, slug }} />}
          <p role="status" ref={leftStore ? left : null}>
            {leftStore
              ? interpolateParts(t('leftStore'), { store: merchantName('store', leftStore.name, leftStore.lang) })
              : interpolateParts(join(notMemberSentence(former!, store?.joiningPaused === true)), { store: named(), company: isolate(former!.company_name ?? '') })}
          </p>
          {/* Joining, or joining again, is refused while the store takes no new members: said, not offered. */}
          {store?.joiningPaused && <p>{interpolateParts(join('joiningPaused'), { store: named() })}</p>}
          {/* A company that just left is not pressed to join again: the store page, plainly. */}
          {/* Still a member elsewhere, the login is offered its other memberships first. */}
          {leftStore && <StoreLinks label={t('yourOtherStores')} without={slug} />}
          {(leftStore || !store?.joiningPaused) && (
            <p>
              <a class={leftStore ? 'button secondary' : 'button'} href={memberPageHref(slug, '/store/')}>
                {t(leftStore ? 'backToStorePage' : 'goJoin')}
              </a>
            </p>
          )}
        </InvitedToJoin>
      </>
    );
  }
  return (
    <>
      <h1 ref={title}>{interpolateParts(t('titleAt'), { store: merchantName('store', data.store.name, data.store.name_lang) })}</h1>
      {header}
      <InvitationNote signedIn={{ email, slug, memberThrough: data.member.company_name }} />
      {/* Folded, the menu carries what is new inside (updates and news posts) as one badge, named with each. */}
      <SectionNav label={t('sectionsNav')} busy={newUpdates.loading}
        summary={newTotal > 0 ? <>{t('sectionsNav')} <NewCount count={newTotal} more={newUpdates.more} label="sectionsNewCount" /></> : t('sectionsNav')}
        summaryLabel={newTotal > 0 ? t('sectionsNavNew', { what: formatListParts(newSaid, locale, (said) => said).join('') }) : undefined}>
        {sections.map(([id, key]) => (
          <li key={id}>
            {id === 'updates' && newUpdates.count > 0 ? (
              <a href={`#${id}`} class="with-count">
                <span class="link-text">{t(key)}</span> <NewCount count={newUpdates.count} more={newUpdates.more} label="newUpdatesCount" corner />
              </a>
            ) : (
              <a href={`#${id}`}>{sectionTitle(t, key, data.store.name, data.store.name_lang)}</a>
            )}
          </li>
        ))}
        <li>
          <NewPostsLink slug={slug} corner />
        </li>
        <li>
          <a href={memberPageHref(slug, '/store/')}>{t('storePageLink')}</a>
        </li>
      </SectionNav>
      <Summary slug={slug} />
      {chosen && (views.module ? <views.module.ChosenProduct slug={slug} productId={chosen} /> : <Unloaded id="chosen-product" title={t('chosenProductTitle')} views={views} />)}
      {standing.state.status !== 'loading' && <Sections views={views} slug={slug} storeName={data.store.name} storeNameLang={data.store.name_lang} onLeft={() => setLeftStore({ name: data.store.name, lang: data.store.name_lang })} />}
    </>
  );
}

type Views = LazyModule<typeof import('./section-views.tsx')>;

/**
 * A section whose view is not drawn yet: its heading, in the loading state every section starts
 * in, or, drawn while the views' code failed to load, the failure and its retry.
 */
function Unloaded({ id, title, views, drawn = true }: { id: string; title: ComponentChildren; views: Views; drawn?: boolean }) {
  return (
    <Section id={id} title={title} state={drawn && views.failed ? { status: 'failed', message: '' } : { status: 'loading' }} retry={views.retry}>
      {() => null}
    </Section>
  );
}

/** Every section below the summary, each drawn as it nears the screen (drawn-sections.ts). */
function Sections({ views, ...props }: SectionViewProps & { views: Views }) {
  const { t } = useSectionText('member');
  // Shown as its view, or as the failure to load it.
  const drawn = useDrawnSections(belowSummaryIds, views.module !== null || views.failed);
  return (
    <>
      {belowSummary.map(([id, title]) =>
        drawn.has(id) && views.module ? (
          <Fragment key={id}>{views.module.sectionViews[id](props)}</Fragment>
        ) : (
          <Unloaded key={id} id={id} title={sectionTitle(t, title, props.storeName, props.storeNameLang)} views={views} drawn={drawn.has(id)} />
        ),
      )}
    </>
  );
}
