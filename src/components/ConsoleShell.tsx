/** The merchant console's shell: staff sign in with email and password; console features come later. */
import { useStore } from '@nanostores/preact';
import { useState } from 'preact/hooks';
import { $session, signInWithPassword, signOut } from '../stores/session.ts';
import { useText } from './use-text.ts';

export default function ConsoleShell() {
  const session = useStore($session);
  const { t } = useText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session === undefined) return <p aria-busy="true">{t('loading')}</p>;

  if (session) {
    return (
      <section aria-labelledby="console-title">
        <h1 id="console-title">{t('consoleTitle')}</h1>
        <p data-testid="signed-in-as">{t('consoleSignedInAs', { email: session.user.email ?? '' })}</p>
        <p>{t('consoleComingSoon')}</p>
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </section>
    );
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    const result = await signInWithPassword(String(form.get('email')), String(form.get('password')));
    setBusy(false);
    setError(result.ok ? null : result.message);
  }

  return (
    <section aria-labelledby="console-title">
      <h1 id="console-title">{t('consoleSignInTitle')}</h1>
      <form class="stack" onSubmit={submit}>
        <label for="console-email">{t('emailLabel')}</label>
        <input id="console-email" name="email" type="email" autocomplete="username" required />
        <label for="console-password">{t('passwordLabel')}</label>
        <input id="console-password" name="password" type="password" autocomplete="current-password" required />
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('consoleSignIn')}
        </button>
      </form>
    </section>
  );
}
