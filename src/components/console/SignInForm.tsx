/**
 * Staff sign in to the console with email and password, or with a 6-digit code sent by email
 * (for someone invited to the staff who has no password yet, and for a new merchant, whose
 * first code creates the login), with a new code once the auth server's minute is over, as the
 * member sign-in offers. The session lives in `$session`. Opened from a staff invitation's
 * link (`?invite=TOKEN`), it first says what the invitation is (staff_invitation_preview): the
 * store, who invites, the role and until when, so the invitee can judge the link before signing
 * in; or that the link is spent.
 */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { formatDate, formatDuration, formatNumber, interpolateParts } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { staffInvitationPreview } from '../../lib/console/staff.ts';
import { sendEmailCode, signInWithPassword, verifyEmailCode, type AuthResult } from '../../stores/session.ts';
import { authFailure, authFailureKind } from '../auth-failure.ts';
import { emailAddress } from '../email-address.tsx';
import { useFocusOnViewChange } from '../form-focus.ts';
import { codeLifetimeMs } from '../join/code-timing.ts';
import { merchantName } from '../merchant-name.tsx';
import { clearForNewCode, ResendCode, useCodeResend } from '../ResendCode.tsx';
import { useText } from '../use-text.ts';
import { useConsoleText } from './console-text.ts';
import { Field, FormError } from './ui/Field.tsx';
import { zodErrors, type FieldErrors } from './ui/form-errors.ts';
import { useLoad } from './ui/use-load.ts';
import { CheckedForm } from './ui/CheckedForm.tsx';
import { BusyButton } from '../BusyButton.tsx';

/** `sentAt`: when the last code to `email` went out (ms since the epoch): a new one may be asked for a minute after. */
type Mode = { kind: 'password' } | { kind: 'code' } | { kind: 'verify'; email: string; sentAt: number };

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
      if (result.ok) setMode({ kind: 'verify', email: data.email!, sentAt: Date.now() });
    } else result = await verifyEmailCode(mode.email, data.code!);
    setBusy(false);
    // A wrong code or address is said at its field, which takes the keyboard (CheckedForm), as the
    // member sign-in says it; a password refused with its address names neither, so the form does.
    const kind = result.ok ? null : authFailureKind(result);
    const field = (kind === 'code' || kind === 'email') && kind in schemas[mode.kind].shape ? kind : null;
    if (!result.ok && field) setErrors({ [field]: authFailure(result, site) });
    else setError(result.ok ? null : authFailure(result, site));
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
        {mode.kind === 'verify' ? (
          <CodeSent
            email={mode.email}
            sentAt={mode.sentAt}
            busy={busy}
            codeError={errors.code}
            error={error}
            onSent={(at) => setMode((current) => (current.kind === 'verify' ? { ...current, sentAt: at } : current))}
            onResent={() => {
              setErrors({});
              setError(null);
            }}
            onChangeEmail={() => switchTo({ kind: 'code' })}
          />
        ) : (
          <>
            <Field id="console-email" label={site('emailLabel')} error={errors.email}>
              {(aria) => <input {...aria} name="email" type="email" autocomplete="username" required />}
            </Field>
            {mode.kind === 'password' && (
              <Field id="console-password" label={site('passwordLabel')} error={errors.password}>
                {(aria) => <input {...aria} name="password" type="password" autocomplete="current-password" required />}
              </Field>
            )}
            <FormError message={error} />
            <BusyButton type="submit" class="primary" busy={busy}>
              {mode.kind === 'password' ? (busy ? site('signingIn') : site('consoleSignIn')) : busy ? site('loginSending') : site('loginSendCode')}
            </BusyButton>
          </>
        )}
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

/**
 * The code step's part of the form: where the code went, its field, and what the member sign-in's
 * code step offers besides (join/CodeStep.tsx): a new code once the auth server's minute is over,
 * and the way back to the address. `onSent(at)`: a newer code went out at `at`; `onResent`: it was
 * sent from here, and the refusals of the one before no longer hold.
 */
function CodeSent({ email, sentAt, busy, codeError, error, onSent, onResent, onChangeEmail }: {
  email: string;
  sentAt: number;
  busy: boolean;
  codeError: string | undefined;
  error: string | null;
  onSent: (at: number) => void;
  onResent: () => void;
  onChangeEmail: () => void;
}) {
  const { t: site, locale } = useText();
  /** Codes sent from this step: each one's sentence is announced anew, though the words repeat. */
  const [resent, setResent] = useState(0);
  const { wait, resending, refusal, resend } = useCodeResend({
    email,
    sentAt,
    onSent,
    onResent() {
      onResent();
      setResent((count) => count + 1);
      const field = document.getElementById('console-code') as HTMLInputElement | null;
      clearForNewCode(field, field?.form);
    },
    refusals: {
      wait: (seconds) => interpolateParts(site(pluralKey('loginResendRefused', seconds, locale)), { email: emailAddress('email', email), seconds: formatNumber(seconds, locale) }),
      refused: (result) => authFailure(result, site),
      failed: () => site('authFailed'),
    },
  });
  return (
    <>
      <p role="status">
        <span key={resent}>{interpolateParts(site(resent ? 'loginCodeResent' : 'loginCodeSent'), { email: emailAddress('email', email), duration: formatDuration(codeLifetimeMs, locale) })}</span>
      </p>
      <Field id="console-code" label={site('codeLabel')} error={codeError}>
        {(aria) => <input {...aria} name="code" inputMode="numeric" autocomplete="one-time-code" maxLength={6} required />}
      </Field>
      <FormError message={error} />
      {/* Not while a new code is on its way: the one typed is about to stop working. */}
      <BusyButton type="submit" class="primary" busy={busy || resending}>
        {site('loginVerify')}
      </BusyButton>
      <ResendCode
        id="console-resend-wait"
        wait={wait}
        waitHint={site(pluralKey('loginResendWait', wait, locale), { seconds: formatNumber(wait, locale) })}
        resending={resending}
        busy={busy}
        label={site('loginResendCode')}
        sendingLabel={site('loginSending')}
        refusal={refusal}
        onResend={() => void resend()}
      />
      <button type="button" class="link-button" onClick={onChangeEmail}>
        {site('loginChangeEmail')}
      </button>
    </>
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
