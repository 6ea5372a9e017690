import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { adminClient } from './console-helpers.ts';
import { addProducts, sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

async function demoStore() {
  const [store] = await sql<{ name: string; brand_color: string }>(`select name ->> 'en' as name, brand_color from public.stores where slug = 'demo-wigs'`);
  const tiers = await sql<{ name: string }>(
    `select t.name ->> 'en' as name from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'demo-wigs' order by t.rank`,
  );
  const products = await sql<{ name: string; price: string; currency: string }>(
    `select p.name ->> 'en' as name, p.price, p.currency from public.products p join public.stores s on s.id = p.store_id
     where s.slug = 'demo-wigs' and p.visibility = 'public' and p.active order by p.name ->> 'en' collate "en-x-icu"`,
  );
  return { name: store!.name, brandColor: store!.brand_color, tiers: tiers.map((tier) => tier.name), products };
}

/** `#rrggbb` as getComputedStyle writes it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;

test.describe('public store page', () => {
  test('shows the store with its tiers side by side, rules, rights and public products', async ({ page }) => {
    const store = await demoStore();
    await page.goto(`${testEnv().portalUrl}/store/?s=demo-wigs`);
    await waitForIslands(page);

    await expect(page.getByRole('heading', { level: 1, name: store.name })).toBeVisible();
    // The merchant's introduction from its card, under the store's name.
    await expect(page.locator('h1 + p')).toHaveText(/^Factory-direct human hair wigs, bundles and closures since 2012\./);
    const cards = page.getByRole('article');
    await expect(cards).toHaveCount(store.tiers.length);
    for (const [index, name] of store.tiers.entries()) {
      await expect(cards.nth(index).getByRole('heading', { name })).toBeVisible();
    }
    await expect(cards.first()).toContainText('Exchange business cards to join');
    // Side by side: on a desktop viewport the first two cards share a row.
    const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    expect(first!.y).toBe(second!.y);

    // A visitor is offered to join, not a member's link to ask for a sample.
    await expect(page.getByRole('link', { name: 'Request a sample or ask' })).toHaveCount(0);
    // In the store's own colour (its settings' brand colour), under white text.
    const joinButton = page.getByRole('button', { name: 'Exchange business cards' });
    await expect(joinButton).toHaveCSS('background-color', rgb(store.brandColor));
    await expect(joinButton).toHaveCSS('color', 'rgb(255, 255, 255)');
    expect(store.products.length).toBeGreaterThan(0);
    const productRows = page.getByRole('region', { name: 'Products' }).getByRole('listitem');
    await expect(productRows).toHaveCount(store.products.length);
    for (const [index, product] of store.products.entries()) {
      const price = new Intl.NumberFormat('en-US', { style: 'currency', currency: product.currency }).format(Number(product.price));
      await expect(productRows.nth(index)).toContainText(product.name);
      await expect(productRows.nth(index)).toContainText(price);
    }
  });

  test('speaks the language asked for with ?lang=', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/store/?s=demo-wigs&lang=zh-CN`);
    await waitForIslands(page);
    await expect(page.getByRole('heading', { level: 2, name: '会员等级' })).toBeVisible();
    await expect(page.locator('h1 + p')).toHaveText(/^2012年起工厂直供真人发假发/);
    await expect(page.locator('h1 + p')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('link', { name: '会员登录' })).toBeVisible();
    // Its links to other pages keep the language, the header's built ones too: a reader whose
    // browser speaks another, who chose none here, stays in Chinese.
    await expect(page.getByRole('link', { name: '会员登录' })).toHaveAttribute('href', '/login/?lang=zh-CN');
    await expect(page.getByRole('link', { name: '店铺动态' })).toHaveAttribute('href', '/posts/?s=demo-wigs&lang=zh-CN');
  });

  test('shows a long catalogue a page at a time, in the catalogue\'s order', async ({ page }) => {
    const slug = `long-${randomUUID().slice(0, 8)}`;
    await sql(`insert into public.stores (slug, name) values ($1, '"Long List Hair"')`, [slug]);
    await addProducts(slug, { prefix: 'LL', name: 'Wig', count: 30, visibility: 'public' });
    // Photos staff uploaded for the first product and one on the second page (the console's way:
    // an object in the store's folder of the private bucket, its path on the product).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    for (const sku of ['LL-1', 'LL-25']) {
      const [product] = await sql<{ path: string }>(
        `select p.store_id || '/' || p.id || '/image-1.png' as path from public.products p join public.stores s on s.id = p.store_id where s.slug = $1 and p.sku = $2`, [slug, sku]);
      expect((await adminClient().storage.from('product-images').upload(product!.path, png, { contentType: 'image/png' })).error).toBeNull();
      await sql('update public.products set image_path = $1 where sku = $2 and store_id = (select id from public.stores where slug = $3)', [product!.path, sku, slug]);
    }
    await page.goto(`${testEnv().portalUrl}/store/?s=${slug}`);
    await waitForIslands(page);
    const rows = page.getByRole('region', { name: 'Products' }).getByRole('listitem');
    await expect(rows).toHaveCount(24);
    await expect(rows.last()).toContainText('Wig 24');
    // A product's photo heads its row, loaded through a signed address a visitor may read; the others have none.
    const photo = rows.first().locator('.product-image img');
    await expect(photo).toHaveJSProperty('complete', true);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await expect(rows.nth(1).locator('img')).toHaveCount(0);
    const more = page.getByRole('button', { name: 'Show more products' });
    // A store without a brand colour keeps Cardclub's.
    await expect(more).toHaveCSS('background-color', 'rgb(11, 79, 138)');
    await more.click();
    await expect(rows).toHaveCount(30);
    await expect(rows.nth(24)).toContainText('Wig 25');
    await expect(rows.nth(24).locator('.product-image img')).toHaveJSProperty('complete', true);
    expect(await rows.nth(24).locator('.product-image img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await expect(rows.last()).toContainText('Wig 30');
    await expect(more).toHaveCount(0);
  });

  test('loads only its own strings, in the visitor\'s language', async ({ page }) => {
    const scripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.text().catch(() => ''));
    });
    await page.goto(`${testEnv().portalUrl}/store/?s=demo-wigs&lang=es`);
    await waitForIslands(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Niveles de membresía' })).toBeVisible();
    const loaded = scripts.join('\n');
    // Spanish, and no other language's strings; none of the console's (staff) or the widget's.
    expect(loaded).toContain('Saltar al contenido principal');
    expect(loaded).not.toContain('Skip to main content');
    expect(loaded).not.toContain('跳到主要内容');
    const { staff, placements } = await import('../../src/i18n/es.ts');
    expect(loaded).not.toContain(staff.signInIntro);
    expect(loaded).not.toContain(placements.inlineJoinText);
  });

  test('finds the store whatever the case of its address', async ({ page }) => {
    const store = await demoStore();
    await page.goto(`${testEnv().portalUrl}/store/?s=DEMO-Wigs`);
    await waitForIslands(page);
    await expect(page.getByRole('heading', { level: 1, name: store.name })).toBeVisible();
    // Its links carry the store's own slug.
    await expect(page.getByRole('link', { name: 'News from the store' })).toHaveAttribute('href', '/posts/?s=demo-wigs');
  });

  test('says so when the store does not exist', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/store/?s=no-such-store`);
    await waitForIslands(page);
    await expect(page.getByRole('alert')).toContainText('There is no store called “\u2068no-such-store\u2069”.');
  });
});
