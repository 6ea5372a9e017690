import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { expect, test, type Page } from '@playwright/test';
import { demoStaff, signInToConsole } from './console-helpers.ts';
import { latestOtpFor, sql, subjectsTo, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';
import { layoutShift } from './layout-shift.ts';

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

/** Holds the page's requests to `url` until the returned function is called: what the page shows while it waits. */
async function holdRequests(page: Page, url: RegExp): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handled: Promise<void>[] = [];
  await page.route(url, (route) => {
    handled.push(released.then(() => route.continue()));
  });
  return async () => {
    release();
    await Promise.all(handled);
    await page.unroute(url);
  };
}

test('staff sign in to the console with email and password, and sign out', async ({ page }) => {
  const { apiUrl, serviceRoleKey, portalUrl } = testEnv();
  const email = uniqueEmail('staff');
  const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await admin.auth.admin.createUser({ email, password: 'correct-horse-battery', email_confirm: true });
  expect(error).toBeNull();

  await page.goto(`${portalUrl}/console/`);
  await waitForIslands(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The auth server's English ("Invalid login credentials") stays out of sight.
  await expect(page.getByRole('alert')).toHaveText('The email or password is wrong. No password yet? Use a code sent by email instead.');

  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  await page.reload();
  await waitForIslands(page);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('staff signing in through the console’s form at a deep link land on that page of their store', async ({ page }) => {
  const memberId = 'd4000000-0000-4000-8000-000000000002';
  const [{ company_name }] = (await sql<{ company_name: string }>('select company_name from public.members where id = $1', [memberId])) as [{ company_name: string }];
  const path = `/console/member/?s=demo-wigs&m=${memberId}`;
  await signInToConsole(page, path, demoStaff, { form: true });
  await expect(page).toHaveURL(`${testEnv().portalUrl}${path}`);
  // The keyboard on the page's title, drawn once the member is read (the sign-in form it was in is gone).
  await expect(page.getByRole('heading', { level: 1, name: company_name })).toBeFocused();
});

test('a merchant without a store is told to sign in with an e-mailed code, gets it in their language, and creates a store next', async ({ page }) => {
  await page.clock.install();
  const email = uniqueEmail('merchant');
  await page.goto(`${testEnv().portalUrl}/console/?lang=es`);
  await waitForIslands(page);
  await expect(page.getByText('¿Aún no tienes tienda? Inicia sesión igual, con un código enviado a tu correo, y después crea tu tienda.')).toBeVisible();
  await page.getByRole('button', { name: 'Iniciar sesión con un código por correo' }).click();
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Enviarme un código' }).click();
  // How long the code works, as supabase/config.toml has it: "unos minutos" sent codes of an hour.
  await expect(page.getByRole('status')).toHaveText(`Enviamos un código a ${email}. Es válido durante 1 hora.`);
  // The pressed button went with its form: the code's field takes the keyboard, not the page's body.
  const codeField = page.getByLabel('Código de 6 dígitos');
  await expect(codeField).toBeFocused();

  // The first code creates the login, with the page's language for its e-mails.
  expect(await subjectsTo(email)).toEqual(['Tu código de confirmación de Cardclub']);

  // The member sign-in's code step: the way back to the address, which takes the keyboard, and a
  // new code held for the auth server's minute, the wait its description.
  await page.getByRole('button', { name: 'Usar otro correo' }).click();
  const emailField = page.getByLabel('Correo electrónico');
  await expect(emailField).toBeFocused();
  await sql(`update auth.users set confirmation_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
  await page.clock.fastForward(61_000);
  await emailField.fill(email);
  await page.getByRole('button', { name: 'Enviarme un código' }).click();
  await expect(codeField).toBeFocused();
  const resend = page.getByRole('button', { name: 'Enviar un código nuevo' });
  await expect(resend).toHaveAttribute('aria-disabled', 'true');
  await expect(resend).toHaveAccessibleDescription(/^Podrás pedir un código nuevo dentro de \d+ segundos?\.$/);
  await codeField.fill('12345');
  // The minute over (the server's too): a new code is sent and said, the field emptied for it.
  await sql(`update auth.users set confirmation_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
  await page.clock.fastForward(61_000);
  await expect(resend).not.toHaveAttribute('aria-disabled');
  await resend.click();
  await expect(page.getByRole('status')).toHaveText(`Enviamos un código nuevo a ${email}. El anterior ya no sirve.`);
  await expect(codeField).toHaveValue('');
  await expect(codeField).toBeFocused();
  await expect.poll(() => subjectsTo(email)).toHaveLength(3);
  // The auth server's refusal of a code is said at the field, which takes the keyboard back, naming the way to a new one.
  const code = await latestOtpFor(email);
  await codeField.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verificar y acceder' }).click();
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expect(codeField).toHaveAccessibleDescription('⚠ El código es incorrecto o ha caducado. Revisa el correo o pide un código nuevo.');
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Verificar y acceder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Crea tu tienda' })).toBeVisible();
});

test('members sign in with a code from their email, and ask for a new one once the minute is over', async ({ page }) => {
  await page.clock.install();
  const email = uniqueEmail('member');
  await page.goto(`${testEnv().portalUrl}/login/?s=demo-wigs`);
  await waitForIslands(page);
  // The form replaces the island's fallback without moving anything on screen (CLS ≤ 0.01).
  await expect(page.getByLabel('Email')).toBeVisible();
  expect(await layoutShift(page)).toBeLessThanOrEqual(0.01);
  // Sent empty, the page's own message is beside the field (no browser bubble), read with it.
  const emailField = page.getByLabel('Email');
  await emailField.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Enter an email address such as name@company.com.');
  await expect(emailField).toHaveAttribute('aria-invalid', 'true');
  await expect(emailField).toHaveAccessibleDescription('Enter an email address such as name@company.com.');
  // Sent empty again, the refusal is a new alert: one that kept its text would say nothing.
  const firstAlert = await page.getByRole('alert').elementHandle();
  await page.keyboard.press('Enter');
  await expect.poll(() => firstAlert!.evaluate((alert) => alert.isConnected)).toBe(false);
  await expect(page.getByRole('alert')).toHaveText('Enter an email address such as name@company.com.');
  // Typed and sent with the keyboard, as a person does (fill() would hide a field that keeps old text).
  await emailField.pressSequentially(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(email);
  // The code step starts empty (its input once kept the address typed before), and its own heading
  // takes the focus: the page's h1 is the same as before, and would say nothing of the step.
  await expect(page.getByRole('heading', { level: 2, name: 'Confirm your email' })).toBeFocused();
  const codeField = page.getByLabel('Code from the email');
  await expect(codeField).toHaveValue('');
  // The widget's code step: a new code is held for the auth server's minute, the wait its description.
  const resend = page.getByRole('button', { name: 'Send a new code' });
  await expect(resend).toHaveAttribute('aria-disabled', 'true');
  await expect(resend).toHaveAccessibleDescription(/^You can ask for a new code in \d+ seconds?\.$/);

  // Fewer than 6 digits are refused beside the field, which takes the keyboard, before anything is
  // sent: said once, as its description (no alert repeats it, 495317de).
  await codeField.pressSequentially('12345');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(codeField).toHaveAccessibleDescription('Enter the 6 digits from the email.');
  await expect(codeField).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await codeField.clear();

  const code = await latestOtpFor(email);
  await codeField.pressSequentially(code === '000000' ? '111111' : '000000');
  await page.keyboard.press('Enter');
  // The auth server's refusal of the code is the field's too, and names the way to a new one.
  const wrongCode = 'This code is wrong or has expired. Check the email, or choose “Send a new code” below.';
  await expect(page.getByRole('alert')).toHaveText(wrongCode);
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expect(codeField).toHaveAccessibleDescription(wrongCode);

  // The minute over (the server's too): a new code is sent and said, and the one before no longer signs in.
  await sql(`update auth.users set confirmation_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
  await page.clock.fastForward(61_000);
  await expect(resend).not.toHaveAttribute('aria-disabled');
  // While a code is checked, the pressed button keeps the focus, said to be unavailable, as is a new
  // code then (without the wait's description: there is none).
  const verifyRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/auth/v1/verify')) verifyRequests.push(request.url());
  });
  const releaseVerify = await holdRequests(page, /\/auth\/v1\/verify/);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  const checking = page.getByRole('button', { name: 'Checking…' });
  await expect(checking).toBeFocused();
  await expect(checking).toHaveAttribute('aria-disabled', 'true');
  await expect(resend).toHaveAttribute('aria-disabled', 'true');
  await expect(resend).not.toHaveAttribute('aria-describedby');
  await releaseVerify();
  // From the button, the field says the refusal as it takes the keyboard back; no alert says it again.
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveAccessibleDescription(wrongCode);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(resend).not.toHaveAttribute('aria-disabled');
  expect(verifyRequests).toHaveLength(1);
  // While the new code is on its way, Verify is said to be unavailable and does nothing.
  const releaseResend = await holdRequests(page, /\/auth\/v1\/otp/);
  await resend.click();
  const sending = page.getByRole('button', { name: 'Sending…' });
  await expect(sending).toHaveAttribute('aria-disabled', 'true');
  const verifyButton = page.getByRole('button', { name: 'Verify and sign in' });
  await expect(verifyButton).toHaveAttribute('aria-disabled', 'true');
  // Clicked (forced: Playwright waits for a control said to be unavailable) and by Enter in the field.
  await verifyButton.click({ force: true });
  await codeField.press('Enter');
  await sending.focus();
  await releaseResend();
  await expect(page.getByRole('status')).toHaveText(`We sent a new code to ${email}. The one before no longer works.`);
  expect(verifyRequests).toHaveLength(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(resend).toHaveAttribute('aria-disabled', 'true');
  // The wrong code typed before is gone, and the keyboard is where the new one goes.
  await expect(codeField).toHaveValue('');
  await expect(codeField).toBeFocused();
  await expect.poll(() => latestOtpFor(email)).not.toBe(code);
  await codeField.fill(code);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');

  // A reader who moved out of the step while a new code was on its way keeps their place.
  await sql(`update auth.users set confirmation_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
  await page.clock.fastForward(61_000);
  await expect(resend).not.toHaveAttribute('aria-disabled');
  const releaseSecond = await holdRequests(page, /\/auth\/v1\/otp/);
  await resend.click();
  await expect(sending).toBeVisible();
  const pageTitle = page.getByRole('heading', { level: 1, name: 'Member sign-in' });
  await pageTitle.focus();
  await releaseSecond();
  await expect(codeField).toHaveValue('');
  await expect(pageTitle).toBeFocused();

  await codeField.fill(await latestOtpFor(email));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  // The heading says the new state, not "Member sign-in" any more, and takes the focus the form had.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed in');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Your account: ${email}`);
  // A new login is no member of the store yet: it is sent on to exchange business cards there.
  await expect(page.getByText('You are not a member of \u2068Lumina Hair Co.\u2069 yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Exchange business cards with \u2068Lumina Hair Co.\u2069' })).toHaveAttribute('href', '/store/?s=demo-wigs');
  await expect(page.getByRole('link', { name: 'Go to My membership' })).toHaveCount(0);

  // Sent from the store's news (a locked post's sign-in link), it leads back there instead.
  await page.goto(`${testEnv().portalUrl}/login/?s=demo-wigs&from=news`);
  await waitForIslands(page);
  await expect(page.getByRole('link', { name: 'Back to the store’s news' })).toHaveAttribute('href', '/posts/?s=demo-wigs');
  await expect(page.getByRole('link', { name: 'Back to the store', exact: true })).toHaveCount(0);
  // From the locked post's own page (the seed's members' trend report), back to that post.
  const post = 'df000000-0000-4000-8000-000000000002';
  await page.goto(`${testEnv().portalUrl}/login/?s=demo-wigs&from=news&p=${post}`);
  await waitForIslands(page);
  await expect(page.getByRole('link', { name: 'Back to the post' })).toHaveAttribute('href', `/posts/?s=demo-wigs&p=${post}`);
  await expect(page.getByRole('link', { name: 'Back to the store’s news' })).toHaveCount(0);

  // Signed up in English, they choose Spanish in the header: the next code is e-mailed in Spanish
  // (GoTrue reads the language from user_metadata, which it sets at sign-up only).
  await page.getByRole('list', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
  await page.waitForURL(/lang=es/);
  await waitForIslands(page);
  await expect.poll(async () => (await sql(`select raw_user_meta_data->>'locale' as locale from auth.users where email = $1`, [email]))[0]?.locale).toBe('es');
  await sql(`update auth.users set recovery_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
  const device = createClient(testEnv().apiUrl, testEnv().anonKey, { auth: { persistSession: false } });
  expect((await device.auth.signInWithOtp({ email, options: { shouldCreateUser: false } })).error).toBeNull();
  await expect.poll(() => subjectsTo(email)).toContain('Tu código para iniciar sesión en Cardclub');

  // Signing in from the locked post (this page's address), the code leads straight back to the
  // post, in the page's language, with no "You are signed in" to leave from.
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  const deviceCode = await latestOtpFor(email);
  await sql(`update auth.users set recovery_sent_at = now() - interval '61 seconds' where email = $1`, [email]);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Enviarme un código' }).click();
  await expect.poll(() => latestOtpFor(email)).not.toBe(deviceCode);
  await page.getByLabel('Código del correo').fill(await latestOtpFor(email));
  await page.getByRole('button', { name: 'Verificar y acceder' }).click();
  await page.waitForURL(`${testEnv().portalUrl}/posts/?s=demo-wigs&p=${post}&lang=es`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trend report: glueless lace fronts');
});
