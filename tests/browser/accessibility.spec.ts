import { expect, test, type Locator } from '@playwright/test';
import { testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

async function outline(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
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
    expect(await outline(password)).toMatchObject({ style: 'solid', width: 3 });
  });

  test('the widget launcher is reachable by keyboard with a visible focus ring', async ({ page }) => {
    await page.goto(testEnv().demoUrl);
    const launcher = page.getByRole('button', { name: 'Member benefits' });
    await expect(launcher).toBeVisible();
    // The demo page has one link before the widget, which comes last in the document.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();
    expect(await outline(launcher)).toMatchObject({ style: 'solid', width: 3 });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByRole('heading', { level: 2 })).toBeFocused();
  });
});
