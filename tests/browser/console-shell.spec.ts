import { expect, test, type Route } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { demoStaff, newLogin, shot, signInToConsole } from './console-helpers.ts';
import { sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

test('seeded staff land on their only store with the console navigation', async ({ page }) => {
  // Signed in from the keyboard, Enter in the password: the form it was in gone, the keyboard goes
  // to the screen's title once drawn (it was left on the page's body).
  await page.goto(`${testEnv().portalUrl}/console/`);
  await waitForIslands(page);
  await page.getByLabel('Email').fill(demoStaff.email);
  await page.getByLabel('Password').fill(demoStaff.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/[?&]s=demo-wigs/);
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeFocused();
  const nav = page.getByRole('navigation', { name: 'Console' });
  await expect(nav.getByRole('link', { name: 'Getting started' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/console/settings/?s=demo-wigs');
  await shot(page, 'console-start');
  await expectNoAxeViolations(page, 'the console for the demo store');

  // The skip link passes the console's header and navigation, drawn inside <main>: it goes to the
  // screen's title, its focus shown, and the next Tab is in the screen (it was Sign out, then the
  // navigation's links).
  for (const [path, title] of [['/console/', 'Getting started'], ['/console/members/', 'Members']] as const) {
    await page.goto(`${testEnv().portalUrl}${path}?s=demo-wigs`);
    await waitForIslands(page);
    const heading = page.getByRole('heading', { level: 1, name: title });
    await expect(heading).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(heading).toBeFocused();
    await expect(heading).toHaveCSS('outline-style', 'solid');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main .console-body') !== null), path).toBe(true);
  }

  // Loaded with its store in the address, no frame says the login is not staff of it: one did, as
  // an alert a screen reader heard, on every load before the store was taken from the address.
  await page.addInitScript(() => {
    const said: string[] = ((window as unknown as { alerts: string[] }).alerts = []);
    new MutationObserver(() => {
      for (const alert of document.querySelectorAll('[role="alert"]')) if (alert.textContent) said.push(alert.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`${testEnv().portalUrl}/console/settings/?s=demo-wigs`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { alerts: string[] }).alerts)).toEqual([]);

  // The stores' read answered by a gateway's 502 (its English): said in the page's language as the
  // service's problem, as a screen's read is, never the server's words.
  await page.route(/\/rest\/v1\/store_staff\?/, (route) => route.fulfill({ status: 502, contentType: 'application/json', body: '{"message":"An invalid response was received from the upstream server"}' }));
  await page.goto(`${testEnv().portalUrl}/console/?s=demo-wigs&lang=zh-CN`);
  const failed = page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 1, name: '无法加载你的店铺' }) });
  await expect(failed).toContainText('服务出了问题。请过一分钟再试。');
  await expect(failed).not.toContainText('upstream');
  await shot(page, 'console-stores-failed');
  await page.unrouteAll({ behavior: 'wait' });
  // Stalled (no answer), "Loading your stores…" ends at the reads' bound of 30 s, with Retry; the
  // page's clock passes it.
  await page.clock.install();
  const stalled: Route[] = [];
  await page.route(/\/rest\/v1\/store_staff\?/, (route) => void stalled.push(route));
  await page.goto(`${testEnv().portalUrl}/console/?s=demo-wigs`);
  await expect(page.getByRole('status').filter({ hasText: 'Loading your stores…' })).toBeVisible();
  await expect.poll(() => stalled.length).toBeGreaterThan(0);
  await page.clock.fastForward(30_000);
  const late = page.getByRole('alert').filter({ hasText: 'The server did not answer within 30 seconds. Check your connection and try again.' });
  await expect(late.getByRole('heading', { level: 1, name: 'Your stores could not be loaded' })).toBeVisible();
  await Promise.all(stalled.map((route) => route.abort()));
  await page.unrouteAll({ behavior: 'wait' });
  // Retry takes its own button away: the keyboard on the loading line in its place, then on the
  // screen's title once the stores are read (it was left on the page's body).
  const retried: Route[] = [];
  await page.route(/\/rest\/v1\/store_staff\?/, (route) => void retried.push(route));
  await late.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading your stores…' })).toBeFocused();
  await expect.poll(() => retried.length).toBe(1);
  await retried[0]!.continue();
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeFocused();
  await page.unrouteAll({ behavior: 'wait' });
});

test('a new login creates its store, which starts with default tiers, and switches between stores', async ({ page }) => {
  test.slow();
  const login = await newLogin('owner');
  await signInToConsole(page, '/console/', login);
  await expect(page.getByRole('heading', { level: 1, name: 'Create your store' })).toBeVisible();
  await expectNoAxeViolations(page, 'creating a first store');

  // A name with no Latin letter proposes no address, and the hint says what to write instead.
  await page.getByLabel('Store name').fill('深圳光耀照明');
  await expect(page.getByLabel('Store’s address on Cardclub')).toHaveValue('');
  await expect(page.getByLabel('Store’s address on Cardclub')).toHaveAccessibleDescription(/has no Latin letters to make the address from/);
  // zod refuses a bad slug before anything is sent; the database refuses a taken one, next to the field.
  await page.getByLabel('Store name').fill('Acme Wigs');
  await expect(page.getByLabel('Store’s address on Cardclub')).toHaveValue('acme-wigs');
  await page.getByLabel('Store’s address on Cardclub').fill('-bad');
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByLabel('Store’s address on Cardclub')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Store’s address on Cardclub').fill('demo-wigs');
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.locator('#new-store-slug-error')).toHaveText('Another store already has this address. Choose another.');
  // Said in the console's language, not the engine's English; and from the first paint: the text
  // of every frame drawn while the page loads (its Chinese a second late, as on a slow network),
  // none of which may show the build's English.
  await page.route(/\/_astro\/zh-CN\.[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.addInitScript(() => {
    const frames: string[] = ((window as unknown as { paintedText: string[] }).paintedText = []);
    const record = () => {
      frames.push(document.body?.innerText ?? '');
      if (performance.now() < 5000) requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
  });
  await page.goto(`${testEnv().portalUrl}/console/?lang=zh-CN`);
  await waitForIslands(page);
  await expect(page.locator('footer')).toHaveText('面向跨境B2B商家的店铺会员体系。');
  const painted = await page.evaluate(() => (window as unknown as { paintedText: string[] }).paintedText);
  expect(painted.some((text) => text.includes('商家后台'))).toBe(true);
  expect(painted.filter((text) => /Loading…|My membership|Merchant console|Store membership for/.test(text))).toEqual([]);
  await page.unrouteAll();
  // A store made in a Chinese console is a Chinese store unless chosen otherwise (English stood
  // there, and every Chinese-only text was then refused), and the form says what that means.
  await expect(page.getByLabel('默认语言')).toHaveValue('zh-CN');
  await expect(page.getByText(/每段文字（等级名称、产品、优惠券、名片）都必须有此语言的版本.*之后可以在“设置”中更改/)).toBeVisible();
  await page.getByLabel('店铺名称').fill('Acme Wigs');
  await page.getByLabel('店铺在Cardclub上的地址').fill('demo-wigs');
  await page.getByRole('button', { name: '创建店铺' }).click();
  await expect(page.locator('#new-store-slug-error')).toHaveText('已有其他店铺使用此地址。请另选一个。');
  await page.goto(`${testEnv().portalUrl}/console/?lang=en`);
  await waitForIslands(page);
  await expect(page.getByLabel('Default language')).toHaveValue('en');
  await page.getByLabel('Store name').fill('Acme Wigs');

  const slug = `acme-${Date.now().toString(36)}`;
  await page.getByLabel('Store’s address on Cardclub').fill(slug);
  await page.getByLabel('Default language').selectOption('es');
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]s=${slug}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();
  expect(await sql(`select t.rank, t.name->>'es' as name from public.tiers t join public.stores s on s.id = t.store_id where s.slug = $1 order by t.rank`, [slug]))
    .toEqual([{ rank: 0, name: expect.any(String) }, { rank: 1, name: expect.any(String) }, { rank: 2, name: expect.any(String) }]);

  // A second store: the picker and the switcher list both.
  await page.goto(`${testEnv().portalUrl}/console/?new`);
  await waitForIslands(page);
  await page.getByLabel('Store name').fill('Acme Two');
  await page.getByLabel('Store’s address on Cardclub').fill(`${slug}-2`);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]s=${slug}-2`));
  // The switcher shows the store it is on (it showed the first of the list).
  await expect(page.getByLabel('Store', { exact: true })).toHaveValue(`${slug}-2`);
  await page.getByLabel('Store', { exact: true }).selectOption(slug);
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]s=${slug}(&|$)`));
  await expect(page.locator('.console-store-name')).toHaveText('Acme Wigs');

  // A store without members or orders: its analytics say when figures come and how, in place of
  // a phone's 4,900 px of empty charts, tables and CSV buttons.
  await page.goto(`${testEnv().portalUrl}/console/analytics/?s=${slug}&lang=es`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Analítica' })).toBeVisible();
  await expect(page.locator('.growth-grid p.empty')).toHaveText('Aún no hay cifras: aparecen cuando el primer comprador se une mediante el widget de tus páginas (código de inserción) o cuando importas tus primeros pedidos.');
  await expect(page.getByRole('link', { name: 'código de inserción' })).toHaveAttribute('href', `/console/?s=${slug}&lang=es#embed-title`);
  await expect(page.getByRole('link', { name: 'importas tus primeros pedidos' })).toHaveAttribute('href', `/console/orders/?s=${slug}&lang=es#orders-import-title`);
  await expect(page.locator('.growth-grid').getByRole('table')).toHaveCount(0);
  await expect(page.locator('.growth-grid').getByRole('button')).toHaveCount(0);
  await shot(page, 'console-analytics-empty-es');
  // Followed, the link lands on the embed code, drawn after the page loaded, with the keyboard there.
  await page.getByRole('link', { name: 'código de inserción' }).click();
  const embedTitle = page.locator('#embed-title');
  await expect(embedTitle).toBeFocused();
  await expect(embedTitle).toBeInViewport();

  await page.goto(`${testEnv().portalUrl}/console/`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a store' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Acme Two' })).toHaveAttribute('href', `/console/?s=${slug}-2`);
});

test('staff of another store are told the demo store is not theirs and see none of it', async ({ page }) => {
  test.slow();
  const login = await newLogin('rival');
  await signInToConsole(page, '/console/', login);
  const slug = `rival-${Date.now().toString(36)}`;
  await page.getByLabel('Store name').fill('Rival Hair');
  await page.getByLabel('Store’s address on Cardclub').fill(slug);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();

  // Its own screens hold only its own data: no demo staff, products, members or card.
  const demoData = /Lumina|demo-wigs|LF-BW|Bella Cabello|Haarwerk|Glow Beauty|Grace Lin/;
  const own: Record<string, RegExp> = { '': /Getting started/, 'settings/': /Settings/, 'staff/': /Staff/, 'tiers/': /Tiers and rights/, 'products/': /Products/ };
  for (const [screen, heading] of Object.entries(own)) {
    await page.goto(`${testEnv().portalUrl}/console/${screen}?s=${slug}`);
    await waitForIslands(page);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText(demoData);
  }
  await page.goto(`${testEnv().portalUrl}/console/tiers/?s=${slug}`);
  await waitForIslands(page);
  await page.getByRole('button', { name: 'Edit VIP' }).click();
  await page.getByLabel('Minimum paid amount (USD)').fill('1');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await expect(page.getByText('Of 0 members, 0 would move up and 0 down. Nothing has changed yet.')).toBeVisible();

  // The demo store, named in the address: refused on every screen, none of it shown.

  for (const screen of ['', 'settings/', 'staff/', 'tiers/', 'products/']) {
    await page.goto(`${testEnv().portalUrl}/console/${screen}?s=demo-wigs`);
    await waitForIslands(page);
    await expect(page.getByRole('alert')).toContainText('You are not staff of a store called');
    await expect(page.locator('body')).not.toContainText('Lumina');
  }
});
