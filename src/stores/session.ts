/**
 * The signed-in user's session, fed by supabase-js (which keeps it in localStorage and
 * refreshes it), and the actions that change it. Components read `$session` and call these
 * actions; none of them talks to supabase-js directly. supabase-js is loaded on demand: where
 * this browser stores no session the page knows at once that nobody is signed in, and draws
 * the sign-in without waiting for the library.
 */
import type { Session } from '@supabase/supabase-js';
import { atom, onMount } from 'nanostores';
import { hasStoredSession } from '../lib/public-api.ts';
import type { Client } from '../lib/supabase.ts';

let client = (): Promise<Client> => import('../lib/supabase.ts').then((module) => module.supabase());

/**
 * For pages whose own code bundles supabase-js anyway (My membership): the session then reads
 * through that client at once, instead of a further request for the lazily loaded one.
 */
export function shareClient(get: () => Client): void {
  client = () => Promise.resolve(get());
}

/** `undefined` until the stored session (if any) has been read; then a session or `null`. */
export const $session = atom<Session | null | undefined>(undefined);

onMount($session, () => {
  if (!hasStoredSession()) $session.set(null);
  let unsubscribe: (() => void) | undefined;
  let unmounted = false;
  // Fires INITIAL_SESSION at once, then on every sign-in, refresh and sign-out (in any tab).
  void client().then((supabase) => {
    if (unmounted) return;
    const { data } = supabase.auth.onAuthStateChange((_event, session) => $session.set(session));
    unsubscribe = () => data.subscription.unsubscribe();
  });
  return () => {
    unmounted = true;
    unsubscribe?.();
  };
});

/** An action's outcome; `message` is the auth server's, meant for the person signing in. */
export type AuthResult = { ok: true } | { ok: false; message: string };

function outcome({ error }: { error: { message: string } | null }): AuthResult {
  return error ? { ok: false, message: error.message } : { ok: true };
}

/** Staff sign in with email and password. */
export async function signInWithPassword(email: string, password: string): Promise<AuthResult> {
  return outcome(await (await client()).auth.signInWithPassword({ email, password }));
}

/** Members: emails a one-time code, creating the login on first use. */
export async function sendEmailCode(email: string): Promise<AuthResult> {
  return outcome(await (await client()).auth.signInWithOtp({ email, options: { shouldCreateUser: true } }));
}

/** Members: exchanges the emailed code for a session. */
export async function verifyEmailCode(email: string, code: string): Promise<AuthResult> {
  return outcome(await (await client()).auth.verifyOtp({ email, token: code, type: 'email' }));
}

export async function signOut(): Promise<AuthResult> {
  return outcome(await (await client()).auth.signOut());
}
