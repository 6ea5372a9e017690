/**
 * The island wrapper of every console page. It signs staff in (email + password), loads the
 * stores the login staffs, picks the one named by `?s=SLUG` (the only one when there is one;
 * a picker when there are several or `?s=` names a store the login does not staff; "create a
 * store" when there is none, after saying so when `?s=` names one), shows the store switcher, the console navigation
 * (`./nav.ts`) and sign-out (this browser), and renders `children(store)` for the chosen store,
 * with the login's own account at the foot of every signed-in screen: its sign-in e-mail and
 * changing it (EmailChange), and "Sign out on every device".
 *
 * Astro cannot pass a function to an island, so each page's island is a small component:
 *
 *   export default function SettingsPage() {
 *     return <ConsoleLayout>{(store) => <Settings store={store} />}</ConsoleLayout>;
 *   }
 *
 * `store` is `{id, slug, name, base_currency, default_locale, role}` (`StaffStore`), also in
 * `$staffStore` for other islands. Only the first read of the stores failing takes the whole screen;
 * reading them again (after a rename, a staff change) failing keeps the screen, and what is typed in
 * it, under a notice saying so, with Try again (`StoresOutOfDate`). Screens render their own `<h1>`. Under the header, the files of
 * stores this login deleted are removed from Storage (DeletedStoreFiles). `?new` on any console
 * address shows the create-store form (the picker links to it); `?invite=TOKEN` accepts a staff
 * invitation once signed in.
 */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { slugFromQuery } from '../../lib/query-slug.ts';
import { fetchStoreName } from '../../lib/store-api.ts';
import { $session, signOut } from '../../stores/session.ts';
import { $staffStore, $staffStores, clearStaffStores, loadStaffStores, type StaffStore } from '../../stores/staff-store.ts';
import { $waitingWork, loadWaitingWork } from '../../stores/waiting-work.ts';
import { formatNumber, interpolateParts, isolate } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { useText } from '../use-text.ts';
import { consoleTranslator, useConsoleText } from './console-text.ts';
import { focusIfLost, focusOn } from '../form-focus.ts';
import { emailAddress } from '../email-address.tsx';
import { merchantName } from '../merchant-name.tsx';
import { AcceptInvitation } from './AcceptInvitation.tsx';
import { onDeletedElsewhere, takeDeletedStore, type DeletedStore } from './deleted-store.ts';
import { DeletedStoreFiles } from './DeletedStoreFiles.tsx';
import { CreateStoreForm } from './getting-started/CreateStoreForm.tsx';
import { consoleHref, withLang } from './links.ts';
import { consoleNav } from './nav.ts';
import { SignInForm } from './SignInForm.tsx';
import { StoresOutOfDate } from './StoresOutOfDate.tsx';
import { EmailChange } from '../EmailChange.tsx';
import { ConfirmDialog } from './ui/ConfirmDialog.tsx';
import { failedLoadSentence } from './ui/refusals.ts';
import { LeaveGuard, leaveThen } from './ui/unsaved.tsx';
import './console.css';

interface ConsoleLayoutProps {
  children: (store: StaffStore) => ComponentChildren;
}


/** `?new`: the create-store form, whatever the login already runs. */
function creating(): boolean {
  return new URLSearchParams(window.location.search).has('new');
}

/** `?invite=TOKEN`: a staff invitation accepted (AcceptInvitation), whatever the login already runs. */
function invitationInAddress(): string | null {
  return new URLSearchParams(window.location.search).get('invite');
}

/** The store `?s=` names among the login's, or its only one. */
function storeInAddress(stores: StaffStore[]): StaffStore | undefined {
  const slug = slugFromQuery();
  return slug ? stores.find((candidate) => candidate.slug === slug) : stores.length === 1 ? stores[0] : undefined;
}

export default function ConsoleLayout({ children }: ConsoleLayoutProps) {
  const session = useStore($session);
  const stores = useStore($staffStores);
  const chosen = useStore($staffStore);
  const { t: site } = useText();
  const { t, locale } = useConsoleText('staff');
  const userId = session?.user.id ?? null;
  // An owner sent here by deleting a store, or staff by leaving one: said above whatever the
  // signed-in console shows next (taken then: a sign-in form first keeps it), and focused once
  // drawn, to be heard.
  const [deleted, setDeleted] = useState<DeletedStore | null>(null);
  const deletedLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (session) setDeleted((said) => said ?? takeDeletedStore());
  }, [session]);
  useEffect(() => {
    if (deletedLine.current) focusOn(deletedLine.current);
  }, [deleted]);

  useEffect(() => {
    if (userId) void loadStaffStores(userId);
    else if (session === null) clearStaffStores();
  }, [userId, session]);

  // Signed in here (a password or a code), the form the keyboard was in is gone, and the focus fell
  // to the page's body: the screen's title takes it once drawn (focusIfLost, as a buyer's sign-in
  // gives it to the next view's heading through useFocusOnViewChange). The title comes after the
  // stores are read, and on some screens (a member's) after their own data.
  const signedOut = useRef(false);
  useEffect(() => {
    if (session === null) signedOut.current = true;
    if (!userId || !signedOut.current) return;
    signedOut.current = false;
    return whenDrawn(() => document.querySelector<HTMLElement>('main h1'), (title) => focusIfLost(() => title));
  }, [userId, session === null]);

  // Retry takes its own button away: the keyboard goes to the loading line in its place, then back
  // to Retry if it failed again, or to the screen's title once the screen replaced the loading line
  // (a store from the address is chosen a draw after the stores are read), as LoadState's does: not
  // left on the page's body.
  const storesRetry = useRef<HTMLButtonElement>(null);
  const storesBusy = useRef<HTMLParagraphElement>(null);
  const storesRetried = useRef(false);
  useEffect(() => {
    if (!storesRetried.current) return;
    if (stores.status === 'loading') return void (storesBusy.current && focusOn(storesBusy.current));
    if (stores.status === 'ready' && storesBusy.current?.isConnected) return;
    storesRetried.current = false;
    focusIfLost(() => (stores.status === 'error' ? storesRetry.current : document.querySelector<HTMLElement>('main h1')));
  }, [stores, chosen]);

  // Choose the store from ?s=, or the only one; write the choice into the address. Not while an
  // invitation is accepted: the address written without its token showed the login's own store in
  // place of the invitation's refusal (another address's link, opened by staff of one store).
  useEffect(() => {
    if (stores.status !== 'ready' || creating() || invitationInAddress()) return;
    const store = storeInAddress(stores.stores);
    $staffStore.set(store ?? null);
    if (store && !slugFromQuery()) window.history.replaceState(null, '', consoleHref(window.location.pathname, store.slug));
  }, [stores]);

  // The store this tab shows, deleted by its owner in another tab of this browser: said in place
  // of the screen, whose next save would only be refused.
  const [deletedElsewhere, setDeletedElsewhere] = useState<DeletedStore | null>(null);
  useEffect(() => onDeletedElsewhere(chosen?.id ?? null, setDeletedElsewhere), [chosen?.id]);

  useEffect(() => {
    if (chosen) document.title = `${chosen.name} · ${site('consoleTitle')}`;
  }, [chosen, site]);

  // A link to a part of another console screen (analytics' "embed code" to Getting started's):
  // the browser looked for it when the page loaded, before the screen was drawn.
  useEffect(() => (chosen ? showLinkedPart() : undefined), [chosen?.id]);

  // The page's skip link (Base.astro) goes to <main>, which this island fills from its top: the
  // keyboard landed before Sign out and the navigation, so the next Tabs went through them all.
  // Here it goes to the screen's title, or to the head it shares with a link up to its list above
  // it (.screen-head: "← All members"), which the keyboard had passed at the title.
  useEffect(() => {
    const skip = document.querySelector<HTMLAnchorElement>('a.skip-link');
    const toTitle = (event: MouseEvent) => {
      const title = document.querySelector<HTMLElement>('main .screen-head, main h1');
      if (!title) return;
      event.preventDefault();
      focusOn(title);
    };
    skip?.addEventListener('click', toTitle);
    return () => skip?.removeEventListener('click', toTitle);
  }, []);

  if (session === undefined) return <Busy label={site('loading')} />;
  if (session === null) return <SignInForm />;

  const screen = (store: StaffStore | null, body: ComponentChildren) => (
    <>
      <ConsoleHeader email={session.user.email ?? ''} store={store} stores={stores.status === 'ready' ? stores.stores : []} />
      {deleted && (
        <p role="status" class="success console-narrow" ref={deletedLine}>
          {interpolateParts(t(deleted.left ? 'storeLeft' : 'storeDeleted'), { store: merchantName('store', deleted.name, deleted.lang) })}
        </p>
      )}
      <DeletedStoreFiles userId={session.user.id} />
      {stores.status === 'ready' && stores.refreshError && (
        <StoresOutOfDate class="console-narrow" error={stores.refreshError} retry={() => loadStaffStores(session.user.id, { force: true })} backTo={() => document.querySelector<HTMLElement>('main h1')} />
      )}
      {body}
      <div class="console-account-foot">
        <EmailChange headingLevel={2} />
        <SignOutEverywhere />
      </div>
      <LeaveGuard />
    </>
  );

  const invitation = invitationInAddress();
  if (invitation) return screen(null, <AcceptInvitation token={invitation} email={session.user.email ?? ''} />);

  if (stores.status === 'idle' || stores.status === 'loading') return screen(null, <Busy label={t('loadingStores')} line={storesBusy} />);
  if (stores.status === 'error') {
    return screen(
      null,
      <div role="alert" class="notice error-notice">
        <h1>{t('storesLoadFailed')}</h1>
        <p>{failedLoadSentence(stores.error, t, locale)}</p>
        <button
          type="button"
          ref={storesRetry}
          onClick={() => {
            storesRetried.current = true;
            void loadStaffStores(session.user.id, { force: true });
          }}
        >
          {site('retry')}
        </button>
      </div>,
    );
  }

  if (stores.stores.length === 0 || creating()) {
    // An address naming a store the login has no place at (an owner removed it, it left, or the
    // store was deleted: the server answers a deleted slug as one never used): said first.
    const unknownSlug = creating() ? null : slugFromQuery();
    return screen(
      null,
      <>
        {unknownSlug && <NoLongerStaff slug={unknownSlug} />}
        <CreateStoreForm first={stores.stores.length === 0} />
      </>,
    );
  }

  if (deletedElsewhere) return screen(null, <DeletedElsewhere store={deletedElsewhere} />);

  if (!chosen) {
    // Drawn once before the effect above takes the address's store: that draw said "you are not
    // staff of a store called …" (an alert, heard) on every load.
    if (storeInAddress(stores.stores)) return screen(null, <Busy label={t('loadingStores')} line={storesBusy} />);
    return screen(null, <StorePicker stores={stores.stores} unknownSlug={slugFromQuery()} />);
  }

  return screen(chosen, <div class="console-body">{children(chosen)}</div>);
}

/**
 * Brings the element the address's #fragment names into view, and the keyboard there, once the
 * screen has drawn it (its data read), within a few seconds; returns the stop.
 */
function showLinkedPart(): () => void {
  let id: string;
  try {
    id = decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return () => {};
  }
  if (!id) return () => {};
  return whenDrawn(() => document.getElementById(id), (target) => {
    target.scrollIntoView({ block: 'start' });
    // Not from a reader already at work elsewhere on the page.
    if (document.activeElement === null || document.activeElement === document.body) focusOn(target);
  });
}

/**
 * Once the screen has drawn what `find` finds (its data read), within a few seconds, gives it to
 * `drawn`; returns the stop.
 */
function whenDrawn(find: () => HTMLElement | null, drawn: (target: HTMLElement) => void): () => void {
  const found = () => {
    const target = find();
    if (target) drawn(target);
    return target !== null;
  };
  if (found()) return () => {};
  const watch = new MutationObserver(() => found() && stop());
  const give = setTimeout(() => stop(), 10_000);
  // A reader who clicks or types before it is drawn has gone on without it.
  const inputs = ['pointerdown', 'keydown'] as const;
  const stop = () => {
    watch.disconnect();
    clearTimeout(give);
    for (const input of inputs) document.removeEventListener(input, stop, true);
  };
  for (const input of inputs) document.addEventListener(input, stop, true);
  watch.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/**
 * "Sign out on every device", at the foot of the screen rather than beside Sign out in the
 * header, which stays one short line on a phone: it is seldom needed, and every signed-in screen
 * shows it (also to plain staff, and before a store is chosen), unlike the staff screen's row.
 * Once signed out the layout draws the sign-in form.
 */
function SignOutEverywhere() {
  const { t } = useConsoleText('staff');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    const result = await signOut('global');
    if (!result.ok) {
      setError(t('signOutEverywhereFailed'));
      setBusy(false);
    }
  }

  return (
    <div class="console-sessions">
      <p class="muted">{t('signOutEverywhereExplain')}</p>
      {/* Asked first whether to leave a form's unsaved changes, as Sign out is; then what signing out everywhere does. */}
      <button
        type="button"
        class="link-button"
        onClick={() =>
          leaveThen(() => {
            setError(null);
            setAsking(true);
          })
        }
      >
        {t('signOutEverywhere')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('signOutEverywhere')}
        confirmLabel={t('signOutEverywhere')}
        cancelLabel={t('cancel')}
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        <p>{t('signOutEverywhereQuestion')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** The notice in place of a screen whose store another tab deleted, focused to be heard. */
function DeletedElsewhere({ store }: { store: DeletedStore }) {
  const { t } = useConsoleText('staff');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (heading.current) focusOn(heading.current);
  }, []);
  return (
    <div class="notice console-narrow">
      <h1 ref={heading}>{interpolateParts(t('storeDeletedElsewhere'), { store: merchantName('store', store.name, store.lang) })}</h1>
      <p>
        <a href={withLang('/console/')}>{t('storeDeletedElsewhereLink')}</a>
      </p>
    </div>
  );
}

function Busy({ label, line }: { label: string; line?: Ref<HTMLParagraphElement> }) {
  return (
    <p class="busy" role="status" aria-busy="true" ref={line ?? null}>
      {label}
    </p>
  );
}

function ConsoleHeader({ email, store, stores }: { email: string; store: StaffStore | null; stores: StaffStore[] }) {
  const { t: site, locale } = useText();
  const { t } = useConsoleText('staff');
  const path = window.location.pathname;
  const lang = new URLSearchParams(window.location.search).get('lang');
  const navList = useRef<HTMLUListElement>(null);
  const waiting = useStore($waitingWork);
  const counts = store && waiting?.storeId === store.id ? waiting.counts : null;
  useEffect(() => {
    if (store) void loadWaitingWork(store.id);
  }, [store?.id]);
  // On a phone the nav is one row scrolling sideways: start it at the current screen's entry,
  // which would otherwise sit out of sight for every screen past the first few. Before the first
  // paint (a layout effect), so the row never shows at its start and then jumps; only the row
  // scrolls, never the page. The row's widths may change after that paint (the stylesheet or a
  // font arriving, a phone turned), which left the entry out of sight: centred again whenever an
  // entry or the row changes size, until the reader moves the row themselves.
  useLayoutEffect(() => {
    const list = navList.current;
    const current = list?.querySelector<HTMLElement>('[aria-current]');
    if (!list || !current) return;
    let following = true;
    const centre = () => {
      if (!following || list.scrollWidth <= list.clientWidth) return;
      const offset = current.getBoundingClientRect().left - list.getBoundingClientRect().left;
      list.scrollLeft += offset - (list.clientWidth - current.offsetWidth) / 2;
    };
    centre();
    const resized = new ResizeObserver(centre);
    resized.observe(list);
    for (const entry of list.children) resized.observe(entry);
    void document.fonts.ready.then(centre);
    const release = () => {
      following = false;
      resized.disconnect();
    };
    const moves = ['pointerdown', 'wheel', 'keydown'] as const;
    for (const move of moves) list.addEventListener(move, release, { once: true, passive: true });
    return () => {
      release();
      for (const move of moves) list.removeEventListener(move, release);
    };
  }, [store?.id]);
  return (
    <div class="console-header">
      <div class="console-identity">
        {store && (
          <p class="console-store">
            <span class="console-store-name" lang={store.name_lang}>{store.name}</span>{' '}
            <span class="badge">{store.role === 'owner' ? t('roleOwner') : t('roleStaff')}</span>
          </p>
        )}
        {/* The address whole, breaking only before its "@" (cut short on one line, a long one hid which login it was). */}
        <p class="console-account">
          <span class="muted signed-in-line" data-testid="signed-in-as">
            {interpolateParts(site('consoleSignedInAs'), { email: emailAddress('email', email) })}
          </span>
          <button type="button" class="link-button" onClick={() => leaveThen(() => void signOut())}>
            {site('signOut')}
          </button>
        </p>
      </div>
      {store && stores.length > 1 && (
        <form
          class="store-switcher"
          method="get"
          action={path}
          onSubmit={(event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const choice = form.elements.namedItem('s') as HTMLSelectElement;
            // form.submit() sends without a second submit event. Staying, the select names this page's store again.
            leaveThen(
              () => form.submit(),
              () => {
                choice.value = store.slug;
              },
            );
          }}
        >
          <label for="store-switch">{t('switchStore')}</label>
          <select id="store-switch" name="s">
            {stores.map((option) => (
              <option key={option.id} value={option.slug} selected={option.id === store.id}>
                {option.name}
              </option>
            ))}
          </select>
          {lang && <input type="hidden" name="lang" value={lang} />}
          <button type="submit">{t('switch')}</button>
        </form>
      )}
      {store && (
        <nav class="console-nav" aria-label={t('navLabel')}>
          {/* On a phone the row scrolls sideways (phones hide scroll bars): .scroll-shadow shows where. */}
          <ul ref={navList} class="scroll-shadow">
            {consoleNav.map((entry) => {
              const label = entry.section === 'growth' ? consoleTranslator(locale, 'growth')(entry.labelKey) : t(entry.labelKey);
              const count = entry.waiting && counts ? counts[entry.waiting] : 0;
              return (
                <li key={entry.href}>
                  <a href={consoleHref(entry.href, store.slug)} aria-current={path === entry.href ? 'page' : entry.within?.includes(path) ? 'true' : undefined}>
                    {label}
                    {count > 0 && (
                      <>
                        <span class="nav-count" aria-hidden="true">{formatNumber(count, locale)}</span>
                        <span class="visually-hidden">{t(pluralKey('navWaiting', count, locale), { count: formatNumber(count, locale) })}</span>
                      </>
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
    </div>
  );
}

/**
 * The store in the address, of which the login is no staff (an owner removed it, it left, or the
 * store was deleted), named as anyone reads it (store_profile is public), or "this store" once it
 * cannot be: its address's slug is no name a reader knows it by. Said once the name is read or not.
 */
function NoLongerStaff({ slug }: { slug: string }) {
  const { t, locale } = useConsoleText('staff');
  const [store, setStore] = useState<{ name: string; lang: string } | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    fetchStoreName(slug, locale).catch(() => null).then((named) => current && setStore(named));
    return () => void (current = false);
  }, [slug, locale]);
  if (store === undefined) return null;
  return (
    <p role="alert" class="error console-narrow">
      {store ? interpolateParts(t('notYourStoreNoneNamed'), { store: merchantName('store', store.name, store.lang) }) : t('notYourStoreNone')}
    </p>
  );
}

function StorePicker({ stores, unknownSlug }: { stores: StaffStore[]; unknownSlug: string | null }) {
  const { t } = useConsoleText('staff');
  const path = window.location.pathname;
  return (
    <section aria-labelledby="picker-title" class="console-narrow">
      <h1 id="picker-title">{t('pickStoreTitle')}</h1>
      {unknownSlug && (
        <p role="alert" class="error">
          {t('notYourStore', { slug: isolate(unknownSlug) })}
        </p>
      )}
      <ul class="store-list">
        {stores.map((store) => (
          <li key={store.id}>
            <a href={consoleHref(path, store.slug)} lang={store.name_lang}>{store.name}</a>{' '}
            <span class="badge">{store.role === 'owner' ? t('roleOwner') : t('roleStaff')}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={withLang('/console/?new')}>{t('createAnotherStore')}</a>
      </p>
    </section>
  );
}
