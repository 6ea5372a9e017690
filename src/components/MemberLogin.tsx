/** Member sign-in with an emailed 6-digit code: ask for the email, then for the code. */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren, JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { slugFromQuery } from '../lib/query-slug.ts';
import { $session, sendEmailCode, signOut, verifyEmailCode, type AuthResult } from '../stores/session.ts';
import { authFailure, authFailureKind } from './auth-failure.ts';
import { BusyButton } from './BusyButton.tsx';
import { withLang } from './console/links.ts';
import { focusRefusal, useFocusOnViewChange } from './form-focus.ts';
import { useText } from './use-text.ts';

/** The store's page a reader came from and goes back to once signed in: its news, else the store page. Only these two, never an address from the query. */
function cameFromNews(): boolean {
  return new URLSearchParams(window.location.search).get('from') === 'news';
}

type Field = 'email' | 'code';

/** A refusal, beside its field when it is about the step's field (the address, the code), else above the button. */
interface Refusal {
  field: Field | null;
  text: string;
}

/** A refusal shown, numbered: each is a new alert, so one repeated word for word (a second wrong code) is said again. */
type ShownRefusal = Refusal & { count: number };

/**
 * The page's words for a field the browser's own check refuses (`type="email"`, the code's
 * pattern): the form has noValidate, as the browser's bubble spoke the browser's language.
 */
const fieldRules = { email: 'authEmailInvalid', code: 'authCodeInvalid' } as const;

/**
 * `intro`: what the page says above the form, under its heading, while signed out (an invitation
 * link's note). `focusFirst`: the heading takes the focus when first drawn too, as it replaces the
 * page the reader acted in (signed out on My membership).
 */
export default function MemberLogin({ intro, focusFirst = false }: { intro?: ComponentChildren; focusFirst?: boolean } = {}) {
  const session = useStore($session);
  const { t } = useText();
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<ShownRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  // Each step's heading takes focus when the step changes (the form a keyboard or screen-reader
  // user acted in is gone), but not on the page's first render unless `focusFirst`.
  const heading = useRef<HTMLHeadingElement>(null);
  const step = session === undefined ? null : session ? 'signed-in' : email === null ? 'email' : 'code';
  useFocusOnViewChange(step, () => heading.current, focusFirst);

  /** Sends the step's one field once it passes the browser's check, else says beside it what is wrong. */
  async function send(event: SubmitEvent, field: Field, action: (value: string) => Promise<AuthResult>, onSuccess: (value: string) => void = () => undefined) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem(field) as HTMLInputElement;
    const refuse = (refusal: Refusal) => {
      setError((before) => ({ ...refusal, count: (before?.count ?? 0) + 1 }));
      focusRefusal(form);
    };
    if (!input.validity.valid) return refuse({ field, text: t(fieldRules[field]) });
    const value = input.value.trim();
    setBusy(true);
    const result = await action(value);
    setBusy(false);
    if (result.ok) {
      setError(null);
      onSuccess(value);
    } else refuse({ field: authFailureKind(result) === field ? field : null, text: authFailure(result, t) });
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

  const errorLine = error && !error.field && (
    <p key={error.count} role="alert" class="error">
      {error.text}
    </p>
  );
  const fieldError = (field: Field) => (error?.field === field ? error : null);

  if (email === null) {
    const requestCode = (event: SubmitEvent) => void send(event, 'email', sendEmailCode, setEmail);
    return (
      <section aria-labelledby="login-title">
        <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginTitle')}</h1>
        {intro}
        <p>{t('loginIntro')}</p>
        {/* Keyed apart from the code's form: in the same place in the tree, Preact would reuse
            the address's input for the code and keep the address typed in it. */}
        <form key="email" class="stack" onSubmit={requestCode} noValidate>
          <LoginField id="login-email" label={t('emailLabel')} error={fieldError('email')} name="email" type="email" autocomplete="email" required />
          {errorLine}
          <BusyButton type="submit" busy={busy}>
            {busy ? t('loginSending') : t('loginSendCode')}
          </BusyButton>
        </form>
      </section>
    );
  }

  const verify = (event: SubmitEvent) => void send(event, 'code', (code) => verifyEmailCode(email, code));
  return (
    <section aria-labelledby="login-title">
      <h1 id="login-title" ref={heading} tabIndex={-1}>{t('loginTitle')}</h1>
      {intro}
      <p role="status">{t('loginCodeSent', { email })}</p>
      <form key="code" class="stack" onSubmit={verify} noValidate>
        <LoginField
          id="login-code"
          label={t('codeLabel')}
          error={fieldError('code')}
          name="code"
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
        />
        {errorLine}
        <BusyButton type="submit" busy={busy}>
          {busy ? t('signingIn') : t('loginVerify')}
        </BusyButton>
        <button type="button" class="link-button" onClick={() => { setEmail(null); setError(null); }}>
          {t('loginDifferentEmail')}
        </button>
      </form>
    </section>
  );
}

/** A field with its refusal beside it, said as the join form's are: invalid, described by the message, an alert. */
function LoginField({ id, label, error, ...input }: { id: string; label: string; error: ShownRefusal | null } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label'>) {
  return (
    <>
      <label for={id}>{label}</label>
      <input {...input} id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p key={error.count} id={`${id}-error`} role="alert" class="error field-error">
          {error.text}
        </p>
      )}
    </>
  );
}
