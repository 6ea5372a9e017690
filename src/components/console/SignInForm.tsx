/**
 * Staff sign in to the console with email and password, or with a 6-digit code sent by email
 * (for someone invited to the staff who has no password yet, and for a new merchant, whose
 * first code creates the login). The session lives in `$session`. Opened from a staff invitation's
 * link (`?invite=TOKEN`), it first says what the invitation is (staff_invitation_preview): the
 * store, who invites, the role and until when, so the invitee can judge the link before signing
 * in; or that the link is spent.
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { formatDate, interpolateParts } from '../../i18n/format.ts';
import { staffInvitationPreview } from '../../lib/console/staff.ts';
import { sendEmailCode, signInWithPassword, verifyEmailCode, type AuthResult } from '../../stores/session.ts';
import { authFailure } from '../auth-failure.ts';
import { emailAddress } from '../email-address.tsx';
import { useFocusOnViewChange } from '../form-focus.ts';
import { merchantName } from '../merchant-name.tsx';
import { useText } from '../use-text.ts';
import { useConsoleText } from './console-text.ts';
import { Field, FormError } from './ui/Field.tsx';
import { zodErrors, type FieldErrors } from './ui/form-errors.ts';
import { useLoad } from './ui/use-load.ts';
import { CheckedForm } from './ui/CheckedForm.tsx';
import { BusyButton } from '../BusyButton.tsx';

type Mode = { kind: 'password' } | { kind: 'code' } | { kind: 'verify'; email: string };

export function SignInForm() {
  const { t: site } = useText();
  const { t } = useConsoleText('staff');
  const invitation = new URLSearchParams(window.location.search).get('invite');
  const invited = invitation !== null;
  const [mode, setMode] = useState<Mode>({ kind: invited ? 'code' : 'password' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each step's form replaces the last, with the button pressed in it: its first field takes the
  // keyboard, as the member sign-in's code step takes it, else the focus falls to the page's body.
  useFocusOnViewChange(mode.kind, () => document.getElementById(mode.kind === 'verify' ? 'console-code' : 'console-email'));

  const email = z.string().trim().email(t('errorEmail'));
  const schemas = {
    password: z.object({ email, password: z.string().min(1, t('errorRequired')) }),
    code: z.object({ email }),
    verify: z.object({ code: z.string().trim().regex(/^\d{6}$/, t('errorCode')) }),
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement));
    const parsed = schemas[mode.kind].safeParse(form);
    setErrors(parsed.success ? {} : zodErrors(parsed.error));
    if (!parsed.success) return;
    const data = parsed.data as { email?: string; password?: string; code?: string };
    setBusy(true);
    let result: AuthResult;
    if (mode.kind === 'password') result = await signInWithPassword(data.email!, data.password!);
    else if (mode.kind === 'code') {
      result = await sendEmailCode(data.email!);
      if (result.ok) setMode({ kind: 'verify', email: data.email! });
    } else result = await verifyEmailCode(mode.email, data.code!);
    setBusy(false);
    setError(result.ok ? null : authFailure(result, site));
  }

  function switchTo(next: Mode) {
    setErrors({});
    setError(null);
    setMode(next);
  }

  return (
    <section aria-labelledby="console-title" class="console-narrow">
      <h1 id="console-title">{site('consoleSignInTitle')}</h1>
      {invited ? <InvitationPreview token={invitation} /> : <p>{t('signInIntro')}</p>}
      {/* A merchant's first sign-in opens their login; ConsoleLayout then offers to create a store. */}
      {!invited && <p>{t('signInNewMerchant')}</p>}
      <CheckedForm check={errors} leaveFreely class="stack" onSubmit={submit} key={mode.kind}>
        {mode.kind !== 'verify' && (
          <Field id="console-email" label={site('emailLabel')} error={errors.email}>
            {(aria) => <input {...aria} name="email" type="email" autocomplete="username" required />}
          </Field>
        )}
        {mode.kind === 'password' && (
          <Field id="console-password" label={site('passwordLabel')} error={errors.password}>
            {(aria) => <input {...aria} name="password" type="password" autocomplete="current-password" required />}
          </Field>
        )}
        {mode.kind === 'verify' && (
          <>
            <p role="status">{interpolateParts(site('loginCodeSent'), { email: emailAddress('email', mode.email) })}</p>
            <Field id="console-code" label={site('codeLabel')} error={errors.code}>
              {(aria) => <input {...aria} name="code" inputMode="numeric" autocomplete="one-time-code" maxLength={6} required />}
            </Field>
          </>
        )}
        <FormError message={error} />
        <BusyButton type="submit" class="primary" busy={busy}>
          {mode.kind === 'password' ? (busy ? site('signingIn') : site('consoleSignIn')) : mode.kind === 'code' ? (busy ? site('loginSending') : site('loginSendCode')) : site('loginVerify')}
        </BusyButton>
      </CheckedForm>
      <p>
        {mode.kind === 'password' ? (
          <button type="button" class="link-button" onClick={() => switchTo({ kind: 'code' })}>
            {t('signInWithCode')}
          </button>
        ) : (
          <button type="button" class="link-button" onClick={() => switchTo({ kind: 'password' })}>
            {t('signInWithPassword')}
          </button>
        )}
      </p>
    </section>
  );
}

/** What the invitation link is, before sign-in; the plain invitation sentence while it loads or if it cannot be read. */
function InvitationPreview({ token }: { token: string }) {
  const { locale } = useText();
  const { t } = useConsoleText('staff');
  const preview = useLoad(() => staffInvitationPreview(token), [token]);
  if (preview.status !== 'ready') return <p>{t('signInInvited')}</p>;
  if (!preview.data) {
    return (
      <p role="alert" class="notice">
        {t('invitationLinkSpent')}
      </p>
    );
  }
  const { store_name: store, store_name_lang: storeLang, inviter_hint: inviter, role, expires_at: expires } = preview.data;
  return (
    <div class="notice">
      <p>
        <strong>{interpolateParts(t('invitedTo'), { store: merchantName('store', store, storeLang) })}</strong>
      </p>
      <dl class="facts card-lines">
        <div>
          <dt>{t('invitedRoleLabel')}</dt>
          <dd>{role === 'owner' ? t('roleOwner') : t('roleStaff')}</dd>
        </div>
        {inviter && (
          <div>
            <dt>{t('invitedByLabel')}</dt>
            <dd>{inviter}</dd>
          </div>
        )}
        <div>
          <dt>{t('invitedUntilLabel')}</dt>
          <dd>{formatDate(expires, locale)}</dd>
        </div>
      </dl>
      <p>{t('signInInvitedPreview')}</p>
    </div>
  );
}
