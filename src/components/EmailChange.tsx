/**
 * "Sign-in e-mail": the address the login signs in with, and changing it, for a buyer on My
 * membership (Your data) and for staff at the foot of the console alike. Supabase Auth's secure
 * e-mail change (double_confirm_changes): the new address is asked for, a code goes to it and
 * another to the current address, and nothing changes until both are entered; the session, and
 * the login's other sessions, are kept. A change waiting (asked before a reload, in another tab
 * or on another device) is shown with its new address while its codes live, to be completed
 * here; before its codes are asked for, the auth server is asked whether it still waits.
 */
import { useStore } from '@nanostores/preact';
import type { User } from '@supabase/supabase-js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
// zod/mini, as My membership's own forms: zod's classic build would come with the page's sections for
// these two schemas alone.
import * as z from 'zod/mini';
import { formatDate, formatNumber, interpolateParts } from '../i18n/format.ts';
import { pluralKey } from '../i18n/plural.ts';
import { $session, requestEmailChange, syncUser, verifyEmailChange, type AuthResult } from '../stores/session.ts';
import { authFailureKind, codeWaitSeconds } from './auth-failure.ts';
import { BusyButton } from './BusyButton.tsx';
import { emailAddress } from './email-address.tsx';
import { remember, rememberedFor, type Pending, type Side } from './email-change-memory.ts';
import { focusOn, focusRefusal, reasonForTheEar, refusalScope } from './form-focus.ts';
import { FormAlert, TextField, valuesOf, type FormState } from './join/form.tsx';
import { codeLifetimeMs, refusedCodeSentAt } from './join/code-timing.ts';
import { useCounted } from './counted-alert.tsx';
import { useResendWait } from './resend-wait.ts';
import { ResendCode, useResendRefusal } from './ResendCode.tsx';
import { useText } from './use-text.ts';

type Failure = Extract<AuthResult, { ok: false }>;

const sides = ['current', 'new'] as const;

const addressSchema = (current: string) =>
  z.object({
    email: z.pipe(
      z.string().check(z.trim(), z.maxLength(254, 'authEmailInvalid')),
      // Asking for the address already signed in with sends nothing (the auth server ignores it).
      z.email('authEmailInvalid').check(z.refine((email) => email.toLowerCase() !== current.toLowerCase(), 'emailChangeSame')),
    ),
  });

const codeSchema = z.string().check(z.trim(), z.regex(/^\d{6}$/, 'emailChangeCodeFormat'));

/**
 * The change the session's user says is waiting (supabase-js stores the user the auth server
 * last answered): read without a request, so My membership still loads no supabase-js until it
 * writes. Codes past their hour are worthless: the change asked for with them has lapsed; one
 * whose address another login took meanwhile cannot be made.
 */
function waitingChange(user: User | undefined): Pending | null {
  const email = user?.new_email;
  const sentAt = Date.parse(user?.email_change_sent_at ?? '');
  if (!email || !(sentAt + codeLifetimeMs > Date.now())) return null;
  return rememberedFor({ email, sentAt }).taken ? null : { email, sentAt };
}

/** A refusal as a form shows it, counted so each is a new alert (FormAlert). */
function useRefusal() {
  const [refused, refuse] = useCounted<Omit<FormState, 'refusals'>>();
  const state: FormState = refused ? { ...refused.said, refusals: refused.count } : { fields: {}, message: null, refusals: 0 };
  return [state, refuse] as const;
}

/**
 * One field's own reason, said in the alert too where nothing else reads it (reasonForTheEar); with
 * no `scope` (nothing sent: a refusal found as the form opens), always.
 */
const fieldRefusal = (field: string, message: string, scope: Element | null = null) => ({ fields: { [field]: message }, message: reasonForTheEar(field, message, scope) });

export function EmailChange({ headingLevel, children }: {
  /** 3 under My membership's "Your data", 2 at the console's foot. */
  headingLevel: 2 | 3;
  /** Said under the current address (the buyer's card, whose address is changed elsewhere). */
  children?: ComponentChildren;
}) {
  const { t, locale } = useText();
  const session = useStore($session);
  const user = session?.user;
  const current = user?.email ?? '';
  // Drawn from the session each time it changes: another tab's change, or a refresh's user, shows here.
  const pending = waitingChange(user);
  const [chosen, setView] = useState<'show' | 'ask' | 'codes'>('show');
  // The codes step of a change no longer waiting (made, lapsed) is gone with it.
  const view = chosen === 'codes' && !pending ? 'show' : chosen;
  // The address the login was just moved to, said as done.
  const [done, setDone] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const [checking, setChecking] = useState(false);
  // The address another login took while the codes of a change to it were on their way.
  const [taken, setTaken] = useState<string | null>(null);
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
  }, [view, done, gone]);
  const go = (next: typeof view) => {
    moved.current = true;
    setGone(false);
    setView(next);
  };

  // The address changes with the last code, entered here or in another tab (supabase-js
  // announces the session it answered with to every tab): said here either way, the keyboard
  // brought to it from the step it was in.
  const signedIn = useRef(user && { id: user.id, email: current });
  useEffect(() => {
    const before = signedIn.current;
    signedIn.current = user && { id: user.id, email: current };
    if (!user || before?.id !== user.id || before.email === current) return;
    moved.current = chosen !== 'show' || !!section.current?.contains(document.activeElement);
    setGone(false);
    setDone(current);
    setView('show');
  }, [user?.id, current]);

  // Another device may have asked again (new codes, perhaps another address) or completed the
  // change since this browser's session was answered: the server says, and the session follows.
  async function enterCodes() {
    if (checking) return;
    setChecking(true);
    // Unanswered (offline): the codes step as this browser knows it; the codes' own check says the rest.
    await syncUser();
    setChecking(false);
    const now = $session.get()?.user;
    if (now?.email !== current) return; // made elsewhere: said as the address changes
    if (waitingChange(now)) return go('codes');
    moved.current = true;
    setGone(true);
  }

  return (
    <section class="email-change" aria-labelledby="email-change-title" ref={section}>
      <Title id="email-change-title">{t('emailChangeTitle')}</Title>
      <p>{interpolateParts(t('emailChangeCurrent'), { email: emailAddress('email', current) })}</p>
      {children}
      <div role="status">{done && <p class="success" data-step-status tabIndex={-1}>{interpolateParts(t('emailChangeDone'), { email: emailAddress('email', done) })}</p>}</div>
      {view === 'show' && (
        <>
          {gone && !pending && (
            <p data-step-status tabIndex={-1}>
              {t('emailChangeGone')}
            </p>
          )}
          {pending && (
            <p data-step-status tabIndex={-1}>
              {interpolateParts(t('emailChangePending'), { email: emailAddress('email', pending.email), until: formatDate(new Date(pending.sentAt + codeLifetimeMs).toISOString(), locale, true) })}
            </p>
          )}
          <p class="actions">
            {pending && (
              <BusyButton type="button" class="primary" busy={checking} onClick={() => void enterCodes()}>
                {t('emailChangeEnterCodes')}
              </BusyButton>
            )}
            {/* Secondary beside Download my data and Sign out on every device, Your data's other buttons: two filled ones side by side read as two main actions. */}
            <button type="button" class="secondary" onClick={() => { setDone(null); setTaken(null); go('ask'); }}>
              {t(pending ? 'emailChangeOther' : 'emailChangeStart')}
            </button>
          </p>
        </>
      )}
      {view === 'ask' && (
        <AddressStep
          key={taken}
          current={current}
          taken={taken}
          onSent={() => go('codes')}
          onCancel={() => go('show')}
        />
      )}
      {view === 'codes' && pending && (
        <CodesStep
          current={current}
          pending={pending}
          onTaken={(email) => {
            setTaken(email);
            go('ask');
          }}
          onOther={() => {
            setTaken(null);
            go('ask');
          }}
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

function AddressStep({ current, taken, onSent, onCancel }: {
  current: string;
  /** The address of the change that could not be made: another login took it meanwhile. */
  taken: string | null;
  /** The session's user (updateUser's answer) carries the change asked for. */
  onSent: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useText();
  const [state, refuse] = useRefusal();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (taken) refuse(fieldRefusal('email', t('emailChangeTakenMeanwhile', { email: taken })));
  }, []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    const scope = refusalScope();
    const parsed = addressSchema(current).safeParse(valuesOf(event));
    if (!parsed.success) {
      refuse(fieldRefusal('email', t(parsed.error.issues[0]!.message as 'authEmailInvalid'), scope));
      return focusRefusal(scope);
    }
    setBusy(true);
    const result = await requestEmailChange(parsed.data.email);
    setBusy(false);
    if (result.ok) return onSent();
    const message = requestRefusal(result, t, locale);
    // The address's own refusals belong beside it; a wait or a failure above the button.
    refuse(result.code === 'email_exists' || authFailureKind(result) === 'email' ? fieldRefusal('email', message, scope) : { fields: {}, message });
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
        defaultValue={taken ?? undefined}
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

function CodesStep({ current, pending, onTaken, onOther, onLater }: {
  current: string;
  pending: Pending;
  onTaken: (email: string) => void;
  onOther: () => void;
  onLater: () => void;
}) {
  const { t, locale } = useText();
  const [state, refuse] = useRefusal();
  const [busy, setBusy] = useState(false);
  // A code accepted is used up: asked for no more, for this request, here or after a reload.
  const [, redraw] = useState(0);
  const accepted = new Set(rememberedFor(pending).accepted);
  const [resent, setResent] = useState(0);
  const [resending, setResending] = useState(false);
  // Codes went out later than this browser knew (asked again elsewhere): the server's minute holds.
  const [refusedAt, setRefusedAt] = useState(0);
  const wait = useResendWait(Math.max(pending.sentAt, refusedAt));
  const [resendRefusal, refuseResend] = useResendRefusal(wait);
  const address = (side: Side) => (side === 'current' ? current : pending.email);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy || resending) return;
    const scope = refusalScope();
    const values = valuesOf(event) as Record<string, string>;
    const fields: Record<string, string> = {};
    const codes: Partial<Record<Side, string>> = {};
    const open = sides.filter((side) => !accepted.has(side));
    for (const side of open) {
      const typed = (values[`${side}_code`] ?? '').trim();
      // A field may be left empty: its code may have been accepted where this tab did not see it
      // (another tab, another device; the server does not say), and the other code, tried
      // alone, then makes the change.
      if (typed === '') continue;
      const code = codeSchema.safeParse(typed);
      if (code.success) codes[side] = code.data;
      else fields[`${side}_code`] = t('emailChangeCodeFormat');
    }
    if (!Object.keys(codes).length) for (const side of open) fields[`${side}_code`] ??= t('emailChangeCodeFormat');
    if (Object.keys(fields).length) {
      const [only] = Object.entries(fields);
      refuse({ fields, message: Object.keys(fields).length === 1 ? reasonForTheEar(only![0], only![1], scope) : t('emailChangeCodesFormat') });
      return focusRefusal(scope);
    }
    setBusy(true);
    // Each code tried on its own: one refused (wrong, or used up unseen) does not keep the other
    // from being tried, whose answer may be the change itself.
    const wrong: Record<string, string> = {};
    let failure: string | null = null;
    for (const side of open) {
      const code = codes[side];
      if (code === undefined) continue;
      const result = await verifyEmailChange(address(side), code);
      // The change is made: the session now on the new address says so (EmailChange).
      if (result.ok && result.changed) return;
      if (result.ok) {
        const known = rememberedFor(pending);
        remember({ ...known, accepted: [...known.accepted, side] });
        continue;
      }
      if (result.code === 'email_exists') {
        // The last code, with the address meanwhile another login's: nothing changed, nor can.
        remember({ ...rememberedFor(pending), taken: true });
        setBusy(false);
        return onTaken(pending.email);
      }
      const kind = authFailureKind(result);
      if (kind !== 'code') {
        failure = t(kind === 'tooMany' ? 'authTooMany' : 'emailChangeFailed');
        break;
      }
      wrong[`${side}_code`] = t('authWrongCode');
    }
    setBusy(false);
    redraw((count) => count + 1);
    const missing = sides.filter((side) => !rememberedFor(pending).accepted.includes(side) && !(`${side}_code` in wrong));
    if (failure) refuse({ fields: wrong, message: failure });
    else if (Object.keys(wrong).length === 1) refuse(fieldRefusal(Object.keys(wrong)[0]!, t('authWrongCode'), scope));
    else if (Object.keys(wrong).length) refuse({ fields: wrong, message: t('emailChangeCodesWrong') });
    // One code in and the other left empty: the change waits for that one.
    else refuse(fieldRefusal(`${missing[0]!}_code`, t('emailChangeCodeStill', { email: address(missing[0]!) }), scope));
    focusRefusal(scope);
  }

  async function resend() {
    setResending(true);
    refuseResend(null);
    const result = await requestEmailChange(pending.email);
    setResending(false);
    if (result.ok) {
      // New codes for both (the session's user says when): the ones accepted or typed before no longer count.
      refuse(null);
      setResent((count) => count + 1);
      return;
    }
    const seconds = codeWaitSeconds(result);
    if (seconds !== null) {
      // Codes went out within the minute that this browser did not ask for: the change was asked
      // again elsewhere, perhaps for another address, which the session then shows.
      setRefusedAt(refusedCodeSentAt(result));
      void syncUser();
    }
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
            label={interpolateParts(t('emailChangeCodeLabel'), { email: emailAddress('email', address(side)) })}
            // The name as text: read from the label, the address would be said in two pieces (emailAddress).
            aria-label={t('emailChangeCodeLabel', { email: address(side) })}
            state={state}
            inputMode="numeric"
            autocomplete="one-time-code"
            maxLength={6}
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
      <ResendCode
        id="email-change-wait"
        wait={wait}
        waitHint={t(pluralKey('emailChangeResendWait', wait, locale), { seconds: formatNumber(wait, locale) })}
        resending={resending}
        busy={busy}
        label={t('emailChangeResend')}
        sendingLabel={t('loginSending')}
        refusal={resendRefusal}
        onResend={() => void resend()}
      />
      <button type="button" class="link-button" onClick={onOther}>
        {t('emailChangeOther')}
      </button>
    </form>
  );
}
