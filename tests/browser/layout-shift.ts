import type { Frame, Page } from '@playwright/test';

/** The page's (or a frame's) cumulative layout shift so far (shifts right after input excluded, as CLS does). */
export function layoutShift(page: Page | Frame): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        // Buffered entries are delivered in the observer's first callback, before this resolves.
        setTimeout(() => resolve(total), 50);
      }),
  );
}
