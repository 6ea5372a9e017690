/**
 * Sign-out scopes: one member login signed in on two browsers (two contexts, two sessions of its
 * own, so no other test's login is signed out). "Sign out" ends this browser's session only;
 * "Sign out on every device" ends the other browser's too, whose next read is then refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { joinedBuyer, newLogin, newStore, signInAs, signInToConsole } from './console-helpers.ts';
import { sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

async function openMe(page: Page, slug: string, hash = '') {
  await page.goto(`${testEnv().portalUrl}/me/?s=${slug}${hash}`);
  await waitForIslands(page);
}

test('"Sign out" signs out this browser only; "Sign out on every device" ends every session', async ({ browser }) => {
  const { slug } = await newStore('signout');
  const buyer = await joinedBuyer(slug, 'Scope Trading');
  const [a, b] = await Promise.all([browser.newPage(), browser.newPage()]);
  await signInAs(a, buyer.email, buyer.password);
  await signInAs(b, buyer.email, buyer.password);
  const member = (page: Page) => expect(page.getByRole('heading', { level: 1 })).toContainText('Signout Wigs');
  // Where the focus went on A, to tell that a plain load leaves it alone.
  await a.addInitScript(() => {
    const focused: string[] = [];
    Object.assign(window, { focused });
    document.addEventListener('focusin', (event) => focused.push(`${(event.target as Element).tagName} ${(event.target as Element).textContent}`));
  });

  await openMe(a, slug);
  await member(a);
  await openMe(b, slug);
  await member(b);

  await a.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Member sign-in');
  // The button pressed is gone with the page: the sign-in's heading takes the focus. Before it, only
  // that button had it: loaded signed in, the membership's heading did not.
  await expect(a.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await a.evaluate(() => (window as unknown as { focused: string[] }).focused)).toEqual(['BUTTON Sign out', 'H1 Member sign-in']);
  // B's session lives on: its reads are still answered.
  await b.reload();
  await waitForIslands(b);
  await member(b);

  // A signs in again (a new session), then B signs out everywhere.
  await signInAs(a, buyer.email, buyer.password);
  await openMe(a, slug);
  await member(a);
  await openMe(b, slug, '#privacy');
  await b.getByRole('button', { name: 'Sign out on every device' }).click();
  await expect(b.getByRole('group', { name: 'Sign out on every device' })).toContainText('Sign out on every device, this one included?');
  await b.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Member sign-in');
  await expect(b.getByRole('heading', { level: 1 })).toBeFocused();

  // A still holds its tokens, but its session has ended: its next read is refused, and A then
  // forgets the session and shows itself signed out.
  await a.reload();
  await waitForIslands(a);
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Member sign-in');
  await Promise.all([a.close(), b.close()]);
});

test('staff sign out on every device from the foot of the console', async ({ browser }) => {
  const login = await newLogin('staff-signout');
  const [a, b] = await Promise.all([browser.newPage(), browser.newPage()]);
  await signInToConsole(a, '/console/', login, { form: true });
  await signInToConsole(b, '/console/', login, { form: true });
  const sessions = async () => (await sql<{ count: string }>('select count(*) from auth.sessions where user_id = $1', [login.id]))[0]!.count;
  expect(await sessions()).toBe('2');

  await b.getByRole('button', { name: 'Sign out on every device' }).click();
  const dialog = b.getByRole('dialog', { name: 'Sign out on every device' });
  await expect(dialog).toContainText('this one included');
  // Cancel has the focus: Enter alone never signs out everywhere.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Sign out on every device' }).click();
  await expect(b.getByLabel('Password')).toBeVisible();
  expect(await sessions()).toBe('0');
  // A still holds its tokens; its next read is refused, and A asks to sign in rather than
  // showing every read failed.
  await a.goto(`${testEnv().portalUrl}/console/members/`);
  await expect(a.getByLabel('Password')).toBeVisible();
  await expect(a.getByRole('alert')).toHaveCount(0);
  await Promise.all([a.close(), b.close()]);
});
