/** Browser tests' sign-ins (as a stored session, or staff through the console's form) and logins made through the admin API. */
import { randomUUID } from 'node:crypto';
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { expect, type Page } from '@playwright/test';
import { fetchFrom, newAddress } from '../support/addresses.ts';
import { testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

export const demoStaff = { email: 'staff@demo-wigs.test', password: 'cardclub-staff' };

export function adminClient() {
  const { apiUrl, serviceRoleKey } = testEnv();
  return createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

/**
 * An anonymous supabase-js client on a device of its own (a loopback address no other client
 * uses). Auth limits password sign-ins per address (30 at once, then 150 per 5 minutes): the
 * suite's sign-ins through the API, all from 127.0.0.1, ran past it once the suite got faster.
 */
export function deviceClient(): SupabaseClient {
  const { apiUrl, anonKey } = testEnv();
  return createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false }, global: { fetch: fetchFrom(newAddress()) } });
}

/** A confirmed login with a password, for a test of its own. */
export async function newLogin(label: string): Promise<{ id: string; email: string; password: string }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'correct-horse-battery';
  const { data, error } = await adminClient().auth.admin.createUser({ email, password, email_confirm: true });
  expect(error).toBeNull();
  return { id: data.user!.id, email, password };
}

/**
 * A store of its own, owned by a new login (create_store gives it the default tiers), for a test
 * that writes: what it creates in the seeded demo store would show in every later test and
 * screenshot of that store. `name` and `args` (more of create_store's parameters) for a test of them.
 */
export async function newStore(label: string, { name = `${label[0]!.toUpperCase()}${label.slice(1)} Wigs`, args = {} }: { name?: string; args?: Record<string, string> } = {}):
  Promise<{ slug: string; storeId: string; owner: { email: string; password: string } }> {
  const owner = await newLogin(`${label}-owner`);
  const client = deviceClient();
  expect((await client.auth.signInWithPassword(owner)).error).toBeNull();
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const created = await client.rpc('create_store', { p_slug: slug, p_name: name, ...args });
  expect(created.error).toBeNull();
  return { slug, storeId: (created.data as { id: string }).id, owner };
}

/** `login` joins the store through join_store, as the contact of `company`, signed in on the client returned. */
export async function joinAs(
  login: { email: string; password: string },
  slug: string,
  company: string,
  { fullName = `${company} Buyer`, country = 'GB' } = {},
) {
  const client = deviceClient();
  expect((await client.auth.signInWithPassword(login)).error).toBeNull();
  const joined = await client.rpc('join_store', { p_store_slug: slug, p_company_name: company, p_full_name: fullName, p_country: country });
  expect(joined.error).toBeNull();
  return { client, memberId: (joined.data as { member_id: string }).member_id };
}

/** A new login joined to the store through join_store as the contact of `company`. */
export async function joinedBuyer(slug: string, company: string, options: { fullName?: string; country?: string } = {}) {
  const login = await newLogin(company.split(' ')[0]!.toLowerCase());
  return { ...login, company, ...(await joinAs(login, slug, company, options)) };
}

/** A new login who joined `buyer`'s company as its colleague `fullName` (invite_colleague, accept_invitation). */
export async function joinedColleague(buyer: { client: SupabaseClient; memberId: string }, fullName: string) {
  const login = await newLogin(fullName.split(' ')[0]!.toLowerCase());
  const invited = await buyer.client.rpc('invite_colleague', { p_member_id: buyer.memberId, p_email: login.email });
  expect(invited.error).toBeNull();
  const client = deviceClient();
  expect((await client.auth.signInWithPassword(login)).error).toBeNull();
  expect((await client.rpc('accept_invitation', { p_token: (invited.data as { token: string }).token, p_full_name: fullName })).error).toBeNull();
  return { ...login, client };
}

/**
 * Opens a console page signed in as `login`: with its session put in place as signInAs does, for
 * tests of what staff do once signed in (sign-in.spec.ts tests the form itself), or with `form`,
 * typed into the console's sign-in form.
 */
export async function signInToConsole(page: Page, path: string, login: { email: string; password: string }, { form = false } = {}): Promise<void> {
  if (!form) await signInAs(page, login.email, login.password);
  await page.goto(`${testEnv().portalUrl}${path}`);
  await waitForIslands(page);
  if (form) {
    await page.getByLabel('Email').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  await expect(page.getByTestId('signed-in-as')).toContainText(login.email);
}

/**
 * Signs `email` in with supabase-js (the password defaults to the seeded members') and hands the
 * session to the page as supabase-js stores it, as if they had signed in on this browser. It is
 * stored before every load of the page from now on, so a sign-out lasts until the next load;
 * `stored` changes what is stored (an expired session).
 */
export async function signInAs(page: Page, email: string, password = 'cardclub-member', stored = (session: Session): Session => session): Promise<void> {
  const client = deviceClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  const key = `sb-${new URL(testEnv().apiUrl).hostname.split('.')[0]}-auth-token`;
  await page.addInitScript(([name, value]) => localStorage.setItem(name!, value!), [key, JSON.stringify(stored(data.session!))]);
}

/**
 * With SHOTS set, a screenshot for review in /tmp/shots: the whole page, except where the widget's
 * frame is open (`frame-…`): Chromium captures a full page by resizing the view, and the frame's
 * page then draws mid-relayout, one letter wide; the view as the buyer sees it is right.
 */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS) await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: !name.startsWith('frame-') });
}
