import { expect, type Page } from '@playwright/test';

/** Waits until every Astro island on the page has hydrated (Astro drops `ssr` when it has). */
export async function waitForIslands(page: Page): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}
