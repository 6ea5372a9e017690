/**
 * "Sign-in e-mail": the address the login signs in with, and changing it, for a buyer on My
 * membership (Your data) and for staff at the foot of the console alike. Supabase Auth's secure
 * e-mail change (double_confirm_changes): the new address is asked for, a code goes to it and
 * another to the current address, and nothing changes until both are entered; the session, and
 * the login's other sessions, are kept. A change asked for earlier in this browser (before a
 * reload, in another tab) is shown waiting with its new address while its codes live, to be
 * completed here.
 */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { formatDate, formatNumber, interpolateParts } from '../i18n/format.ts';
import { pluralKey } from '../i18n/plural.ts';
import { $session, requestEmailChange, verifyEmailChange, type AuthResult } from '../stores/session.ts';
import { authFailureKind, codeWaitSeconds } from './auth-failure.ts';
import { BusyButton } from './BusyButton.tsx';
import { emailAddress } from './email-address.tsx';
import { focusOn, focusRefusal, refusalScope } from './form-focus.ts';
import { FormAlert, TextField, valuesOf, type FormState } from './join/form.tsx';
import { codeLifetimeMs, refusedCodeSentAt } from './join/pending.ts';
import { CountedAlert, useCounted } from './counted-alert.tsx';
import { useResendWait } from './resend-wait.ts';
import { useText } from './use-text.ts';

type Failure = Extract<AuthResult, { ok: false }>;
type Pending = { email: string; sentAt: number };
/** Which of the two codes: the one sent to the address signed in with, or to the new one. */
type Side = 'current' | 'new';

const sides = ['current', 'new'] as const;

const addressSchema = (current: string) =>
  z.object({
    email: z
      .string()
      .trim()
      .max(254, { message: 'authEmailInvalid' })
      .pipe(z.email({ message: 'authEmailInvalid' }))
      // Asking for the address already signed in with sends nothing (the auth server ignores it).
      .refine((email) => email.toLowerCase() !== current.toLowerCase(), { message: 'emailChangeSame' }),
  });

const codeSchema = z.string().trim().regex(/^\d{6}$/, { message: 'emailChangeCodeFormat' });

/** A refusal as a form shows it, counted so each is a new alert (FormAlert). */
function useRefusal() {
  const [refused, refuse] = useCounted<Omit<FormState, 'refusals'>>();
  const state: FormState = refused ? { ...refused.said, refusals: refused.count } : { fields: {}, message: null, refusals: 0 };
  return [state, refuse] as const;
}

/** One field's own reason, said in the alert too: the keyboard is on the field, which is not read again. */
const fieldRefusal = (field: string, message: string) => ({ fields: { [field]: message }, message });

export function EmailChange({ headingLevel, children }: {
  /** 3 under My membership's "Your data", 2 at the console's foot. */
  headingLevel: 2 | 3;
  /** Said under the current address (the buyer's card, whose address is changed elsewhere). */
  children?: ComponentChildren;
}) {
  const { t, locale } = useText();
  const session = useStore($session);
  const current = session?.user.email ?? '';
  // A change asked for in this browser, kept with the session (supabase-js stores the user the
  // auth server answered): read without a request, so My membership still loads no supabase-js
  // until it writes. Codes past their hour are worthless: the change asked for with them has lapsed.
  const [pending, setPending] = useState<Pending | null>(() => {
    const asked = session?.user.new_email;
    const sentAt = Date.parse(session?.user.email_change_sent_at ?? '');
    return asked && sentAt + codeLifetimeMs > Date.now() ? { email: asked, sentAt } : null;
  });
  const [view, setView] = useState<'show' | 'ask' | 'codes'>('show');
  const [done, setDone] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const Title = `h${headingLevel}` as const;

  // Where the keyboard goes as a step replaces the one acted in (its button is gone): the step's
  // first field, else its status line, else its first button.
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const target = section.current?.querySelector<HTMLElement>('input, [data-step-status], .actions button');
    if (target) focusOn(target);
  }, [view, done]);
  const go = (next: typeof view) => {
    moved.current = true;
    setView(next);
  };

  return (
    <section class="email-change" aria-labelledby="email-change-title" ref={section}>
      <Title id="email-change-title">{t('emailChangeTitle')}</Title>
      <p>{interpolateParts(t('emailChangeCurrent'), { email: emailAddress('email', current) })}</p>
      {children}
      <div role="status">{done && <p class="success" data-step-status tabIndex={-1}>{done}</p>}</div>
      {view === 'show' && (
        <>
          {pending && (
            <p data-step-status tabIndex={-1}>
              {interpolateParts(t('emailChangePending'), { email: emailAddress('email', pending.email), until: formatDate(new Date(pending.sentAt + codeLifetimeMs).toISOString(), locale, true) })}
            </p>
          )}
          <p class="actions">
            {pending && (
              <button type="button" class="primary" onClick={() => go('codes')}>
                {t('emailChangeEnterCodes')}
              </button>
            )}
            <button type="button" class={pending ? 'secondary' : undefined} onClick={() => { setDone(null); go('ask'); }}>
              {t(pending ? 'emailChangeOther' : 'emailChangeStart')}
            </button>
          </p>
        </>
      )}
      {view === 'ask' && (
        <AddressStep
          current={current}
          onSent={(sent) => {
            setPending(sent);
            go('codes');
          }}
          onCancel={() => go('show')}
        />
      )}
      {view === 'codes' && pending && (
        <CodesStep
          current={current}
          pending={pending}
          onResent={setPending}
          onDone={(email) => {
            setPending(null);
            moved.current = true;
            setDone(t('emailChangeDone', { email }));
            setView('show');
          }}
          onOther={() => go('ask')}
          onLater={() => go('show')}
        />
      )}
    </section>
  );
}

/** The sentence for a refused request of codes; the wait it names when codes went out within the minute. */
function requestRefusal(failure: Failure, t: ReturnType<typeof useText>['t'], locale: ReturnType<typeof useText>['locale']): string {
  if (failure.code === 'email_exists') return t('emailChangeTaken');
  const seconds = codeWaitSeconds(failure);
  if (seconds !== null) return t(pluralKey('emailChangeWait', seconds, locale), { seconds: formatNumber(seconds, locale) });
  switch (authFailureKind(failure)) {
    case 'email':
      return t('authEmailInvalid');
    case 'tooMany':
      return t('authTooMany');
    default:
      return t('emailChangeFailed');
  }
}

function AddressStep({ current, onSent, onCancel }: { current: string; onSent: (pending: Pending) => void; onCancel: () => void }) {
  const { t, locale } = useText();
  const [state, refuse] = useRefusal();
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    const scope = refusalScope();
    const parsed = addressSchema(current).safeParse(valuesOf(event));
    if (!parsed.success) {
      refuse(fieldRefusal('email', t(parsed.error.issues[0]!.message as 'authEmailInvalid')));
      return focusRefusal(scope);
    }
    setBusy(true);
    const result = await requestEmailChange(parsed.data.email);
    setBusy(false);
    if (result.ok) return onSent({ email: parsed.data.email, sentAt: Date.now() });
    const message = requestRefusal(result, t, locale);
    // The address's own refusals belong beside it; a wait or a failure above the button.
    refuse(result.code === 'email_exists' || authFailureKind(result) === 'email' ? fieldRefusal('email', message) : { fields: {}, message });
    focusRefusal(scope);
  }

  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        id="email-change-address"
        name="email"
        type="email"
        label={t('emailChangeNewLabel')}
        hint={t('emailChangeNewHint')}
        state={state}
        autocomplete="email"
        required
      />
      <FormAlert state={state} />
      <p class="actions">
        {/* primary: the console's buttons are outlined unless so (the portal's are filled unless secondary). */}
        <BusyButton type="submit" class="primary" busy={busy}>
          {busy ? t('loginSending') : t('emailChangeSend')}
        </BusyButton>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('emailChangeCancel')}
        </button>
      </p>
    </form>
  );
}

function CodesStep({ current, pending, onResent, onDone, onOther, onLater }: {
  current: string;
  pending: Pending;
  onResent: (pending: Pending) => void;
  onDone: (email: string) => void;
  onOther: () => void;
  onLater: () => void;
}) {
  const { t, locale } = useText();
  const [state, refuse] = useRefusal();
  const [busy, setBusy] = useState(false);
  // A code accepted is used up: it is not sent again when the other one is corrected.
  const [accepted, setAccepted] = useState<ReadonlySet<Side>>(new Set());
  const [resent, setResent] = useState(0);
  const [resending, setResending] = useState(false);
  const [resendRefusal, refuseResend] = useCounted<string>();
  const wait = useResendWait(pending.sentAt);
  useEffect(() => {
    if (wait === 0) refuseResend(null);
  }, [wait]);
  const address = (side: Side) => (side === 'current' ? current : pending.email);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy || resending) return;
    const scope = refusalScope();
    const values = valuesOf(event) as Record<string, string>;
    const fields: Record<string, string> = {};
    const codes: Partial<Record<Side, string>> = {};
    for (const side of sides) {
      if (accepted.has(side)) continue;
      const code = codeSchema.safeParse(values[`${side}_code`] ?? '');
      if (code.success) codes[side] = code.data;
      else fields[`${side}_code`] = t('emailChangeCodeFormat');
    }
    if (Object.keys(fields).length) {
      const [only] = Object.values(fields);
      refuse({ fields, message: Object.keys(fields).length === 1 ? only! : t('emailChangeCodesFormat') });
      return focusRefusal(scope);
    }
    setBusy(true);
    const now = new Set(accepted);
    for (const side of sides) {
      const code = codes[side];
      if (code === undefined) continue;
      const result = await verifyEmailChange(address(side), code);
      if (!result.ok) {
        setAccepted(now);
        setBusy(false);
        const kind = authFailureKind(result);
        refuse(kind === 'code' ? fieldRefusal(`${side}_code`, t('authWrongCode')) : { fields: {}, message: t(kind === 'tooMany' ? 'authTooMany' : 'emailChangeFailed') });
        return focusRefusal(scope);
      }
      now.add(side);
    }
    setBusy(false);
    refuse(null);
    // Both codes in: the auth server has changed the address and sent a session on it.
    onDone(pending.email);
  }

  async function resend() {
    if (wait > 0 || resending || busy) return;
    setResending(true);
    refuseResend(null);
    const result = await requestEmailChange(pending.email);
    setResending(false);
    if (result.ok) {
      // New codes for both: the ones accepted or typed before no longer count.
      setAccepted(new Set());
      refuse(null);
      setResent((count) => count + 1);
      onResent({ email: pending.email, sentAt: Date.now() });
      return;
    }
    const seconds = codeWaitSeconds(result);
    // The server's minute holds: the countdown restarts on it.
    if (seconds !== null) onResent({ email: pending.email, sentAt: refusedCodeSentAt(result) });
    refuseResend(requestRefusal(result, t, locale));
  }

  const both = { current: emailAddress('current', current), new: emailAddress('new', pending.email) };
  return (
    <form class="stack" onSubmit={(event) => void submit(event)} noValidate>
      <p role="status" data-step-status tabIndex={-1}>
        <span key={resent}>{interpolateParts(t(resent ? 'emailChangeResent' : 'emailChangeSent'), both)}</span>
      </p>
      {sides.map((side) =>
        accepted.has(side) ? (
          <p key={side} class="success">{interpolateParts(t('emailChangeAccepted'), { email: emailAddress('email', address(side)) })}</p>
        ) : (
          <TextField
            key={`${side}-${resent}`}
            id={`email-change-${side}-code`}
            name={`${side}_code`}
            label={t('emailChangeCodeLabel', { email: address(side) })}
            state={state}
            inputMode="numeric"
            autocomplete="one-time-code"
            maxLength={6}
            required
          />
        ),
      )}
      <FormAlert state={state} />
      <p class="actions">
        <BusyButton type="submit" class="primary" busy={busy || resending}>
          {busy ? t('emailChangeVerifying') : t('emailChangeConfirm')}
        </BusyButton>
        <button type="button" class="secondary" onClick={onLater}>
          {t('emailChangeLater')}
        </button>
      </p>
      <div class="resend-code">
        <button
          type="button"
          class="link-button"
          aria-disabled={wait > 0 || resending || busy ? 'true' : undefined}
          aria-describedby={wait > 0 ? 'email-change-wait' : undefined}
          onClick={() => void resend()}
        >
          {resending ? t('loginSending') : t('emailChangeResend')}
        </button>
        {/* Not a live region: a screen reader hears the wait with the button, not every second. */}
        {wait > 0 && (
          <p id="email-change-wait" class="field-hint">
            {t(pluralKey('emailChangeResendWait', wait, locale), { seconds: formatNumber(wait, locale) })}
          </p>
        )}
        {resendRefusal && (
          <CountedAlert count={resendRefusal.count} class="error">
            {resendRefusal.said}
          </CountedAlert>
        )}
      </div>
      <button type="button" class="link-button" onClick={onOther}>
        {t('emailChangeOther')}
      </button>
    </form>
  );
}
