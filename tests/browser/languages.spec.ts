/**
 * A Chinese, a Spanish and an English buyer see the merchant's own text — tier names, perks and
 * product names — in their language, on the store page and in the widget on the merchant's page.
 * Expected texts come from the database in that language, so the test follows the seed.
 */
import { expect, test } from '@playwright/test';
import { widget as en } from '../../src/i18n/en.ts';
import { widget as es } from '../../src/i18n/es.ts';
import { widget as zhCN } from '../../src/i18n/zh-CN.ts';
import { sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

const buyers = [
  { locale: 'zh-CN', launcher: zhCN.launcher, collation: 'zh-x-icu' },
  { locale: 'es', launcher: es.launcher, collation: 'es-x-icu' },
  { locale: 'en', launcher: en.launcher, collation: 'en-x-icu' },
] as const;

/** The demo store's texts in `locale` (every one is given in all three languages in the seed). */
async function merchantText(locale: string, collation: string) {
  const tiers = await sql<{ name: string; perks: string[] }>(
    `select t.name ->> $1 as name, array(select jsonb_array_elements_text(t.perks -> $1)) as perks
     from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'demo-wigs' order by t.rank`, [locale]);
  const products = await sql<{ name: string }>(
    `select p.name ->> $1 as name from public.products p join public.stores s on s.id = p.store_id
     where s.slug = 'demo-wigs' and p.visibility = 'public' and p.active order by p.name ->> $1 collate "${collation}"`, [locale]);
  return { tiers, products: products.map((p) => p.name) };
}

for (const buyer of buyers) {
  test.describe(`a ${buyer.locale} buyer`, () => {
    test.use({ locale: buyer.locale });

    test('reads tiers, perks and products on the store page in their language, sorted in it', async ({ page }) => {
      const text = await merchantText(buyer.locale, buyer.collation);
      await page.goto(`${testEnv().portalUrl}/store/?s=demo-wigs`);
      await waitForIslands(page);
      await expect(page.locator('html')).toHaveAttribute('lang', buyer.locale);
      const cards = page.getByRole('article');
      await expect(cards).toHaveCount(text.tiers.length);
      for (const [index, tier] of text.tiers.entries()) {
        await expect(cards.nth(index).getByRole('heading', { name: tier.name })).toBeVisible();
        for (const perk of tier.perks) await expect(cards.nth(index)).toContainText(perk);
      }
      const names = page.locator('.product-name');
      await expect(names).toHaveText(text.products);
    });

    test('reads tier names and perks in the widget on the merchant page', async ({ page }) => {
      const text = await merchantText(buyer.locale, buyer.collation);
      await page.goto(testEnv().demoUrl);
      await page.getByRole('button', { name: buyer.launcher }).click();
      const panel = page.getByRole('dialog');
      for (const tier of text.tiers) {
        await expect(panel.getByRole('heading', { level: 3, name: tier.name })).toBeVisible();
        for (const perk of tier.perks) await expect(panel).toContainText(perk);
      }
    });
  });
}
