/**
 * Issue 14 walked as its users walk it, on a store of its own (so the figures are known): the
 * owner builds a segment and watches its live size, exports it (only the consenting contact),
 * records a campaign and sees its 30-day result; publishes a VIP post, which a VIP member reads
 * and an ordinary member sees as a teaser; the analytics page shows charts and tables with the
 * fixture's numbers. axe-core scans every screen.
 *
 * Fixture: "Vip Co" (joined, consented, one paid order of 10,000 → VIP) and "Plain Co" (joined,
 * no consent, no orders). Hand-computed: join → first order 2 members, 1 converted (50 %);
 * repurchase 1, 0; average order value VIP: 1 order of $10,000.00.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { newLogin, shot, signInToConsole } from './console-helpers.ts';
import { sql, testEnv } from './env.ts';
import { expectInertText, hostile, watchPage } from './hostile-text.ts';
import { waitForIslands } from './hydration.ts';

test.describe.configure({ timeout: 180_000 });

const anon = () => {
  const { apiUrl, anonKey } = testEnv();
  return createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
};

/** A login joined to the store as its company's contact; returns the login for signing in. */
async function buyer(slug: string, company: string) {
  const login = await newLogin(company.split(' ')[0]!.toLowerCase());
  const client = anon();
  expect((await client.auth.signInWithPassword(login)).error).toBeNull();
  const joined = await client.rpc('join_store', { p_store_slug: slug, p_company_name: company, p_full_name: `${company} Buyer`, p_country: 'DE' });
  expect(joined.error).toBeNull();
  return { ...login, memberId: (joined.data as { member_id: string }).member_id };
}

/** A page whose supabase-js finds `login` signed in, as after the e-mail code. */
async function memberPage(browser: Browser, login: { email: string; password: string }): Promise<Page> {
  const { apiUrl } = testEnv();
  const client = anon();
  const { data, error } = await client.auth.signInWithPassword(login);
  expect(error).toBeNull();
  const page = await (await browser.newContext()).newPage();
  watchPage(page);
  const key = `sb-${new URL(apiUrl).hostname.split('.')[0]}-auth-token`;
  await page.addInitScript(([name, value]) => localStorage.setItem(name!, value!), [key, JSON.stringify(data.session)]);
  return page;
}

test('segments, export, campaign, a tier-gated post and analytics', async ({ page, browser }) => {
  const { portalUrl, apiUrl, serviceRoleKey } = testEnv();
  const owner = await newLogin('growth-owner');
  const ownerClient = anon();
  expect((await ownerClient.auth.signInWithPassword(owner)).error).toBeNull();
  const slug = `growth-${randomUUID().slice(0, 8)}`;
  const created = await ownerClient.rpc('create_store', { p_slug: slug, p_name: 'Growth Wigs' });
  expect(created.error).toBeNull();
  const storeId = (created.data as { id: string }).id;
  const vip = await buyer(slug, 'Vip Co');
  const plain = await buyer(slug, 'Plain Co');
  await sql(`update public.member_contacts set contact_consent_at = now(), email = 'vip@example.test', phone = '+49 30 1234567' where member_id = $1`, [vip.memberId]);
  const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  // Placed a minute ahead: the tier change the import records comes before it, so it counts as a VIP order.
  const imported = await admin.rpc('import_orders', { p_store_id: storeId, p_rows: [
    { external_ref: 'G-1', member_id: vip.memberId, amount: 10_000, placed_at: new Date(Date.now() + 60_000).toISOString(), status: 'paid' },
  ] });
  expect(imported.error).toBeNull();
  const [welcome] = await sql<{ id: string }>(`insert into public.coupons (store_id, code, kind, value) values ($1, 'WELCOME-10', 'percent', 10) returning id`, [storeId]);
  await sql(`insert into public.member_coupons (store_id, coupon_id, member_id, slot, source) values ($1, $2, $3, 1, 'claim')`, [storeId, welcome!.id, vip.memberId]);

  // Segments: live size, a filter, save, export.
  await signInToConsole(page, `/console/segments/?s=${slug}`, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Segments' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'New segment' })).toBeVisible();
  // Already on a new segment: no button to start one.
  await expect(page.getByRole('button', { name: 'New segment' })).toHaveCount(0);
  const size = page.getByTestId('live-size');
  await expect(size).toHaveText('2 companies · 2 contacts · 1 agreed to be contacted');
  await page.getByRole('checkbox', { name: 'VIP' }).check();
  await expect(size).toHaveText('1 company · 1 contact · 1 agreed to be contacted');
  await expect(page.getByRole('row').filter({ hasText: 'Vip Co' })).toBeVisible();
  // Countries by name: added from the list, taken out by their chip's button.
  const countries = page.getByLabel('Countries', { exact: true });
  await countries.selectOption({ label: 'France' });
  await expect(size).toHaveText('0 companies · 0 contacts · 0 agreed to be contacted');
  // Nobody to export: the button is off and says why.
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveAccessibleDescription(/there is nothing to export/);
  await countries.selectOption({ label: 'Germany' });
  await expect(size).toHaveText('1 company · 1 contact · 1 agreed to be contacted');
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  const chosen = page.getByRole('list', { name: 'Chosen countries' });
  await expect(chosen.getByRole('listitem')).toHaveText(['France×', 'Germany×']);
  await expect(countries.locator('option', { hasText: 'Germany' })).toHaveCount(0);
  await chosen.getByRole('button', { name: 'Remove France' }).click();
  await expect(countries).toBeFocused();
  await expect(chosen.getByRole('listitem')).toHaveText(['Germany×']);
  await page.getByLabel('Segment name').fill('VIP buyers');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “VIP buyers”.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'VIP buyers' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(csv).toEqual(['full_name,company_name,email,phone,whatsapp,language,tier,stage', 'Vip Co Buyer,Vip Co,vip@example.test,+49 30 1234567,,en,VIP,loyal']);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 contact; 0 left out (did not agree to be contacted).' })).toBeVisible();
  // The message goes with the next edit.
  await page.getByLabel('Segment name').fill('VIP buyers (EU)');
  await expect(page.getByText('Exported 1 contact')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New segment' })).toBeVisible();
  await expectNoAxeViolations(page, 'the segment builder');
  await shot(page, 'growth-segments');
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, 'growth-segments-360');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Campaigns: record the send; the VIP's order is its result.
  await page.goto(`${portalUrl}/console/campaigns/?s=${slug}`);
  await waitForIslands(page);
  await page.getByLabel('Segment').selectOption({ label: 'VIP buyers' });
  await page.getByLabel('Subject').fill('Spring VIP offer');
  await page.getByRole('button', { name: 'Record a send' }).click();
  await expect(page.getByText('Recorded “Spring VIP offer”.')).toBeVisible();
  const result = page.getByRole('row').filter({ hasText: 'Spring VIP offer' });
  await expect(result).toContainText('VIP buyers');
  await expect(result).toContainText('$10,000.00');
  await expectNoAxeViolations(page, 'the campaign log');
  await shot(page, 'growth-campaigns');

  // Posts: a VIP post with Markdown and hostile text.
  await page.goto(`${portalUrl}/console/posts/?s=${slug}`);
  await waitForIslands(page);
  await expect(page.getByText('No posts yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New post' })).toHaveCount(0);
  await page.getByLabel('Type').selectOption({ label: 'Trade data' });
  await page.getByLabel('Who can read it').selectOption({ label: 'VIP and above' });
  await page.getByLabel('Title').fill('Q3 lace wig imports');
  await page.getByLabel('Text').fill(`**Imports** rose 12 % in Q3.\n\n${hostile.script} ${hostile.img}`);
  await page.getByRole('button', { name: 'Show preview' }).click();
  await expect(page.locator('#post-preview strong')).toHaveText('Imports');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published. Add attachments below.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Q3 lace wig imports' })).toContainText('English');
  // Saving is the filled main action; deleting, which asks first, is a red outline beside it.
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCSS('background-color', 'rgb(11, 79, 138)');
  await expect(page.getByRole('button', { name: 'Delete post' })).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(page.getByRole('button', { name: 'Delete post' })).toHaveCSS('color', 'rgb(164, 22, 26)');
  await page.getByLabel('Add attachments').setInputFiles({ name: 'q3-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 Q3') });
  await expect(page.getByRole('button', { name: 'Remove q3-report.pdf' })).toHaveText('Remove');
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'q3-report.pdf', exact: true }) })).toContainText('(1 kB)');
  await expectNoAxeViolations(page, 'the posts editor');
  await shot(page, 'growth-posts');

  // A VIP reads it whole, with its attachment; an ordinary member sees the teaser.
  const vipPage = await memberPage(browser, vip);
  await vipPage.goto(`${portalUrl}/posts/?s=${slug}`);
  await waitForIslands(vipPage);
  await vipPage.getByRole('link', { name: 'Q3 lace wig imports' }).click();
  await waitForIslands(vipPage);
  await expect(vipPage.getByRole('heading', { level: 1, name: 'Q3 lace wig imports' })).toBeVisible();
  await expect(vipPage.locator('.markdown strong')).toHaveText('Imports');
  await expectInertText(vipPage, vipPage.locator('.markdown'), `${hostile.script} ${hostile.img}`);
  await expect(vipPage.getByRole('button', { name: 'Download q3-report.pdf' })).toBeVisible();
  await expectNoAxeViolations(vipPage, 'a post as a VIP');
  await shot(vipPage, 'growth-post-vip');

  const plainPage = await memberPage(browser, plain);
  await plainPage.goto(`${portalUrl}/posts/?s=${slug}&lang=zh-CN`);
  await waitForIslands(plainPage);
  await expect(plainPage.getByRole('link', { name: 'Q3 lace wig imports' })).toBeVisible();
  // The tier named in the page's language (a new store's default Chinese name), not the store's default;
  // VIP is the store's highest tier, so no "and above" (及以上).
  await expect(plainPage.getByText('VIP会员专享。升级到VIP会员即可阅读。')).toBeVisible();
  await expect(plainPage.getByRole('link', { name: '查看如何升级到下一等级' })).toHaveAttribute('href', `/me/?s=${slug}`);
  await expectNoAxeViolations(plainPage, 'the feed as an ordinary member');
  await shot(plainPage, 'growth-feed-ordinary-zh');
  await plainPage.getByRole('link', { name: 'Q3 lace wig imports' }).click();
  await waitForIslands(plainPage);
  await expect(plainPage.getByRole('heading', { level: 1, name: 'Q3 lace wig imports' })).toBeVisible();
  await expect(plainPage.locator('.markdown')).toHaveCount(0);
  await expect(plainPage.getByText('rose 12 %')).toHaveCount(0);

  // Analytics: charts and tables with the fixture's numbers.
  await page.goto(`${portalUrl}/console/analytics/?s=${slug}`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  const conversions = page.getByTestId('figure-conversions');
  await expect(conversions.getByRole('row', { name: /Join → first order/ })).toHaveText(/Join → first order\s*2\s*1\s*50%/);
  await expect(conversions.getByRole('row', { name: /Repurchase/ })).toHaveText(/Repurchase \(2\+ orders\)\s*1\s*0\s*0%/);
  const orderValue = page.getByTestId('figure-order-value');
  await expect(orderValue.getByRole('row', { name: /VIP/ })).toHaveText(/VIP\s*1\s*US\$10,000\.00\s*US\$10,000\.00/);
  await expect(page.getByTestId('figure-tiers').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('figure-liabilities').locator('.figures div').filter({ hasText: 'Rebate balances' }).locator('dd')).toHaveText('US$500.00');
  // A coupon's code stays whole: a phone broke "WELCOME-10" at its hyphen.
  await expect(page.getByTestId('figure-coupons').getByRole('row', { name: /WELCOME-10/ }).locator('code')).toHaveCSS('white-space', 'nowrap');
  // A download only beside a table: a section with nothing in the range offers none.
  for (const figure of await page.locator('[data-testid^="figure-"]').all()) {
    expect(await figure.getByRole('button', { name: /^Download CSV: / }).count()).toBe(await figure.getByRole('table').count());
  }
  const tableCsv = page.waitForEvent('download');
  await conversions.getByRole('button', { name: 'Download CSV: Conversions' }).click();
  expect(fs.readFileSync(await (await tableCsv).path(), 'utf8')).toContain('join_first_order,2,1,0.5');
  await expectNoAxeViolations(page, 'the analytics page');
  await shot(page, 'growth-analytics');
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, 'growth-analytics-360');
});
