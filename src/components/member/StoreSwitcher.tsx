/** The stores the login is a member of, as links to each one's page (the address carries the store). */
import { formatNumber, parenthetical } from '../../i18n/format.ts';
import { fetchMyStores } from '../../lib/member-api.ts';
import { consoleHref } from '../console/links.ts';
import { useSectionText } from '../use-text.ts';
import { NarrowFold } from './NarrowFold.tsx';
import { useMemberResource } from './use-member.ts';

/** `/me/?s=slug` (or another of the store's pages), keeping a `?lang=` the reader chose. */
export function memberPageHref(slug: string, path = '/me/'): string {
  return consoleHref(path, slug);
}

export function useMyStores() {
  return useMemberResource('stores', '', '', ({ token, userId }) => fetchMyStores(token, userId));
}

/** The login's stores, the current one marked: on a phone one line ("Your stores (3)") that opens to them. */
export function StoreSwitcher({ current }: { current: string }) {
  const { t, locale } = useSectionText('member');
  const { state } = useMyStores();
  if (state.status !== 'ready' || state.data.length < 2) return null;
  return (
    <nav class="member-stores" aria-label={t('yourStores')}>
      <NarrowFold class="store-fold" summary={`${t('yourStores')}${parenthetical(formatNumber(state.data.length, locale), locale)}`}>
        <StoreLinks label={t('yourStores')} current={current} />
      </NarrowFold>
    </nav>
  );
}

/**
 * The login's stores as links to their pages under `label`, `current`'s marked as the page shown;
 * `without` one (a store just left, until the list is read again). Nothing when none is left.
 */
export function StoreLinks({ label, current, without }: { label: string; current?: string; without?: string }) {
  const { state } = useMyStores();
  const stores = state.status === 'ready' ? state.data.filter((store) => store.slug !== without) : [];
  if (stores.length === 0) return null;
  return (
    <div class="store-links">
      <p class="muted">{label}</p>
      <ul>
        {stores.map((store) => (
          <li key={store.id}>
            <a href={memberPageHref(store.slug)} aria-current={store.slug === current ? 'page' : undefined} lang={store.text_langs.name}>
              {store.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
