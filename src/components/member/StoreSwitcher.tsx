/** The stores the login is a member of, as links to each one's page (the address carries the store). */
import { fetchMyStores } from '../../lib/member-api.ts';
import { useSectionText } from '../use-text.ts';
import { useMemberResource } from './use-member.ts';

/** `/me/?s=slug`, keeping a `?lang=` the reader chose. */
export function memberPageHref(slug: string, path = '/me/'): string {
  const params = new URLSearchParams({ s: slug });
  const lang = new URLSearchParams(window.location.search).get('lang');
  if (lang) params.set('lang', lang);
  return `${path}?${params}`;
}

export function useMyStores() {
  return useMemberResource('stores', '', '', ({ token, userId }) => fetchMyStores(token, userId));
}

export function StoreSwitcher({ current }: { current: string }) {
  const { t } = useSectionText('member');
  const { state } = useMyStores();
  if (state.status !== 'ready' || state.data.length < 2) return null;
  return (
    <nav class="store-switcher" aria-label={t('yourStores')}>
      <p class="muted">{t('yourStores')}</p>
      <ul>
        {state.data.map((store) => (
          <li key={store.id}>
            <a href={memberPageHref(store.slug)} aria-current={store.slug === current ? 'page' : undefined} lang={store.text_langs.name}>
              {store.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
