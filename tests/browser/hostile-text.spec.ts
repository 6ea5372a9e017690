/**
 * Merchant-written text is shown as text: a store whose name, tier names, perks and products
 * carry HTML, script, a right-to-left override, a very long word and CJK is rendered inertly by
 * the portal's store page and by the widget's panel on a merchant page; a post's title and
 * Markdown body the same way on the portal's post page. Names with the override are rows saved
 * before the engine refused direction controls in names (migration 20261209000500): a tier's is
 * isolated where a sentence names it.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { newStore, signInToConsole } from './console-helpers.ts';
import { sql, testEnv } from './env.ts';
import { expectInertText, expectNoHorizontalOverflow, hostile, hostileStrings, test, watchPage } from './hostile-text.ts';
import { waitForIslands } from './hydration.ts';

const storeName = `${hostile.script} ${hostile.img} ${hostile.attribute}`;
const tierNames = hostileStrings; // one tier per hostile string, ranks 0-5
const perks = [...hostileStrings];
/** The rank (and product index) of the tier named with the override. */
const rtlRank = hostileStrings.indexOf(hostile.rtl);
/** The same hostile text in every language the merchant may write in, so every reader meets it. */
const everyLanguage = <T,>(value: T) => ({ en: value, 'zh-CN': value, es: value });

function ok<T>(result: { data: T; error: { message: string } | null }): T {
  if (result.error) throw new Error(result.error.message);
  return result.data;
}

/** A store written as the service role, like a merchant back end would through the API. */
async function createHostileStore(): Promise<string> {
  const { apiUrl, serviceRoleKey } = testEnv();
  const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const slug = `hostile-${randomUUID().slice(0, 8)}`;
  const { data: store, error } = await admin.from('stores').insert({ slug, name: storeName }).select('id').single();
  if (error || !store) throw new Error(`Creating the store failed: ${error?.message}`);
  // The store starts with ranks 0-2 (trigger); rename them and add the rest. The names with the
  // override are written as they could be before 20261209000500, below.
  const named = (text: string) => (text === hostile.rtl ? 'Renamed below' : text);
  for (const [rank, name] of tierNames.entries()) {
    const values = { name: everyLanguage(named(name)), perks: everyLanguage(perks), min_paid_orders: rank };
    if (rank <= 2) ok(await admin.from('tiers').update(values).eq('store_id', store.id).eq('rank', rank));
    else ok(await admin.from('tiers').insert({ ...values, store_id: store.id, rank }));
  }
  ok(
    await admin.from('products').insert(
      hostileStrings.map((text, index) => ({
        store_id: store.id,
        sku: `H-${index}`,
        name: everyLanguage(named(text)),
        description: everyLanguage(`${hostile.script}${hostile.img}${text}`),
        price: 10 + index,
        currency: 'USD',
      })),
    ),
  );
  const name = everyLanguage(hostile.rtl);
  await writeOlderNames([
    ['update public.tiers set name = $2 where store_id = $1 and rank = $3', [store.id, name, rtlRank]],
    ['update public.products set name = $2 where store_id = $1 and sku = $3', [store.id, name, `H-${rtlRank}`]],
  ]);
  return slug;
}

/**
 * Names as saved before the engine refused direction controls in names (a store's, before it had
 * languages): with its triggers off for the transaction, only the CHECK constraints of that time
 * judge them.
 */
async function writeOlderNames(updates: [statement: string, values: unknown[]][]) {
  const client = new pg.Client({ connectionString: testEnv().dbUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const [statement, values] of updates) await client.query(statement, values);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

test.describe('hostile merchant text', () => {
  let slug: string;
  test.beforeAll(async () => {
    slug = await createHostileStore();
  });

  test('the store page shows it as text', async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/store/?s=${slug}`);
    await waitForIslands(page);

    await expectInertText(page, page.getByRole('heading', { level: 1 }), storeName);
    // The join section's title does not repeat the store's name from the h1.
    await expect(page.locator('#join-cta-title')).toHaveText('Become a member');
    // The page's title and sharing tags name the store as text too.
    await expect(page).toHaveTitle(`${storeName} · member tiers and benefits`);
    const cards = page.getByRole('article');
    await expect(cards).toHaveCount(tierNames.length);
    for (const [index, name] of tierNames.entries()) {
      await expectInertText(page, cards.nth(index).getByRole('heading', { level: 3 }), name);
      const rights = cards.nth(index).locator('.tier-rights');
      for (const perk of perks) await expectInertText(page, rights, perk);
    }
    const products = page.getByRole('region', { name: 'Products' }).getByRole('list');
    for (const name of hostileStrings) await expectInertText(page, products, name);

    await expectNoHorizontalOverflow(page.locator('main'));
  });

  test('the store page shows a hostile slug from its address as text', async ({ page }) => {
    const hostileSlug = `${hostile.img}${hostile.rtl}`;
    await page.goto(`${testEnv().portalUrl}/store/?s=${encodeURIComponent(hostileSlug)}`);
    await waitForIslands(page);
    const alert = page.getByRole('alert');
    // Read as slugs are written, in lower case (the payload survives that: its script is lower case already).
    const asRead = hostileSlug.toLowerCase();
    await expectInertText(page, alert, asRead);
    await expect(alert).toHaveText(`There is no store called “\u2068${asRead}\u2069”.`);
  });

  test('the widget panel on a merchant page shows it as text', async ({ page }) => {
    await openPanelFor(page, slug);
    const panel = page.getByRole('dialog');
    await expectInertText(page, panel.getByRole('heading', { level: 2 }), storeName);
    const cards = panel.getByRole('article');
    await expect(cards).toHaveCount(tierNames.length);
    for (const [index, name] of tierNames.entries()) {
      await expectInertText(page, cards.nth(index).getByRole('heading', { level: 3 }), name);
      for (const perk of perks) await expectInertText(page, cards.nth(index).locator('.tier-rights'), perk);
    }
    await expectNoHorizontalOverflow(panel);
  });

  test('a post (issue 14): its title and Markdown body are shown as text, links only to web addresses', async ({ page }) => {
    const { apiUrl, serviceRoleKey, portalUrl } = testEnv();
    const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
    const store = ok(await admin.from('stores').select('id').eq('slug', slug).single()) as { id: string };
    const title = `${hostile.script} ${hostile.attribute} ${hostile.rtl}`;
    const body = [...hostileStrings, '[click](javascript:window.__pwned=1) and <a href="javascript:window.__pwned=1">raw</a>'].join('\n\n');
    const post = ok(await admin.from('posts').insert({ store_id: store.id, kind: 'industry_news', title, body, locale: 'en', visibility: 'public' }).select('id').single()) as { id: string };

    await page.goto(`${portalUrl}/posts/?s=${slug}`);
    await waitForIslands(page);
    await expectInertText(page, page.getByRole('heading', { level: 2 }).first(), title);

    await page.goto(`${portalUrl}/posts/?s=${slug}&p=${post.id}`);
    await waitForIslands(page);
    await expectInertText(page, page.getByRole('heading', { level: 1 }), title);
    const markdown = page.locator('.markdown');
    for (const text of hostileStrings) await expectInertText(page, markdown, text);
    await expectInertText(page, markdown, '<a href="javascript:window.__pwned=1">raw</a>');
    // The Markdown link to javascript: is not a link at all.
    await expect(markdown.locator('a[href^="javascript" i]')).toHaveCount(0);
    await expectNoHorizontalOverflow(page.locator('main'));
  });

  test('a post gated at the tier whose name holds the override isolates the name in the sentences naming it', async ({ page }) => {
    const { apiUrl, serviceRoleKey, portalUrl } = testEnv();
    const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
    const store = ok(await admin.from('stores').select('id').eq('slug', slug).single()) as { id: string };
    const title = `Gated ${randomUUID().slice(0, 8)}`;
    ok(await admin.from('posts').insert({ store_id: store.id, kind: 'industry_news', title, body: 'Body', locale: 'en', visibility: 'tier', min_tier_rank: rtlRank }));

    await page.goto(`${portalUrl}/posts/?s=${slug}`);
    await waitForIslands(page);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
    // The teaser and the way to the tier (sign in or join, then reach it): the name in each is an
    // isolate of its own, so the words after it keep their order.
    const names = card.locator('bdi');
    await expect(names).toHaveCount(2);
    for (const name of await names.all()) {
      await expect(name).toHaveText(hostile.rtl);
      expect(await name.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
    }
    await expect(card.locator('.teaser')).toHaveText(`For members on the ${hostile.rtl} tier and above.`);
  });

  test.describe('in Chinese, where the store name comes first in the panel title', () => {
    test.use({ locale: 'zh-CN' });
    test('the name is isolated, so a right-to-left override in it cannot reorder the words after it', async ({ page }) => {
      const rtlSlug = await createRtlStore();
      await openPanelFor(page, rtlSlug);
      const heading = page.getByRole('dialog').getByRole('heading', { level: 2 });
      await expectInertText(page, heading, hostile.rtl);
      // First-strong isolate ... pop directional isolate around the merchant's text.
      await expect(heading).toHaveText(`\u2068${hostile.rtl}\u2069会员权益`);
    });
  });
});

test.describe('a store name holding a very long word, on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 800 } });
  test('wraps in the console header, the store page\'s introduction and business card, its news and a post, in every language', async ({ page }) => {
    const name = `Lumina ${hostile.longWord} Co.`;
    const { slug, owner } = await newStore('long', { name, args: { p_base_currency: 'USD', p_default_locale: 'en' } });
    const { portalUrl } = testEnv();
    // The card trades under the same name, and introduces the store with it.
    await sql(`insert into public.merchant_cards (store_id, title, introduction) select id, name, name from public.stores where slug = $1`, [slug]);
    // A post names its store above its title, and its way back to the news does.
    const [post] = await sql<{ id: string }>(`insert into public.posts (store_id, kind, title, body, locale, visibility)
      select id, 'industry_news', 'Autumn news', 'Text.', 'en', 'public' from public.stores where slug = $1 returning id`, [slug]);
    await signInToConsole(page, `/console/?s=${slug}`, owner);
    for (const lang of ['en', 'zh-CN', 'es']) {
      await page.goto(`${portalUrl}/console/?s=${slug}&lang=${lang}`);
      await waitForIslands(page);
      await expect(page.locator('.console-store-name')).toHaveText(name);
      await expectNoHorizontalOverflow(page.locator('main'));
      await page.goto(`${portalUrl}/store/?s=${slug}&lang=${lang}`);
      await waitForIslands(page);
      await expect(page.locator('.merchant-card-head p')).toHaveText(name);
      await expect(page.locator('.store-introduction')).toHaveText(name);
      await expectNoHorizontalOverflow(page.locator('main'));
      await page.goto(`${portalUrl}/posts/?s=${slug}&lang=${lang}`);
      await waitForIslands(page);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
      await expectNoHorizontalOverflow(page.locator('main'));
      await page.goto(`${portalUrl}/posts/?s=${slug}&p=${post!.id}&lang=${lang}`);
      await waitForIslands(page);
      await expect(page.locator('.post-meta')).toContainText(name);
      await expect(page.locator('.post-back a')).toContainText(name);
      await expectNoHorizontalOverflow(page.locator('main'));
    }
  });
});

/** The demo merchant page showing the widget of `storeSlug` (`?store=`), its panel opened. */
async function openPanelFor(page: Page, storeSlug: string) {
  await page.goto(`${testEnv().demoUrl}/?store=${storeSlug}`);
  await expect(page.locator('script[src$="/widget.js"]')).toHaveAttribute('data-store', storeSlug);
  await page.locator('cardclub-widget button.launcher').click();
}

async function createRtlStore(): Promise<string> {
  const { apiUrl, serviceRoleKey } = testEnv();
  const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const rtlSlug = `hostile-rtl-${randomUUID().slice(0, 8)}`;
  ok(await admin.from('stores').insert({ slug: rtlSlug, name: 'Renamed below' }));
  await writeOlderNames([['update public.stores set name = $2 where slug = $1', [rtlSlug, { en: hostile.rtl }]]]);
  return rtlSlug;
}

// The helper itself must catch an unsafe render, or every test above could pass vacuously.
test.describe('expectInertText', () => {
  // Long enough for the image error to fire and for a poll to complete on a busy machine: at
  // 500 ms a poll cut short mid-evaluate failed with Playwright's own "not bound" error.
  const failFast = 3000;
  const unsafe = (page: Page, html: string) =>
    page.setContent('<main><p id="target"></p></main>').then(() =>
      page.locator('#target').evaluate((element, value) => {
        // The unsafe render under test: stored text parsed as HTML.
        element['innerHTML'] = value;
      }, html),
    );

  test('fails when text is parsed as HTML and a payload runs', async ({ page }) => {
    await unsafe(page, hostile.img);
    await expect(expectInertText(page, page.locator('#target'), hostile.img, { timeout: failFast })).rejects.toThrow(
      /textShown[\s\S]*injectedInside[\s\S]*<img[\s\S]*payloadsOnPage[\s\S]*pwned/,
    );
  });

  test('fails on a dialog', async ({ page }) => {
    const payload = '<img src=x onerror="alert(1)">';
    await unsafe(page, payload);
    await expect(expectInertText(page, page.locator('#target'), payload, { timeout: failFast })).rejects.toThrow(/alert: 1/);
  });

  test('passes on the same text set as text, and insists on a watched page', async ({ page, browser }) => {
    await page.setContent('<main><p id="target"></p></main>');
    await page.locator('#target').evaluate((element, value) => (element.textContent = value), hostile.img);
    await expectInertText(page, page.locator('#target'), hostile.img);

    const unwatched = await browser.newPage();
    await expect(expectInertText(unwatched, unwatched.locator('body'), 'x')).rejects.toThrow(/watched page/);
    watchPage(unwatched);
    await unwatched.close();
  });
});
