/**
 * Hooks the My-membership sections read through: the session (shared by every island, kept
 * fresh by supabase-js), the member's summary and any other request of theirs, each an atom of
 * src/stores/member.ts so sections share requests and retry them.
 */
import { useStore } from '@nanostores/preact';
import { atom } from 'nanostores';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../i18n/locales.ts';
import { showStoreColor } from '../../lib/brand-color.ts';
import { fetchCompany, fetchMembership, fetchSampleClaims, fetchStoreTiers, type Membership } from '../../lib/member-api.ts';
import { follow, resource, refresh, type Resource } from '../../stores/member.ts';
import { $session } from '../../stores/session.ts';
import { useSectionText } from '../use-text.ts';

/** What a section loads its data with. */
export interface MemberContext {
  /**
   * The signed-in member's access token as the request starts: reads go over plain fetch
   * (member-api.ts), so a page of them waits for no supabase-js.
   */
  token: string;
  userId: string;
  slug: string;
  locale: Locale;
}

const waiting = atom<Resource<never>>({ status: 'loading' });

/**
 * The request `name` of the signed-in member at `slug`, loaded by `load`; `part` adds what else
 * the request depends on (null while that is not known yet: the section shows loading).
 */
export function useMemberResource<T>(
  name: string,
  slug: string,
  part: string | null,
  load: (context: MemberContext & { part: string }) => Promise<T>,
): {
  state: Resource<T>;
  retry: () => void;
  /** The atom's state now: what a reload just read, which `state` shows only a timer later (useStore's render). */
  current: () => Resource<T>;
} {
  const session = useStore($session);
  const { locale } = useSectionText('member');
  const userId = session?.user.id;
  const key = userId && part !== null ? `${name}:${userId}:${slug}:${locale}:${part}` : null;
  const store =
    key && userId && part !== null
      ? // The token as the request starts (a retry after a refresh sends the new one).
        resource(key, () => load({ token: $session.get()?.access_token ?? '', userId, slug, locale, part }))
      : (waiting as typeof waiting & { get(): Resource<T> });
  const state = useStore(store) as Resource<T>;
  // useStore listens to a new atom (the part now known) from an effect: an answer set before that
  // (one started early, ready at once) was missed, and the view stayed loading.
  const [, rerender] = useState({});
  useEffect(() => {
    if (store.get() !== state) rerender({});
  }, [store]);
  return { state, retry: () => void (key ? refresh(key) : undefined), current: () => store.get() as Resource<T> };
}

/** "Show more" for a list read a page at a time; `busy` while the longer list loads. */
export interface MoreRows {
  busy: boolean;
  show: () => void;
  /** The last "show more" failed: said beside the button, which asks again; the rows shown stay. */
  failed?: boolean;
}

/**
 * The first page of a long list in the widget frame: a side panel about 360 px wide shows a few
 * rows (the seeded VIP's frame ran to 10,000 px with every product and entry), the rest in place
 * on request, a page at a time as on /me/.
 */
export const fewRows = 3;

/**
 * A list read a page at a time (a big buyer has hundreds of orders, a tier may unlock thousands
 * of products): `load` gets the rows to read, one past those shown, which tells whether more
 * exist; `more` asks for the next page. While it loads, the rows already shown stay on screen.
 * Another `part` (a new search) is another list: it starts at one page, and loads with none shown.
 * `firstPage`: rows shown before the first "show more", when fewer than a page (fewRows).
 */
export function usePagedResource<T>(
  name: string,
  slug: string,
  part: string | null,
  pageSize: number,
  load: (context: MemberContext & { part: string; limit: number }) => Promise<T[]>,
  firstPage = pageSize,
): { state: Resource<T[]>; retry: () => void; more: MoreRows | null } {
  // Held per the last part rendered, not the last one paged: search A, Show more, B, then A
  // again would otherwise come back at A's longer page.
  const pages = useRef({ part, shown: firstPage });
  if (pages.current.part !== part) pages.current = { part, shown: firstPage };
  const shown = pages.current.shown;
  const [, rerender] = useState({});
  const list = useMemberResource(name, slug, part === null ? null : `${part}:${shown}`, (context) =>
    load({ ...context, part: part ?? '', limit: shown + 1 }),
  );
  const previous = useRef<{ part: string | null; rows: T[] } | null>(null);
  if (list.state.status === 'ready') previous.current = { part, rows: list.state.data };
  const kept = previous.current?.part === part ? previous.current.rows : null;
  const busy = list.state.status === 'loading' && kept !== null;
  const rows = busy ? kept : list.state.status === 'ready' ? list.state.data : null;
  if (!rows) return { state: list.state, retry: list.retry, more: null };
  const visible = busy ? shown - pageSize : shown;
  const show = () => {
    if (busy || pages.current.part !== part) return;
    pages.current = { part, shown: shown + pageSize };
    rerender({});
  };
  return {
    state: { status: 'ready', data: rows.slice(0, visible) },
    retry: list.retry,
    more: busy || rows.length > shown ? { busy, show } : null,
  };
}

/**
 * A feed read a page at a time from its last row's time (`before`), for an answer that is more
 * than its rows (my_updates: what is new, too) and may hold more than a page's rows (it never ends
 * inside an instant), which usePagedResource's growing limit cannot read past its 100 rows. The
 * first page is the shared request (retried, reloaded); the pages after it are this view's, and go
 * when the first page loads anew. Each asks one row past the page, which tells whether more exist.
 */
export function useCursorPages<Page, Row>(
  name: string,
  slug: string,
  pageSize: number,
  load: (context: MemberContext & { limit: number; before: string | null }) => Promise<Page>,
  rowsOf: (page: Page) => Row[],
  timeOf: (row: Row) => string,
  /** As useMemberResource's: null reads nothing yet (loading). */
  part: string | null = '',
): { state: Resource<{ first: Page; rows: Row[] }>; retry: () => void; more: MoreRows | null } {
  const session = useStore($session);
  const { locale } = useSectionText('member');
  const first = useMemberResource(name, slug, part, (context) => load({ ...context, limit: pageSize + 1, before: null }));
  const [later, setLater] = useState<{ after: Page | null; rows: Row[]; before: string | null; busy: boolean; failed: boolean }>(
    { after: null, rows: [], before: null, busy: false, failed: false });
  if (first.state.status !== 'ready') return { state: first.state, retry: first.retry, more: null };
  const data = first.state.data;
  /**
   * A page's rows to show: `pageSize` of them and the rest of the last one's instant (the answer
   * holds every instant it reaches whole, so none is split), and where the next page starts —
   * before that instant, when the answer ran past them (a next page found empty ends the list).
   */
  const cut = (rows: Row[]) => {
    if (rows.length <= pageSize) return { shown: rows, before: null };
    const edge = timeOf(rows[pageSize - 1]!);
    let end = pageSize;
    while (end < rows.length && timeOf(rows[end]!) === edge) end++;
    return { shown: rows.slice(0, end), before: edge };
  };
  const top = cut(rowsOf(data));
  const mine = later.after === data ? later : { after: data, rows: [], before: top.before, busy: false, failed: false };
  const show = async () => {
    if (mine.busy || !mine.before || !session) return;
    setLater({ ...mine, busy: true, failed: false });
    try {
      const page = cut(rowsOf(await load({ token: $session.get()?.access_token ?? '', userId: session.user.id, slug, locale, limit: pageSize + 1, before: mine.before })));
      setLater({ ...mine, rows: [...mine.rows, ...page.shown], before: page.before, busy: false, failed: false });
    } catch {
      setLater({ ...mine, busy: false, failed: true });
    }
  };
  return {
    state: { status: 'ready', data: { first: data, rows: [...top.shown, ...mine.rows] } },
    retry: first.retry,
    more: mine.before ? { busy: mine.busy, failed: mine.failed, show: () => void show() } : null,
  };
}

/** The member's summary (`my_membership`) at `slug`; data is null when they are not a member. Without a store, nothing is read (loading). */
export function useMembership(slug: string | null) {
  return useMemberResource<Membership | null>('membership', slug ?? '', slug === null ? null : '', ({ token, locale }) => fetchMembership(token, slug!, locale));
}

/**
 * The store's profile and tiers (public: a login that is no member reads its name too), which also
 * give the page its colour. Without a store, nothing is read (loading).
 */
export function useStoreTiers(slug: string | null) {
  return useMemberResource('tiers', slug ?? '', slug === null ? null : '', async ({ token, locale }) => {
    const store = await fetchStoreTiers(token, slug!, locale);
    showStoreColor(store.brandColor);
    return store;
  });
}

/**
 * What the sections below the summary list, by what of the summary counts it: a read of the
 * summary finding a count changed (a colleague's sample request, points credited by an order,
 * a coupon claimed in another tab, the panel reopened after any of them) reads those lists anew,
 * so the summary and the section never disagree. Another company or tier (staff moved it, the
 * company was left and another joined) changes prices and progress everywhere: everything is read
 * anew. The membership itself is not read again, nor what a write reloaded with it.
 */
const countedIn: readonly [string[], (membership: Membership) => unknown][] = [
  [['claims:'], (m) => [m.samples.used, m.samples.quota]],
  [['points:'], (m) => [m.points.balance, m.points.soonest_expiry?.expires_at, m.points.soonest_expiry?.points]],
  [['rebates:'], (m) => m.rebates.balance],
  [['coupons:'], (m) => m.coupons.claimed.map((coupon) => coupon.id).join()],
  [['company:'], (m) => m.contacts_count],
  [['standing:', 'order-list:', 'orders:'], (m) => [m.progress.paid_orders, m.progress.paid_amount]],
];

follow<Membership | null>('membership:', (before, after) => {
  if (!before || !after) return [];
  if (before.member.id !== after.member.id || before.tier.id !== after.tier.id) return [''];
  return countedIn.flatMap(([names, count]) => (JSON.stringify(count(before)) === JSON.stringify(count(after)) ? [] : names));
});

/** The member id once the summary is in, for the sections reading tables by company. */
export function useMemberId(slug: string): string | null {
  const { state } = useMembership(slug);
  return state.status === 'ready' && state.data ? state.data.member.id : null;
}

/** The member's company and its contacts (fetchCompany): one request for Your company, Privacy and the sample form's address. */
export function useCompany(slug: string) {
  return useMemberResource('company', slug, useMemberId(slug), ({ token, part }) => fetchCompany(token, part));
}

/** The company's sample claims (fetchSampleClaims): one request for Samples and Privacy's question. */
export function useSampleClaims(slug: string) {
  const { locale } = useSectionText('member');
  return useMemberResource('claims', slug, useMemberId(slug), ({ token, part }) => fetchSampleClaims(token, part, locale));
}

/** Reloads requests after a write changed them: `reload('membership', 'claims')`. */
export function reload(...names: string[]): Promise<void[]> {
  return refresh(...names.map((name) => `${name}:`));
}
