/** Member sign-in with an emailed 6-digit code: ask for the email, then for the code. */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { slugFromQuery } from '../lib/query-slug.ts';
import { $session, sendEmailCode, signOut, verifyEmailCode, type AuthResult } from '../stores/session.ts';
import { authFailure } from './auth-failure.ts';
import { withLang } from './console/links.ts';
import { useText } from './use-text.ts';

/** The store's page a reader came from and goes back to once signed in: its news, else the store page. Only these two, never an address from the query. */
function cameFromNews(): boolean {
  return new URLSearchParams(window.location.search).get('from') === 'news';
}

/** `intro`: what the page says above the form, under its heading, while signed out (an invitation link's note). */
export default function MemberLogin({ intro }: { intro?: ComponentChildren } = {}) {
  const session = useStore($session);
  const { t } = useText();
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each step's heading takes focus when the step changes (the form a keyboard or screen-reader
  // user acted in is gone), but not on the page's first render.
  const heading = useRef<HTMLHeadingElement>(null);
  const step = session === undefined ? null : session ? 'signed-in' : email === null ? 'email' : 'code';
  const firstStep = useRef<typeof step>(null);
  useEffect(() => {
    if (firstStep.current === null) firstStep.current = step;
    else if (step !== null) heading.current?.focus();
  }, [step]);

  async function run(action: () => Promise<AuthResult>, onSuccess: () => void = () => undefined) {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setError(result.ok ? null : authFailure(result, t));
    if (result.ok) onSuccess();
  }

  if (session === undefined) return <p aria-busy="true">{t('loading')}</p>;

  const slug = slugFromQuery();
  if (session) {
    // Signed in, the page leads on to the membership (in the store it was opened from).
    const store = slug ? `?s=${encodeURIComponent(slug)}` : '';
    return (
      <section aria-labelledby="login-title">
        <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginSignedInTitle')}</h1>
        <p data-testid="signed-in-as">{t('loginSignedIn', { email: session.user.email ?? '' })}</p>
        <p class="actions">
          <a class="button" href={withLang(`/me/${store}`)}>
            {t('loginToMembership')}
          </a>
          <button type="button" class="secondary" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </p>
        {slug && (cameFromNews()
          ? <p><a href={withLang(`/posts/${store}`)}>{t('loginBackToNews')}</a></p>
          : <p><a href={withLang(`/store/${store}`)}>{t('loginBackToStore')}</a></p>)}
      </section>
    );
  }

  const errorLine = error && (
    <p role="alert" class="error">
      {error}
    </p>
  );

  if (email === null) {
    const requestCode = (event: SubmitEvent) => {
      event.preventDefault();
      const address = String(new FormData(event.currentTarget as HTMLFormElement).get('email')).trim();
      void run(() => sendEmailCode(address), () => setEmail(address));
    };
    return (
      <section aria-labelledby="login-title">
        <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginTitle')}</h1>
        {intro}
        <p>{t('loginIntro')}</p>
        {/* Keyed apart from the code's form: in the same place in the tree, Preact would reuse
            the address's input for the code and keep the address typed in it. */}
        <form key="email" class="stack" onSubmit={requestCode}>
          <label for="login-email">{t('emailLabel')}</label>
          <input id="login-email" name="email" type="email" autocomplete="email" required />
          {errorLine}
          <button type="submit" disabled={busy}>
            {busy ? t('loginSending') : t('loginSendCode')}
          </button>
        </form>
      </section>
    );
  }

  const verify = (event: SubmitEvent) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget as HTMLFormElement).get('code')).trim();
    void run(() => verifyEmailCode(email, code));
  };
  return (
    <section aria-labelledby="login-title">
      <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginTitle')}</h1>
      {intro}
      <p role="status">{t('loginCodeSent', { email })}</p>
      <form key="code" class="stack" onSubmit={verify}>
        <label for="login-code">{t('codeLabel')}</label>
        <input
          id="login-code"
          name="code"
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
        />
        {errorLine}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('loginVerify')}
        </button>
        <button type="button" class="link-button" onClick={() => { setEmail(null); setError(null); }}>
          {t('loginDifferentEmail')}
        </button>
      </form>
    </section>
  );
}
