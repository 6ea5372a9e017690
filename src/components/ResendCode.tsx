/**
 * "Send a new code" beside a code step's form, with the wait before the auth server sends another
 * and the refusal when it did not: the join and sign-in code step's (join/CodeStep.tsx), the
 * console's sign-in's (console/SignInForm.tsx) and the sign-in e-mail change's (EmailChange.tsx).
 * The countdown is useResendWait's.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendEmailCode, type AuthResult } from '../stores/session.ts';
import { codeWaitSeconds } from './auth-failure.ts';
import { CountedAlert, useCounted, type Counted } from './counted-alert.tsx';
import { refusedCodeSentAt } from './join/code-timing.ts';
import { useResendWait } from './resend-wait.ts';

/** The refusal of a new code, counted; one naming the wait says no more once the wait it named is over. */
export function useResendRefusal(wait: number) {
  const [refusal, refuse] = useCounted<ComponentChildren>();
  useEffect(() => {
    if (wait === 0) refuse(null);
  }, [wait]);
  return [refusal, refuse] as const;
}

/** What a code step says when no new code was sent; each step in its own page's words. */
export interface ResendRefusals {
  /** The auth server refused it for the minute since the last code, which has `seconds` left. */
  wait: (seconds: number) => ComponentChildren;
  /** Any other refusal of the auth server's. */
  refused: (result: Extract<AuthResult, { ok: false }>) => ComponentChildren;
  /** The request failed (the network). */
  failed: (error: unknown) => ComponentChildren;
}

/**
 * A new code to `email` asked for from a code step: the wait left of the minute since `sentAt`,
 * whether a code is on its way, the refusal when none was sent, and `resend` (ResendCode's
 * `onResend`). `onSent(at)`: a newer code went out at `at`, sent from here or, the auth server's
 * refusal says, from another tab, whose minute is the one that holds. `onResent`: the code from
 * here went out and the step is still shown (a code asked for may come back after the reader
 * changed the address or signed in with the earlier code, and must not bring the step back).
 */
export function useCodeResend({ email, sentAt, onSent, onResent, refusals }: {
  email: string;
  sentAt: number;
  onSent: (at: number) => void;
  onResent: () => void;
  refusals: ResendRefusals;
}) {
  const wait = useResendWait(sentAt);
  const [resending, setResending] = useState(false);
  const [refusal, refuse] = useResendRefusal(wait);
  const shown = useRef(true);
  useEffect(
    () => () => {
      shown.current = false;
    },
    [],
  );

  /** Asks for a new code; the sentence saying why none was sent, or null when one was. */
  async function askAgain(): Promise<ComponentChildren | null> {
    const result = await sendEmailCode(email);
    if (!shown.current) return null;
    if (result.ok) {
      onSent(Date.now());
      onResent();
      return null;
    }
    const seconds = codeWaitSeconds(result);
    if (seconds === null) return refusals.refused(result);
    // The server's minute, not this tab's count, is the one that holds: the countdown restarts on it.
    onSent(refusedCodeSentAt(result));
    return refusals.wait(seconds);
  }

  async function resend() {
    setResending(true);
    refuse(null);
    const refused = await askAgain().catch(refusals.failed);
    if (!shown.current) return;
    setResending(false);
    if (refused !== null) refuse(refused);
  }

  return { wait, resending, refusal, resend };
}

/**
 * After a new code is sent: the code typed before no longer works, so `field` is emptied for the new
 * one and takes the keyboard, unless the reader has gone elsewhere in the page than `step` meanwhile.
 */
export function clearForNewCode(field: HTMLInputElement | null | undefined, step: Element | null | undefined): void {
  if (!field) return;
  field.value = '';
  const focused = document.activeElement;
  if (!focused || focused === document.body || step?.contains(focused)) field.focus();
}

export function ResendCode({ id, wait, waitHint, resending, busy, label, sendingLabel, refusal, onResend }: {
  /** The wait line's, which describes the button. */
  id: string;
  /** Seconds before another code may be asked for. */
  wait: number;
  /** The wait in words, said while there is one. */
  waitHint: string;
  /** A new code is being asked for. */
  resending: boolean;
  /** The form's own action runs: a code asked for now would make the one being checked stop working. */
  busy: boolean;
  label: string;
  sendingLabel: string;
  refusal: Counted<ComponentChildren> | null;
  /** Called only when a new code may be asked for. */
  onResend: () => void;
}) {
  // aria-disabled, not disabled: the button stays where the keyboard finds it, with the wait as its description.
  const held = wait > 0 || resending || busy;
  return (
    <div class="resend-code">
      <button
        type="button"
        class="link-button"
        aria-disabled={held ? 'true' : undefined}
        aria-describedby={wait > 0 ? id : undefined}
        onClick={() => {
          if (!held) onResend();
        }}
      >
        {resending ? sendingLabel : label}
      </button>
      {/* Not a live region: a screen reader hears the wait with the button, not every second. */}
      {wait > 0 && (
        <p id={id} class="field-hint">
          {waitHint}
        </p>
      )}
      {refusal && (
        <CountedAlert count={refusal.count} class="error">
          {refusal.said}
        </CountedAlert>
      )}
    </div>
  );
}
