import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A section of My membership, drawn (sections are drawn as they near the screen, with their
 * heading only until then) and loaded. The region the placeholder was can be swapped for the
 * drawn one mid-scroll: the scroll is tried again then.
 */
export async function drawnSection(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name, exact: true });
  await expect(async () => {
    await section.scrollIntoViewIfNeeded({ timeout: 2000 });
    await expect(section).not.toHaveAttribute('aria-busy', 'true', { timeout: 2000 });
  }).toPass();
  return section;
}
