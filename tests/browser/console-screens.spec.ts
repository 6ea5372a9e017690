/**
 * The console's screens, each walked along its main path as the seeded store's staff
 * (staff@demo-wigs.test, an owner), or as the owner of a store of the test's own where the
 * screen needs none of the demo store's data. Writes to the shared demo store are ones no other
 * spec reads, or are undone in a cleanup that runs even when the test fails; tier thresholds
 * are only previewed there (the what-if writes nothing) and saved on a store of the test's own.
 */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { expect, test, type Locator, type Page, type Route } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { demoStaff, joinedBuyer, newLogin, newStore, shot, signInToConsole } from './console-helpers.ts';
import { copyDemoProducts, latestOtpFor, sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';

const demoStoreId = 'd1000000-0000-4000-8000-000000000001';

/** A tiny valid PNG, a text file, and a text file named as a PNG (the browser then calls it image/png). */
function files() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-files-'));
  const png = path.join(dir, 'logo.png');
  fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
  const text = path.join(dir, 'notes.txt');
  fs.writeFileSync(text, 'not an image');
  const fake = path.join(dir, 'fake.png');
  fs.writeFileSync(fake, 'not an image either');
  return { png, text, fake };
}

/** The refusal of a file that is no image the buckets take, naming it (isolated, as merchant text is). */
const notAnImage = (name: string) => `“\u2068${name}\u2069” is not a PNG, JPEG, WebP or AVIF image (judged by its content, not its name). Choose an image in one of these formats.`;

/** A value plain staff read and cannot change: what is defined under its label (ReadOnlyField's dl). */
function readOnlyValue(scope: Page | Locator, label: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('dl', { has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition');
}

async function open(page: Page, screen: string, query = 's=demo-wigs') {
  await page.goto(`${testEnv().portalUrl}/console/${screen}?${query}`);
  await waitForIslands(page);
}

test('settings: the owner changes the churn threshold and uploads and removes the logo', async ({ page, browser }) => {
  test.slow();
  const { slug, storeId, owner } = await newStore('settings', { args: { p_default_locale: 'zh-CN' } });
  // A tier and six products written in Chinese alone, which a change to English waits for.
  await sql(`update public.tiers set name = '{"zh-CN": "金牌会员"}' where store_id = $1 and rank = 2`, [storeId]);
  await sql(`insert into public.products (store_id, sku, name, price, currency)
             select $1::uuid, 'WAVE-' || n, jsonb_build_object('zh-CN', '大波浪假发' || n), 10, 'USD' from generate_series(1, 6) n`, [storeId]);
  await signInToConsole(page, `/console/settings/?s=${slug}`, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  // The store's own default language, which a save keeps (the form showed English, and saved it).
  await expect(page.getByLabel('Default language')).toHaveValue('zh-CN');
  await expect(page.getByText('To change it, first give every text a version in the new language')).toBeVisible();
  // The base currency is shown, read only, and says why it has no control.
  await expect(readOnlyValue(page, 'Base currency')).toHaveText(['USD (US Dollar)', 'Prices, tier thresholds and totals are counted in it. It was chosen when the store was created and cannot be changed.']);
  // Another default chosen, the name written only in Chinese lacks it: the Chinese is no
  // translation to check (no English was ever written), and the refusal marks the English box alone.
  const names = page.getByRole('group', { name: 'Store name' });
  const [englishName, chineseName] = [names.getByLabel('English'), names.getByLabel('简体中文')];
  await page.getByLabel('Default language').selectOption('en');
  // The languages other than the default fold under its box, saying which are written; opened, a
  // box with text says nothing more under it: only the empty boxes say what their readers see.
  const otherNames = names.getByRole('button', { name: 'Other languages (2)' });
  await expect(otherNames).toHaveAttribute('aria-expanded', 'false');
  await expect(otherNames).toHaveAccessibleDescription('Written in Simplified Chinese. Not written in Spanish: their readers see the English text.');
  await expect(chineseName).toBeHidden();
  await otherNames.click();
  await expect(otherNames).toHaveAttribute('aria-expanded', 'true');
  await expect(chineseName).toHaveAccessibleDescription('');
  await expect(names.locator('.field-hint')).toHaveCount(2);
  // Before any save, the texts the change waits for, by kind, each kind with the way to its screen.
  const gaps = page.getByRole('region', { name: 'Give these texts a version in English first' });
  await expect(gaps.getByRole('region', { name: 'Tiers (1)' }).getByRole('listitem')).toHaveText([/^金牌会员 – .name.$/]);
  // A name is isolated, in the language it is written in.
  await expect(gaps.getByRole('region', { name: 'Tiers (1)' }).locator('bdi[lang="zh-CN"]')).toHaveText('金牌会员');
  // In a new tab: this one keeps the language chosen, and asks nothing.
  await expect(gaps.getByRole('link', { name: 'Open Tiers and rights in a new tab' })).toHaveAttribute('href', `/console/tiers/?s=${slug}`);
  await expect(gaps.getByRole('link', { name: 'Open Tiers and rights in a new tab' })).toHaveAttribute('target', '_blank');
  // Five rows shown, the rest counted as texts.
  await expect(gaps.getByRole('region', { name: 'Products (6)' }).getByRole('listitem')).toHaveText([
    /^大波浪假发1 – .name.$/, /^大波浪假发2 – /, /^大波浪假发3 – /, /^大波浪假发4 – /, /^大波浪假发5 – /, 'and 1 more text',
  ]);
  await expect(gaps.getByRole('link', { name: 'Open Products in a new tab' })).toHaveAttribute('href', `/console/products/?s=${slug}`);
  await expect(page.getByRole('status').filter({ hasText: '8 texts have no version in English yet.' })).toHaveCount(1);
  // The store's name is this form's: its link takes the keyboard to the English box.
  await gaps.getByRole('link', { name: 'Fill in the English box of the store name above' }).click();
  await expect(englishName).toBeFocused();
  await shot(page, 'console-settings-language-gaps');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(englishName).toHaveAttribute('aria-invalid', 'true');
  // The keyboard is taken to the field to correct, far above the Save button (CheckedForm).
  await expect(englishName).toBeFocused();
  await expect(englishName).toHaveAccessibleDescription(/Give a text in English, the store’s default language\.$/);
  await expect(chineseName).not.toHaveAttribute('aria-invalid');
  await expect(names.locator('[aria-invalid]')).toHaveCount(1);
  // Back to Chinese, the refusal no longer holds and goes.
  await page.getByLabel('Default language').selectOption('zh-CN');
  await expect(page.locator('#settings-name-error')).toHaveCount(0);
  await expect(gaps).toHaveCount(0);
  await expect(names.locator('[aria-invalid]')).toHaveCount(0);
  // Every text written in English too, the store's name typed in its box: that nothing lacks it is
  // said once, shown, as the panel's status line (a hidden copy beside it was read twice).
  await sql(`update public.tiers set name = name || '{"en": "Gold member"}' where store_id = $1 and rank = 2`, [storeId]);
  await sql(`update public.products set name = name || jsonb_build_object('en', 'Body wave ' || sku) where store_id = $1`, [storeId]);
  await englishName.fill('Settings Wigs');
  await page.getByLabel('Default language').selectOption('en');
  const noGaps = page.getByRole('region', { name: 'English can be the default language' });
  const noneLacking = 'Every text you wrote has a version in English: the new default language can be saved.';
  await expect(noGaps.getByRole('status')).toHaveText(noneLacking);
  await expect(noGaps.getByRole('status')).toBeVisible();
  await expect(noGaps.getByText(noneLacking)).toHaveCount(1);
  await shot(page, 'console-settings-language-gaps-none');
  // The language named in the staff's language, as the editors' errors name it (not "Español").
  await page.getByLabel('Default language', { exact: true }).selectOption('es');
  await expect(page.getByRole('region', { name: 'Give these texts a version in Spanish first' })).toBeVisible();
  await page.getByLabel('Default language', { exact: true }).selectOption('en');
  await expect(noGaps).toBeVisible();
  await englishName.fill('');
  await page.getByLabel('Default language').selectOption('zh-CN');
  await expect(noGaps).toHaveCount(0);
  const churn = page.getByLabel('Churn threshold (days)');
  await expect(churn).toHaveValue('180');

  // zod first: nothing is sent.
  await churn.fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(churn).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#settings-churn_threshold_days-error')).toHaveText(/whole number from 1 to 3,650/);
  // Disabled while the form saves again, still in error: its border stays red, not the disabled grey.
  expect(await churn.evaluate((field) => {
    const form = field.closest('fieldset')!;
    form.disabled = true;
    const border = getComputedStyle(field).borderTopColor;
    form.disabled = false;
    return border;
  })).toBe('rgb(164, 22, 26)');
  // An allowed origin is an exact origin: a path is refused before sending, next to the list.
  // The line at fault is named (in a list of twenty, "each line" finds none).
  const origins = page.getByLabel('Sites allowed to embed your store');
  await origins.fill('https://www.example.com\nhttps://shop.example.com/path');
  await churn.fill('90');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#settings-embed_origins-error')).toHaveText(
    '“https://shop.example.com/path” is not a site address. Write only the domain, and the port if it has one, like shop.example.com or https://shop.example.com:8443: no path or query after it, and no scheme but https:// or http://.');
  await origins.fill('https://shop.example.com:99999');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#settings-embed_origins-error')).toHaveText(/^“https:\/\/shop\.example\.com:99999” is not a site address/);
  // Lines are the list's only separator: a space makes a line a mistyped site, not two sites saved.
  await origins.fill('https://www.example.com\nshop example.com');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#settings-embed_origins-error')).toHaveText(/^“shop example\.com” is not a site address/);
  // A site listed twice is named, as the browser reports it ("An origin is listed twice." named none).
  await origins.fill('http://localhost:4322\nlocalhost:4322/');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#settings-embed_origins-error')).toHaveText('“http://localhost:4322” is listed twice.');
  // Saved as the browser reports the origin, and the box then shows what was stored. Numbers are
  // typed as the console's language writes them: 1,000 points, and a rate with four decimals.
  await origins.fill('HTTPS://Shop.Example.com:443/');
  await page.getByLabel('Points for joining').fill('1,000');
  // In range, with more decimals than the rate keeps: said so, not "from 0 to 1,000".
  await page.getByLabel('Points rate').fill('0.12345');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#settings-points_per_currency_unit-error')).toHaveText('The points rate takes at most 4 decimals.');
  // A thousand or one by region: asked about as points, not as an exchange rate.
  await page.getByLabel('Points rate').fill('1.000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#settings-points_per_currency_unit-error')).toHaveText('“1.000” could be 1000 points or 1 point: write 1000 or 1.');
  await page.getByLabel('Points rate').fill('1.125');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(origins).toHaveValue('https://shop.example.com');
  expect(await sql('select churn_threshold_days, embed_origins, default_locale, join_points, points_per_currency_unit::text as rate from public.stores where id = $1', [storeId]))
    .toEqual([{ churn_threshold_days: 90, embed_origins: ['https://shop.example.com'], default_locale: 'zh-CN', join_points: 1000, rate: '1.1250' }]);

  // A brand colour white text cannot be read on is refused next to the field, not saved.
  await page.getByLabel('Use my own colour').check();
  const colour = page.locator('input[type=color]');
  await colour.fill('#ffff66');
  await expect(page.getByRole('status').filter({ hasText: 'White text on this colour has a contrast of 1.06:1' })).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#brand-color-error')).toHaveText(
    'White text on this colour has a contrast of 1.06:1, below the 4.5:1 people need to read it on the widget’s buttons. Choose a darker colour: this one cannot be saved.');
  await expect(colour).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);
  // Another colour takes the refusal away; #777777's 4.478:1 reads 4.47 (rounded down: "4.5:1,
  // below the 4.5:1" would contradict itself).
  await colour.fill('#777777');
  await expect(page.locator('#brand-color-error')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'has a contrast of 4.47:1' })).toBeVisible();
  // A save reads the stores again (the header's name); that read failing keeps the screen: the
  // save's line, what is typed after it, the focus. One notice says the store list is out of date,
  // with Try again, under the Save pressed (not at the top of the screen): the card's settings are
  // not read again (the save answered them), so no second notice of its own.
  const storesRead: Route[] = [];
  await page.route(/\/rest\/v1\/store_staff\?/, (route) => void storesRead.push(route));
  const settingsReads: string[] = [];
  const countSettingsRead = (request: { method: () => string; url: () => string }) => void (request.method() === 'GET' && /\/rest\/v1\/stores\?/.test(request.url()) && settingsReads.push(request.url()));
  page.on('request', countSettingsRead);
  await colour.fill('#0a6e4f');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await sql('select brand_color from public.stores where id = $1', [storeId])).toEqual([{ brand_color: '#0a6e4f' }]);
  await expect.poll(() => storesRead.length).toBe(1);
  await churn.fill('91');
  await storesRead.shift()!.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
  const outOfDate = page.getByRole('alert').filter({ hasText: 'Your store list could not be brought up to date. The service had a problem. Try again in a minute.' });
  await expect(outOfDate).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(1);
  expect(settingsReads).toEqual([]);
  page.off('request', countSettingsRead);
  // Right under Save, within the screen as it was.
  const saveBox = (await page.getByRole('button', { name: 'Save', exact: true }).boundingBox())!;
  const noticeBox = (await outOfDate.boundingBox())!;
  expect(noticeBox.y).toBeGreaterThan(saveBox.y);
  expect(noticeBox.y - (saveBox.y + saveBox.height)).toBeLessThan(80);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(churn).toHaveValue('91');
  await expect(churn).toBeFocused();
  await expect(page.locator('.console-store-name')).toHaveText('Settings Wigs');
  await shot(page, 'console-stores-refresh-failed');
  // Try again keeps its focus while it runs; once read, the notice goes and the keyboard is on Save.
  await outOfDate.getByRole('button', { name: 'Try again' }).click();
  await expect(outOfDate.getByRole('button', { name: 'Try again' })).toBeFocused();
  await expect.poll(() => storesRead.length).toBe(1);
  await storesRead.shift()!.continue();
  await expect(outOfDate).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
  await expect(churn).toHaveValue('91');
  await page.unroute(/\/rest\/v1\/store_staff\?/);
  await churn.fill('90');

  const { png, text, fake } = files();
  // Refused as it is chosen, as a post's files are, before Upload is pressed.
  await page.getByLabel('Logo image').setInputFiles(text);
  await expect(page.locator('#logo-file-error')).toHaveText(notAnImage('notes.txt'));
  // Said as it appears: choosing a file takes the keyboard nowhere.
  await expect(page.locator('#logo-file-error')).toHaveRole('alert');
  // Named .png, it is still text: judged by its content, refused, and nothing is stored.
  await page.getByLabel('Logo image').setInputFiles(fake);
  await expect(page.locator('#logo-file-error')).toHaveText(notAnImage('fake.png'));
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.locator('#logo-file-error')).toHaveText(notAnImage('fake.png'));
  await expect(page.getByText('Logo saved.')).toHaveCount(0);
  // Over the bucket's 1 MB: the file's size and the limit, rounded so that the one reads above the
  // other, and what to do.
  await page.getByLabel('Logo image').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.concat([fs.readFileSync(png), Buffer.alloc(1024 * 1024)]) });
  await expect(page.locator('#logo-file-error')).toHaveText('“\u2068big.png\u2069” is 1.1 MB; the logo can be at most 1 MB. Choose a smaller image or compress it first.');
  // Storage is the authority: a type it refuses (the file's part retyped on its way, image/gif)
  // is said as the console's own check says it, not in Storage's English ("mime type … is not supported").
  const logoUploads = '**/storage/v1/object/merchant-logos/**';
  await page.route(logoUploads, (route) => route.continue({
    postData: Buffer.from(route.request().postDataBuffer()!.toString('latin1').replace(/Content-Type: image\/png/i, 'Content-Type: image/gif'), 'latin1'),
  }));
  await page.getByLabel('Logo image').setInputFiles(png);
  // A file that passes takes the last one's refusal away as it is chosen.
  await expect(page.locator('#logo-file-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.locator('#logo-file-error')).toHaveText(notAnImage('logo.png'));
  await expect(page.getByText(/not supported/)).toHaveCount(0);
  await page.unroute(logoUploads);
  expect(await sql(`select count(*)::int as n from storage.objects where bucket_id = 'merchant-logos' and name like $1`, [`${storeId}/%`])).toEqual([{ n: 0 }]);
  await page.getByLabel('Logo image').setInputFiles(png);
  await page.getByRole('button', { name: 'Upload logo' }).click();
  // Named as the business card names it: the store's name alone, in the language it is written in.
  const logo = page.getByRole('img', { name: 'Settings Wigs', exact: true });
  await expect(logo).toBeVisible();
  await expect(logo).toHaveAttribute('lang', 'zh-CN');
  // A 1 px image is shown in a frame of its own height, not as a dot, and said to be too small.
  expect((await logo.boundingBox())!.height).toBeGreaterThanOrEqual(90);
  await expect(page.getByText('This image is only 1 × 1 pixels')).toBeVisible();
  const [card] = await sql<{ logo_path: string }>('select logo_path from public.merchant_cards where store_id = $1', [storeId]);
  expect(card?.logo_path).toMatch(new RegExp(`^${storeId}/logo-[0-9a-f]{8}\\.png$`));
  await shot(page, 'console-settings');
  await expectNoAxeViolations(page, 'console settings');

  await page.getByRole('button', { name: 'Remove logo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove the logo?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Remove logo' }).click();
  // Its Remove button gone with the logo, the line saying so has the keyboard (it fell to the page's body).
  await expect(page.getByText('Logo removed.')).toBeFocused();
  expect(await sql('select logo_path from public.merchant_cards where store_id = $1', [storeId])).toEqual([{ logo_path: null }]);
  // A logo again, for the deletion to leave in Storage and the console to remove.
  await page.getByLabel('Logo image').setInputFiles(png);
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(logo).toBeVisible();

  // New members paused, asked first with what buyers meet and what members keep; the store
  // page's join card then says so in place of the form, and resuming lets companies join again.
  const joining = page.getByRole('region', { name: 'New members' });
  await expect(joining).toContainText('Open: companies can join');
  // A member from before the pause, who signs in from the paused card below.
  const member = await joinedBuyer(slug, 'Paused Hair Co');
  await joining.getByRole('button', { name: 'Pause joining' }).click();
  const pausing = page.getByRole('dialog', { name: /^Pause new members at .Settings Wigs.\?$/ });
  await expect(pausing.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(pausing).toContainText('Members keep everything');
  await shot(page, 'console-settings-pause-joining');
  await pausing.getByRole('button', { name: 'Pause joining' }).click();
  await expect(joining.getByRole('status')).toHaveText('Joining is paused.');
  await expect(joining).toContainText(/Paused since .+: no new company can join\./);
  expect(await sql('select joining_paused_at is not null as paused from public.stores where id = $1', [storeId])).toEqual([{ paused: true }]);
  const storePage = await page.context().newPage();
  await storePage.goto(`${testEnv().portalUrl}/store/?s=${slug}`);
  await waitForIslands(storePage);
  await expect(storePage.getByText(/^.Settings Wigs. is not taking new members at the moment\.$/)).toBeVisible();
  await expect(storePage.getByLabel('Company')).toHaveCount(0);
  // Titled for what it says, the ordinary tier's rule offering no way to join; the signed-in reader
  // (the owner, no member: a member sees their standing) is offered nothing that leads to "not a member".
  const pausedCard = storePage.getByRole('region', { name: 'New members' });
  await expect(pausedCard.getByRole('heading', { level: 2 })).toHaveText('New members');
  // The pause is said once, for the whole store, by that card above the tiers; the ordinary tier's
  // card reads as the others, saying how its members joined.
  await expect(storePage.getByText(/not taking new members/i)).toHaveCount(1);
  await expect(storePage.getByText('How to reach it', { exact: true })).toHaveCount(3);
  await expect(storePage.getByRole('article').first()).toContainText('How to reach itMembers joined by exchanging business cards');
  await expect(pausedCard.getByRole('link')).toHaveCount(0);
  await shot(storePage, 'store-page-joining-paused');
  // Getting started says so above its steps, with the way back to New members, and its preview what the join card says instead.
  await storePage.goto(`${testEnv().portalUrl}/console/?s=${slug}`);
  await waitForIslands(storePage);
  await expect(storePage.getByText(/^Joining is paused: new buyers cannot join, and members carry on as before\. Resume it in Settings → New members\.$/)).toBeVisible();
  await expect(storePage.getByRole('link', { name: 'Settings → New members' })).toHaveAttribute('href', `/console/settings/?s=${slug}#joining-title`);
  await expect(storePage.getByRole('region', { name: 'Live preview' })).toContainText('While joining is paused, the join card says the store is not taking new members');
  await shot(storePage, 'console-getting-started-paused');
  await storePage.close();
  // Signing in from the paused card, offered no exchange on the way, up to the code step's button
  // pressed with the keyboard; what takes the focus and which titles appear after it are recorded.
  const signInFromPausedCard = async (email: string) => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${testEnv().portalUrl}/store/?s=${slug}`);
    await waitForIslands(visitor);
    await visitor.getByRole('button', { name: 'Already a member? Sign in' }).click();
    await expect(visitor.getByRole('button', { name: 'New here? Exchange business cards' })).toHaveCount(0);
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByRole('button', { name: 'Send code' }).click();
    await visitor.getByLabel('Code from the email').fill(await latestOtpFor(email));
    const signIn = visitor.getByRole('button', { name: 'Sign in', exact: true });
    await signIn.focus();
    await visitor.evaluate(() => {
      const seen = { focusMoves: [] as string[], titlesShown: [] as string[] };
      (window as unknown as { seen: typeof seen }).seen = seen;
      document.addEventListener('focusin', (event) => seen.focusMoves.push((event.target as HTMLElement).textContent ?? ''));
      new MutationObserver((records) => {
        for (const node of records.flatMap((record) => [...record.addedNodes])) {
          if (node instanceof HTMLElement) for (const title of node.matches('h2') ? [node] : node.querySelectorAll('h2')) seen.titlesShown.push(title.textContent ?? '');
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await signIn.press('Enter');
    return { visitor, seen: () => visitor.evaluate(() => (window as unknown as { seen: { focusMoves: string[]; titlesShown: string[] } }).seen) };
  };
  // A member lands on their standing: the keyboard moves once, to it, and the card it replaces
  // does not come back in between (the code step stays while the page reads the standing).
  const signedInMember = await signInFromPausedCard(member.email);
  await expect(signedInMember.visitor.getByText(/^You are a member here\. Your tier: /)).toBeFocused();
  const memberSaw = await signedInMember.seen();
  expect(memberSaw.focusMoves).toEqual([expect.stringMatching(/^You are a member here\./)]);
  expect(memberSaw.titlesShown).not.toContain('New members');
  await expect(signedInMember.visitor.getByRole('heading', { name: 'New members' })).toHaveCount(0);
  await signedInMember.visitor.context().close();
  // A login that is no member is back at the paused card, signed in (offered no sign-in), its title taking the focus, once.
  const stranger = `paused-stranger-${storeId.slice(0, 8)}@example.test`;
  const signedInStranger = await signInFromPausedCard(stranger);
  await expect(signedInStranger.visitor.getByRole('heading', { name: 'New members' })).toBeFocused();
  expect((await signedInStranger.seen()).focusMoves).toEqual(['New members']);
  await expect(signedInStranger.visitor.getByRole('button', { name: 'Already a member? Sign in' })).toHaveCount(0);
  await signedInStranger.visitor.context().close();
  await joining.getByRole('button', { name: 'Resume joining' }).click();
  await page.getByRole('dialog', { name: /^Resume new members at / }).getByRole('button', { name: 'Resume joining' }).click();
  await expect(joining.getByRole('status')).toHaveText('Joining is open again.');
  await expect(joining.getByRole('button', { name: 'Pause joining' })).toBeFocused();
  expect(await sql('select joining_paused_at from public.stores where id = $1', [storeId])).toEqual([{ joining_paused_at: null }]);

  // Another tab of this browser on the store's settings, told of the deletion in place of the form.
  const otherTab = await page.context().newPage();
  await open(otherTab, 'settings/', `s=${slug}`);
  await expect(otherTab.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // The danger zone: the store deleted once its name is typed as its default language writes it.
  const dangerZone = page.getByRole('region', { name: 'Delete this store' });
  await dangerZone.getByRole('button', { name: 'Delete store' }).click();
  const deleting = page.getByRole('dialog', { name: /^Delete .Settings Wigs.\?$/ });
  const typedName = deleting.getByLabel('To confirm, type the store’s name');
  // Opened in the box to type the name in, which it asks for.
  await expect(typedName).toBeFocused();
  await expect(deleting).toContainText('This cannot be undone.');
  // What members are told, and where to download what to keep first.
  await expect(deleting).toContainText('Members are not sent any email about it: their memberships end with the store, and with them their points, rebates and coupons.');
  for (const [name, path] of [['Members', 'members'], ['Analytics', 'analytics']] as const) {
    await expect(deleting.getByRole('link', { name, exact: true })).toHaveAttribute('href', new RegExp(`^/console/${path}/\\?s=`));
  }
  await shot(page, 'console-delete-store');
  // The store's name is marked with its default language (Chinese here) wherever the dialog names it.
  await expect(deleting.getByRole('heading').locator('span[lang="zh-CN"]')).toHaveText('\u2068Settings Wigs\u2069');
  await expect(deleting.locator('#delete-store-name-hint span[lang="zh-CN"]')).toHaveText('\u2068Settings Wigs\u2069');
  // Two different wrong names: the second is refused as visibly as the first, once the first's
  // error went with the edit (no check object of the form's brings it back).
  for (const wrong of ['Settings', 'Settings Wig']) {
    await typedName.fill(wrong);
    await expect(typedName).not.toHaveAttribute('aria-invalid');
    await deleting.getByRole('button', { name: 'Delete store' }).click();
    await expect(typedName).toHaveAttribute('aria-invalid', 'true');
    await expect(typedName).toBeFocused();
    await expect(deleting.locator('#delete-store-name-error')).toHaveText('Type the store’s name exactly as shown: \u2068Settings Wigs\u2069');
    await expect(deleting.locator('#delete-store-name-error span[lang="zh-CN"]')).toHaveText('\u2068Settings Wigs\u2069');
  }
  await shot(page, 'console-delete-store-wrong-name');
  expect(await sql('select count(*)::int as n from public.stores where id = $1', [storeId])).toEqual([{ n: 1 }]);
  await typedName.fill('Settings Wigs');
  // Storage failing the first removal of its files: said, and tried again on the owner's word.
  const storageRemoval = `${testEnv().apiUrl}/storage/v1/object/merchant-logos`;
  await page.route(storageRemoval, (route) =>
    route.request().method() === 'DELETE' ? route.fulfill({ status: 500, json: { statusCode: '500', error: 'internal', message: 'Internal Server Error' } }) : route.continue());
  await deleting.getByRole('button', { name: 'Delete store' }).click();
  // The console's store list, saying so, with the focus: the owner ran no other store, so it
  // offers to create one.
  await expect(page).toHaveURL(/\/console\/$/);
  const deletedLine = page.getByRole('status').filter({ hasText: 'was deleted' });
  await expect(deletedLine).toHaveText('\u2068Settings Wigs\u2069 was deleted, with everything in it.');
  await expect(deletedLine).toBeFocused();
  await expect(deletedLine.locator('span[lang="zh-CN"]')).toHaveText('\u2068Settings Wigs\u2069');
  // Its logo, left in Storage by the deletion, removed through the Storage API with its bytes.
  const filesFailed = page.getByRole('alert').filter({ hasText: 'could not be removed from storage' });
  await expect(filesFailed).toContainText('Some files of \u2068Settings Wigs\u2069 could not be removed from storage just now.');
  expect(await sql(`select count(*)::int as n from storage.objects where name like $1`, [`${storeId}/%`])).toEqual([{ n: 1 }]);
  await page.unroute(storageRemoval);
  await filesFailed.getByRole('button', { name: 'Try again' }).click();
  const filesLine = page.getByRole('status').filter({ hasText: 'removed from storage' });
  await expect(filesLine).toHaveText('The files of \u2068Settings Wigs\u2069 are removed from storage.');
  await expect(filesLine).toBeFocused();
  await expect(filesLine.locator('span[lang="zh-CN"]')).toHaveText('\u2068Settings Wigs\u2069');
  await expect(filesFailed).toHaveCount(0);
  expect(await sql(`select count(*)::int as n from storage.objects where name like $1`, [`${storeId}/%`])).toEqual([{ n: 0 }]);
  await shot(page, 'console-store-deleted');
  await expect(page.getByRole('heading', { level: 1, name: 'Create your store' })).toBeVisible();
  expect(await sql('select count(*)::int as n from public.stores where id = $1', [storeId])).toEqual([{ n: 0 }]);
  const goneHeading = otherTab.getByRole('heading', { level: 1 });
  await expect(goneHeading).toHaveText('\u2068Settings Wigs\u2069 was deleted in another tab, with everything in it.');
  await expect(goneHeading).toBeFocused();
  await expect(goneHeading.locator('span[lang="zh-CN"]')).toHaveText('\u2068Settings Wigs\u2069');
  await expect(otherTab.getByLabel('Default language')).toHaveCount(0);
  await expect(otherTab.getByRole('link', { name: 'Go to your stores' })).toHaveAttribute('href', '/console/');
  await shot(otherTab, 'console-store-deleted-elsewhere');
});

test('staff: the owner invites by e-mail, withdraws the invitation, makes staff owners, removes one and hands the store over', async ({ page }) => {
  test.slow();
  const { slug, storeId, owner } = await newStore('team');
  const [colleague, successor] = await Promise.all([newLogin('colleague'), newLogin('successor')]);
  await sql(`insert into public.store_staff (store_id, user_id, role) values ($1, $2, 'staff'), ($1, $3, 'staff')`, [storeId, colleague.id, successor.id]);
  await signInToConsole(page, `/console/staff/?s=${slug}`, owner);
  const staffTable = page.getByRole('table', { name: /Staff of .Team Wigs./ });
  const ownRow = staffTable.getByRole('row', { name: new RegExp(owner.email) });
  await expect(ownRow).toContainText('Owner');
  await expect(staffTable.getByRole('row', { name: new RegExp(colleague.email) })).toContainText('Staff');
  // The store's only owner cannot be removed (the database refuses): no button, and the reason.
  await expect(ownRow.getByRole('button')).toHaveCount(0);
  // Said with the role: alone in the actions cell, stacked on a phone, it stood without a label.
  await expect(ownRow.getByRole('cell').nth(1)).toHaveText('Owner, the only one');
  await expect(ownRow.getByRole('cell').last()).toBeEmpty();
  await expect(page.getByText(/its only owner cannot be removed or leave/)).toBeVisible();

  await page.getByLabel('Email', { exact: true }).fill('not-an-address');
  await page.getByRole('button', { name: 'Create invitation link', exact: true }).click();
  await expect(page.locator('#invite-email-error')).toBeVisible();
  // The database refuses an address that already works here, next to the field.
  await page.getByLabel('Email', { exact: true }).fill(colleague.email);
  await page.getByRole('button', { name: 'Create invitation link', exact: true }).click();
  await expect(page.locator('#invite-email-error')).toHaveText('This address already belongs to staff of this store.');
  // Refused by the server after a refusal of the form's own: the keyboard is at the field again.
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();

  // A first invitation's link, copied.
  const first = `first-${Date.now()}@example.test`;
  await page.getByLabel('Email', { exact: true }).fill(first);
  await page.getByRole('button', { name: 'Create invitation link', exact: true }).click();
  const made = page.getByRole('status').filter({ hasText: 'Cardclub sends no email' });
  await expect(made).toContainText(first);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await made.getByRole('button', { name: 'Copy invitation link' }).click();
  await expect(made.getByRole('status')).toHaveText('Copied.');

  const invitee = `hire-${Date.now()}@example.test`;
  await page.getByLabel('Email', { exact: true }).fill(invitee);
  await page.getByRole('button', { name: 'Create invitation link', exact: true }).click();
  // No e-mail goes out: the line says the owner sends the link, and takes the focus from the button that made it.
  await expect(page.getByText(`Invitation link for ${invitee} created. Cardclub sends no email: send them this link yourself.`)).toBeFocused();
  // The new link is not the one copied, and nothing says it was.
  await expect(made.getByRole('status')).toBeEmpty();
  const invitations = page.getByRole('table', { name: 'Invitations not yet accepted' });
  await expect(invitations.getByRole('row', { name: new RegExp(invitee) })).toBeVisible();
  await shot(page, 'console-staff');
  await expectNoAxeViolations(page, 'console staff');
  // The clipboard refused, the link is selected to copy by hand: in the notice, where it is shown; in
  // its row, where it is not, shown after the refusal.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Refused', 'NotAllowedError'));
  });
  const link = (await made.locator('code').textContent())!;
  const selected = () => page.evaluate(() => getSelection()?.toString());
  await made.getByRole('button', { name: 'Copy invitation link' }).click();
  await expect(made.getByRole('status')).toHaveText('Could not copy: the text is selected, copy it yourself.');
  expect(await selected()).toBe(link);
  const row = invitations.getByRole('row', { name: new RegExp(invitee) });
  await row.getByRole('button', { name: `Copy invitation link ${invitee}` }).click();
  await expect(row.getByRole('status')).toHaveText(`Could not copy: the text is selected, copy it yourself. ${link}`);
  expect(await selected()).toBe(link);
  await shot(page, 'console-staff-copy-refused');

  // The headings say what each table is: their captions name them for screen readers only.
  await expect(page.getByText('Invitations not yet accepted', { exact: true })).toHaveClass('visually-hidden');
  await expect(page.getByText(/^Staff of .Team Wigs.$/)).toHaveClass('visually-hidden');
  // Withdrawing is a removal: a red outline, as Remove is.
  await expect(invitations.getByRole('button', { name: `Withdraw ${invitee}` })).toHaveCSS('color', 'rgb(164, 22, 26)');
  await invitations.getByRole('button', { name: `Withdraw ${invitee}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
  // Its row gone, the line saying so has the keyboard (it fell to the page's body with the row).
  await expect(page.getByRole('status').filter({ hasText: `The invitation to ${invitee} was withdrawn.` })).toBeFocused();
  expect(await sql('select 1 from public.staff_invitations where email = $1', [invitee])).toEqual([]);

  // The colleague is made owner on their row once confirmed (a new owner could remove this one);
  // cancelled first, nothing changes.
  const colleagueRow = staffTable.getByRole('row', { name: new RegExp(colleague.email) });
  await colleagueRow.getByRole('button', { name: `Make owner ${colleague.email}` }).click();
  // Named by the address as written; its title keeps it whole but at its "@", as the list does.
  const makeOwner = page.getByRole('dialog', { name: `Make ${colleague.email} an owner?` });
  await expect(makeOwner.getByRole('heading').locator('.email-address')).toHaveText(colleague.email);
  await expect(makeOwner).toContainText('a new owner can remove you');
  await makeOwner.getByRole('button', { name: 'Cancel' }).click();
  await expect(colleagueRow.getByRole('button', { name: `Make owner ${colleague.email}` })).toBeFocused();
  expect(await sql('select role from public.store_staff where user_id = $1', [colleague.id])).toEqual([{ role: 'staff' }]);
  await colleagueRow.getByRole('button', { name: `Make owner ${colleague.email}` }).click();
  await makeOwner.getByRole('button', { name: 'Make owner' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${colleague.email} is now an owner.` })).toBeVisible();
  await expect(colleagueRow.getByRole('cell').nth(1)).toHaveText('Owner');
  await expect(ownRow.getByRole('cell').nth(1)).toHaveText('Owner');
  expect(await sql('select role from public.store_staff where user_id = $1', [colleague.id])).toEqual([{ role: 'owner' }]);
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 800 });
  // An address is kept whole but at its "@", in the list, in the header (where a long one was cut
  // short, and the list broke one at its hyphens) and in the line saying what was done: each side on one line.
  const madeOwner = page.getByRole('status').filter({ hasText: 'is now an owner.' }).locator('.email-address');
  for (const [address, email] of [[ownRow.locator('.email-address'), owner.email], [page.getByTestId('signed-in-as').locator('.email-address'), owner.email], [madeOwner, colleague.email]] as const) {
    await expect(address).toHaveText(email);
    expect(await address.locator(':scope > span').evaluateAll((sides) => sides.map((side) => side.getClientRects().length))).toEqual([1, 1]);
  }
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${owner.email}`);
  expect(await page.getByTestId('signed-in-as').evaluate((line) => line.scrollWidth <= line.clientWidth)).toBe(true);
  await shot(page, 'console-staff-owners-360');
  // Stepping down from the own row asks first; cancelled, nothing changes.
  await ownRow.getByRole('button', { name: `Make staff ${owner.email}` }).click();
  const stepDown = page.getByRole('dialog', { name: /^Step down as owner of .Team Wigs.\?$/ });
  await expect(stepDown).toContainText('Only an owner can make you owner again.');
  await stepDown.getByRole('button', { name: 'Cancel' }).click();
  await page.setViewportSize(viewport);

  // With a second owner the signed-in owner may leave, and the dialog says what that costs.
  await ownRow.getByRole('button', { name: 'Leave the store' }).click();
  const leave = page.getByRole('dialog', { name: /^Leave .Team Wigs.\?$/ });
  await expect(leave).toContainText('You lose access to this store’s console at once.');
  await leave.getByRole('button', { name: 'Cancel' }).click();

  await staffTable.getByRole('button', { name: `Remove ${colleague.email}` }).click();
  await page.getByRole('dialog', { name: `Remove ${colleague.email} from the staff?` }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${colleague.email} no longer works at this store.` })).toBeFocused();
  await expect(staffTable.getByRole('row', { name: new RegExp(colleague.email) })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `${colleague.email} no longer works at this store.` })).toBeFocused();
  expect(await sql('select 1 from public.store_staff where user_id = $1', [colleague.id])).toEqual([]);
  await expect(ownRow).toContainText('Owner, the only one');

  // Handing the store over: the successor is made owner, then the owner steps down, confirmed,
  // and sees the list as plain staff do.
  await staffTable.getByRole('button', { name: `Make owner ${successor.email}` }).click();
  await page.getByRole('dialog', { name: `Make ${successor.email} an owner?` }).getByRole('button', { name: 'Make owner' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${successor.email} is now an owner.` })).toBeVisible();
  await ownRow.getByRole('button', { name: `Make staff ${owner.email}` }).click();
  await page.getByRole('dialog', { name: /^Step down as owner of .Team Wigs.\?$/ }).getByRole('button', { name: 'Step down' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are now staff of this store.' })).toBeVisible();
  await expect(ownRow.getByRole('cell').nth(1)).toHaveText('Staff');
  await expect(staffTable.getByRole('row', { name: new RegExp(successor.email) }).getByRole('cell').nth(1)).toHaveText('Owner, the only one');
  await expect(staffTable.getByRole('button', { name: /^Make/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Invite someone' })).toHaveCount(0);
  expect(await sql(`select user_id from public.store_staff where store_id = $1 and role = 'owner'`, [storeId])).toEqual([{ user_id: successor.id }]);
});

test('tiers: the what-if shows who would move before new thresholds are saved', async ({ page }) => {
  test.slow();
  await signInToConsole(page, '/console/tiers/?s=demo-wigs', demoStaff);
  const tiers = page.getByRole('table', { name: 'Tiers, lowest first' });
  await expect(tiers.getByRole('row')).toHaveCount(4);
  // Keyboard: the first row takes focus, arrows move, Enter opens the editor.
  await tiers.getByRole('row').nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Edit .VIP.$/ })).toBeFocused();
  // The multiplier says what the tier earns, of the store's rate, and where that rate is set.
  await expect(page.getByLabel('Points multiplier')).toHaveAccessibleDescription('Members at this tier earn 2 points per US$1 paid (the store gives 1 point per US$1 paid in Settings → Points rate).');
  await expect(page.getByRole('link', { name: 'Settings → Points rate' })).toHaveAttribute('href', '/console/settings/?s=demo-wigs#settings-points_per_currency_unit');

  // A wrong minimum, corrected to another wrong one: the what-if checks again and says so, though
  // no form was submitted (its error, gone on edit, stayed hidden and nothing happened), and takes
  // the keyboard to the field (the error was said far above the button, often out of sight).
  const minimum = page.getByLabel('Minimum paid amount (USD)');
  const savedMinimum = await minimum.inputValue();
  await minimum.fill('-5');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await expect(minimum).toHaveAttribute('aria-invalid', 'true');
  await expect(minimum).toBeFocused();
  await minimum.fill('-6');
  await expect(minimum).not.toHaveAttribute('aria-invalid');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await expect(minimum).toHaveAttribute('aria-invalid', 'true');
  await expect(minimum).toBeFocused();

  await minimum.fill('20000');
  await expect(page.getByRole('button', { name: 'Save tier' })).toBeDisabled();
  await page.getByRole('button', { name: 'Show who would move' }).click();
  const moves = page.getByRole('table', { name: 'Who would move' });
  await expect(moves.getByRole('row', { name: /Bella Cabello/ })).toContainText('↓ down');
  // Other specs add members to the demo store while this one runs; none of them is a VIP.
  await expect(page.getByText(/^Of \d+ members, 0 would move up and 1 down\. Nothing has changed yet\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save tier' })).toBeEnabled();
  await shot(page, 'console-tiers');
  await expectNoAxeViolations(page, 'console tiers with a what-if');
  // A way back short of Cancel, which would lose the other changes too: the saved thresholds go
  // back in their fields, which take the keyboard, the what-if gone, and Save saves the rest alone.
  await page.getByRole('button', { name: 'Keep the saved thresholds' }).click();
  await expect(minimum).toHaveValue(savedMinimum);
  await expect(minimum).toBeFocused();
  await expect(moves).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Keep the saved thresholds' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save tier' })).toBeEnabled();
  // Nothing was written: cancel leaves the thresholds as they were, and the keyboard back on the row whose Enter opened the editor.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(tiers.getByRole('row').nth(3)).toBeFocused();
  expect(await sql(`select min_paid_amount::text as a from public.tiers where store_id = $1 and rank = 2`, [demoStoreId])).toEqual([{ a: '10000.00' }]);
});

test('settings on a store of its own: the owner sees who a new tier qualifying period would move, then saves it with other settings in one save', async ({ page }) => {
  test.slow();
  const owner = await newLogin('period-owner');
  const slug = `period-${Date.now().toString(36)}`;
  await signInToConsole(page, '/console/', owner);
  // The store's address on Cardclub is proposed from its name, accents stripped, and the store page's
  // address it makes is shown under it as it changes; edited, the name no longer changes it.
  const address = page.getByLabel('Store’s address on Cardclub');
  await page.getByLabel('Store name').fill('Période Lab');
  await expect(address).toHaveValue('periode-lab');
  await expect(address).toHaveAccessibleDescription(/ Your store page: http\S+\/store\/\?s=periode-lab$/);
  // An address no store can have (spaces, capitals) shows no page: the hint says what it takes.
  await address.fill('Lumina Hair');
  await expect(page.locator('#new-store-address')).toHaveCount(0);
  await expect(address).toHaveAccessibleDescription(/^Lowercase letters a–z, digits and hyphens, proposed from the store’s name: the part of your Cardclub links and embed code that names the store\. It cannot change later\.$/);
  await address.fill(slug);
  await expect(page.locator('#new-store-address')).toHaveText(`Your store page: ${testEnv().portalUrl}/store/?s=${slug}`);
  await page.getByLabel('Store name').fill('Period Lab');
  await expect(address).toHaveValue(slug);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();
  // A new store's steps say what is left to do, in words.
  const step = (name: string) => page.locator('ol.steps > li').filter({ hasText: name });
  await expect(step('Fill in the store’s business card')).toContainText('To do');
  // The tiers as they are (a count, which a rename or a new tier would leave true), not "preset";
  // the script tag's step says what marks it done.
  await expect(step('Check the tiers')).toContainText('✓ 3 tiers set up');
  await expect(step('Add your products')).toContainText('To do');
  await expect(step('Paste the script tag')).toHaveText('Paste the script tag into your pages ○ To do Marked done when the first buyer joins.');
  // No site listed yet: members could not sign in from the shop's pages. The step leads to the field.
  await expect(step('allowed sites')).toContainText('To do');
  await expect(step('allowed sites').getByRole('link')).toHaveAttribute('href', `/console/settings/?s=${slug}#settings-embed_origins`);
  await open(page, 'settings/', `s=${slug}`);
  const period = page.getByLabel('Tier qualifying period (days)');
  await expect(period).toHaveValue('365');
  await expect(page.getByText(/A change re-evaluates every member/)).toBeVisible();
  // A company whose only order, large enough for VIP, is 200 days old: a 180-day period drops it.
  await sql(
    `with m as (insert into public.members (store_id, company_name) select id, 'Aged Buyer Ltd' from public.stores where slug = $1 returning id, store_id)
     insert into public.orders (store_id, member_id, external_ref, amount, currency, placed_at, status)
     select m.store_id, m.id, 'AGED-1', 20000, 'USD', now() - interval '200 days', 'paid' from m`, [slug]);
  await period.fill('180');
  await page.getByLabel('Churn threshold (days)').fill('90');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // Nothing is saved before the owner has seen who would move.
  const moves = page.getByRole('table', { name: 'Who would move' });
  await expect(moves.getByRole('row', { name: /Aged Buyer Ltd/ })).toContainText('↓ down');
  await expect(moves.getByRole('row', { name: /Aged Buyer Ltd/ })).toContainText('VIP');
  await expect(page.getByText('Of 1 member, 0 would move up and 1 down. Nothing has changed yet.')).toBeVisible();
  expect(await sql('select statistical_period_days from public.stores where slug = $1', [slug])).toEqual([{ statistical_period_days: 365 }]);
  await shot(page, 'console-settings-period-what-if');
  // A way back: the saved period goes back in its field, which takes the keyboard, the what-if
  // gone and the other settings kept for a plain Save; the period typed again is checked again.
  await page.getByRole('button', { name: 'Keep 365 days' }).click();
  await expect(period).toHaveValue('365');
  await expect(period).toBeFocused();
  await expect(moves).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect(page.getByLabel('Churn threshold (days)')).toHaveValue('90');
  await period.fill('180');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(moves.getByRole('row', { name: /Aged Buyer Ltd/ })).toContainText('↓ down');
  // One request saves the period with the rest (20261222000100): one that fails (here on the way)
  // writes nothing, and Save again is made over the settings as read, not refused as changed since.
  // The failure is said as the connection, not as the browser's "TypeError: Failed to fetch", and
  // the form keeps what was typed.
  const writes: string[] = [];
  const countWrite = (request: { method: () => string; url: () => string }) => void (request.method() !== 'GET' && /\/rest\/v1\//.test(request.url()) && writes.push(`${request.method()} ${new URL(request.url()).pathname}`));
  page.on('request', countWrite);
  await page.route(/\/rest\/v1\/rpc\/save_store_settings/, (route) => route.abort('failed'), { times: 1 });
  await page.getByRole('button', { name: 'Save with the new period' }).click();
  await expect(page.locator('form [role="alert"]')).toHaveText('Cardclub could not be reached. Check your connection and try again; what you typed stays in the form.');
  await expect(period).toHaveValue('180');
  await expect(page.getByLabel('Churn threshold (days)')).toHaveValue('90');
  expect(await sql('select statistical_period_days, churn_threshold_days from public.stores where slug = $1', [slug]))
    .toEqual([{ statistical_period_days: 365, churn_threshold_days: 180 }]);
  await page.getByRole('button', { name: 'Save with the new period' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. Companies that changed tier: 0 up, 1 down.' })).toBeVisible();
  page.off('request', countWrite);
  expect(writes).toEqual(['POST /rest/v1/rpc/save_store_settings', 'POST /rest/v1/rpc/save_store_settings']);
  expect(await sql('select statistical_period_days, churn_threshold_days from public.stores where slug = $1', [slug]))
    .toEqual([{ statistical_period_days: 180, churn_threshold_days: 90 }]);
  await page.reload();
  await waitForIslands(page);
  await expect(page.getByLabel('Tier qualifying period (days)')).toHaveValue('180');

  // The owner, in another tab, saves the join bonus and the review points while this page is open and
  // its churn threshold and review points are changed: Save, which would have put theirs back unseen,
  // is refused and says so, nothing written. Read again, the form shows their join bonus and keeps
  // what was typed, saying which is which, and the save goes through over theirs (20261220000100).
  const other = await page.context().newPage();
  await open(other, 'settings/', `s=${slug}`);
  await other.getByLabel('Points for joining').fill('250');
  await other.getByLabel('Points for a review').fill('20');
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(other.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
  await other.close();
  await page.getByLabel('Churn threshold (days)').fill('60');
  await page.getByLabel('Points for a review').fill('15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Nothing was saved: someone else changed the store’s settings since you opened this page. Reload the settings to see their changes; what you typed stays in the form.', { exact: true })).toBeVisible();
  const savedSettings = async () => (await sql('select churn_threshold_days, join_points, review_points from public.stores where slug = $1', [slug]))[0];
  expect(await savedSettings()).toEqual({ churn_threshold_days: 90, join_points: 250, review_points: 20 });
  await page.getByRole('button', { name: 'Reload the settings' }).click();
  const reread = page.getByRole('status').filter({ hasText: /^Settings reloaded\./ });
  await expect(reread).toHaveText('Settings reloaded. Someone else changed \u2068“Points for joining”\u2069: the form now shows their changes. '
    + 'You and someone else both changed \u2068“Points for a review”\u2069: the form keeps what you typed, and saving puts it in place of theirs.');
  await expect(reread).toBeFocused();
  await expect(page.getByLabel('Points for joining')).toHaveValue('250');
  await expect(page.getByLabel('Churn threshold (days)')).toHaveValue('60');
  await expect(page.getByLabel('Points for a review')).toHaveValue('15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
  expect(await savedSettings()).toEqual({ churn_threshold_days: 60, join_points: 250, review_points: 15 });

  // Made staff by another owner while the page is open, then removed, Save is refused in the words
  // Pause joining uses for a role changed since, which say to reload: "Only the store’s owners can
  // change this. You can read it." did not, and one removed can read nothing. Nothing is written.
  const second = await newLogin('period-second-owner');
  await sql(`insert into public.store_staff (store_id, user_id, role) select id, $2, 'owner' from public.stores where slug = $1`, [slug, second.id]);
  await sql(`update public.store_staff set role = 'staff' where user_id = $1`, [owner.id]);
  await page.getByLabel('Churn threshold (days)').fill('45');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('form [role="alert"]')).toHaveText('Your role in this store does not allow this. Reload the page to see your current access.');
  await sql(`delete from public.store_staff where user_id = $1`, [owner.id]);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('form [role="alert"]')).toHaveText('Your role in this store does not allow this. Reload the page to see your current access.');
  expect(await savedSettings()).toEqual({ churn_threshold_days: 60, join_points: 250, review_points: 15 });
});

test('tiers on a store of its own: rename in three languages, change rights, add and remove a tier, never losing unsaved changes', async ({ page }) => {
  test.slow();
  const owner = await newLogin('tiers-owner');
  const slug = `tiers-${Date.now().toString(36)}`;
  await signInToConsole(page, '/console/', owner);
  await page.getByLabel('Store name').fill('Tier Lab');
  await page.getByLabel('Store’s address on Cardclub').fill(slug);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();
  await open(page, 'tiers/', `s=${slug}`);
  // The ordinary tier's rank and thresholds are the database's to keep: text, not fields, even to
  // an owner; its rights stay editable.
  await page.getByRole('button', { name: 'Edit Ordinary' }).click();
  const reach = page.getByRole('group', { name: 'How to reach it' });
  await expect(reach).toContainText('its rank (1) and its thresholds (none) are fixed.');
  await expect(reach.getByRole('textbox')).toHaveCount(0);
  await expect(reach.getByRole('term')).toHaveText(['Rank', 'Minimum paid orders', 'Minimum paid amount (USD)']);
  await expect(reach.getByRole('definition')).toHaveText(['1', 'No minimum', 'No minimum']);
  await expect(page.getByLabel('Member discount (%)')).toBeEditable();
  // Cancel, or Escape from any of its fields, closes it, the keyboard back on the tier's button that opened it.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Edit Ordinary' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByLabel('Member discount (%)').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Member discount (%)')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Ordinary' })).toBeFocused();
  await page.getByRole('button', { name: 'Edit Senior' }).click();
  await page.getByRole('textbox', { name: 'English' }).first().fill('Gold');
  // The Chinese name was written for "Senior": it asks to be checked, the other languages open by
  // themselves to say so, and it is saved as it is.
  await expect(page.getByRole('textbox', { name: '简体中文' }).first()).toHaveAccessibleDescription(/^Check it: the English text changed after this one was written/);
  await page.getByRole('textbox', { name: 'Español' }).first().fill('Oro');
  await page.getByLabel('Member discount (%)').fill('150');
  await page.getByRole('button', { name: 'Save tier' }).click();
  await expect(page.locator('#tier-discount_percent-error')).toBeVisible();
  await page.getByLabel('Member discount (%)').fill('4.5');
  // Edited, the field's error goes with its marks; the form checks it again on the next save.
  await expect(page.locator('#tier-discount_percent-error')).toHaveCount(0);
  await expect(page.getByLabel('Member discount (%)')).not.toHaveAttribute('aria-invalid');
  await expect(page.getByLabel('Member discount (%)')).not.toHaveAttribute('aria-describedby', /error/);
  await page.getByLabel('Free freight').check();
  await page.getByRole('button', { name: 'Save tier' }).click();
  // Saved, the keyboard goes back to the tier's button (its new name), the line saying what was saved.
  await expect(page.getByRole('status').filter({ hasText: /Gold. saved\./ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Gold' })).toBeFocused();
  const [senior] = await sql<{ name: Record<string, string>; discount_percent: string; free_freight: boolean }>(
    `select t.name, t.discount_percent::text, t.free_freight from public.tiers t join public.stores s on s.id = t.store_id where s.slug = $1 and t.rank = 1`, [slug]);
  expect(senior).toEqual({ name: { en: 'Gold', 'zh-CN': '高级会员', es: 'Oro' }, discount_percent: '4.50', free_freight: true });
  // Another owner sets Gold's rebate while its editor is open here and its discount is changed: the
  // save, which would have put their rebate back unseen, is refused and writes nothing. Reloaded, the
  // form shows their rebate, keeps the discount typed and says so; saved, it keeps both.
  await page.getByRole('button', { name: 'Edit Gold' }).click();
  const goldRights = `select t.discount_percent::text, t.rebate_percent::text from public.tiers t join public.stores s on s.id = t.store_id where s.slug = $1 and t.rank = 1`;
  await sql(`update public.tiers t set rebate_percent = 2 from public.stores s where s.id = t.store_id and s.slug = $1 and t.rank = 1`, [slug]);
  await page.getByLabel('Member discount (%)').fill('5');
  await page.getByRole('button', { name: 'Save tier' }).click();
  await expect(page.getByText('Nothing was saved: someone else changed this tier since you opened it. Reload the tier to see their changes; what you typed stays in the form.', { exact: true })).toBeVisible();
  expect(await sql(goldRights, [slug])).toEqual([{ discount_percent: '4.50', rebate_percent: '2.00' }]);
  await page.getByRole('button', { name: 'Reload the tier' }).click();
  const tierReread = page.getByRole('status').filter({ hasText: /^Tier reloaded\./ });
  await expect(tierReread).toHaveText('Tier reloaded. Someone else changed \u2068“Rebate credit (%)”\u2069: the form now shows their changes.');
  await expect(tierReread).toBeFocused();
  await expect(page.getByLabel('Rebate credit (%)')).toHaveValue('2');
  await expect(page.getByLabel('Member discount (%)')).toHaveValue('5');
  await page.getByRole('button', { name: 'Save tier' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Gold. saved\./ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Gold' })).toBeFocused();
  expect(await sql(goldRights, [slug])).toEqual([{ discount_percent: '5.00', rebate_percent: '2.00' }]);

  await page.getByRole('button', { name: 'Add a tier' }).click();
  await page.getByRole('textbox', { name: 'English' }).first().fill('Diamond');
  // Another tier's Edit asks before the typed tier is thrown away; Keep editing keeps it.
  await page.getByRole('button', { name: 'Edit Gold' }).click();
  const discard = page.getByRole('dialog', { name: 'Discard the new tier?' });
  await expect(discard).toContainText('What you typed has not been saved and will be lost.');
  await expect(discard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'New tier', exact: true })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'English' }).first()).toHaveValue('Diamond');
  // A box for each perk: Enter and Add give the keyboard to the new box, Remove to a neighbour.
  const perks = page.getByRole('group', { name: 'Other perks' });
  await perks.getByRole('textbox', { name: 'Perk 1 (English)' }).fill('Free colour matching for custom units');
  await page.keyboard.press('Enter');
  await expect(perks.getByRole('textbox', { name: 'Perk 2 (English)' })).toBeFocused();
  await page.keyboard.type('Samples first');
  await perks.getByRole('button', { name: 'Add a perk (English)' }).click();
  await expect(perks.getByRole('textbox', { name: 'Perk 3 (English)' })).toBeFocused();
  await perks.getByRole('button', { name: 'Remove perk 3 (English)' }).click();
  await expect(perks.getByRole('textbox', { name: 'Perk 2 (English)' })).toBeFocused();
  await expect(perks.getByRole('textbox', { name: /^Perk \d+ \(English\)$/ })).toHaveCount(2);
  await expect(perks.getByRole('textbox', { name: 'Perk 1 (English)' })).toHaveValue('Free colour matching for custom units');
  await expect(perks.getByRole('textbox', { name: 'Perk 2 (English)' })).toHaveValue('Samples first');
  await shot(page, 'console-tier-perks');
  await page.getByLabel('Minimum paid amount (USD)').fill('50000');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await expect(page.getByRole('table', { name: 'Who would move' })).toHaveCount(0);
  await expect(page.getByText('Nobody would change tier.')).toBeVisible();
  await page.getByRole('button', { name: 'Save tier' }).click();
  await expect(page.getByText(/Diamond. saved\./)).toBeVisible();
  // Back on the button that opened the new tier, not the one whose question was answered Keep editing.
  await expect(page.getByRole('button', { name: 'Add a tier' })).toBeFocused();
  expect(await sql(`select t.perks from public.tiers t join public.stores s on s.id = t.store_id where s.slug = $1 and t.name ->> 'en' = 'Diamond'`, [slug]))
    .toEqual([{ perks: { en: ['Free colour matching for custom units', 'Samples first'] } }]);
  // A buyer who reaches Diamond, so that removing it moves them.
  await sql(
    `with m as (insert into public.members (store_id, company_name) select id, 'Diamond Buyer Ltd' from public.stores where slug = $1 returning id, store_id)
     insert into public.orders (store_id, member_id, external_ref, amount, currency, placed_at, status)
     select m.store_id, m.id, 'DIAMOND-1', 60000, 'USD', now() - interval '1 day', 'paid' from m`, [slug]);

  // Changes in an open editor are discarded only when the merchant says so.
  await page.getByRole('button', { name: 'Edit Diamond' }).click();
  const tierName = page.getByRole('group', { name: 'Tier name' });
  await tierName.getByRole('button', { name: 'Other languages (2)' }).click();
  await page.getByRole('textbox', { name: 'Español' }).first().fill('Diamante');
  await page.getByRole('button', { name: 'Add a tier' }).click();
  await page.getByRole('dialog', { name: /^Discard your changes to .Diamond.\?$/ }).getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'New tier', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Edit Diamond' }).click();
  await tierName.getByRole('button', { name: 'Other languages (2)' }).click();
  await expect(page.getByRole('textbox', { name: 'Español' }).first()).toHaveValue('');
  await page.getByRole('button', { name: 'Remove tier' }).click();
  const dialog = page.getByRole('dialog', { name: /^Remove .Diamond.\?$/ });
  // The what-if says where the tier's members go, and, the tier being the highest, that what is
  // for it and above is then for no tier.
  await expect(dialog).toContainText(/1 member would move to .VIP.\./);
  await expect(dialog).toContainText('Products, coupons and posts for this tier and above are then for no tier, and no member gets them: give them another tier first.');
  await shot(page, 'console-tier-remove');
  // The list's reload stalled by the network (no answer): the removal is said, and the dialog and
  // editor closed, as soon as it is written (they stayed busy with the reload, for good); the list
  // waits inert. The page's clock passes the reads' bound of 30 s.
  const stalled = await stallReads(page, /\/rest\/v1\/tiers\?/);
  await dialog.getByRole('button', { name: 'Remove tier' }).click();
  await expect.poll(() => stalled.length).toBeGreaterThan(0);
  await expect(page.getByText(/Diamond. removed\./)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  // Its row on its way out, the keyboard goes to the line saying so, not to its button.
  await expect(page.getByRole('status').filter({ hasText: /Diamond. removed\./ })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Add a tier' })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Updating the list…' })).toBeVisible();
  await page.clock.fastForward(30_000);
  const late = page.getByRole('alert').filter({ hasText: 'The server did not answer within 30 seconds. Check your connection and try again.' })
    .filter({ hasText: 'The list below still shows everything as it was before your change, and cannot be changed until it is brought up to date.' });
  await expect(late).toBeVisible();
  // The kept tiers stay readable by role (Diamond among them, as before the removal), not to open.
  await expect(page.getByRole('table', { name: 'Tiers, lowest first' }).getByRole('row').filter({ hasText: 'Diamond' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Diamond' })).toBeDisabled();
  await shot(page, 'console-tier-reload-late');
  await Promise.all(stalled.map((route) => route.abort()));
  await page.unrouteAll({ behavior: 'wait' });
  await late.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiers and rights' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Edit Diamond' })).toHaveCount(0);
  expect(await sql(`select count(*)::int as n from public.tiers t join public.stores s on s.id = t.store_id where s.slug = $1`, [slug])).toEqual([{ n: 3 }]);

  // A tier between Gold and VIP in one save: the editor says VIP makes room before anything is saved.
  await page.getByRole('button', { name: 'Add a tier' }).click();
  await page.getByRole('textbox', { name: 'English' }).first().fill('Platinum');
  // Ranks count from 1 as merchants see them: 3 is VIP's place (rank 2 in the database).
  await page.getByLabel('Rank', { exact: true }).fill('3');
  await expect(page.getByText(/^Saving moves .VIP. up one rank to make room\. Its products, coupons and posts stay with it\.$/)).toBeVisible();
  // It starts with VIP's thresholds, below VIP: nobody would reach it, and the editor says so.
  await expect(page.getByText(/^.Platinum. is out of reach by orders: whoever meets its minimums also meets those of .VIP., which ranks above it, and gets .VIP.\./)).toBeVisible();
  await shot(page, 'console-tier-makes-room');
  await page.getByLabel('Minimum paid amount (USD)').fill('5000');
  await expect(page.getByText(/is out of reach by orders/)).toHaveCount(0);
  // The VIP tier's Chinese name: refused beside the Chinese box, which takes the focus.
  await tierName.getByRole('button', { name: 'Other languages (2)' }).click();
  await page.getByRole('textbox', { name: '简体中文' }).first().fill('VIP会员');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await expect(page.getByText('Nobody would change tier.')).toBeVisible();
  await page.getByRole('button', { name: 'Save tier' }).click();
  const chinese = page.getByRole('textbox', { name: '简体中文' }).first();
  await expect(chinese).toBeFocused();
  await expect(chinese).toHaveAccessibleDescription(/Readers of Simplified Chinese already see this name for another tier\.$/);
  await expect(page.getByRole('textbox', { name: 'English' }).first()).not.toHaveAttribute('aria-invalid');
  await shot(page, 'console-tier-name-taken');
  await chinese.fill('铂金会员');
  // "Add a tier" pressed while it saves (its write held till then): once saved and the list read
  // again, a fresh editor opens with the keyboard in it, and the save is still said.
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/rest\/v1\/tiers\?/, (route) => (holding && route.request().method() === 'POST' ? void held.push(route) : route.continue()));
  await page.getByRole('button', { name: 'Save tier' }).click();
  await expect.poll(() => held.length).toBe(1);
  await page.getByRole('button', { name: 'Add a tier' }).click();
  holding = false;
  for (const route of held.splice(0)) await route.continue();
  await expect(page.getByRole('heading', { level: 2, name: 'New tier', exact: true })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'English' }).first()).toHaveValue('');
  await expect(page.getByText(/Platinum. saved\./)).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });
  await expect(page.getByRole('table', { name: 'Tiers, lowest first' }).getByRole('row')).toHaveText([/Rank/, /^1Edit Ordinary/, /^2Edit Gold/, /^3Edit Platinum/, /^4Edit VIP/]);
  expect(await sql(`select t.name ->> 'en' as name, t.rank from public.tiers t join public.stores s on s.id = t.store_id where s.slug = $1 order by t.rank`, [slug]))
    .toEqual([{ name: 'Ordinary', rank: 0 }, { name: 'Gold', rank: 1 }, { name: 'Platinum', rank: 2 }, { name: 'VIP', rank: 3 }]);
  // Gold to the top: the tiers it passes come down into its place; past the top is refused, at the field.
  await page.getByRole('button', { name: 'Edit Gold' }).click();
  const rank = page.getByLabel('Rank', { exact: true });
  await rank.fill('4');
  await expect(page.getByText(/^Saving moves \W?Platinum\W? and \W?VIP\W? down one rank each\. Each keeps its products, coupons and posts\.$/)).toBeVisible();
  await rank.fill('5');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await expect(rank).toBeFocused();
  await expect(rank).toHaveAccessibleDescription(/Enter a whole number from 1 to 4\./);
  // Saved at the top, Gold's row moves to the end of the list: the keyboard goes back to its button there.
  await rank.fill('4');
  await page.getByRole('button', { name: 'Show who would move' }).click();
  await page.getByRole('button', { name: 'Save tier' }).click();
  await expect(page.getByText(/Gold. saved\./)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Tiers, lowest first' }).getByRole('row')).toHaveText([/Rank/, /^1Edit Ordinary/, /^2Edit Platinum/, /^3Edit VIP/, /^4Edit Gold/]);
  await expect(page.getByRole('button', { name: 'Edit Gold' })).toBeFocused();
});

test('products: create an exclusive product with an image, edit it and deactivate it', async ({ page }) => {
  test.slow();
  // A store of its own with the demo's products: a VIP product added to the demo store would be
  // counted by the member tests reading its exclusive catalogue at the same time.
  const store = await newStore('products');
  await copyDemoProducts(store.storeId);
  const sku = `TEST-${Date.now().toString(36).toUpperCase()}`;
  await signInToConsole(page, `/console/products/?s=${store.slug}`, store.owner);
  const products = page.getByRole('table', { name: /Products \(\d+\), active first/ });
  await expect(products.getByRole('row', { name: /LF-BW-13X4-20/ })).toBeVisible();
  await page.getByRole('button', { name: 'Add a product' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'New product' })).toBeFocused();
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.locator('#product-sku-error')).toBeVisible();
  // Nothing written in any language: asked for, as any empty field (ae6be288).
  await expect(page.locator('#product-name-error')).toHaveText('Fill this in.');

  // The name lacking its English: only the English box is wrong, not the Chinese written beside it,
  // whose edit leaves the error standing.
  const [english, chinese] = [page.getByRole('textbox', { name: 'English' }).first(), page.getByRole('textbox', { name: '简体中文' }).first()];
  await page.getByRole('group', { name: 'Name', exact: true }).getByRole('button', { name: 'Other languages (2)' }).click();
  await chinese.fill('测试');
  await expect(page.locator('#product-name-error')).toBeVisible();
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(english).toHaveAttribute('aria-invalid', 'true');
  await expect(english).toHaveAccessibleDescription(/Give a text in English, the store’s default language\.$/);
  await expect(chinese).not.toHaveAttribute('aria-invalid');
  await expect(page.locator('#product-name-error')).toHaveCount(1);

  // A field edited loses its error, and its marks, at once; the others keep theirs until then.
  await page.getByLabel('SKU', { exact: true }).fill('LF-BW-13X4-20');
  await expect(page.locator('#product-sku-error')).toHaveCount(0);
  await expect(page.getByLabel('SKU', { exact: true })).not.toHaveAttribute('aria-invalid');
  await expect(page.locator('#product-name-error')).toBeVisible();
  await english.fill('Test');
  await expect(page.locator('#product-name-error')).toHaveCount(0);
  await expect(english).not.toHaveAttribute('aria-invalid');
  await chinese.fill('测试');
  // Each language says only what the form knows: nothing of a text written, or empty and what readers get instead...
  await expect(chinese).toHaveAccessibleDescription('');
  await expect(page.getByRole('textbox', { name: 'Español' }).first()).toHaveAccessibleDescription(/^Empty: readers of this language see the English text/);
  // ...and that a translation needs a look once the English it was written against changes.
  await english.fill('Test Wig');
  await expect(chinese).toHaveAccessibleDescription(/^Check it: the English text changed after this one was written/);
  await chinese.fill('测试假发');
  await expect(chinese).toHaveAccessibleDescription('');
  // Every text's languages are stacked alike, each box as wide as its field: the description's as the name's.
  const description = page.getByRole('group', { name: 'Description', exact: true });
  await description.getByRole('button', { name: 'Other languages (2)' }).click();
  for (const field of [page.getByRole('group', { name: 'Name', exact: true }), description]) {
    const [en, es] = await Promise.all([field.getByLabel('English'), field.getByLabel('Español')].map((box) => box.boundingBox()));
    expect([es!.x, es!.width]).toEqual([en!.x, en!.width]);
    expect(es!.y).toBeGreaterThan(en!.y + en!.height);
  }
  await page.getByLabel('Kind').selectOption('customized');
  // A price or MOQ the tier table cannot use says why at its field once left, not only at Save;
  // put right, the field's error goes.
  const termsTable = page.getByRole('table', { name: 'What each tier’s members get' });
  const price = page.getByLabel('Price', { exact: true });
  const moq = page.getByLabel('Minimum order quantity (MOQ)');
  await price.fill('12.345');
  await moq.fill('1.5');
  await expect(price).toHaveAccessibleDescription(/Enter an amount from 0 with at most two decimals\.$/);
  await page.getByLabel('Who sees it').focus();
  await expect(moq).toHaveAttribute('aria-invalid', 'true');
  await expect(termsTable.locator('tbody > tr').first()).toContainText('—');
  await price.fill('99.5');
  await expect(price).not.toHaveAttribute('aria-invalid');
  await moq.fill('4');
  await page.getByLabel('Who sees it').focus();
  await expect(moq).not.toHaveAttribute('aria-invalid');
  // The samples' column names the store's own period; the audience's options stay short, explained in its hint.
  const days = (await sql<{ days: number }>('select sample_period_days as days from public.stores where id = $1', [store.storeId]))[0]?.days;
  await expect(termsTable.getByRole('columnheader').nth(5)).toHaveText(`Free samples every ${days} days`);
  await expect(page.getByLabel('Who sees it').locator('option')).toHaveText(['Everyone', 'All members', 'From a tier up']);
  await expect(page.getByLabel('Who sees it')).toHaveAccessibleDescription(/^Everyone: any visitor to the store page, signed in or not\./);
  await page.getByLabel('Who sees it').selectOption('tier');
  await page.getByLabel('Lowest tier that sees it').selectOption({ label: 'VIP' });
  // Each tier's terms, in rank order, follow the fields as typed, by the catalogue's rules
  // (store_catalogue's member price and prepayment, worked out here in SQL); only VIP and above see it.
  const terms = await sql<{ name: string; price: string; prepay: string; moq: number; sees: boolean }>(
    `select name ->> 'en' as name, round(99.5 * (1 - discount_percent / 100), 2)::text as price, prepay_customized_percent::float8::text as prepay,
       least(4, coalesce(moq_override, 4)) as moq, rank >= 2 as sees from public.tiers where store_id = $1 order by rank`, [store.storeId]);
  const termRows = page.getByRole('table', { name: 'What each tier’s members get' }).locator('tbody > tr');
  await expect(termRows).toHaveCount(terms.length);
  for (const [index, tier] of terms.entries()) {
    await expect(termRows.nth(index)).toContainText(`${tier.name}US$${tier.price}${tier.prepay}%${tier.moq}`);
    await expect(termRows.nth(index).locator('td').last()).toHaveText(tier.sees ? 'Yes' : 'No');
  }
  // A tier's own price replaces its discount, in its row only; empty, the discount's price is the
  // placeholder. Above the list price it is refused beside it, before anything is sent.
  const vipPrice = page.getByLabel('Own price for VIP');
  // Named with its currency, as the orders' amounts are.
  await expect(vipPrice).toHaveAccessibleName('Own price for VIP (USD)');
  await expect(vipPrice).toHaveAttribute('placeholder', terms.at(-1)!.price);
  await vipPrice.fill('120');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(vipPrice).toHaveAccessibleDescription(/At most the list price, US\$99\.50: a member price above it is no discount\./);
  await vipPrice.fill('91');
  await expect(vipPrice).not.toHaveAttribute('aria-invalid');
  // Beside it, as typed, the discount it amounts to (as store_catalogue rounds it).
  await expect(vipPrice).toHaveAccessibleDescription(/^8\.54% off the list price An own price replaces/);
  await expect(termRows.last()).toContainText('VIPUS$91.00');
  await expect(termRows.first()).toContainText(`${terms[0]!.name}US$${terms[0]!.price}`);
  await shot(page, 'console-product-tier-price');
  const { png, text, fake } = files();
  // Refused as it is chosen, before Save; and again at Save.
  await page.getByLabel('Image', { exact: true }).setInputFiles(text);
  await expect(page.locator('#product-image-error')).toHaveText(notAnImage('notes.txt'));
  // Said as it appears: choosing a file takes the keyboard nowhere.
  await expect(page.locator('#product-image-error')).toHaveRole('alert');
  await page.getByLabel('Image', { exact: true }).setInputFiles(fake);
  await expect(page.locator('#product-image-error')).toHaveText(notAnImage('fake.png'));
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.locator('#product-image-error')).toHaveText(notAnImage('fake.png'));
  await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([fs.readFileSync(png), Buffer.alloc(5 * 1024 * 1024)]) });
  await expect(page.locator('#product-image-error')).toHaveText('“\u2068huge.png\u2069” is 5.1 MB; a product image can be at most 5 MB. Choose a smaller image or compress it first.');
  await page.getByLabel('Image', { exact: true }).setInputFiles(png);
  await expect(page.locator('#product-image-error')).toHaveCount(0);
  // A price far below the list price (5 typed for 95?) is asked about first, naming its tier and
  // price; going back sends nothing.
  await vipPrice.fill('5');
  await expect(vipPrice).toHaveAccessibleDescription(/^94\.97% off the list price/);
  const steep = page.getByRole('dialog', { name: 'Save member prices far below the list price?' });
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(steep).toContainText('These own prices are more than half off the list price of US$99.50.');
  await expect(steep.getByRole('listitem')).toHaveText(['\u2068VIP\u2069: US$5.00, 94.97% off']);
  await shot(page, 'console-product-steep-price');
  await steep.getByRole('button', { name: 'Change prices' }).click();
  await expect(steep).toHaveCount(0);
  // Back at the price it asked about, not at Save.
  await expect(vipPrice).toBeFocused();
  expect(await sql('select count(*)::int as n from public.products where sku = $1', [sku])).toEqual([{ n: 0 }]);
  // Confirmed, it is sent: the database refuses a SKU the store already has; the message lands next to the SKU.
  await page.getByRole('button', { name: 'Save product' }).click();
  await steep.getByRole('button', { name: 'Save product' }).click();
  await expect(steep).toHaveCount(0);
  await expect(page.locator('#product-sku-error')).toHaveText('Another product of this store has this SKU.');
  await vipPrice.fill('91');
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  // Storage refusing the image (a type it does not take: the file's part retyped on its way) writes
  // nothing: the image goes up before the product is inserted, so no product is left without it
  // for the next Save to insert again ("SKU taken"). Said at the image field; the editor stays new.
  const imageUploads = '**/storage/v1/object/product-images/**';
  await page.route(imageUploads, (route) => route.continue({
    postData: Buffer.from(route.request().postDataBuffer()!.toString('latin1').replace(/Content-Type: image\/png/i, 'Content-Type: image/gif'), 'latin1'),
  }));
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.locator('#product-image-error')).toHaveText(notAnImage('logo.png'));
  await expect(page.getByLabel('Image', { exact: true })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'New product' })).toBeVisible();
  expect(await sql('select count(*)::int as n from public.products where sku = $1', [sku])).toEqual([{ n: 0 }]);
  await shot(page, 'console-product-image-refused');
  await page.unroute(imageUploads);
  // Saved again, the one product is made, with its image; the image of the SKU refused before is gone.
  await page.getByRole('button', { name: 'Save product' }).click();
  // The editor closed under the keyboard: it goes back to the button that opened it, the line saying what happened.
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^Product “.Test Wig.” \\(${sku}\\) saved\\.$`) })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a product' })).toBeFocused();
  const [row] = await sql<Record<string, unknown>>(
    `select kind, price::text, currency, moq, visibility, min_tier_rank, active, name, image_path like store_id || '/' || id || '/image-%.png' as image_in_folder from public.products where sku = $1`, [sku]);
  expect(row).toEqual({ kind: 'customized', price: '99.50', currency: 'USD', moq: 4, visibility: 'tier', min_tier_rank: 2, active: true, name: { en: 'Test Wig', 'zh-CN': '测试假发' }, image_in_folder: true });
  expect(await sql('select count(*)::int as n from public.products where sku = $1', [sku])).toEqual([{ n: 1 }]);
  expect(await sql(`select t.name ->> 'en' as tier, tp.price::text as price from public.product_tier_prices tp
    join public.tiers t on t.id = tp.tier_id join public.products p on p.id = tp.product_id where p.sku = $1`, [sku])).toEqual([{ tier: 'VIP', price: '91.00' }]);
  expect(await sql(`select count(*)::int as n from storage.objects where bucket_id = 'product-images' and name like $1`, [`${store.storeId}/%`])).toEqual([{ n: 1 }]);
  const productRow = page.getByRole('row', { name: new RegExp(sku) });
  await expect(productRow).toContainText(/VIP.? and above/);
  // Its thumbnail sits in its name's cell: a column of thumbnails was blank for the others.
  await expect(products.getByRole('columnheader', { name: 'Image' })).toHaveCount(0);
  await expect(productRow.getByRole('cell', { name: /Test Wig/ }).locator('img.thumb')).toBeVisible();
  await expect(productRow).toContainText('$99.50');
  // The tier with a price of its own is named under the list price, in the row, with that price.
  await expect(productRow).toContainText('US$99.50Own prices: \u2068VIP\u2069 US$91.00');
  // Found by SKU or by a word of the name in any language (its Chinese one here), the count said as the
  // list narrows; a search that finds nothing says what was searched.
  const search = page.getByRole('searchbox', { name: 'Find a product' });
  await expect(search).toHaveAccessibleDescription('By SKU, or by a word of its name in any language.');
  await search.fill(' 测试 ');
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText(/^1 of \d+ products matches “\u2068测试\u2069”\.$/);
  await expect(products.locator('tbody > tr')).toHaveCount(1);
  await expect(products).toHaveAccessibleName('Products (1), active first');
  await search.fill(sku.toLowerCase());
  await expect(products.locator('tbody > tr')).toHaveCount(1);
  await search.fill('no-such-wig');
  await expect(page.getByText('No product’s SKU or name holds “\u2068no-such-wig\u2069”. Check its spelling, or clear the search to see every product.')).toBeVisible();
  await shot(page, 'console-products-search-empty');
  await search.fill('');
  await expect(productRow).toBeVisible();
  await shot(page, 'console-products');
  await expectNoAxeViolations(page, 'console products');

  // Opened again, it shows what it is, and a save keeps it so (a select's defaultValue does
  // nothing in Preact: it opened as regular for the lowest tier, and a save made it that).
  await productRow.getByRole('button', { name: `Edit ${sku}` }).click();
  await expect(page.getByLabel('Kind')).toHaveValue('customized');
  await expect(page.getByLabel('Lowest tier that sees it')).toHaveValue('2');
  // The price as an amount is written, cents to two digits (String gave "99.5").
  await expect(page.getByLabel('Price', { exact: true })).toHaveValue('99.50');
  await expect(page.getByLabel('Own price for VIP')).toHaveValue('91');
  // Another member of staff sets Senior's price and the MOQ while this editor is open and its price
  // is changed: its save, which would have put their MOQ back and deleted their price unseen, is
  // refused and says so; nothing changes. Read again, the form shows their MOQ and price and keeps
  // the price typed, and the save goes through with all three (migration 20261219000500).
  const setSenior = `insert into public.product_tier_prices (product_id, tier_id, store_id, price)
    select p.id, t.id, p.store_id, 95 from public.products p join public.tiers t on t.store_id = p.store_id where p.sku = $1 and t.name ->> 'en' = 'Senior'`;
  await sql(setSenior, [sku]);
  await sql('update public.products set moq = 6 where sku = $1', [sku]);
  await page.getByLabel('Price', { exact: true }).fill('98.50');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByText('Nothing was saved: someone else changed this product since you opened it. Reload the product to see their changes; what you typed stays in the form.', { exact: true })).toBeVisible();
  await shot(page, 'console-product-changed');
  const savedNow = async () => (await sql(`select p.price::text as price, p.moq, array_agg(tp.price::text order by tp.price) as own
    from public.products p join public.product_tier_prices tp on tp.product_id = p.id where p.sku = $1 group by p.id`, [sku]))[0];
  expect(await savedNow()).toEqual({ price: '99.50', moq: 6, own: ['91.00', '95.00'] });
  await page.getByRole('button', { name: 'Reload the product' }).click();
  const reread = page.getByRole('status').filter({ hasText: /^Product reloaded\./ });
  await expect(reread).toHaveText('Product reloaded. Someone else changed \u2068“Minimum order quantity (MOQ)”\u2069 and \u2068“Own prices”\u2069: the form now shows their changes.');
  // Each label kept whole, as My membership's company card keeps them (the one note, reread-note.tsx).
  await expect(reread.locator('.nowrap')).toHaveText(['\u2068“Minimum order quantity (MOQ)”\u2069', '\u2068“Own prices”\u2069']);
  await expect(reread).toBeFocused();
  await expect(page.getByLabel('Price', { exact: true })).toHaveValue('98.50');
  await expect(page.getByLabel('Minimum order quantity (MOQ)')).toHaveValue('6');
  await expect(page.getByLabel('Own price for Senior')).toHaveValue('95');
  await shot(page, 'console-product-reread');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByText(new RegExp(`^Product “.Test Wig.” \\(${sku}\\) saved\\.$`))).toBeVisible();
  await expect(productRow.getByRole('button', { name: `Edit ${sku}` })).toBeFocused();
  expect(await savedNow()).toEqual({ price: '98.50', moq: 6, own: ['91.00', '95.00'] });
  expect(await sql('select kind, min_tier_rank from public.products where sku = $1', [sku])).toEqual([{ kind: 'customized', min_tier_rank: 2 }]);

  await productRow.getByRole('button', { name: `Edit ${sku}` }).click();
  await page.getByRole('button', { name: 'Deactivate' }).click();
  // Its reload stalled, the dialog ends with the reads' bound: the row as it was, said to be maybe out of date.
  const stalled = await stallReads(page, /\/rest\/v1\/products\?/);
  await page.getByRole('dialog', { name: `Deactivate ${sku}?` }).getByRole('button', { name: 'Deactivate' }).click();
  await expect.poll(() => stalled.length).toBeGreaterThan(0);
  await page.clock.fastForward(30_000);
  await expect(page.getByText(`${sku} deactivated.`)).toBeVisible();
  await expect(page.getByRole('dialog', { name: `Deactivate ${sku}?` })).toHaveCount(0);
  const late = page.getByRole('alert').filter({ hasText: /^The server did not answer within 30 seconds/ });
  await expect(late).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(sku) })).toContainText('Active');
  await Promise.all(stalled.map((route) => route.abort()));
  await page.unrouteAll({ behavior: 'wait' });
  await late.getByRole('button', { name: 'Try again' }).click();
  await expect(late).toHaveCount(0);
  await expect(page.getByRole('row', { name: new RegExp(sku) })).toContainText('Inactive');
  expect(await sql('select active from public.products where sku = $1', [sku])).toEqual([{ active: false }]);
  if (process.env.SHOTS) {
    // The editor with the VIP's own price, in each language, on a phone and a desktop.
    for (const lang of ['en', 'zh-CN', 'es']) {
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await open(page, 'products/', `s=${store.slug}&lang=${lang}`);
        await page.getByRole('row', { name: new RegExp(sku) }).getByRole('button').first().click();
        await expect(page.locator('input.tier-price').last()).toHaveValue('91');
        await shot(page, `console-product-tier-price-${lang}-${width}`);
      }
    }
  }
});

test('getting started: the business card, the embed snippet with its placements and the live preview', async ({ page, browser }) => {
  test.slow();
  // The card's saves on a store of its own with the demo store's card: other specs read the demo
  // store's card (the widget's vCard, its contact lines) while this one runs.
  const own = await newStore('card');
  const cardColumns = 'title, contact_name, contact_title, email, phone, whatsapp, wechat, website, address, introduction, logo_path';
  await sql(`insert into public.merchant_cards (store_id, ${cardColumns}) select $2, ${cardColumns} from public.merchant_cards where store_id = $1`, [demoStoreId, own.storeId]);
  const ownerPage = await (await browser.newContext()).newPage();
  await signInToConsole(ownerPage, `/console/?s=${own.slug}`, own.owner);
  const ownCard = ownerPage.getByRole('region', { name: 'The store’s business card' });
  await expect(ownCard.getByLabel('Contact person')).toHaveValue('Grace Lin');
  const savedCard = async () => (await sql(`select ${cardColumns} from public.merchant_cards where store_id = $1`, [own.storeId]))[0];
  const seeded = await savedCard();
  // The database's own rules, at once: a WeChat ID from an underscore and a phone of no digits were
  // let through the form, then refused by the database one at a time.
  await ownCard.getByLabel('WeChat ID').fill('_grace');
  await ownCard.getByLabel('Phone', { exact: true }).fill('(--)');
  await ownCard.getByLabel('Website').fill('lumina hair');
  // WhatsApp only with + and its country code: the buyers' "Chat on WhatsApp" dials it as written.
  await ownCard.getByLabel('WhatsApp').fill('138 0000 0101');
  await ownCard.getByRole('button', { name: 'Save card' }).click();
  await expect(ownerPage.locator('#card-wechat-error')).toBeVisible();
  await expect(ownerPage.locator('#card-whatsapp-error')).toHaveText('WhatsApp cannot reach this number: start with + and the country code.');
  await ownCard.getByLabel('WhatsApp').fill((seeded!.whatsapp as string | null) ?? '');
  await expect(ownerPage.locator('#card-phone-error')).toContainText('Enter a phone number like +86 20 1234 5678.');
  await expect(ownerPage.locator('#card-website-error')).toContainText('Enter a web address, such as yourcompany.com.');
  await ownCard.getByLabel('WeChat ID').fill((seeded!.wechat as string | null) ?? '');
  await ownCard.getByLabel('Phone', { exact: true }).fill((seeded!.phone as string | null) ?? '');
  // The site as merchants type it: saved with https://, which the field then shows.
  await expect(ownCard.getByLabel('Website')).toHaveAccessibleDescription(/You can leave out https:\/\/: it is added when you save\./);
  await ownCard.getByLabel('Website').fill('lumina-hair.example');
  await ownCard.getByRole('button', { name: 'Save card' }).click();
  await expect(ownCard.getByText('Card saved.')).toBeVisible();
  await expect(ownCard.getByLabel('Website')).toHaveValue('https://lumina-hair.example');
  // Saved as it was loaded: the card is as it was.
  expect(await savedCard()).toEqual(seeded);
  const saved = async () => (await sql('select contact_name, email, phone, logo_path from public.merchant_cards where store_id = $1', [own.storeId]))[0];
  // Another owner changes the logo (Settings, in another tab) while the card is open: the card's
  // save is not refused for it, the logo having a time of its own (20261221000300), and keeps theirs.
  const theirLogo = `${own.storeId}/logo-another-tab.png`;
  await sql('update public.merchant_cards set logo_path = $2 where store_id = $1', [own.storeId, theirLogo]);
  await ownCard.getByLabel('Contact person').fill('Grace Lin Wen');
  await ownCard.getByRole('button', { name: 'Save card' }).click();
  await expect.poll(saved).toEqual({ contact_name: 'Grace Lin Wen', email: seeded!.email, phone: seeded!.phone, logo_path: theirLogo });
  await expect(ownCard.getByText('Card saved.')).toBeVisible();
  // They change its phone meanwhile: Save, which would have put it back unseen, is refused with
  // nothing written; reloaded, the form shows their phone, keeps the e-mail typed, and saves both.
  await sql(`update public.merchant_cards set phone = '+86 20 3188 0199' where store_id = $1`, [own.storeId]);
  await ownCard.getByLabel('Email', { exact: true }).fill('export@demo-wigs.test');
  await ownCard.getByRole('button', { name: 'Save card' }).click();
  await expect(ownCard.getByText('Nothing was saved: someone else changed your business card since you opened this page. Reload the card to see their changes; what you typed stays in the form.', { exact: true })).toBeVisible();
  expect(await saved()).toEqual({ contact_name: 'Grace Lin Wen', email: seeded!.email, phone: '+86 20 3188 0199', logo_path: theirLogo });
  await ownCard.getByRole('button', { name: 'Reload the card' }).click();
  const reread = ownCard.getByRole('status').filter({ hasText: /^Business card reloaded\./ });
  await expect(reread).toHaveText('Business card reloaded. Someone else changed \u2068“Phone”\u2069: the form now shows their changes.');
  await expect(reread).toBeFocused();
  await expect(ownCard.getByLabel('Phone', { exact: true })).toHaveValue('+86 20 3188 0199');
  await expect(ownCard.getByLabel('Email', { exact: true })).toHaveValue('export@demo-wigs.test');
  await ownCard.getByRole('button', { name: 'Save card' }).click();
  await expect.poll(saved).toEqual({ contact_name: 'Grace Lin Wen', email: 'export@demo-wigs.test', phone: '+86 20 3188 0199', logo_path: theirLogo });
  // No products yet: the product placement's SKU is left to fill in, with nothing said of one.
  const ownProductPlacement = ownerPage.locator('.placements > div').filter({ hasText: 'Member terms beside a product' });
  await expect(ownProductPlacement.locator('code')).toHaveText('<div data-cardclub="product" data-sku="YOUR-SKU"></div>');
  await expect(ownProductPlacement).not.toContainText('one of your products');
  // Adding products is a step: the products page opened from it leads back to the steps.
  await ownerPage.locator('ol.steps').getByRole('link', { name: 'Add your products' }).click();
  await expect(ownerPage.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await ownerPage.locator('.console-body').getByRole('link', { name: 'Getting started' }).click();
  await expect(ownerPage.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();
  // The card's trading name is not the store's name, which heads the store page: the owner is sent
  // to that one's languages in Settings, the field in the store's language focused.
  const storeNameLink = ownCard.getByRole('link', { name: 'Settings → Store name' });
  await expect(ownCard.getByText(/^The store’s name, which heads its page, is not on the card: write it in each language in Settings → Store name\.$/)).toBeVisible();
  await storeNameLink.click();
  await expect(ownerPage.locator('#settings-name-en')).toBeFocused();
  await ownerPage.context().close();

  await signInToConsole(page, '/console/?s=demo-wigs', demoStaff);
  const card = page.getByRole('region', { name: 'The store’s business card' });
  await expect(card.getByLabel('Contact person')).toHaveValue('Grace Lin');
  // The demo store has its card, products and members: those steps are done.
  const step = (name: string) => page.locator('ol.steps > li').filter({ hasText: name });
  await expect(step('Fill in the store’s business card')).toContainText('Done');
  await expect(step('Add your products')).toContainText('Done');
  await expect(step('Paste the script tag')).toHaveText('Paste the script tag into your pages ✓ Buyers have joined');
  await expect(step('List your own website’s address, such as https://shop.example.com, among the allowed sites')).toContainText('Done');
  // The languages of a text line up with the fields around it (no frame, no inset); a long
  // trading name has a row per language; an introduction's box grows to show it whole.
  const [contact, english] = [await card.getByLabel('Contact person').boundingBox(), await card.locator('#card-title-en').boundingBox()];
  expect(english!.x).toBe(contact!.x);
  expect(english!.width).toBeGreaterThan(contact!.width);
  // The card's four texts show the store's language, the others folded, saying they are written;
  // a change to the English opens its translations, each asking to be checked.
  const titleFold = card.getByRole('group', { name: 'Trading name on the card' }).getByRole('button', { name: 'Other languages (2)' });
  await expect(card.getByRole('button', { name: 'Other languages (2)', expanded: false })).toHaveCount(4);
  await expect(titleFold).toHaveAccessibleDescription('Written in Simplified Chinese and Spanish.');
  await expect(card.locator('#card-title-es')).toBeHidden();
  await card.locator('#card-title-en').fill('Lumina Hair Co. — human hair wigs and toppers, wholesale');
  await expect(card.locator('#card-title-es')).toHaveAccessibleDescription(/^Check it: the English text changed after this one was written/);
  await expect(titleFold).toHaveCount(0);
  const intro = card.locator('#card-introduction-en');
  await intro.fill('We make human-hair wigs and toppers to order. '.repeat(14));
  expect(await intro.evaluate((box) => box.scrollHeight - box.clientHeight)).toBeLessThanOrEqual(1);

  await expect(page.getByLabel('Script tag for your pages')).toHaveText(`<script async src="${testEnv().portalUrl}/widget.js" data-store="demo-wigs"></script>`);
  // The product placement with one of the store's own SKUs, and what to put beside other products.
  const { sku } = (await sql<{ sku: string }>(`select sku from public.products where store_id = $1 and active and visibility = 'public' order by sku limit 1`, [demoStoreId]))[0]!;
  const productPlacement = page.locator('.placements > div').filter({ hasText: 'Member terms beside a product' });
  await expect(productPlacement.locator('code')).toHaveText(`<div data-cardclub="product" data-sku="${sku}"></div>`);
  await expect(productPlacement).toContainText(`Shown here with ${sku}, one of your products: beside each product, put its own SKU.`);
  // The store has a brand colour: the style tag that gives the widget on its pages that colour.
  await expect(page.getByText('<style>cardclub-widget, [data-cardclub] { --cardclub-accent: #7a1f5c; }</style>')).toBeVisible();
  const preview = page.frameLocator('iframe.widget-preview');
  await expect(preview.locator('cardclub-widget')).toHaveCount(1);
  // The preview reads as the store's page: its name (not its slug), the placements named in
  // words (not their attributes), the widget in the store's colour.
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Lumina Hair Co.');
  await expect(preview.getByRole('heading', { level: 2, name: 'Tiers and rights' })).toBeVisible();
  await expect(preview.getByText('data-cardclub')).toHaveCount(0);
  await expect(preview.getByRole('button', { name: 'Member benefits' })).toHaveCSS('background-color', 'rgb(122, 31, 92)');
  await shot(page, 'console-start-demo');
  await expectNoAxeViolations(page, 'getting started');

  // The introduction typed above is unsaved: a language link asks before it is lost, and the
  // reader who stays keeps it (in the page's language, none chosen); a reload gets the browser's prompt.
  await page.locator('.lang-switch').getByRole('link', { name: 'Español' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave this page without saving?' });
  await expect(leave).toContainText('What you typed has not been saved and will be lost.');
  await expect(leave.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await shot(page, 'console-leave-unsaved');
  await leave.getByRole('button', { name: 'Keep editing' }).click();
  await expect(leave).toBeHidden();
  await expect(intro).toHaveValue(/^We make human-hair wigs/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => localStorage.getItem('cardclub-lang'))).toBeNull();
  expect(await page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })))).toBe(true);
  // Sign out asks in the same dialog; staying keeps the login and what was typed.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(leave.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await leave.getByRole('button', { name: 'Keep editing' }).click();
  await expect(leave).toBeHidden();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(intro).toHaveValue(/^We make human-hair wigs/);
  // So does Sign out on every device, before its own question; staying asks nothing more.
  await page.getByRole('button', { name: 'Sign out on every device' }).click();
  await expect(leave.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await leave.getByRole('button', { name: 'Keep editing' }).click();
  await expect(leave).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Sign out on every device' })).toHaveCount(0);
  await expect(intro).toHaveValue(/^We make human-hair wigs/);
  // Leaving asks its own question next, Cancel first; cancelled, the text stays, guarded again.
  await page.getByRole('button', { name: 'Sign out on every device' }).click();
  await leave.getByRole('button', { name: 'Leave without saving' }).click();
  const everywhere = page.getByRole('dialog', { name: 'Sign out on every device' });
  await expect(everywhere.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await everywhere.getByRole('button', { name: 'Cancel' }).click();
  await expect(everywhere).toBeHidden();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(intro).toHaveValue(/^We make human-hair wigs/);
  // Guarded again at once, not a second later (a timer let an edit and a link followed at once go unasked).
  expect(await page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })))).toBe(true);
  await intro.press('End');
  await intro.pressSequentially(' Again.');
  // The console's navigation asks too; leaving goes where the link pointed.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Settings' }).click();
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('every screen speaks Simplified Chinese and Spanish', async ({ page }) => {
  test.slow();
  await signInToConsole(page, '/console/?s=demo-wigs', demoStaff);
  const headings: Record<string, Record<string, string>> = {
    'zh-CN': { '': '快速开始', 'settings/': '设置', 'staff/': '团队', 'tiers/': '等级与权益', 'products/': '产品' },
    es: { '': 'Primeros pasos', 'settings/': 'Ajustes', 'staff/': 'Equipo', 'tiers/': 'Niveles y ventajas', 'products/': 'Productos' },
  };
  for (const [lang, screens] of Object.entries(headings)) {
    for (const [screen, heading] of Object.entries(screens)) {
      await open(page, screen, `s=demo-wigs&lang=${lang}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }
  }
  // The screen is the team, and the role in its select a word of its own ("Función: Personal" on
  // the screen called Personal; now "Rol", as the column heads it); what each role may do is said beside it.
  await open(page, 'staff/', 's=demo-wigs&lang=es');
  await expect(page.getByRole('table', { name: /^Equipo de / }).getByRole('columnheader', { name: 'Rol' })).toBeVisible();
  await expect(page.getByLabel('Rol', { exact: true })).toHaveAccessibleDescription(/^Empleados: miembros, sus puntos y bonificaciones, .*no los cambian\. ?Propietarios: todo lo anterior, .*eliminar la tienda\.$/);
  await expect(page.getByLabel('Rol', { exact: true }).locator('option')).toHaveText(['Empleado', 'Propietario']);
  await shot(page, 'console-staff-es');
  await open(page, 'staff/', 's=demo-wigs&lang=zh-CN');
  await expect(page.getByLabel('角色', { exact: true })).toHaveAccessibleDescription(/^员工：会员及其积分和返利.*但不能修改。\s?所有者：以上全部，.*删除店铺。$/);
  // A new store's currency named in the page's language, RMB read as the yuan, and what names no currency refused by what was typed.
  await open(page, '', 'new&lang=zh-CN');
  const currency = page.getByLabel('基准货币');
  await expect(currency).toHaveValue('美元（USD）');
  await currency.fill('RMB');
  await currency.blur();
  await expect(currency).toHaveValue('人民币（CNY）');
  await currency.fill('XYZ');
  await page.getByRole('button', { name: '创建店铺' }).click();
  await expect(page.locator('#new-store-currency-error')).toHaveText('“XYZ”不是现行货币。请从列表中选择，或输入其代码（如USD）或名称。');
  await shot(page, 'console-create-store-zh');
  // A language named in a sentence is named in the sentence's language (the box's label, in its own).
  await open(page, 'settings/', 's=demo-wigs&lang=es');
  const storeName = page.getByRole('group', { name: 'Nombre de la tienda' });
  await expect(storeName.getByRole('button', { name: 'Otros idiomas (2)' })).toHaveAccessibleDescription('Sin texto en chino simplificado y español: sus lectores verán el texto en inglés.');
  await storeName.getByRole('button', { name: 'Otros idiomas (2)' }).click();
  await expect(storeName.getByLabel('Español')).toHaveAccessibleDescription(/Vacío: quien lea en este idioma verá el texto en inglés$/);
  // A file field speaks the page's language, not the browser's ("Choose File", "No file chosen").
  await open(page, 'settings/', 's=demo-wigs&lang=zh-CN');
  const storeNameZh = page.getByRole('group', { name: '店铺名称' });
  await expect(storeNameZh.getByRole('button', { name: '其他语言（2）' })).toHaveAccessibleDescription('未填写简体中文和西班牙语：其读者将看到英语内容。');
  await storeNameZh.getByRole('button', { name: '其他语言（2）' }).click();
  await expect(storeNameZh.getByLabel('Español')).toHaveAccessibleDescription(/空白：此语言的读者将看到英语内容$/);
  // New members speaks to staff as the rest of the console does: 你, not 您.
  await expect(page.getByText(/^正在接受新会员：企业可通过你网站上的小组件和店铺页面加入。/)).toBeVisible();
  const logoField = page.locator('.file-input').filter({ has: page.getByLabel('标志图片') });
  await expect(logoField).toContainText('选择文件');
  await expect(logoField).toContainText('未选择文件');
  await page.getByLabel('标志图片').setInputFiles(files().png);
  await expect(logoField).toContainText('logo.png');
  await expect(page.getByLabel('标志图片')).toHaveAccessibleDescription(/logo\.png/);
  await expectNoAxeViolations(page, 'console settings in Chinese, a file chosen');
  await open(page, 'tiers/', 's=demo-wigs&lang=zh-CN');
  await expect(page.getByRole('button', { name: '编辑 VIP会员', exact: true })).toBeVisible();
  await shot(page, 'console-tiers-zh');
  await expectNoAxeViolations(page, 'console tiers in Chinese');
  // At 1280 px a row's name keeps a readable width beside columns of figures, read from its
  // cell's start: a tier's took two centred lines, a Spanish company's four.
  for (const [screen, most] of [['tiers/', 1], ['members/', 2]] as const) {
    await open(page, screen, 's=demo-wigs&lang=es');
    const names = page.locator('.data-table td.primary > :is(a, button)');
    await expect(names.first()).toBeVisible();
    for (const name of await names.all()) {
      const { align, lines } = await name.evaluate((element) => ({
        align: getComputedStyle(element).textAlign,
        lines: (element.querySelector('[lang]') ?? element).getClientRects().length,
      }));
      expect(align).toBe('start');
      expect(lines).toBeLessThanOrEqual(most);
    }
    // Room taken from the other columns, not added: the table still fits, with no sideways scroll.
    expect(await page.locator('.table-scroll').first().evaluate((wrapper) => wrapper.scrollWidth - wrapper.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, `console-${screen.slice(0, -1)}-es`);
  }
  // Just wider than it stacks (1000 px), the members list keeps its ten columns in view in Spanish
  // as in Chinese: the Spanish one scrolled 37 px sideways.
  const desktop = page.viewportSize()!;
  for (const lang of ['es', 'zh-CN']) {
    await open(page, 'members/', `s=demo-wigs&lang=${lang}`);
    await page.setViewportSize({ width: 1000, height: desktop.height });
    // A table still, its ten columns side by side: stacked, it would fit by reading as blocks.
    await expect(page.locator('.data-table tbody tr').first()).toHaveCSS('display', 'table-row');
    await expect(page.locator('.data-table thead th')).toHaveCount(10);
    expect(await page.locator('.table-scroll').first().evaluate((wrapper) => wrapper.scrollWidth - wrapper.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, `console-members-${lang}-1000`);
  }
  await page.setViewportSize(desktop);
  // A tier's Spanish perks, each in a box of its own, named with its number and language: a long one
  // in one box, not wrapped as if it were two in a narrow textarea.
  await open(page, 'tiers/', 's=demo-wigs&lang=es');
  await page.getByRole('button', { name: /^Editar / }).nth(1).click();
  const perks = page.getByRole('group', { name: 'Otras ventajas' });
  await perks.getByRole('button', { name: 'Otros idiomas (2)' }).click();
  await expect(perks.getByRole('textbox', { name: 'Ventaja 2 (español)' })).toHaveValue('Igualamos el color de tus unidades a medida');
  await expect(perks.getByRole('button', { name: 'Quitar la ventaja 2 (español)' })).toBeVisible();
  await expect(perks.getByRole('button', { name: 'Añadir una ventaja (español)' })).toBeVisible();
  await shot(page, 'console-tier-perks-es');
  // The coupons' way members get each one keeps a readable width beside the codes and their
  // descriptions: at 1280 px its Spanish heading had about 70 px, a word a line.
  await open(page, 'coupons/', 's=demo-wigs&lang=es');
  const how = page.getByRole('columnheader', { name: 'Cómo lo obtienen los miembros' });
  await expect(how).toBeVisible();
  expect((await how.boundingBox())!.width).toBeGreaterThanOrEqual(160);
  await page.setViewportSize({ width: 360, height: 800 });
  await open(page, 'products/', 's=demo-wigs&lang=es');
  await expect(page.getByRole('table')).toBeVisible();
  await shot(page, 'console-products-es-phone');
});

test('plain staff read the settings, the logo, the tiers and the staff list without the owners’ controls', async ({ page }) => {
  test.slow();
  const plain = await newLogin('plain-staff');
  await sql(`insert into public.store_staff (store_id, user_id, role) values ($1, $2, 'staff')`, [demoStoreId, plain.id]);
  try {
    await signInToConsole(page, '/console/settings/?s=demo-wigs', plain);
    await expect(page.getByText('Only the store’s owners can change this. You can read it.')).toBeVisible();
    // Read as text under their labels, with no control to type in or tab to, nor an editor's hint.
    const name = readOnlyValue(page, 'Store name');
    await expect(name).toHaveText('English Lumina Hair Co.');
    await expect(name).toHaveAttribute('lang', 'en');
    await expect(readOnlyValue(page, 'Default language')).toHaveText('English');
    await expect(readOnlyValue(page, 'Points rate')).toHaveText('1 per 1 USD paid');
    await expect(readOnlyValue(page, 'Sites allowed to embed your store')).not.toBeEmpty();
    await expect(page.getByRole('main').locator('input, select, textarea')).toHaveCount(0);
    await expect(page.getByText('Tiers count paid orders in this rolling window', { exact: false })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
    // The brand is the owners' (migration 20261210000700): the logo is shown, with no way to change it.
    await expect(page.getByText('Only the store’s owners can change the logo.')).toBeVisible();
    await expect(page.getByRole('button', { name: /logo/ })).toHaveCount(0);
    await expect(page.getByLabel('Logo image')).toHaveCount(0);
    // Deleting the store is the owners' alone: plain staff are not shown it at all.
    await expect(page.getByRole('region', { name: 'Delete this store' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete store' })).toHaveCount(0);

    // So is the programme: each tier opens to be read whole, with nothing to add, save or remove.
    await open(page, 'tiers/');
    await expect(page.getByText('Only the store’s owners can change tiers and their rights. You can read them.')).toBeVisible();
    await expect(page.getByText(/Select a tier to see everything it gives\.$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add a tier' })).toHaveCount(0);
    await page.getByRole('button', { name: 'View VIP', exact: true }).click();
    const tier = page.getByRole('region', { name: /^What .VIP. gives$/ });
    await expect(tier.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(readOnlyValue(tier, 'Tier name')).toHaveText(['English VIP', '简体中文 VIP会员', 'Español Miembro VIP']);
    await expect(readOnlyValue(tier, 'Tier name').nth(1)).toHaveAttribute('lang', 'zh-CN');
    await expect(readOnlyValue(tier, 'Minimum paid amount (USD)')).toHaveText('US$10,000.00');
    await expect(readOnlyValue(tier, 'Member discount (%)')).toHaveText('8%');
    await expect(readOnlyValue(tier, 'Free samples every 365 days')).toHaveText('Unlimited');
    await expect(readOnlyValue(tier, 'Delivery')).toHaveText('\u2068Free freight\u2069, \u2068Logistics upgrade\u2069, and \u2068Priority delivery\u2069');
    await expect(tier.locator('input, select, textarea')).toHaveCount(0);
    await expect(tier.getByText(/^Changing these moves members/)).toHaveCount(0);
    await expect(tier.getByRole('button')).toHaveText(['Close']);
    await expectNoAxeViolations(page, 'console tiers read by plain staff');
    await tier.getByRole('button', { name: 'Close' }).click();
    await expect(tier).toHaveCount(0);

    // The business card as well, its texts in every language they are written in.
    await open(page, '');
    // Getting started says the card, the tiers and the allowed sites are an owner's, done or not,
    // with no link to do them; adding products and the script tag stay theirs.
    const intro = page.getByText(/^Five steps put membership on .Lumina Hair Co\..’s pages\. An owner of the store does the first three; you can do the others\.$/);
    await expect(intro.locator('[lang]')).toHaveAttribute('lang', 'en');
    const steps = page.locator('ol.steps > li');
    await expect(steps.nth(0)).toHaveText('The store’s business card ✓ Done An owner of the store does this.');
    await expect(steps.nth(1)).toHaveText('The tiers and what each one gives ✓ 3 tiers set up An owner of the store does this.');
    await expect(steps.nth(2)).toHaveText('The allowed sites, which members need to sign in on the shop’s pages ✓ Done An owner of the store does this.');
    await expect(steps.nth(0).or(steps.nth(1)).or(steps.nth(2)).getByRole('link')).toHaveCount(0);
    await expect(steps.nth(3).getByRole('link')).toHaveText('Add your products');
    await expect(steps.nth(4).getByRole('link')).toHaveText('Paste the script tag into your pages');
    // The allowed sites are the owners' to change: plain staff are told who lists the shop there.
    const embed = page.getByRole('region', { name: 'Put it on your pages' });
    await expect(embed.getByText(/^For members to sign in from your pages, /)).toHaveText(
      'For members to sign in from your pages, an owner of the store lists your own website’s address, such as https://shop.example.com, among the allowed sites. Allowed sites in Settings');
    // The store's card, not theirs: they cannot change it.
    const card = page.getByRole('region', { name: 'The store’s business card' });
    await expect(card.getByText('Buyers get it back when they exchange their card with the store, and the store’s page shows it.')).toBeVisible();
    await expect(card.getByText('Only the store’s owners can change the business card. You can read it.')).toBeVisible();
    await expect(readOnlyValue(card, 'Contact person')).toHaveText('Grace Lin');
    await expect(readOnlyValue(card, 'Trading name on the card').filter({ hasText: '简体中文' })).toHaveAttribute('lang', 'zh-CN');
    await expect(readOnlyValue(card, 'Address')).toHaveCount(3);
    await expect(card.locator('input, select, textarea')).toHaveCount(0);
    await expect(card.getByRole('button')).toHaveCount(0);

    await open(page, 'staff/');
    await expect(page.getByRole('row', { name: /staff@demo-wigs\.test/ })).toContainText('Owner');
    await expect(page.getByRole('row', { name: new RegExp(plain.email) })).toContainText('You');
    await expect(page.getByRole('button', { name: 'Create invitation link', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Remove|Make)/ })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Pending invitations' })).toHaveCount(0);
  } finally {
    await sql('delete from public.store_staff where user_id = $1', [plain.id]);
  }
});

test('plain staff leave the store from their own row and are back at a console without it', async ({ page }) => {
  test.slow();
  const plain = await newLogin('leaving-staff');
  await sql(`insert into public.store_staff (store_id, user_id, role) values ($1, $2, 'staff')`, [demoStoreId, plain.id]);
  try {
    await signInToConsole(page, '/console/staff/?s=demo-wigs', plain);
    await expect(page.getByText('Only the store’s owners invite and remove staff; you can leave the store yourself.')).toBeVisible();
    const staffTable = page.getByRole('table', { name: /Staff of .Lumina Hair Co\../ });
    const ownRow = staffTable.getByRole('row', { name: new RegExp(plain.email) });
    await expect(ownRow).toContainText('You');
    // Their own row's button is the table's only one: no one else's row offers a removal.
    await expect(staffTable.getByRole('button')).toHaveCount(1);
    await ownRow.getByRole('button', { name: 'Leave the store' }).click();
    const leave = page.getByRole('dialog', { name: /^Leave .Lumina Hair Co\..\?$/ });
    await expect(leave).toContainText('You lose access to this store’s console at once. Only an owner can invite you back.');
    await leave.getByRole('button', { name: 'Leave the store' }).click();

    await expect(page).toHaveURL(/\/console\/$/);
    await waitForIslands(page);
    await expect(page.getByRole('heading', { name: 'Create your store' })).toBeVisible();
    // Said above the console it lands on, which takes the keyboard (it was on the page's body).
    const left = page.getByRole('status').filter({ hasText: 'You left' });
    await expect(left).toHaveText('You left \u2068Lumina Hair Co.\u2069 and are no longer on its staff.');
    await expect(left).toBeFocused();
    expect(await sql('select 1 from public.store_staff where user_id = $1', [plain.id])).toEqual([]);
  } finally {
    await sql('delete from public.store_staff where user_id = $1', [plain.id]);
  }
});

test('an invitee opens the invitation link, sees what it is, signs in with an e-mailed code and joins the staff; removed, they are told so in their language', async ({ page }) => {
  test.slow();
  const email = `invitee-${Date.now().toString(36)}@example.test`;
  const [owner] = await sql<{ id: string }>(`select id from auth.users where email = $1`, [demoStaff.email]);
  await sql(`insert into public.staff_invitations (store_id, email, role, invited_by) values ($1, $2, 'staff', $3)`, [demoStoreId, email, owner!.id]);
  const [{ token }] = (await sql<{ token: string }>('select token from public.staff_invitations where email = $1', [email])) as [{ token: string }];
  try {
    await page.goto(`${testEnv().portalUrl}/console/?invite=${token}`);
    await waitForIslands(page);
    // Before sign-in the link says what it is, so the invitee can judge it: the store, who invites
    // (masked), the role, until when (staff_invitation_preview).
    await expect(page.getByText(/^Invitation to the staff of .Lumina Hair Co\..$/)).toBeVisible();
    // The store's name marked with the language it came in (staff_invitation_preview's store_name_lang).
    await expect(page.getByText(/^Invitation to the staff of/).locator('[lang="en"]')).toHaveText('\u2068Lumina Hair Co.\u2069');
    const facts = page.locator('.card-lines');
    await expect(facts).toContainText('RoleStaff');
    await expect(facts).toContainText('Invited bys***@demo-wigs.test');
    await expect(facts).toContainText(/Valid until.*\d{4}/);
    await shot(page, 'console-invitation-preview');
    // No e-mail carries the link (the owner passes it on): the page does not speak of one.
    await expect(page.getByText('Sign in with the email address you were invited with: we email you a code.')).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('6-digit code').fill(await latestOtpFor(email));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page).toHaveURL(/\/console\/\?s=demo-wigs/);
    await expect(page.locator('.console-store-name')).toHaveText('Lumina Hair Co.');
    await expect(page.locator('.console-identity .badge')).toHaveText('Staff');
    // They joined a store that exists: told so, not handed the new owner's five steps.
    await expect(page.getByRole('status').filter({ hasText: /^You joined .Lumina Hair Co\.. as staff\./ })).toBeVisible();
    await expect(page.getByText(/Five steps/)).toHaveCount(0);
    // The business card is the owners': staff read it, with no way to save it.
    await expect(page.getByText('Only the store’s owners can change the business card. You can read it.')).toBeVisible();
    await expect(readOnlyValue(page, 'Trading name on the card').first()).toContainText('Lumina Hair Co.');
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save card' })).toHaveCount(0);
    // Said once: the address no longer says so, and a reload shows the steps.
    await expect(page).toHaveURL(/\/console\/\?s=demo-wigs$/);
    await page.reload();
    await expect(page.getByText(/Five steps/)).toBeVisible();
    await expect(page.getByText(/^You joined/)).toHaveCount(0);

    // Another address's invitation, opened with this login: the link is valid, for someone else
    // (accept_staff_invitation answers PT404, the preview a pending invitation), and said so in
    // Spanish; once withdrawn, it is said to be no longer valid.
    const otherEmail = `other-${email}`;
    await sql(`insert into public.staff_invitations (store_id, email, role, invited_by) values ($1, $2, 'staff', $3)`, [demoStoreId, otherEmail, owner!.id]);
    const [{ token: otherToken }] = (await sql<{ token: string }>('select token from public.staff_invitations where email = $1', [otherEmail])) as [{ token: string }];
    await page.goto(`${testEnv().portalUrl}/console/?invite=${otherToken}&lang=es`);
    await waitForIslands(page);
    await expect(page.getByRole('alert')).toContainText(`Has iniciado sesión como ${email}, pero esta invitación es para otra dirección de correo: cierra sesión y vuelve a entrar con el correo con el que te invitaron.`);
    await expect(page.getByRole('alert')).not.toContainText('no es válido');
    await shot(page, 'console-invitation-other-login');
    await sql('delete from public.staff_invitations where email = $1', [otherEmail]);
    await page.reload();
    await waitForIslands(page);
    await expect(page.getByRole('alert')).toContainText('Este enlace de invitación ya no es válido: se usó, se retiró o caducó. Pide uno nuevo al propietario de la tienda.');

    // Removed by an owner while their members list is open, in Chinese: the next load says so in
    // Chinese, with the way to their own stores, not a network failure over the server's English.
    await page.goto(`${testEnv().portalUrl}/console/members/?s=demo-wigs&lang=zh-CN`);
    await waitForIslands(page);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await sql(`delete from public.store_staff where user_id = (select id from auth.users where email = $1)`, [email]);
    await page.getByRole('button', { name: '显示会员' }).click();
    const refused = page.getByRole('alert');
    await expect(refused).toContainText('你已不再是本店员工：可能已被所有者移出。');
    await expect(refused).not.toContainText(/Only this store|无法加载/);
    await expect(refused.getByRole('link', { name: '前往你的店铺' })).toHaveAttribute('href', '/console/?lang=zh-CN');
    await shot(page, 'console-load-not-staff');
    // Reloaded, with no store left: the address's store is named first, by its name (in its own
    // language), not its slug, then a store of their own offered.
    await page.reload();
    await waitForIslands(page);
    await expect(page.getByRole('alert')).toHaveText('你已不是\u2068Lumina Hair Co.\u2069的员工：可能已被所有者移出，或你已自行退出。请向该店铺的所有者索取新的邀请，或创建你自己的店铺。');
    await expect(page.getByRole('alert').locator('[lang="en"]')).toHaveText('\u2068Lumina Hair Co.\u2069');
    await expect(page.getByRole('heading', { level: 1, name: '创建你的店铺' })).toBeVisible();
    // A store whose name cannot be read (deleted, or never there) is "this store", not its slug.
    await page.goto(`${testEnv().portalUrl}/console/?s=gone-wigs-${Date.now()}&lang=zh-CN`);
    await waitForIslands(page);
    await expect(page.getByRole('alert')).toHaveText(/^你已不是该店铺的员工：店铺可能已被删除/);
  } finally {
    await sql(`delete from public.store_staff where user_id = (select id from auth.users where email = $1)`, [email]);
    await sql('delete from public.staff_invitations where email = $1', [`other-${email}`]);
  }
});

/**
 * Holds the page's GET requests matching `url` unanswered, as a stalled network does, and gives the
 * page a clock of the test's (time flows on) to pass the reads' bound with: the held requests.
 */
async function stallReads(page: Page, url: RegExp): Promise<Route[]> {
  const stalled: Route[] = [];
  await page.clock.install();
  await page.route(url, (route) => (route.request().method() === 'GET' ? void stalled.push(route) : route.continue()));
  return stalled;
}
