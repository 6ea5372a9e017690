/**
 * The signed-in user's session, fed by supabase-js (which keeps it in localStorage and
 * refreshes it), and the actions that change it. Components read `$session` and call these
 * actions; none of them talks to supabase-js directly.
 */
import type { Session } from '@supabase/supabase-js';
import { atom, onMount } from 'nanostores';
import { supabase } from '../lib/supabase.ts';

/** `undefined` until supabase-js has read the stored session; then a session or `null`. */
export const $session = atom<Session | null | undefined>(undefined);

onMount($session, () => {
  // Fires INITIAL_SESSION at once, then on every sign-in, refresh and sign-out (in any tab).
  const { data } = supabase().auth.onAuthStateChange((_event, session) => $session.set(session));
  return () => data.subscription.unsubscribe();
});

/** An action's outcome; `message` is the auth server's, meant for the person signing in. */
export type AuthResult = { ok: true } | { ok: false; message: string };

function outcome({ error }: { error: { message: string } | null }): AuthResult {
  return error ? { ok: false, message: error.message } : { ok: true };
}

/** Staff sign in with email and password. */
export async function signInWithPassword(email: string, password: string): Promise<AuthResult> {
  return outcome(await supabase().auth.signInWithPassword({ email, password }));
}

/** Members: emails a one-time code, creating the login on first use. */
export async function sendEmailCode(email: string): Promise<AuthResult> {
  return outcome(await supabase().auth.signInWithOtp({ email, options: { shouldCreateUser: true } }));
}

/** Members: exchanges the emailed code for a session. */
export async function verifyEmailCode(email: string, code: string): Promise<AuthResult> {
  return outcome(await supabase().auth.verifyOtp({ email, token: code, type: 'email' }));
}

export async function signOut(): Promise<AuthResult> {
  return outcome(await supabase().auth.signOut());
}
