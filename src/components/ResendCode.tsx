/**
 * "Send a new code" beside a code step's form, with the wait before the auth server sends another
 * and the refusal when it did not: the join and sign-in code step's (join/CodeStep.tsx) and the
 * sign-in e-mail change's (EmailChange.tsx). The countdown is useResendWait's.
 */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { CountedAlert, useCounted, type Counted } from './counted-alert.tsx';

/** The refusal of a new code, counted; one naming the wait says no more once the wait it named is over. */
export function useResendRefusal(wait: number) {
  const [refusal, refuse] = useCounted<ComponentChildren>();
  useEffect(() => {
    if (wait === 0) refuse(null);
  }, [wait]);
  return [refusal, refuse] as const;
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
