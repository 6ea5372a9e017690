import { expect, type Page } from '@playwright/test';

/** Waits until every Astro island on the page has hydrated (Astro drops `ssr` when it has). */
export async function waitForIslands(page: Page): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

const counted = new WeakSet<Page>();

/**
 * Counts, in each page the tab loads from now on, the fetches under way (every read of the
 * portal and console goes through `fetch`). Call it before the navigation `waitForDrawn` follows.
 */
export async function countFetches(page: Page): Promise<void> {
  if (counted.has(page)) return;
  counted.add(page);
  await page.addInitScript(() => {
    const fetch = window.fetch;
    let underWay = 0;
    Object.defineProperty(window, '__fetchesUnderWay', { get: () => underWay });
    window.fetch = function (...args: Parameters<typeof fetch>) {
      underWay += 1;
      const answer = fetch.apply(this, args);
      const done = () => { underWay -= 1; };
      answer.then(done, done);
      return answer;
    };
  });
}

/**
 * Waits until the page is drawn with its data: islands hydrated, no fetch under way and no
 * screen saying it is loading for three frames running (a read that starts another after it
 * draws is caught between them), fonts in. What a measurement of the drawn page needs, without
 * `networkidle`'s half second of quiet after every load (the phone-width checks paid it some
 * forty times).
 */
export async function waitForDrawn(page: Page): Promise<void> {
  await waitForIslands(page);
  await page.evaluate(async () => {
    if (!('__fetchesUnderWay' in window)) throw new Error('waitForDrawn: call countFetches before loading the page');
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    for (let quiet = 0; quiet < 3;) {
      await frame();
      const idle = (window as unknown as { __fetchesUnderWay: number }).__fetchesUnderWay === 0 && !document.querySelector('.busy[aria-busy="true"]');
      quiet = idle ? quiet + 1 : 0;
    }
    await document.fonts.ready;
  });
}
