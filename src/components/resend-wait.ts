/**
 * The wait before another code may be asked for, counting down: the join and sign-in code step's
 * (join/CodeStep.tsx) and the sign-in e-mail change's (EmailChange.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { resendWaitSeconds } from './join/code-timing.ts';

/** Seconds until `sentAt`'s minute is over, drawn again each second while it runs. */
export function useResendWait(sentAt: number): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (resendWaitSeconds(sentAt) === 0) return;
    const timer = setInterval(() => {
      tick((count) => count + 1);
      if (resendWaitSeconds(sentAt) === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [sentAt]);
  return resendWaitSeconds(sentAt);
}
