/**
 * The signed-in user's session, fed by supabase-js (which keeps it in localStorage and
 * refreshes it), and the actions that change it. Components read `$session` and call these
 * actions; none of them talks to supabase-js directly. supabase-js is loaded on demand: where
 * this browser stores no session the page knows at once that nobody is signed in, and draws
 * the sign-in without waiting for the library; where it stores one that is not due for a
 * refresh, the page reads with it at once (public-api.ts) and the library, with everything it
 * then announces, follows when the page first uses it (a write, a sign-out), when the token
 * falls due, or when another tab changes the stored session. A page that only reads (My
 * membership, the store page) thus loads its 56 KB when the token is due, not with the page.
 */
import type { Session } from '@supabase/supabase-js';
import { atom, onMount } from 'nanostores';
import { forgetEmailChange } from '../components/email-change-memory.ts';
import { forgetPendingJoins } from '../components/join/pending-key.ts';
import { hasStoredSession, onSessionEnded, sessionStorageKey, storedSession } from '../lib/public-api.ts';
import type { Client } from '../lib/supabase.ts';
import { defaultLocale } from '../i18n/locales.ts';
import { $locale } from './locale.ts';

/** Set while `$session` waits for the page's first use of supabase-js to follow it. */
let followOnUse: (() => void) | undefined;

/** The portal's supabase-js client, loaded on first use (a chunk of its own). */
export function supabaseClient(): Promise<Client> {
  const client = import('../lib/supabase.ts').then((module) => module.supabase());
  followOnUse?.();
  return client;
}

/** `undefined` until the stored session (if any) has been read; then a session or `null`. */
export const $session = atom<Session | null | undefined>(undefined);

onMount($session, () => {
  let unsubscribe: (() => void) | undefined;
  let unmounted = false;
  let due: ReturnType<typeof setTimeout> | undefined;
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === sessionStorageKey()) follow();
  };
  const follow = () => {
    followOnUse = undefined;
    clearTimeout(due);
    removeEventListener('storage', onStorage);
    // Fires INITIAL_SESSION at once, then on every sign-in, refresh and sign-out (in any tab).
    void supabaseClient().then((supabase) => {
      if (unmounted) return;
      const { data } = supabase.auth.onAuthStateChange((event, session) => {
        // The stored session the page already reads with, announced again: nothing changed,
        // so the islands are not drawn again.
        if (event === 'INITIAL_SESSION' && session && session.access_token === $session.get()?.access_token) return;
        $session.set(session);
      });
      unsubscribe = () => data.subscription.unsubscribe();
    });
  };
  // Only what supabase-js itself would hand out without refreshing: an expired token waits for
  // the library, which refreshes it, then announces the session.
  const stored = storedSession();
  if (stored) {
    // The object supabase-js stored, whole; public-api.ts checked the fields read here.
    const { refreshAt, ...session } = stored;
    $session.set(session as unknown as Session);
    followOnUse = follow;
    due = setTimeout(follow, refreshAt - Date.now());
    // Another tab signed out, in or refreshed: supabase-js reads what it stored and says so.
    addEventListener('storage', onStorage);
  } else {
    if (!hasStoredSession()) $session.set(null);
    follow();
  }
  return () => {
    unmounted = true;
    followOnUse = undefined;
    clearTimeout(due);
    removeEventListener('storage', onStorage);
    unsubscribe?.();
  };
});

// A read refused because this session has ended elsewhere ("Sign out on every device" in another
// browser): this browser forgets it too and shows itself signed out, as after its own sign-out.
let ended: string | undefined;
onSessionEnded((token) => {
  // Once, though every read of the page is refused.
  if (token === ended || token !== $session.get()?.access_token) return;
  ended = token;
  void signOut();
});

/**
 * An action's outcome; `message` is the auth server's (English), `code` its error code
 * (`otp_expired`, `over_email_send_rate_limit`, …) and `status` its HTTP status, from which a
 * form can say the failure in the reader's language.
 */
export type AuthResult = { ok: true } | { ok: false; message: string; code: string | undefined; status: number | undefined };

function outcome({ error }: { error: { message: string; code?: string | undefined; status?: number | undefined } | null }): AuthResult {
  return error ? { ok: false, message: error.message, code: error.code, status: error.status } : { ok: true };
}

/** Staff sign in with email and password. */
export async function signInWithPassword(email: string, password: string): Promise<AuthResult> {
  return outcome(await (await supabaseClient()).auth.signInWithPassword({ email, password }));
}

/**
 * Members: emails a one-time code, creating the login on first use. A new login keeps this
 * page's language as user_metadata.locale, which the e-mail templates speak
 * (supabase/config.toml); GoTrue ignores `data` for a login that exists.
 */
export async function sendEmailCode(email: string): Promise<AuthResult> {
  return outcome(await (await supabaseClient()).auth.signInWithOtp({ email, options: { shouldCreateUser: true, data: { locale: $locale.get() } } }));
}

/**
 * Auth's e-mails to a login (its sign-in codes, an address change) speak user_metadata.locale
 * (supabase/config.toml's templates), which sendEmailCode sets at sign-up and GoTrue then never
 * changes: kept to the language the person reads the site in, so a buyer who signed up on a Spanish
 * page and now reads it in Chinese gets the next code in Chinese. Called once per page (not on every
 * session announced: two tabs in two languages would hand the setting back and forth); a refusal
 * (the rate limit) leaves the setting for the next page.
 */
export async function keepLoginLanguage(session: Session): Promise<void> {
  const locale = $locale.get();
  // None set (a login made through the admin API) is the templates' English: nothing to change there.
  if ((session.user.user_metadata?.locale ?? defaultLocale) === locale) return;
  await (await supabaseClient()).auth.updateUser({ data: { locale } });
}

/** Members: exchanges the emailed code for a session. */
export async function verifyEmailCode(email: string, code: string): Promise<AuthResult> {
  return outcome(await (await supabaseClient()).auth.verifyOtp({ email, token: code, type: 'email' }));
}

/**
 * Signs out this browser (`local`, every "Sign out" button: a buyer on a shared computer keeps
 * their phone signed in), or every session of the login, this one included (`global`, "Sign out
 * on every device"). supabase-js's own default is `global`.
 */
export async function signOut(scope: 'local' | 'global' = 'local'): Promise<AuthResult> {
  // A card typed for an exchange not finished (pending.ts), and an e-mail change's progress, go
  // too: not left for the next person.
  forgetPendingJoins();
  forgetEmailChange();
  return outcome(await (await supabaseClient()).auth.signOut({ scope }));
}

/**
 * Asks to sign in with `email` from now on: with double_confirm_changes (supabase/config.toml)
 * the auth server e-mails a code to the current address and one to `email`, and changes nothing
 * until both are entered (verifyEmailChange). Asking again replaces both codes.
 */
export async function requestEmailChange(email: string): Promise<AuthResult> {
  return outcome(await (await supabaseClient()).auth.updateUser({ email }));
}

/**
 * One of the two codes of an e-mail change, with the address it was sent to. The first only
 * counts (`changed` false); the second changes the address and answers with a session on it,
 * which supabase-js keeps and announces (`$session` then carries the new address). Other
 * sessions are kept.
 */
export async function verifyEmailChange(email: string, code: string): Promise<{ ok: true; changed: boolean } | Extract<AuthResult, { ok: false }>> {
  const { data, error } = await (await supabaseClient()).auth.verifyOtp({ email, token: code, type: 'email_change' });
  if (error) return { ok: false, message: error.message, code: error.code, status: error.status };
  return { ok: true, changed: data.session !== null };
}

/**
 * Brings the session's user up to the auth server's: the address signed in with and the e-mail
 * change waiting (new_email, email_change_sent_at) as they are now, though another device asked
 * for a change again or completed it. The stored user is the server's answer at sign-in, refresh
 * or this browser's last change; when the server now says otherwise, the session is refreshed,
 * so it (its token's claims too) and `$session` carry the server's user.
 */
export async function syncUser(): Promise<AuthResult> {
  const supabase = await supabaseClient();
  const { data, error } = await supabase.auth.getUser();
  if (error) return outcome({ error });
  const stored = $session.get()?.user;
  const same = (['email', 'new_email', 'email_change_sent_at'] as const).every((field) => data.user[field] === stored?.[field]);
  return same ? { ok: true } : outcome(await supabase.auth.refreshSession());
}
