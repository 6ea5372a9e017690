import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { axeOptions, describeViolations, expectNoAxeViolations, targetText } from './axe.ts';
import { latestOtpFor, sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';
import { shot } from './console-helpers.ts';

async function outline(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor, offset: parseFloat(style.outlineOffset) };
  });
}

test.describe('keyboard use', () => {
  test('the skip link comes first, is visible when focused and moves to main', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    expect(await outline(skip)).toMatchObject({ style: 'solid', width: 3 });
    // Blue at 2px (global.css --color-focus): an orange-red ring read as a field in error.
    expect(await outline(skip)).toMatchObject({ color: 'rgb(37, 99, 235)', offset: 2 });
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('the page has landmarks and a language', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
      await expect(page.getByRole(role)).toHaveCount(1);
    }
  });

  test('form controls are labelled and show focus', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/console/`);
    await waitForIslands(page);
    const email = page.getByLabel('Email');
    await email.focus();
    await page.keyboard.press('Tab');
    const password = page.getByLabel('Password');
    await expect(password).toBeFocused();
    expect(await outline(password)).toMatchObject({ style: 'solid', width: 3, color: 'rgb(37, 99, 235)', offset: 2 });
  });

  test('a disabled button does not say it is busy; a busy one does, in the portal and the console', async ({ page }) => {
    for (const path of ['/', '/console/']) {
      await page.goto(`${testEnv().portalUrl}${path}`);
      await waitForIslands(page);
      const cursors = await page.evaluate(() => {
        const make = (busy: boolean) => {
          const button = document.createElement('button');
          button.disabled = true;
          if (busy) button.setAttribute('aria-busy', 'true');
          document.querySelector('main')!.append(button);
          return getComputedStyle(button).cursor;
        };
        return { disabled: make(false), busy: make(true) };
      });
      expect(cursors, path).toEqual({ disabled: 'not-allowed', busy: 'progress' });
    }
  });

  test('the widget launcher is reachable by keyboard with a visible focus ring', async ({ page }) => {
    await page.goto(testEnv().demoUrl);
    const launcher = page.getByRole('button', { name: 'Member benefits' });
    await expect(launcher).toBeVisible();
    // The widget comes last in the document: Tab through the demo page's links and placements to it.
    for (let step = 0; step < 15 && !(await launcher.evaluate((button) => button.matches(':focus'))); step++) await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();
    expect(await outline(launcher)).toMatchObject({ style: 'solid', width: 3 });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByRole('heading', { level: 2 })).toBeFocused();
  });
});

async function openPortal(page: Page, path: string) {
  await page.goto(`${testEnv().portalUrl}${path}`);
  await waitForIslands(page);
}

/**
 * Scans the open panel alone at each scroll position from top to bottom: its height is
 * capped, and axe checks contrast only of text on screen. Returns every rule and target
 * axe checked (passed or left for review), e.g. `color-contrast cardclub-widget >>> #tier-0`.
 */
async function scanOpenPanel(page: Page, label: string): Promise<Set<string>> {
  const panel = page.locator('cardclub-widget .panel'); // Playwright's CSS pierces open shadow roots
  const checked = new Set<string>();
  let top = 0;
  for (let scan = 1; ; scan++) {
    await panel.evaluate((element, top) => (element.scrollTop = top), top);
    const results = await expectNoAxeViolations(page, `${label}, panel scrolled to ${top}px`, { include: ['cardclub-widget'], everyNode: true });
    for (const rule of [...results.passes, ...results.incomplete]) {
      for (const node of rule.nodes) checked.add(`${rule.id} ${targetText(node)}`);
    }
    const { scrollTop, clientHeight, scrollHeight } = await panel.evaluate((element) => ({
      scrollTop: element.scrollTop,
      clientHeight: element.clientHeight,
      scrollHeight: element.scrollHeight,
    }));
    if (scrollTop + clientHeight >= scrollHeight - 1) return checked;
    expect(scan, 'the panel scrolls to its end within a few screens').toBeLessThan(10);
    top = scrollTop + clientHeight - 32; // overlap, so a line cut at the edge is whole in one scan
  }
}

/** The demo merchant page with the widget's panel open and the demo store's tiers shown. */
async function openPanel(page: Page, launcherName = 'Member benefits') {
  await page.goto(testEnv().demoUrl);
  await page.getByRole('button', { name: launcherName }).click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByRole('article')).toHaveCount(await demoTierCount());
  await expect(panel.getByRole('link')).toBeVisible();
}

let tierCount: number | undefined;
async function demoTierCount(): Promise<number> {
  const query = `select count(*) from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'demo-wigs'`;
  tierCount ??= Number((await sql<{ count: string }>(query))[0]!.count);
  return tierCount;
}

/**
 * axe-core over every page and state a visitor can reach, against WCAG 2.0 and 2.1 A and AA
 * and axe's landmark rules (see axe.ts).
 * Each scan runs once the page's islands have hydrated and its content has loaded, so it sees
 * what a visitor sees rather than a loading line.
 */
test.describe('axe sweep (WCAG 2.0/2.1 A and AA, landmarks)', () => {
  test.describe.configure({ mode: 'parallel' });

  test('the portal home', async ({ page }) => {
    await openPortal(page, '/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, 'the portal home');
  });

  const storeLanguages = [
    { lang: 'en', tiersTitle: 'Membership tiers' },
    { lang: 'zh-CN', tiersTitle: '会员等级' },
    { lang: 'es', tiersTitle: 'Niveles de membresía' },
  ] as const;
  for (const { lang, tiersTitle } of storeLanguages) {
    test(`the demo store's page in ${lang}`, async ({ page }) => {
      await openPortal(page, `/store/?s=demo-wigs&lang=${lang}`);
      await expect(page.getByRole('heading', { level: 2, name: tiersTitle })).toBeVisible();
      await expect(page.getByRole('article').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoAxeViolations(page, `/store/?s=demo-wigs in ${lang}`);
    });
  }

  test('the store page for a store that does not exist, and without a store', async ({ page }) => {
    await openPortal(page, '/store/?s=no-such-store');
    await expect(page.getByRole('alert')).toContainText('no-such-store');
    await expectNoAxeViolations(page, 'the store-not-found state');

    await openPortal(page, '/store/');
    await expect(page.getByRole('alert')).toContainText('No store was chosen');
    await expectNoAxeViolations(page, 'the store page without a store');
  });

  test('the store page when loading fails', async ({ page }) => {
    // A 500 rather than a network error: supabase-js retries those with a backoff.
    await page.route('**/rest/v1/**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"message":"down"}' }));
    await openPortal(page, '/store/?s=demo-wigs');
    await expect(page.getByRole('alert').getByRole('button', { name: 'Try again' })).toBeVisible();
    await expectNoAxeViolations(page, 'the store page (load failed)');
  });

  test('member sign-in: asking for the email, then the code, then signed in', async ({ page }) => {
    const email = `axe-${randomUUID().slice(0, 8)}@example.test`;
    await openPortal(page, '/login/?s=demo-wigs');
    await expect(page.getByLabel('Email')).toBeVisible();
    await expectNoAxeViolations(page, 'the login page (email step)');

    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await expect(page.getByRole('status')).toContainText(email);
    await page.getByLabel('Code from the email').fill('000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    // Refused at its field, which takes the keyboard and says why (no alert repeats it).
    await expect(page.getByLabel('Code from the email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Code from the email')).toBeFocused();
    await expectNoAxeViolations(page, 'the login page (code step, with a wrong code)');

    await page.getByLabel('Code from the email').fill(await latestOtpFor(email));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText(`Your account: ${email}`);
    // The address breaks only before its "@" (at its hyphen it read as two, at 360 px).
    await expect(page.getByTestId('signed-in-as').locator('.email-address')).toHaveText(email);
    // A new login is no member of the store the page was opened from: led to exchange cards there, not to My membership.
    await expect(page.getByText('You are not a member of')).toHaveText(/^You are not a member of \u2068.+\u2069 yet\. Exchange business cards to join\.$/);
    await expect(page.getByRole('link', { name: /^Exchange business cards with / })).toHaveAttribute('href', /\/store\/\?s=demo-wigs/);
    await expect(page.getByRole('link', { name: 'Go to My membership' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'the login page (signed in)');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, 'login-signed-in-not-member-360');
  });

  test('the console signed out (email and password), with a failed attempt, and signed in as staff', async ({ page }) => {
    await openPortal(page, '/console/');
    await expect(page.getByLabel('Password')).toBeVisible();
    await expectNoAxeViolations(page, 'the console (signed out)');

    await page.getByLabel('Email').fill('staff@demo-wigs.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, 'the console (failed sign-in)');

    await page.getByLabel('Password').fill('cardclub-staff');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Signed in as staff@demo-wigs.test')).toBeVisible();
    await expectNoAxeViolations(page, 'the console (signed in as staff)');
  });

  test('the demo merchant page, with the widget panel closed and open', async ({ page }) => {
    // The demo page's product placements load the widget's frame, which every scan also walks.
    test.slow();
    await page.goto(testEnv().demoUrl);
    await expect(page.getByRole('button', { name: 'Member benefits' })).toBeVisible();
    await expectNoAxeViolations(page, 'the demo merchant page (panel closed)');

    await openPanel(page);
    // The panel adds no landmark to the merchant's page: its one banner is the merchant's header.
    await expect(page.getByRole('banner')).toHaveCount(1);
    const whole = await expectNoAxeViolations(page, 'the demo merchant page (panel open)', { everyNode: true });
    // The page's scan reached into the widget's shadow root (a target there reads `host >>> inner`).
    const contrastChecked = whole.passes.filter((rule) => rule.id === 'color-contrast').flatMap((rule) => rule.nodes.map(targetText));
    expect(contrastChecked).toEqual(expect.arrayContaining(['cardclub-widget >>> #panel-title', 'cardclub-widget >>> #tier-0']));

    // The panel alone, top to bottom: every tier's heading and the link to the portal were
    // checked for contrast, and nothing outside the widget was.
    const checked = [...(await scanOpenPanel(page, 'the widget panel'))];
    expect(checked.every((entry) => entry.split(' ')[1] === 'cardclub-widget')).toBe(true);
    const tiers = await demoTierCount();
    for (let rank = 0; rank < tiers; rank++) expect(checked).toContain(`color-contrast cardclub-widget >>> #tier-${rank}`);
    expect(checked).toContainEqual(expect.stringMatching(/^color-contrast cardclub-widget >>> .*\.portal-link/));
    expect(checked).toContainEqual(expect.stringMatching(/^button-name cardclub-widget >>> .*\.close/));
  });

  test('the widget panel for an unknown store, and when the panel or the tiers cannot be loaded', async ({ page }) => {
    await page.goto(`${testEnv().demoUrl}/?store=no-such-store`);
    await page.getByRole('button', { name: 'Member benefits' }).click();
    await expect(page.getByRole('dialog')).toContainText('This store is not set up for member benefits yet.');
    await scanOpenPanel(page, 'the widget panel (unknown store)');

    await page.route('**/rest/v1/**', (route) => route.abort());
    await page.goto(testEnv().demoUrl);
    await page.getByRole('button', { name: 'Member benefits' }).click();
    await expect(page.getByRole('dialog').getByRole('alert').getByRole('button', { name: 'Try again' })).toBeVisible();
    await scanOpenPanel(page, 'the widget panel (tiers failed to load)');

    await page.route('**/widget-panel.js', (route) => route.abort());
    await page.goto(testEnv().demoUrl);
    await page.getByRole('button', { name: 'Member benefits' }).click();
    await expect(page.locator('cardclub-widget').getByRole('alert')).toHaveText('Member benefits could not be loaded.');
    await expectNoAxeViolations(page, 'the demo merchant page (widget panel failed to load)');
  });

  for (const { locale, launcher } of [
    { locale: 'zh-CN', launcher: '会员权益' },
    { locale: 'es-ES', launcher: 'Ventajas para miembros' },
  ]) {
    test.describe(`in a ${locale} browser`, () => {
      test.use({ locale });
      test('the widget panel open', async ({ page }) => {
        await openPanel(page, launcher);
        await scanOpenPanel(page, `the widget panel in ${locale}`);
      });
    });
  }
});

test.describe('the axe helper', () => {
  test("reports violations inside the widget's shadow root with rule, impact, target and summary", async ({ page }) => {
    await openPanel(page);
    // Plant three faults in the open panel: grey-on-white text, an unlabelled field and a
    // header, which inside the dialog is a second banner landmark (the panel once had one).
    await page.locator('cardclub-widget .panel').evaluate((panel) => {
      const faint = Object.assign(document.createElement('p'), { className: 'planted-faint', textContent: 'Faint text' });
      faint.style.cssText = 'color: #b0b0b0; background: #fff';
      const field = Object.assign(document.createElement('input'), { className: 'planted-field', type: 'text' });
      const header = Object.assign(document.createElement('header'), { className: 'planted-header', textContent: 'Header' });
      panel.prepend(faint, field, header);
    });
    const { violations } = await new AxeBuilder({ page }).options(axeOptions()).include('cardclub-widget').analyze();
    const lines = describeViolations(violations);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^color-contrast \(serious\) at cardclub-widget >>> \.planted-faint: Fix any of the following: Element has insufficient color contrast/),
        expect.stringMatching(/^label \(critical\) at cardclub-widget >>> (input|\.planted-field): /),
        expect.stringMatching(/^landmark-no-duplicate-banner \(moderate\) at cardclub-widget >>> \.planted-header: /),
      ]),
    );
    await expect(expectNoAxeViolations(page, 'the planted panel')).rejects.toThrow(/axe found \d+ accessibility violation\(s\) on the planted panel:\ncolor-contrast/);
  });
});
