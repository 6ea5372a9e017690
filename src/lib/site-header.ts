/**
 * The site header's behaviour (layouts/Base.astro): its language links switch this very page and
 * remember the choice, the page's links keep a `?lang=` it was opened with, and its sign-in link
 * follows sign-in and sign-out on the page (the login's e-mails following the page's language).
 */
import { withLang } from '../components/console/links.ts';
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
        sessionStorage.setItem(languageJustChosenKey, locale);
      } catch {
        // Storage blocked: the choice holds for this address (and the links it carries `?lang=` to).
      }
    });
  }
}

/**
 * A page opened with `?lang=` (a link shared in Spanish, a language link followed) gives it to its
 * built links to the site's other pages (the header's sign-in, the brand, the footer's console,
 * the home page's buttons), as the islands' links do (consoleHref): a reader who chose no language
 * here and whose browser speaks another landed on the next page in the browser's.
 */
export function keepLanguageInLinks(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="/"]')) {
    // An island draws its own links, with the language already.
    if (!link.closest('astro-island')) link.setAttribute('href', withLang(link.getAttribute('href') ?? '/'));
  }
}

/** Set by a language link as it is followed, read (and cleared) by the page it opens: followSession. */
const languageJustChosenKey = 'cardclub.language-chosen';

/**
 * The head's inline script marked a stored session before the first paint; this follows a sign-in
 * or sign-out on the page. Only islands sign in or out, and they load the session store anyway:
 * watched with `onSet`, which does not start it, a page whose islands never read the session
 * does not load supabase-js for the header's sake.
 *
 * Signing in on the page, or arriving signed in from a language link, the login's e-mails take the
 * page's language (keepLoginLanguage): both are the person's own doing, once each. Not every page
 * a login opens: each would be a PUT /user, whose rate limit e-mail changes and passwords share.
 */
export function followSession(): void {
  if (!document.querySelector('astro-island')) return;
  let chosen = false;
  try {
    chosen = sessionStorage.getItem(languageJustChosenKey) !== null;
    sessionStorage.removeItem(languageJustChosenKey);
  } catch {
    // Storage blocked: no language is kept for the login but by signing in.
  }
  void Promise.all([import('nanostores'), import('../stores/session.ts')]).then(([{ onSet }, { $session, keepLoginLanguage }]) => {
    // `value`, unlike get(), does not start the store; an island may have started it already.
    let kept = false;
    const keep = (session: NonNullable<typeof $session.value>) => {
      kept = true;
      void keepLoginLanguage(session);
    };
    if (chosen && $session.value) keep($session.value);
    onSet($session, ({ newValue }) => {
      if (newValue !== undefined) document.documentElement.toggleAttribute('data-signed-in', newValue !== null);
      // Signed out before (null): a sign-in on this page. Unknown before (undefined): the stored session.
      if (newValue && !kept && ($session.value === null || chosen)) keep(newValue);
    });
  });
}
