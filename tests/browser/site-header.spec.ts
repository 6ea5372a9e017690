/**
 * The header every portal and console page shares: its language links switch the page in place
 * and the choice holds for the next page; signed in, it offers no sign-in; it marks the page the
 * reader is on; and none of that moves the page after its first paint. The console's link is the
 * staff's: in the header on the console's pages, in the footer on the buyers'.
 */
import { expect, test } from '@playwright/test';
import { newLogin, signInAs } from './console-helpers.ts';
import { testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';
import { layoutShift } from './layout-shift.ts';

const demoMember = 'buyer3@demo-wigs.test';

test('choosing 中文 switches the page in place, and later pages stay in Chinese', async ({ page }) => {
  const { portalUrl } = testEnv();
  await page.goto(`${portalUrl}/store/?s=demo-wigs#products`);
  await waitForIslands(page);
  const languages = page.getByRole('list', { name: 'Language' });
  await expect(languages.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
  const chinese = languages.getByRole('link', { name: '中文' });
  await expect(chinese).toHaveAttribute('lang', 'zh-CN');
  // By keyboard: the link keeps the page's store and place.
  await chinese.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${portalUrl}/store/?s=demo-wigs&lang=zh-CN#products`);
  await waitForIslands(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Signed out, the header offers sign-in, not "My membership" (which would open the same form).
  await expect(page.getByRole('banner').getByRole('link', { name: '会员登录' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: '会员中心' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: '语言' }).getByRole('link', { name: '中文' })).toHaveAttribute('aria-current', 'true');

  // The header's links keep the address's ?lang=, as every link to another page does.
  await page.getByRole('link', { name: '会员登录' }).click();
  await page.waitForURL(`${portalUrl}/login/?lang=zh-CN`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('会员登录');
  await expect(page.getByRole('link', { name: '会员登录' })).toHaveAttribute('aria-current', 'page');
  // An address without one: the choice is remembered.
  await page.goto(`${portalUrl}/login/`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('会员登录');

  // ?lang= in an address still wins over the choice.
  await page.goto(`${portalUrl}/login/?lang=es`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acceso de miembros');
});

test('signed in, the header offers no sign-in, marks the page and moves nothing', async ({ page }) => {
  await signInAs(page, demoMember);
  await page.goto(`${testEnv().portalUrl}/me/?s=demo-wigs`);
  await waitForIslands(page);
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'My membership' })).toHaveAttribute('aria-current', 'page');
  await expect(header.getByRole('link', { name: 'Member sign-in' })).toBeHidden();
  await page.waitForLoadState('networkidle');
  expect(await layoutShift(page)).toBe(0);

  // /login/ leads on to the membership, in the store it was opened from. A login of its own, so
  // that signing out never touches the sessions of tests running beside this one.
  const login = await newLogin('header');
  await signInAs(page, login.email, login.password);
  await page.goto(`${testEnv().portalUrl}/login/?s=demo-wigs`);
  await waitForIslands(page);
  // No member of that store yet, it is sent on to exchange business cards there instead.
  await expect(page.getByRole('link', { name: 'Exchange business cards with \u2068Lumina Hair Co.\u2069' })).toHaveAttribute('href', '/store/?s=demo-wigs');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  await expect(header.getByRole('link', { name: 'Member sign-in' })).toBeVisible();
});

test('buyers\' pages offer the console in the footer, not beside their own links; the console\'s pages in the header', async ({ page }) => {
  const { portalUrl } = testEnv();
  for (const path of ['/', '/store/?s=demo-wigs', '/login/', '/me/', '/posts/?s=demo-wigs']) {
    await page.goto(`${portalUrl}${path}`);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Member sign-in' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Merchant console' })).toHaveCount(0);
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'For merchants: sign in to the console' })).toHaveAttribute('href', '/console/');
  }
  await page.goto(`${portalUrl}/console/`);
  await waitForIslands(page);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Merchant console' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('contentinfo').getByRole('link')).toHaveCount(0);

  // In Chinese, the footer's link too, to the console in Chinese.
  await page.goto(`${portalUrl}/?lang=zh-CN`);
  await waitForIslands(page);
  await expect(page.getByRole('contentinfo').getByRole('link', { name: '商家：登录商家后台' })).toHaveAttribute('href', '/console/?lang=zh-CN');
});

test('on a phone, signed out, the console\'s three header links take two full lines in every language', async ({ page }) => {
  const { portalUrl } = testEnv();
  await page.setViewportSize({ width: 360, height: 800 });
  const heights: number[] = [];
  for (const [lang, consoleLink] of [['en', 'Merchant console'], ['zh-CN', '商家后台'], ['es', 'Consola del comercio']] as const) {
    await page.goto(`${portalUrl}/console/?lang=${lang}`);
    await waitForIslands(page);
    const links = page.locator('.site-links');
    await expect(links.getByRole('link', { name: consoleLink })).toBeVisible();
    const [list, first, last] = await Promise.all([links.boundingBox(), links.locator('li').first().boundingBox(), links.locator('li').last().boundingBox()]);
    // The console's link starts the second line, which it ends: in Chinese, where all three fit
    // one line, the list kept a second line's height with nothing on it.
    expect(last!.y, `${lang}: the last link on a line of its own`).toBeGreaterThan(first!.y + first!.height);
    expect(list!.y + list!.height - (last!.y + last!.height), `${lang}: no empty line under the links`).toBeLessThan(1);
    heights.push(Math.round(list!.height));
  }
  // The same height in each, so translating after the first paint moves nothing.
  expect(new Set(heights).size).toBe(1);
});

test('the portal home: one line of what it is, what buyers and merchants get, and the buyers\' actions as buttons, signed out and in', async ({ page }) => {
  const { portalUrl } = testEnv();
  await page.goto(`${portalUrl}/`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Business-card membership for B2B stores');
  // The footer is a product line of its own, not the heading again.
  await expect(page.getByRole('contentinfo')).not.toContainText(await heading.innerText());
  for (const [name, items] of [['For buyers', 4], ['For merchants', 2]] as const) {
    await expect(page.getByRole('region', { name }).getByRole('listitem')).toHaveCount(items);
  }
  // The buttons are the buyers'; the merchants' way in is a plain link under their list.
  const main = page.getByRole('main');
  const actions = main.locator('.actions');
  const buttons = async (signedIn: boolean) => {
    const first = signedIn ? ['My membership', '/me/'] : ['Member sign-in', '/login/'];
    await expect(actions.getByRole('link')).toHaveText([first[0]!, 'See the demo store']);
    for (const [name, href] of [first, ['See the demo store', '/store/?s=demo-wigs']] as const) {
      const action = actions.getByRole('link', { name, exact: true });
      await expect(action).toHaveAttribute('href', href!);
      await expect(action).toHaveClass(/\bbutton\b/);
    }
  };
  await buttons(false);
  const merchants = page.getByRole('region', { name: 'For merchants' }).getByRole('link', { name: 'Sign in to the console' });
  await expect(merchants).toHaveAttribute('href', '/console/');
  await expect(merchants).not.toHaveClass(/\bbutton\b/);
  await expect(main.getByRole('link', { name: 'Merchant console' })).toHaveCount(0);
  // Static text: no island to wait for.
  await expect(page.locator('astro-island')).toHaveCount(0);

  // Signed in, "My membership" takes the sign-in button's place from the first paint: nothing moves.
  await signInAs(page, demoMember);
  await page.goto(`${testEnv().portalUrl}/`);
  await buttons(true);
  await page.waitForLoadState('networkidle');
  expect(await layoutShift(page)).toBe(0);
});
