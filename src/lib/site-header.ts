/**
 * The site header's behaviour (layouts/Base.astro): its language links switch this very page and
 * remember the choice, and its sign-in link follows sign-in and sign-out on the page (the login's
 * e-mails following the page's language).
 */
import { chosenLocaleKey, pageLocale } from '../i18n/locales.ts';

/**
 * Points each language link at this page's address (path, query and hash) with `?lang=` set,
 * marks the page's language, and keeps a choice for later pages, which carry no `?lang=` when
 * reached through the site's plain links (pageLocale reads it after `?lang=`).
 */
export function wireLanguageLinks(): void {
  const current = pageLocale();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-locale]')) {
    const locale = link.dataset.locale ?? '';
    const address = new URL(window.location.href);
    address.searchParams.set('lang', locale);
    link.href = address.href;
    if (locale === current) link.setAttribute('aria-current', 'true');
    link.addEventListener('click', (event) => {
      // Held back (the console asks before unsaved changes are lost): no choice made yet.
      if (event.defaultPrevented) return;
      try {
        localStorage.setItem(chosenLocaleKey, locale);
      } catch {
        // Storage blocked: the choice holds for this address (and the links it carries `?lang=` to).
      }
    });
  }
}

/**
 * The head's inline script marked a stored session before the first paint; this follows a sign-in
 * or sign-out on the page. Only islands sign in or out, and they load the session store anyway:
 * watched with `onSet`, which does not start it, a page whose islands never read the session
 * does not load supabase-js for the header's sake.
 */
export function followSession(): void {
  if (!document.querySelector('astro-island')) return;
  void Promise.all([import('nanostores'), import('../stores/session.ts')]).then(([{ onSet }, { $session, keepLoginLanguage }]) => {
    // The first session the page knows (stored, or signed in on it): its e-mails in this page's
    // language. `value`, unlike get(), does not start the store; an island may have started it already.
    let languageKept = false;
    const keepLanguage = (session: typeof $session.value) => {
      if (!session || languageKept) return;
      languageKept = true;
      void keepLoginLanguage(session);
    };
    keepLanguage($session.value);
    onSet($session, ({ newValue }) => {
      if (newValue !== undefined) document.documentElement.toggleAttribute('data-signed-in', newValue !== null);
      keepLanguage(newValue);
    });
  });
}
