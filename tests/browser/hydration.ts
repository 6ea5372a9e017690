import { expect, type Page } from '@playwright/test';

/** Waits until every Astro island on the page has hydrated (Astro drops `ssr` when it has). */
export async function waitForIslands(page: Page): Promise<void> {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
}

const counted = new WeakSet<Page>();

/**
 * Counts, in each page the tab loads from now on, the fetches under way until their bodies are
 * in (every read of the portal and console goes through `fetch`). Call it before the navigation
 * `waitForDrawn` follows.
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
      // Headers arrive before the body the page reads: count until a copy of the body is in.
      answer.then((response) => response.clone().arrayBuffer()).then(done, done);
      return answer;
    };
  });
}

/**
 * Waits until the page is drawn with its data: islands hydrated; for three frames running (a
 * read that starts another after it draws is caught between them) no fetch under way, nothing on
 * screen marked busy, and every image the page asked for loaded; fonts in. What a measurement of
 * the drawn page needs, without `networkidle`'s half second of quiet after every load (the
 * phone-width checks paid it some forty times). A section still waiting far down the page (the
 * member dashboard draws those as they near the screen) is not waited for: networkidle did not
 * either.
 */
export async function waitForDrawn(page: Page): Promise<void> {
  await waitForIslands(page);
  const waiting = await page.evaluate(async () => {
    if (!('__fetchesUnderWay' in window)) throw new Error('waitForDrawn: call countFetches before loading the page');
    const onScreen = (element: Element) => {
      const { top, bottom } = element.getBoundingClientRect();
      return bottom > 0 && top < innerHeight;
    };
    const unsettled = () => [
      ...Array.from({ length: (window as unknown as { __fetchesUnderWay: number }).__fetchesUnderWay }, () => 'a fetch'),
      ...[...document.querySelectorAll('[aria-busy="true"]:not(button)')].filter(onScreen).map((element) => `busy ${element.tagName.toLowerCase()}#${element.id}`),
      ...[...document.images].filter((image) => image.loading !== 'lazy' && !image.complete).map((image) => `image ${image.src}`),
    ];
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const deadline = performance.now() + 15_000;
    for (let quiet = 0; quiet < 3;) {
      await frame();
      const left = unsettled();
      if (left.length && performance.now() > deadline) return left;
      quiet = left.length ? 0 : quiet + 1;
    }
    await document.fonts.ready;
    return [];
  });
  expect(waiting, 'still loading after 15 s').toEqual([]);
}
