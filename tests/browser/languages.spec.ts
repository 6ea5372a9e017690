/**
 * A Chinese, a Spanish and an English buyer see the merchant's own text — tier names, perks and
 * product names — in their language, on the store page and in the widget on the merchant's page.
 * Expected texts come from the database in that language, so the test follows the seed. Text
 * shown in a fallback language carries that language's `lang` (WCAG 3.1.2).
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { expect, test, type Locator } from '@playwright/test';
import { widget as en } from '../../src/i18n/en.ts';
import { widget as es } from '../../src/i18n/es.ts';
import { widget as zhCN } from '../../src/i18n/zh-CN.ts';
import { demoStaff, signInToConsole } from './console-helpers.ts';
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
        await expectIn(buyer.locale, cards.nth(index).getByRole('heading', { name: tier.name, exact: true }));
        for (const perk of tier.perks) await expectIn(buyer.locale, cards.nth(index).getByText(perk, { exact: true }));
      }
      const names = page.locator('.product-name');
      await expect(names).toHaveText(text.products);
      for (const name of await names.all()) await expect(name).toHaveAttribute('lang', buyer.locale);
    });

    test('reads tier names and perks in the widget on the merchant page', async ({ page }) => {
      const text = await merchantText(buyer.locale, buyer.collation);
      await page.goto(testEnv().demoUrl);
      await page.getByRole('button', { name: buyer.launcher }).click();
      const panel = page.getByRole('dialog');
      // Exact: the Spanish names "Miembro", "Miembro sénior" and "Miembro VIP" contain one another.
      const cards = panel.getByRole('article');
      await expect(cards).toHaveCount(text.tiers.length);
      for (const [index, tier] of text.tiers.entries()) {
        await expectIn(buyer.locale, cards.nth(index).getByRole('heading', { level: 3, name: tier.name, exact: true }));
        for (const perk of tier.perks) await expectIn(buyer.locale, cards.nth(index).getByText(perk, { exact: true }));
      }
    });
  });
}

/** Visible, and marked as written in `locale`. */
async function expectIn(locale: string, locator: Locator) {
  await expect(locator).toBeVisible();
  await expect(locator).toHaveAttribute('lang', locale);
}

test.describe('a Spanish buyer of a store that wrote some texts in English only', () => {
  test.use({ locale: 'es' });
  const english = { tier: 'Gold partner', perk: 'Quarterly samples box', product: 'Kinky curly clip-ins' };
  let slug: string;

  test.beforeAll(async () => {
    const { apiUrl, serviceRoleKey } = testEnv();
    const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
    slug = `fallback-${randomUUID().slice(0, 8)}`;
    const { data: store, error } = await admin.from('stores').insert({ slug, name: 'Fallback Hair' }).select('id').single();
    if (error || !store) throw new Error(`Creating the store failed: ${error?.message}`);
    const failed = [
      await admin.from('tiers').update({ name: { en: english.tier }, perks: { en: [english.perk] } }).eq('store_id', store.id).eq('rank', 2),
      await admin.from('products').insert({ store_id: store.id, sku: 'EN-1', name: { en: english.product }, price: 10, currency: 'USD' }),
    ].find((result) => result.error);
    if (failed?.error) throw new Error(failed.error.message);
  });

  const expectFallback = async (scope: Locator) => {
    await expectIn('es', scope.getByRole('heading', { name: 'Miembro', exact: true }));
    await expectIn('en', scope.getByRole('heading', { name: english.tier, exact: true }));
    await expectIn('en', scope.getByText(english.perk, { exact: true }));
  };

  test('the store page marks the English texts as English', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/store/?s=${slug}`);
    await waitForIslands(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expectFallback(page.locator('main'));
    await expectIn('en', page.locator('.product-name', { hasText: english.product }));
  });

  test('the widget marks them too', async ({ page }) => {
    await page.goto(`${testEnv().demoUrl}/?store=${slug}`);
    await page.getByRole('button', { name: es.launcher }).click();
    await expectFallback(page.getByRole('dialog'));
  });
});

// The page's language chosen with ?lang= on a browser set to English: the browser's own
// Accept-Language says English, so the client must send the page's language itself.
test.describe('staff who chose Chinese on an English browser', () => {
  test.use({ locale: 'en-US' });

  test('see the store\'s tier, product and country names in Chinese, not in the store\'s default language', async ({ page }) => {
    const tiers = await sql<{ zh: string; en: string }>(
      `select t.name ->> 'zh-CN' as zh, t.name ->> 'en' as en from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'demo-wigs' order by t.rank`);
    const [claim] = await sql<{ zh: string; en: string; country: string }>(
      `select p.name ->> 'zh-CN' as zh, p.name ->> 'en' as en, c.ship_to ->> 'country' as country
       from public.sample_claims c join public.products p on p.id = c.product_id join public.stores s on s.id = c.store_id
       where s.slug = 'demo-wigs' and c.status = 'requested' order by c.created_at limit 1`);
    await signInToConsole(page, '/console/?s=demo-wigs', demoStaff);

    await page.goto(`${testEnv().portalUrl}/console/members/?s=demo-wigs&lang=zh-CN`);
    await waitForIslands(page);
    const members = page.getByRole('table');
    await expect(members.getByRole('row').nth(1)).toBeVisible();
    const shown = await members.locator('tbody td').allInnerTexts();
    expect(shown.some((cell) => tiers.some((tier) => cell === tier.zh)), `a tier named in Chinese among ${shown.join(' | ')}`).toBe(true);
    expect(shown.filter((cell) => tiers.some((tier) => cell === tier.en))).toEqual([]);

    await page.goto(`${testEnv().portalUrl}/console/samples/?s=demo-wigs&lang=zh-CN`);
    await waitForIslands(page);
    const row = page.getByRole('table').getByRole('row').nth(1);
    await expect(row).toContainText(claim!.zh);
    await expect(row).not.toContainText(claim!.en);
    await expect(row).toContainText(new Intl.DisplayNames(['zh-CN'], { type: 'region' }).of(claim!.country)!);
  });
});
