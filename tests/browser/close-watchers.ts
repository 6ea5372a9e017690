/**
 * Counts the CloseWatchers each document of the page makes, destroys and sees closed: an init
 * script, so the widget's frame (another origin) counts its own in its own window.
 */
import type { Frame, Page } from '@playwright/test';

export interface WatcherCounts {
  created: number;
  destroyed: number;
  closed: number;
}

export async function countCloseWatchers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = (window as unknown as { CloseWatcher?: new () => EventTarget & { destroy(): void } }).CloseWatcher;
    if (!Native) return;
    const counts = { created: 0, destroyed: 0, closed: 0 };
    Object.assign(window, {
      closeWatchers: counts,
      CloseWatcher: class extends Native {
        constructor() {
          super();
          counts.created++;
          this.addEventListener('close', () => counts.closed++);
        }
        override destroy() {
          counts.destroyed++;
          super.destroy();
        }
      },
    });
  });
}

export function closeWatchers(document: Page | Frame): Promise<WatcherCounts> {
  return document.evaluate(() => (window as unknown as { closeWatchers: WatcherCounts }).closeWatchers);
}
