/**
 * Issue 14 walked as its users walk it, on a store of its own (so the figures are known): the
 * owner builds a segment and watches its live size, exports it (only the consenting contact),
 * records a campaign and sees its 30-day result; publishes a VIP post, which a VIP member reads
 * and an ordinary member sees as a teaser, schedules one, and keeps one as a draft before
 * publishing it; the analytics page shows charts and tables with the fixture's numbers. axe-core
 * scans every screen.
 *
 * Fixture: "Vip Co" (joined, consented, one paid order of 10,000 → VIP) and "Plain Co" (joined,
 * no consent, no orders). Hand-computed: join → first order 2 members, 1 converted (50 %);
 * repurchase 1, 0; average order value VIP: 1 order of $10,000.00.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { adminClient, deviceClient, joinedBuyer, newLogin, newStore, shot, signInAs, signInToConsole } from './console-helpers.ts';
import { sql, testEnv } from './env.ts';
import { expectInertText, hostile, watchPage } from './hostile-text.ts';
import { waitForIslands } from './hydration.ts';
import { formatDate, formatTime } from '../../src/i18n/format.ts';

test.describe.configure({ timeout: 180_000 });

/** A login joined to the store as its company's contact, in Germany; returns the login for signing in. */
// A post's title with a long word (a product's name run together), wider in all than a desktop's table.
const longTitle = 'Holiday hours: Pelucasdeencajefrontalsinpegamentoextralargasdecabellohumanovirgen and every lace front wig ship after 6 January';
const buyer = (slug: string, company: string) => joinedBuyer(slug, company, { country: 'DE' });

/** A page whose supabase-js finds `login` signed in, as after the e-mail code. */
async function memberPage(browser: Browser, login: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchPage(page);
  await signInAs(page, login.email, login.password);
  return page;
}

test('segments, export, campaign, a tier-gated post and analytics', async ({ page, browser }) => {
  const { portalUrl } = testEnv();
  const { slug, storeId, owner } = await newStore('growth');
  const vip = await buyer(slug, 'Vip Co');
  const plain = await buyer(slug, 'Plain Co');
  await sql(`update public.member_contacts set contact_consent_at = now(), email = 'vip@example.test', phone = '+49 30 1234567' where member_id = $1`, [vip.memberId]);
  await sql(`update public.members set industry = case id when $1 then 'Hair salons' else 'Retail' end where id in ($1, $2)`, [vip.memberId, plain.memberId]);
  const admin = adminClient();
  // Placed a minute ahead: the tier change the import records comes before it, so it counts as a VIP order.
  const placedAt = new Date(Date.now() + 60_000).toISOString();
  const imported = await admin.rpc('import_orders', { p_store_id: storeId, p_rows: [
    { external_ref: 'G-1', member_id: vip.memberId, amount: 10_000, placed_at: placedAt, status: 'paid' },
  ] });
  expect(imported.error).toBeNull();
  const [welcome] = await sql<{ id: string }>(`insert into public.coupons (store_id, code, kind, value) values ($1, 'WELCOME-10', 'percent', 10) returning id`, [storeId]);
  await sql(`insert into public.member_coupons (store_id, coupon_id, member_id, slot, source) values ($1, $2, $3, 1, 'claim')`, [storeId, welcome!.id, vip.memberId]);

  // Segments: live size, a filter, save, export.
  // The first count, held here until the form is measured, comes into room kept for it: on a
  // phone, where it takes two lines, nothing under the box moves when it is filled.
  let letCountGo!: () => void;
  const countHeld = new Promise<void>((resolve) => (letCountGo = resolve));
  await page.route('**/rest/v1/rpc/segment_size', async (route) => { await countHeld; await route.continue(); });
  await page.setViewportSize({ width: 360, height: 800 });
  await signInToConsole(page, `/console/segments/?s=${slug}`, owner);
  await expect(page.getByRole('heading', { level: 1, name: 'Segments' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'New segment' })).toBeVisible();
  // Already on a new segment: no button to start one.
  await expect(page.getByRole('button', { name: 'New segment' })).toHaveCount(0);
  const size = page.getByTestId('live-size');
  const nameField = page.getByLabel('Segment name');
  const waiting = await nameField.boundingBox();
  letCountGo();
  await expect(size).toHaveText('2 companies · 2 contacts · 1 agreed to be contacted');
  expect(await nameField.boundingBox()).toEqual(waiting);
  await page.unroute('**/rest/v1/rpc/segment_size');
  await page.setViewportSize({ width: 1280, height: 800 });
  // Industries chosen from those the members wrote, each with its number of companies; others typed.
  const industries = page.getByRole('group', { name: 'Industries' });
  await expect(industries.getByRole('checkbox')).toHaveCount(2);
  await expect(industries.locator('.industry-list label')).toHaveText(['Hair salons (1)', 'Retail (1)']);
  await industries.getByRole('checkbox', { name: 'Retail (1)' }).check();
  await expect(size).toHaveText('1 company · 1 contact · 0 agreed to be contacted');
  await industries.getByLabel('Other industries').fill('HAIR  SALONS');
  await expect(size).toHaveText('2 companies · 2 contacts · 1 agreed to be contacted');
  await industries.getByLabel('Other industries').fill('');
  await industries.getByRole('checkbox', { name: 'Retail (1)' }).uncheck();
  await expect(size).toHaveText('2 companies · 2 contacts · 1 agreed to be contacted');
  await page.getByRole('checkbox', { name: 'VIP' }).check();
  await expect(size).toHaveText('1 company · 1 contact · 1 agreed to be contacted');
  // Each matching company opens its member page, as the members list's do.
  await expect(page.getByRole('row').filter({ hasText: 'Vip Co' }).getByRole('link', { name: 'Vip Co' }))
    .toHaveAttribute('href', `/console/member/?s=${slug}&m=${vip.memberId}`);
  // Countries by name: added from the list, taken out by their chip's button.
  const countries = page.getByLabel('Countries', { exact: true });
  await countries.selectOption({ label: 'France' });
  await expect(size).toHaveText('0 companies · 0 contacts · 0 agreed to be contacted');
  // Nobody to export: the button is off and says why.
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveAccessibleDescription(/there is nothing to export/);
  await countries.selectOption({ label: 'Germany' });
  await expect(size).toHaveText('1 company · 1 contact · 1 agreed to be contacted');
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeEnabled();
  const chosen = page.getByRole('list', { name: 'Chosen countries' });
  await expect(chosen.getByRole('listitem')).toHaveText(['France×', 'Germany×']);
  await expect(countries.locator('option', { hasText: 'Germany' })).toHaveCount(0);
  await chosen.getByRole('button', { name: 'Remove France' }).click();
  await expect(countries).toBeFocused();
  await expect(chosen.getByRole('listitem')).toHaveText(['Germany×']);
  await page.getByLabel('Segment name').fill('VIP buyers');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “VIP buyers”.' })).toBeVisible();
  // First saved, the segment's form stays the one the keyboard was in.
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'VIP buyers' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  // Busy while the file is made, the button keeps the keyboard (disabled, it dropped it to the page).
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeFocused();
  // Headed in the page's language, after the byte-order mark spreadsheets need to read UTF-8.
  const csvText = fs.readFileSync(await (await download).path(), 'utf8');
  expect(csvText.startsWith('\uFEFF')).toBe(true);
  const csv = csvText.slice(1).trim().split(/\r?\n/);
  // What the preview shows of each company too, its last paid order a day as spreadsheets read it,
  // on the staff member's calendar.
  const lastOrderDay = () => page.evaluate((at) => {
    const day = new Date(at);
    return [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  }, placedAt);
  // A phone number is text, not a sum a spreadsheet runs (OWASP's quote prefix).
  expect(csv).toEqual([
    'Name,Company,Email,Phone,WhatsApp,Language,Tier,Stage,Churn risk,Country,Last paid order date',
    `Vip Co Buyer,Vip Co,vip@example.test,"'+49 30 1234567",,English,VIP,Loyal,Not at risk,Germany,${await lastOrderDay()}`,
  ]);
  // No one in the segment was left out: the message says nothing of those who were.
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 contact' })).toHaveText('Exported 1 contact.');
  // The message goes with the next edit.
  await page.getByLabel('Segment name').fill('VIP buyers (EU)');
  await expect(page.getByText('Exported 1 contact')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New segment' })).toBeVisible();
  // Someone else sets a join date meanwhile: the save, which would have put their filter back unseen,
  // is refused. Reloaded, the builder shows their date and keeps the name typed; saved, it keeps both.
  await sql(`update public.segments set filters = filters || '{"joined_from": "2000-01-01"}' where store_id = $1`, [storeId]);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Nothing was saved: someone else changed this segment since you opened it. Reload the segment to see their changes; what you chose stays in the form.', { exact: true })).toBeVisible();
  expect(await sql('select name from public.segments where store_id = $1', [storeId])).toEqual([{ name: 'VIP buyers' }]);
  await page.getByRole('button', { name: 'Reload the segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Segment reloaded\./ })).toHaveText('Segment reloaded. Someone else changed \u2068“Joined from”\u2069: the form now shows their changes.');
  await expect(page.getByLabel('Joined from')).toHaveValue('2000-01-01');
  await expect(page.getByLabel('Segment name')).toHaveValue('VIP buyers (EU)');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “VIP buyers (EU)”.' })).toBeVisible();
  expect(await sql(`select name, left(filters ->> 'joined_from', 10) as joined_from from public.segments where store_id = $1`, [storeId])).toEqual([{ name: 'VIP buyers (EU)', joined_from: '2000-01-01' }]);
  // The stage filter says what each stage means: the members list's panel, with the store's numbers.
  await page.getByText('What the stages mean', { exact: true }).click();
  await expect(page.locator('details.stages-explained').getByRole('definition')).toHaveCount(4);
  await expect(page.locator('details.stages-explained')).toContainText('One paid order.');
  await expectNoAxeViolations(page, 'the segment builder');
  await shot(page, 'growth-segments');
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, 'growth-segments-360');
  await page.setViewportSize({ width: 1280, height: 800 });
  // Deleted, a segment takes its Delete button with it: the line saying so has the keyboard, which
  // fell to the page's body, and the builder is a new segment's.
  await page.getByRole('button', { name: 'New segment' }).click();
  await page.getByLabel('Segment name').fill('Old list');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Old list”.' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete segment' }).click();
  await page.getByRole('dialog', { name: 'Delete this segment?' }).getByRole('button', { name: 'Delete segment' }).click();
  await expect(page.getByRole('status').filter({ hasText: '“Old list” was deleted.' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'New segment' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Old list' })).toHaveCount(0);

  // Campaigns: record the send; the VIP's order is its result. Read from Shanghai: the time of the
  // send is written under its control in the page's language, on the staff member's clock named by
  // its offset (the control writes the browser's own mm/dd/yyyy, hh:mm AM/PM).
  const clock = await page.context().newCDPSession(page);
  await clock.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Shanghai' });
  await page.goto(`${portalUrl}/console/campaigns/?s=${slug}`);
  await waitForIslands(page);
  const sentAt = page.getByLabel('Sent on');
  const sentNow = await sentAt.inputValue();
  await expect(sentAt).toHaveAccessibleDescription(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M GMT\+8$/);
  await sentAt.fill('2030-06-16T00:30');
  await expect(sentAt).toHaveAccessibleDescription(/^Jun 16, 2030, 12:30\sAM GMT\+8$/);
  await expect(page.locator('.date-field').filter({ has: sentAt })).toContainText(/Jun 16, 2030, 12:30\sAM GMT\+8/);
  await shot(page, 'growth-campaign-sent-at');
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, 'growth-campaign-sent-at-360');
  await page.setViewportSize({ width: 1280, height: 800 });
  await sentAt.fill(sentNow);
  // Logged empty, it is refused at its fields; answered and logged, the form cleared is clean again.
  // A negative number of messages is told the rule's bounds: it is a whole number, as it was asked.
  await page.getByLabel('Number of messages').fill('-3');
  await page.getByRole('button', { name: 'Log a campaign' }).click();
  await expect(page.getByLabel('Segment')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Subject')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Number of messages')).toHaveAccessibleDescription(/Enter a whole number from 0 to 10,000,000\.$/);
  await page.getByLabel('Number of messages').fill('');
  // The recipients are downloaded beside the segment chosen: the Segments export, its rows the count logged.
  const recipients = page.getByRole('button', { name: 'Download recipients (CSV)' });
  await expect(recipients).toBeDisabled();
  await page.getByLabel('Segment').selectOption({ label: 'VIP buyers (EU)' });
  await expect(recipients).toHaveAccessibleDescription('1 company · 1 contact · 1 agreed to be contacted');
  const recipientsFile = page.waitForEvent('download');
  await recipients.click();
  const sent = fs.readFileSync(await (await recipientsFile).path(), 'utf8');
  // The same file, its day now on Shanghai's calendar.
  expect(sent.slice(1).trim().split(/\r?\n/)).toEqual([csv[0], csv[1]!.replace(/\d{4}-\d{2}-\d{2}$/, await lastOrderDay())]);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 contact' })).toHaveText('Exported 1 contact.');
  await expect(recipients).toBeFocused();
  await expect(page.getByLabel('Number of messages')).toHaveValue('1');
  await expect(page.getByLabel('Number of messages')).toHaveAccessibleDescription(/Filled in from the recipients file you downloaded/);
  await page.getByLabel('Subject').fill('Spring VIP offer');
  await expect(page.getByText('Cardclub does not send campaigns: you send them from your own email or SMS tool')).toBeVisible();
  // While the results are read anew the screen stays (it once went blank, taking the keyboard with it).
  let releaseResults!: () => void;
  const resultsHeld = new Promise<void>((resolve) => (releaseResults = resolve));
  await page.route('**/rest/v1/rpc/campaign_results', async (route) => {
    await resultsHeld;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Log a campaign' }).click();
  await expect(page.getByText('Recorded “Spring VIP offer”.')).toBeFocused();
  await expect(page.getByLabel('Subject')).toHaveValue('');
  await expect(page.getByRole('heading', { name: 'Campaign results' })).toBeVisible();
  releaseResults();
  await expect(page.getByText('Recorded “Spring VIP offer”.')).toBeFocused();
  await expect(page.locator('form.growth-form .field-error')).toHaveCount(0);
  await expect(page.locator('form.growth-form [aria-invalid]')).toHaveCount(0);
  const result = page.getByRole('row').filter({ hasText: 'Spring VIP offer' });
  await expect(result).toContainText('VIP buyers');
  await expect(result.getByRole('cell').nth(4)).toHaveText('1');
  await expect(result).toContainText('$10,000.00');
  // The logged campaign's own recipients, as it was sent to them: the same file, named after the
  // campaign and the day it was sent on the staff member's clock.
  const sentFile = page.waitForEvent('download');
  await result.getByRole('button', { name: 'Download recipients: Spring VIP offer' }).click();
  await expect(result.getByRole('button', { name: 'Download recipients: Spring VIP offer' })).toBeFocused();
  expect((await sentFile).suggestedFilename()).toBe(`${slug}-Spring-VIP-offer-${sentNow.slice(0, 10)}.csv`);
  expect(fs.readFileSync(await (await sentFile).path(), 'utf8')).toBe(sent);
  await expectNoAxeViolations(page, 'the campaign log');
  await shot(page, 'growth-campaigns');
  // An unsaved segment's file is named with the page's word ("segmento", not "segment"); the
  // contacts' languages are named in it too. In Chinese at 360 px the reach wraps inside its box.
  await page.goto(`${portalUrl}/console/segments/?s=${slug}&lang=es`);
  await waitForIslands(page);
  await expect(page.getByTestId('live-size')).toContainText('empresas');
  const unsaved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar CSV', exact: true }).click();
  expect((await unsaved).suggestedFilename()).toMatch(new RegExp(`^${slug}-segmento-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  // Laid out as a Spanish spreadsheet opens it as a table: ";" between columns.
  const spanish = fs.readFileSync(await (await unsaved).path(), 'utf8');
  expect(spanish).toContain(';Etapa;Riesgo de abandono;País;Fecha del último pedido pagado\r\n');
  expect(spanish).toContain(`;"'+49 30 1234567";;inglés;Miembro VIP;Fiel;Sin riesgo;Alemania;${await lastOrderDay()}`);
  await expect(page.getByText('En el archivo, las columnas van separadas por punto y coma')).toBeVisible();
  // Named, not yet saved: the file is named as the segment is.
  await page.getByLabel('Nombre del segmento').fill('Compradores de invierno');
  const named = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar CSV', exact: true }).click();
  expect((await named).suggestedFilename()).toMatch(new RegExp(`^${slug}-Compradores-de-invierno-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  await page.goto(`${portalUrl}/console/campaigns/?s=${slug}&lang=zh-CN`);
  await waitForIslands(page);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByLabel('分群', { exact: true }).selectOption({ label: 'VIP buyers (EU)' });
  const reach = page.locator('#camp-reach');
  await expect(reach).toHaveText('1家公司 · 1位联系人 · 1位同意接收联络');
  const reachBox = (await reach.boundingBox())!;
  expect(reachBox.x + reachBox.width).toBeLessThanOrEqual(360);
  expect(await reach.evaluate((line) => line.scrollWidth <= line.clientWidth)).toBe(true);
  await shot(page, 'growth-campaign-reach-360-zh');
  // A new post is in the console's language, not the store's English: "冬季展会" went out marked 英语.
  await page.goto(`${portalUrl}/console/posts/?s=${slug}&lang=zh-CN`);
  await waitForIslands(page);
  const postLanguage = page.getByRole('combobox', { name: '语言' });
  await expect(postLanguage).toHaveValue('zh-CN');
  await expect(postLanguage).toHaveAccessibleDescription(/新文章默认使用控制台的语言（简体中文）：请选择文章实际所用的语言。$/);
  await expect(page.getByLabel('标题')).toHaveAttribute('lang', 'zh-CN');
  await shot(page, 'growth-post-language-360-zh');
  // A title of one long word (a product's name run together) wraps in the preview, as on the post's
  // page: it widened the editor past the phone's screen, which scrolled sideways.
  await page.getByLabel('标题').fill(longTitle);
  await page.getByRole('button', { name: '显示预览' }).click();
  await expect(page.locator('#post-preview h4')).toHaveText(longTitle);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: '隐藏预览' }).click();
  // A file's size in Chinese brackets, full width with no space before them: "(11字节)" had English ones.
  await page.getByLabel('添加附件').setInputFiles({ name: 'q3-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 Q3') });
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('button', { name: '移除q3-report.pdf' }) })).toContainText('q3-report.pdf（11字节）');
  await page.getByRole('button', { name: '移除q3-report.pdf' }).click();
  await page.setViewportSize({ width: 1280, height: 800 });
  // Back on the machine's clock, which the posts' times below are written on.
  await clock.send('Emulation.setTimezoneOverride', { timezoneId: '' });

  // Posts: a VIP post with Markdown and hostile text.
  await page.goto(`${portalUrl}/console/posts/?s=${slug}`);
  await waitForIslands(page);
  await expect(page.getByText('No posts yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New post' })).toHaveCount(0);
  await page.getByLabel('Type').selectOption({ label: 'Trade data' });
  // VIP is the store's highest tier: none is above it.
  const audience = page.getByLabel('Who can read it');
  await expect(audience.locator('option')).toHaveText(['Everyone', 'All members', 'Senior and above', 'Only VIP']);
  await audience.selectOption({ label: 'Only VIP' });
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveAccessibleDescription(/the language the post is written in.+ A new post starts in the console’s language, English: choose the one it is written in\.$/i);
  // The formatting said in plain words ("Markdown: … HTML is shown as text" was a developer's).
  await expect(page.getByLabel('Text')).toHaveAccessibleDescription(/^Formatting: \*\*bold\*\*, \*italic\*, .+\. HTML tags are shown as typed, not applied\.$/);
  // Nothing written yet: the preview says what to write, not an empty box; then the title and its text, as members read them.
  await page.getByRole('button', { name: 'Show preview' }).click();
  await expect(page.locator('#post-preview > p')).toHaveText('Write a title or text to see the preview.');
  await page.getByLabel('Title').fill('Q3 lace wig imports');
  await expect(page.locator('#post-preview h4')).toHaveText('Q3 lace wig imports');
  await page.getByLabel('Text').fill(`# In numbers\n\n**Imports** rose 12 % in Q3.\n\n${hostile.script} ${hostile.img}`);
  await expect(page.locator('#post-preview strong')).toHaveText('Imports');
  // The preview's heading is the post's, as the reader will see it, not sized as its box's own title.
  const previewHeading = await page.locator('#post-preview .markdown h2').evaluate((heading) => getComputedStyle(heading).fontSize);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published. Add attachments below.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Q3 lace wig imports' })).toContainText('English');
  await expect(page.getByRole('row').filter({ hasText: 'Q3 lace wig imports' })).toContainText('Only VIP');
  // Saving is the filled main action; deleting, which asks first, is a red outline beside it.
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCSS('background-color', 'rgb(11, 79, 138)');
  await expect(page.getByRole('button', { name: 'Delete post' })).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(page.getByRole('button', { name: 'Delete post' })).toHaveCSS('color', 'rgb(164, 22, 26)');
  await page.getByLabel('Add attachments').setInputFiles({ name: 'q3-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 Q3') });
  await expect(page.getByRole('button', { name: 'Remove q3-report.pdf' })).toHaveText('Remove');
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'q3-report.pdf', exact: true }) })).toContainText('(11\u00a0bytes)');
  await shot(page, 'growth-post-file-bytes');
  // Removing a file asks first, as deleting the post does, and is a red outline too; Cancel keeps it.
  const removeFile = page.getByRole('button', { name: 'Remove q3-report.pdf' });
  await expect(removeFile).toHaveCSS('color', 'rgb(164, 22, 26)');
  await removeFile.click();
  const removing = page.getByRole('dialog', { name: 'Remove this file?' });
  await expect(removing).toContainText('“q3-report.pdf” will be removed from this post.');
  await removing.getByRole('button', { name: 'Cancel' }).click();
  await expect(removing).toBeHidden();
  await expect(removeFile).toBeVisible();
  // Confirmed, the file goes.
  await page.getByLabel('Add attachments').setInputFiles({ name: 'old-prices.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,price\n') });
  await page.getByRole('button', { name: 'Remove old-prices.csv' }).click();
  await removing.getByRole('button', { name: 'Remove old-prices.csv' }).click();
  await expect(removing).toBeHidden();
  await expect(page.getByRole('button', { name: 'old-prices.csv', exact: true })).toHaveCount(0);
  // Its Remove button gone with it, the keyboard is on the file before (it fell to the page's body).
  await expect(removeFile).toBeFocused();
  await expectNoAxeViolations(page, 'the posts editor');
  await shot(page, 'growth-posts');
  // The list says when a post came out, and one to come as scheduled ("Publish on" read as a task).
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await sql(`insert into public.posts (store_id, kind, title, body, locale, visibility, min_tier_rank, publish_at) values ($1, 'industry_news', $2, 'Body.', 'en', 'public', 0, $3)`, [storeId, longTitle, future]);
  await page.reload();
  await waitForIslands(page);
  const postDate = (title: string) => page.getByRole('row').filter({ hasText: title }).getByRole('cell').last();
  await expect(page.getByRole('columnheader').last()).toHaveText('Published');
  // The day and the time each whole, the time under the day where the column is narrow.
  const dayAndTime = (iso: string) => `${formatDate(iso, 'en')} ${formatTime(iso, 'en')}`;
  await expect(postDate('Holiday hours')).toHaveText(`Scheduled for ${dayAndTime(future)}`);
  await expect(postDate('Q3 lace wig imports')).not.toContainText('Scheduled');
  // Beside a long title the other columns keep their words: in Chinese the date took four lines
  // ("2026年 / 12月7日 / GMT+0 / 22:32") and "仅限VIP会员" broke over "员"; the title breaks instead.
  const lines = (cell: Locator) => cell.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return Math.round(range.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight));
  });
  await page.goto(`${portalUrl}/console/posts/?s=${slug}&lang=zh-CN`);
  await waitForIslands(page);
  const q3Row = page.getByRole('row').filter({ hasText: 'Q3 lace wig imports' });
  await expect(q3Row.getByRole('cell').nth(3)).toHaveText('仅限VIP会员');
  expect(await lines(q3Row.getByRole('cell').nth(3))).toBe(1);
  for (const title of ['Q3 lace wig imports', 'Holiday hours']) expect(await lines(postDate(title))).toBeLessThanOrEqual(2);
  // On a phone the long title wraps in its row's card, which does not scroll sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  const longTitleButton = page.getByRole('button', { name: longTitle });
  expect((await longTitleButton.boundingBox())!.width).toBeLessThanOrEqual(330);
  expect(await page.locator('.table-scroll').evaluate((scroller) => scroller.scrollWidth - scroller.clientWidth)).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${portalUrl}/console/posts/?s=${slug}`);
  await waitForIslands(page);
  // When a post comes out is a choice in words; a new one is published now, and asks for no time.
  const when = page.getByRole('group', { name: 'Publishing' });
  await expect(when.locator('label.check')).toHaveText(['Publish now', 'Schedule for a time', 'Save as draft']);
  await expect(when.getByRole('radio', { name: 'Publish now' })).toBeChecked();
  await expect(page.getByLabel('Publish on')).toHaveCount(0);
  // Scheduled, it is not published: its button and message say so, and when; the time is asked for at its field.
  await page.getByLabel('Title').fill('Autumn price list');
  await when.getByRole('radio', { name: 'Schedule for a time' }).check();
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  // No time chosen is asked for, as a field left empty is ("Enter a valid date." though none was).
  await expect(page.getByLabel('Publish on')).toHaveAccessibleDescription(/Required\.$/);
  // Members are never shown a post without its text: publishing or scheduling asks for it.
  await expect(page.getByLabel('Text')).toHaveAccessibleDescription(/Write the text, or add a file under Attachments, to publish or schedule the post; a draft may stay empty\./);
  await page.getByLabel('Publish on').fill('2030-06-15T10:00');
  // The time chosen, written as the list will write it, its error gone with the edit.
  const autumn = formatDate(new Date('2030-06-15T10:00').toISOString(), 'en', true);
  await expect(page.getByLabel('Publish on')).toHaveAccessibleDescription(autumn);
  await page.getByLabel('Text').fill('New prices from September.');
  const schedule = page.getByRole('button', { name: 'Schedule', exact: true });
  await schedule.click();
  await expect(page.getByRole('status').filter({ hasText: 'Scheduled for' })).toHaveText(`Scheduled for ${autumn}. You can add attachments below before then.`);
  // Saved, the date's error has gone with the value it spoke of, and the keyboard stays on the button
  // (the form is the same form once the new post has its id, not one rebuilt under it).
  await expect(page.getByLabel('Publish on')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(schedule).toBeFocused();
  await expect(postDate('Autumn price list')).toHaveText(`Scheduled for ${dayAndTime(new Date('2030-06-15T10:00').toISOString())}`);
  // A draft: saved as such, marked Draft at the top of the list; opened again and published now, it is out.
  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByLabel('Title').fill('Winter trade fair');
  await when.getByRole('radio', { name: 'Save as draft' }).check();
  // A text over its limit (the database's, 50,000 characters) says it and the text's length: "Too long." said neither.
  await page.getByLabel('Text').fill('x'.repeat(50_001));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByLabel('Text')).toHaveAccessibleDescription(/At most 50,000 characters; this has 50,001\.$/);
  await page.getByLabel('Text').fill('');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toHaveText('Draft saved.');
  await expect(postDate('Winter trade fair')).toHaveText('Draft');
  await expect(page.getByRole('row').nth(1)).toContainText('Winter trade fair');
  await expectNoAxeViolations(page, 'the posts editor with a draft');
  await shot(page, 'growth-posts-draft');
  // New while the post has unsaved changes asks first, as the tiers' editor does (Escape keeps
  // them, the keyboard back at the editor); opening the post already open keeps them too.
  await page.getByLabel('Text').fill('Stand 4B, hall 2.');
  await page.getByRole('button', { name: 'Winter trade fair' }).click();
  await expect(page.getByRole('heading', { name: 'Edit post' })).toBeFocused();
  await page.getByRole('button', { name: 'New post' }).click();
  const discard = page.getByRole('dialog', { name: 'Discard your changes to “\u2068Winter trade fair\u2069”?' });
  await expect(discard).toHaveAccessibleDescription('What you typed has not been saved and will be lost.');
  await expect(discard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(discard).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Edit post' })).toBeFocused();
  await expect(page.getByLabel('Text')).toHaveValue('Stand 4B, hall 2.');
  // A post of a file alone, in one click: a new post takes files at once, and publishing saves it
  // as a draft, uploads them into its folder, lists them, then publishes it. A file refused on the
  // way leaves the post a draft with the files before it, and the form says so. (New, the draft's
  // changes discarded once asked.)
  await page.getByRole('button', { name: 'New post' }).click();
  await discard.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { name: 'New post' })).toBeFocused();
  await expect(page.getByLabel('Text')).toHaveValue('');
  await page.getByLabel('Title').fill('Brochure only');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByLabel('Text')).toHaveAccessibleDescription(/Write the text, or add a file under Attachments, to publish or schedule the post/);
  await expect(page.getByLabel('Add attachments')).toHaveAccessibleDescription(/They are uploaded with the post when you publish, schedule or save it\./);
  // Chosen files are listed and counted on the input's line, though the input is emptied for the
  // next choice; removing one puts the keyboard on the next file's Remove, else the one before,
  // else the input.
  const addFiles = page.getByLabel('Add attachments');
  await addFiles.setInputFiles([
    { name: 'price-list.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 prices') },
    { name: 'spare.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 spare') },
    { name: 'catalogue.zip', mimeType: 'application/zip', buffer: Buffer.from('PK') },
  ]);
  // The line counts only the files that go up, the refused apart.
  await expect(addFiles).toHaveAccessibleDescription(/2 files to upload with the post; 1 file refused/);
  await page.getByRole('button', { name: 'Remove spare.pdf' }).click();
  await expect(page.getByRole('button', { name: 'Remove catalogue.zip' })).toBeFocused();
  await page.getByRole('button', { name: 'Remove catalogue.zip' }).click();
  await expect(page.getByRole('button', { name: 'Remove price-list.pdf' })).toBeFocused();
  await expect(addFiles).toHaveAccessibleDescription(/1 file to upload with the post/);
  await page.getByRole('button', { name: 'Remove price-list.pdf' }).click();
  await expect(addFiles).toBeFocused();
  await expect(addFiles).toHaveAccessibleDescription(/No file chosen/);
  // Files the bucket refuses (a type it does not take) are said at the files field as they are chosen,
  // each by name and reason, and listed to be removed.
  await addFiles.setInputFiles([
    { name: 'price-list.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 prices') },
    { name: 'catalogue.zip', mimeType: 'application/zip', buffer: Buffer.from('PK') },
    { name: 'floor-plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 floor') },
    { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
  ]);
  await expect(page.getByRole('button', { name: 'Remove catalogue.zip' })).toBeVisible();
  await expect(addFiles).toHaveAccessibleDescription(/2 files to upload with the post; 2 files refused/);
  const notForPosts = 'is not a file a post can carry: only PDF, JPEG, PNG or WebP images, CSV, Excel, Word or PowerPoint files.';
  // Each refused file's row says why, in words beside its Remove button, which it describes; the
  // files that go up carry no mark. The field sums them up, its one alert.
  const chosenRows = page.locator('.post-files .attachment-list > li');
  await expect(chosenRows.filter({ hasText: 'catalogue.zip' }).locator('.field-error')).toHaveText(`“\u2068catalogue.zip\u2069” ${notForPosts}`);
  // The mark before the reason (field-error's ⚠) is read with it.
  await expect(page.getByRole('button', { name: 'Remove setup.exe' })).toHaveAccessibleDescription(`⚠ “\u2068setup.exe\u2069” ${notForPosts}`);
  await expect(chosenRows.filter({ hasText: 'price-list.pdf' }).locator('.field-error')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove price-list.pdf' })).toHaveAccessibleDescription('');
  // Each named as its row names it, in quotes.
  const filesRefused = '“\u2068catalogue.zip\u2069” and “\u2068setup.exe\u2069” cannot be uploaded: the list above says why. Remove them from the list to publish, schedule or save the post.';
  await expect(page.locator('#post-files-error')).toHaveText(filesRefused);
  await expect(page.locator('.post-files').getByRole('alert')).toHaveText(filesRefused);
  // Another file that goes up leaves the refused as they were: the alert stays the one already said,
  // not hidden by the input's event and drawn again, a new alert at each choice.
  await page.locator('#post-files-error').evaluate((alert) => alert.setAttribute('data-said', ''));
  await addFiles.setInputFiles({ name: 'terms.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 terms') });
  await expect(addFiles).toHaveAccessibleDescription(/3 files to upload with the post; 2 files refused/);
  await expect(page.locator('#post-files-error[data-said]')).toHaveText(filesRefused);
  await page.getByRole('button', { name: 'Remove terms.pdf' }).click();
  await expect(addFiles).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'growth-posts-new-with-files');
  // Sent so, the post is refused before anything is written: no post, no draft, no file; the
  // keyboard goes to the files field, which says it again.
  await when.getByRole('radio', { name: 'Schedule for a time' }).check();
  await page.getByLabel('Publish on').fill('2031-03-01T09:30');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(addFiles).toBeFocused();
  await expect(page.locator('#post-files-error')).toHaveText(filesRefused);
  await expect(page.getByRole('heading', { name: 'New post' })).toBeVisible();
  expect(await sql(`select count(*)::int as n from public.posts where store_id = $1 and title = 'Brochure only'`, [storeId])).toEqual([{ n: 0 }]);
  expect(await sql(`select count(*)::int as n from storage.objects where bucket_id = 'post-attachments' and name like $1`, [`${storeId}/%-price-list.pdf`])).toEqual([{ n: 0 }]);
  await shot(page, 'growth-posts-files-refused');
  // Taken off the list, the refusal goes with them.
  await page.getByRole('button', { name: 'Remove catalogue.zip' }).click();
  await expect(page.locator('#post-files-error')).toHaveText('“\u2068setup.exe\u2069” cannot be uploaded: the list above says why. Remove it from the list to publish, schedule or save the post.');
  await expect(addFiles).toHaveAccessibleDescription(/2 files to upload with the post; 1 file refused/);
  await page.getByRole('button', { name: 'Remove setup.exe' }).click();
  await expect(page.locator('#post-files-error')).toHaveCount(0);
  await expect(addFiles).not.toHaveAttribute('aria-invalid');
  // Every file is tried: one Storage refuses on the way (its answer a server error here) leaves the
  // post a draft with the files that went up, and the form says so, naming it.
  const floorPlanUpload = (url: URL) => url.pathname.includes('/storage/v1/object/post-attachments/') && url.pathname.endsWith('-floor-plan.pdf');
  await page.route(floorPlanUpload, (route) => route.fulfill({ status: 500, json: { statusCode: '500', error: 'Internal', message: 'Internal Server Error' } }));
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  const uploadRefusal = page.locator('.growth-form').getByRole('alert');
  await expect(uploadRefusal).toHaveText('“\u2068floor-plan.pdf\u2069” could not be uploaded. Try again; if it is refused again, choose another file. The post is saved as a draft with the files that went up; add \u2068floor-plan.pdf\u2069 again below, then publish or schedule it.');
  await page.unroute(floorPlanUpload);
  await expect(postDate('Brochure only')).toHaveText('Draft');
  await expect(page.getByRole('heading', { name: 'Edit post' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'price-list.pdf', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'floor-plan.pdf', exact: true })).toHaveCount(0);
  expect(await sql(`select jsonb_path_query_array(attachments, '$[*].name') as names from public.posts where store_id = $1 and title = 'Brochure only'`, [storeId]))
    .toEqual([{ names: ['price-list.pdf'] }]);
  await expect(when.getByRole('radio', { name: 'Schedule for a time' })).toBeChecked();
  await expect(page.getByLabel('Publish on')).toHaveValue('2031-03-01T09:30');
  await shot(page, 'growth-posts-upload-refused');
  // Published with the file it holds: no "Add attachments below".
  await when.getByRole('radio', { name: 'Publish now' }).check();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toHaveText('Published.');
  await expect(postDate('Brochure only')).not.toHaveText(/Draft|Scheduled/);
  // Made a draft again, it is taken down: the button and the line say so ("Save draft", "Draft saved." did not).
  await when.getByRole('radio', { name: 'Save as draft' }).check();
  await page.getByRole('button', { name: 'Unpublish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Unpublished' })).toHaveText('Unpublished: members and visitors no longer see it. It is kept as a draft.');
  await expect(postDate('Brochure only')).toHaveText('Draft');
  // Nothing refused: one click publishes the new post with its file, listed on the one row.
  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByLabel('Title').fill('Stand plan');
  await page.getByLabel('Add attachments').setInputFiles({ name: 'stand-plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 plan') });
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toHaveText('Published.');
  await expect(page.getByRole('button', { name: 'stand-plan.pdf', exact: true })).toBeVisible();
  await expect(postDate('Stand plan')).not.toHaveText(/Draft|Scheduled/);
  expect(await sql(`select attachments->0->>'name' as name from public.posts where store_id = $1 and title = 'Stand plan'`, [storeId])).toEqual([{ name: 'stand-plan.pdf' }]);
  // Deleted, the post takes its Delete button with it: the line saying so has the keyboard, which
  // fell to the page's body, and the editor is a new post's.
  await page.getByRole('button', { name: 'Delete post' }).click();
  await page.getByRole('dialog', { name: 'Delete this post?' }).getByRole('button', { name: 'Delete post' }).click();
  await expect(page.getByRole('status').filter({ hasText: '“Stand plan” was deleted.' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'New post' })).toBeVisible();
  await expect(postDate('Stand plan')).toHaveCount(0);
  // The Type and Language fields side by side: their labels on one line, their selects on one.
  const top = (id: string) => page.locator(`#${id}`).evaluate((element) => element.getBoundingClientRect().top);
  const labelTop = (id: string) => page.locator(`label[for="${id}"]`).evaluate((element) => element.getBoundingClientRect().top);
  expect(await top('post-kind')).toBe(await top('post-locale'));
  expect(await labelTop('post-kind')).toBe(await labelTop('post-locale'));
  // The Type label sits over its select, not a hint's height above it.
  expect(await top('post-kind') - await labelTop('post-kind')).toBeLessThan(40);
  await page.reload();
  await waitForIslands(page);
  await page.getByRole('button', { name: 'Winter trade fair' }).click();
  await expect(when.getByRole('radio', { name: 'Save as draft' })).toBeChecked();
  await when.getByRole('radio', { name: 'Publish now' }).check();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByLabel('Text')).toHaveAccessibleDescription(/Write the text, or add a file under Attachments, to publish or schedule the post/);
  await expect(page.getByLabel('Text')).toBeFocused();
  await page.getByLabel('Text').fill('Meet us at stand 4B.');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toHaveText('Published. Add attachments below.');
  await expect(postDate('Winter trade fair')).not.toHaveText(/Draft|Scheduled/);
  await expect(when.getByRole('radio', { name: /^Keep it published \(since / })).toBeChecked();
  // The rule is the database's too: saved as its file alone, the post keeps its last file, and the
  // editor says the database's refusal in its own words (20261214000100).
  await page.getByLabel('Add attachments').setInputFiles({ name: 'stand-map.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 map') });
  await expect(page.getByRole('button', { name: 'stand-map.pdf', exact: true })).toBeVisible();
  await page.getByLabel('Text').fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Remove stand-map.pdf' }).click();
  await removing.getByRole('button', { name: 'Remove stand-map.pdf' }).click();
  await expect(page.locator('.growth-form').getByRole('alert')).toHaveText('Write the text, or add a file under Attachments, to publish or schedule the post; a draft may stay empty.');
  await expect(page.getByRole('button', { name: 'stand-map.pdf', exact: true })).toBeVisible();
  await shot(page, 'growth-posts-last-file-kept');
  // Refused again in the same words, the alert is a new one, said again.
  const refusal = page.locator('.growth-form').getByRole('alert');
  await refusal.evaluate((alert) => { (window as unknown as { firstRefusal: Element }).firstRefusal = alert; });
  await page.getByRole('button', { name: 'Remove stand-map.pdf' }).click();
  await removing.getByRole('button', { name: 'Remove stand-map.pdf' }).click();
  await expect(refusal).toHaveText('Write the text, or add a file under Attachments, to publish or schedule the post; a draft may stay empty.');
  expect(await page.evaluate(() => (window as unknown as { firstRefusal: Element }).firstRefusal.isConnected)).toBe(false);
  // The owner in another tab retitles the post, writes its text and takes its file away while this
  // editor writes the text: its save, which would have put back their title and file unseen, is
  // refused and writes nothing (migration 20261219000700). Reloaded, the form shows their title and
  // no file, keeps the text typed here and says which is which; saved, it keeps both.
  const otherTab = deviceClient();
  expect((await otherTab.auth.signInWithPassword(owner)).error).toBeNull();
  expect((await otherTab.from('posts').update({ title: 'Winter trade fair: hall 2', body: 'Stand 4B, hall 2.', attachments: [] })
    .eq('store_id', storeId).eq('title', 'Winter trade fair').select('id')).data).toHaveLength(1);
  await page.getByLabel('Text').fill('Meet us at stand 4B.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(refusal).toHaveText('Nothing was saved: someone else changed this post since you opened it. Reload the post to see their changes; what you typed stays in the form.');
  const winterFair = `select title, body, jsonb_array_length(attachments) as files from public.posts where store_id = $1 and title like 'Winter trade fair%'`;
  expect(await sql(winterFair, [storeId])).toEqual([{ title: 'Winter trade fair: hall 2', body: 'Stand 4B, hall 2.', files: 0 }]);
  await shot(page, 'growth-posts-changed');
  await page.getByRole('button', { name: 'Reload the post' }).click();
  const reread = page.getByRole('status').filter({ hasText: /^Post reloaded\./ });
  await expect(reread).toHaveText('Post reloaded. Someone else changed \u2068“Title”\u2069 and \u2068“Attachments”\u2069: the form now shows their changes.'
    + ' You and someone else both changed \u2068“Text”\u2069: the form keeps what you typed, and saving puts it in place of theirs.');
  await expect(reread).toBeFocused();
  await expect(page.getByLabel('Title')).toHaveValue('Winter trade fair: hall 2');
  await expect(page.getByLabel('Text')).toHaveValue('Meet us at stand 4B.');
  await expect(page.getByRole('button', { name: 'stand-map.pdf', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText('Saved.');
  expect(await sql(winterFair, [storeId])).toEqual([{ title: 'Winter trade fair: hall 2', body: 'Meet us at stand 4B.', files: 0 }]);

  // A VIP reads it whole, with its attachment; an ordinary member sees the teaser.
  const vipPage = await memberPage(browser, vip);
  await vipPage.goto(`${portalUrl}/posts/?s=${slug}`);
  await waitForIslands(vipPage);
  await expect(vipPage.getByRole('link', { name: 'Winter trade fair' })).toBeVisible();
  // An open post's card opens with its text as plain words: not its heading (the title heads the card), no bold, the markup as text.
  const q3Excerpt = vipPage.getByRole('article', { name: 'Q3 lace wig imports' }).locator('.post-excerpt');
  await expect(q3Excerpt).toHaveText(`Imports rose 12 % in Q3. ${hostile.script} ${hostile.img}`);
  await expectInertText(vipPage, q3Excerpt, `Imports rose 12 % in Q3. ${hostile.script} ${hostile.img}`);
  await vipPage.getByRole('link', { name: 'Q3 lace wig imports' }).click();
  await waitForIslands(vipPage);
  await expect(vipPage.getByRole('heading', { level: 1, name: 'Q3 lace wig imports' })).toBeVisible();
  // The way back to the feed, as the member page's to its list: the arrow is not read out.
  await expect(vipPage.getByRole('link', { name: 'News from \u2068Growth Wigs\u2069', exact: true })).toHaveText('← News from \u2068Growth Wigs\u2069');
  await expect(vipPage.locator('.markdown strong')).toHaveText('Imports');
  await expect(vipPage.locator('.markdown h2')).toHaveCSS('font-size', previewHeading);
  await expectInertText(vipPage, vipPage.locator('.markdown'), `${hostile.script} ${hostile.img}`);
  // Saved under the name it was added with, not its object's ("<prefix>-q3-report.pdf").
  const q3File = vipPage.waitForEvent('download');
  await vipPage.getByRole('button', { name: 'Download q3-report.pdf' }).click();
  expect((await q3File).suggestedFilename()).toBe('q3-report.pdf');
  await expectNoAxeViolations(vipPage, 'a post as a VIP');
  await shot(vipPage, 'growth-post-vip');

  const plainPage = await memberPage(browser, plain);
  await plainPage.goto(`${portalUrl}/posts/?s=${slug}&lang=zh-CN`);
  await waitForIslands(plainPage);
  await expect(plainPage.getByRole('link', { name: 'Q3 lace wig imports' })).toBeVisible();
  // The tier named in the page's language (a new store's default Chinese name), not the store's default;
  // VIP is the store's highest tier, so no "and above" (及以上).
  await expect(plainPage.getByText('VIP会员专享。', { exact: true })).toBeVisible();
  // A teaser has no text to open with; a post for every member does.
  await expect(plainPage.getByRole('article', { name: 'Q3 lace wig imports' }).locator('.post-excerpt')).toHaveCount(0);
  await expect(plainPage.getByRole('article', { name: /Winter trade fair/ }).locator('.post-excerpt')).toHaveText('Meet us at stand 4B.');
  await expect(plainPage.getByRole('link', { name: '查看如何升级到VIP会员' })).toHaveAttribute('href', `/me/?s=${slug}&lang=zh-CN#summary`);
  await expectNoAxeViolations(plainPage, 'the feed as an ordinary member');
  await shot(plainPage, 'growth-feed-ordinary-zh');
  await plainPage.getByRole('link', { name: 'Q3 lace wig imports' }).click();
  await waitForIslands(plainPage);
  await expect(plainPage.getByRole('heading', { level: 1, name: 'Q3 lace wig imports' })).toBeVisible();
  await expect(plainPage.locator('.markdown')).toHaveCount(0);
  await expect(plainPage.getByText('rose 12 %')).toHaveCount(0);

  // Analytics: charts and tables with the fixture's numbers, read from Shanghai.
  await clock.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Shanghai' });
  await page.goto(`${portalUrl}/console/analytics/?s=${slug}`);
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  // The server's UTC days, said in one sentence on the reader's clock, by its offset: not "UTC".
  await expect(page.getByText(/^Each day runs from 8:00\sAM to 8:00\sAM the next day, your time \(GMT\+8\)\. The first and last days/)).toBeVisible();
  const conversions = page.getByTestId('figure-conversions');
  await expect(conversions.getByRole('row', { name: /Join → first order/ })).toHaveText(/Join → first order\s*2\s*1\s*50%/);
  await expect(conversions.getByRole('row', { name: /Repurchase/ })).toHaveText(/Repurchase \(2\+ orders\)\s*1\s*0\s*0%/);
  const orderValue = page.getByTestId('figure-order-value');
  await expect(orderValue.getByRole('row', { name: /VIP/ })).toHaveText(/VIP\s*1\s*US\$10,000\.00\s*US\$10,000\.00/);
  await expect(page.getByTestId('figure-tiers').locator('canvas').first()).toBeVisible();
  // The stage chart explains its stages, as the members list does.
  await page.getByTestId('figure-stages').getByText('What the stages mean', { exact: true }).click();
  await expect(page.getByTestId('figure-stages').getByRole('link', { name: 'Settings' })).toHaveCount(2);
  await expect(page.getByTestId('figure-liabilities').locator('.figures div').filter({ hasText: 'Rebate balances' }).locator('dd')).toHaveText('US$500.00');
  // A coupon's code stays whole: a phone broke "WELCOME-10" at its hyphen.
  await expect(page.getByTestId('figure-coupons').getByRole('row', { name: /WELCOME-10/ }).locator('.code')).toHaveCSS('white-space', 'nowrap');
  // A download only beside a table: a section with nothing in the range offers none.
  for (const figure of await page.locator('[data-testid^="figure-"]').all()) {
    expect(await figure.getByRole('button', { name: /^Download CSV: / }).count()).toBe(await figure.getByRole('table').count());
  }
  // A rate without members to count from says why in its cell too, which the chart's label may cut short.
  await expect(conversions.getByRole('row', { name: /Sample → order/ }).getByRole('cell').last()).toHaveText('— (no sample requests)');
  // The CSVs say what the tables say, in the screen's words, numbers bare: rates in %, amounts beside their currency.
  // Each file named after its figure, as the contacts files are after their segment.
  const csvOf = async (title: string) => {
    const file = page.waitForEvent('download');
    await page.getByRole('button', { name: `Download CSV: ${title}` }).click();
    expect((await file).suggestedFilename()).toMatch(new RegExp(`^${slug}-${title.replaceAll(' ', '-')}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    return fs.readFileSync(await (await file).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  };
  expect(await csvOf('Conversions')).toEqual([
    'Conversion,Members,Converted,Rate (%)', 'Join → first order,2,1,50', 'Repurchase (2+ orders),1,0,0', 'Sample → order,0,0,',
  ]);
  const orderValueCsv = await csvOf('Average order value by tier');
  expect(orderValueCsv[0]).toBe('Tier,Orders,Revenue,Average order,Currency');
  expect(orderValueCsv).toContain('VIP,1,10000.00,10000.00,USD');
  // Points and money never in one column: the balances as the box above the table shows them.
  const outstanding = await page.getByTestId('figure-liabilities').locator('.figures div').filter({ hasText: 'Outstanding points' }).locator('dd').textContent();
  expect((await csvOf('Points and rebate liabilities')).slice(0, 3)).toEqual([
    'Figure,Month,Points,Rebate balance (USD)', `Outstanding points,,${outstanding!.replaceAll(',', '')},`, 'Rebate balances (rebates do not expire),,,500.00',
  ]);
  const campaignsCsv = await csvOf('Campaign results');
  expect(campaignsCsv[0]).toBe('Sent on,Channel,Subject,Segment,Number of messages,Recipient companies,Companies that ordered,Orders,Revenue,Currency');
  // Sent at a time spreadsheets read as one, on the staff member's clock: Shanghai's, as it was logged.
  expect(campaignsCsv[1]).toBe(`${sentNow.slice(0, 16).replace('T', ' ')},Email,Spring VIP offer,VIP buyers (EU),1,1,1,1,10000.00,USD`);
  await expectNoAxeViolations(page, 'the analytics page');
  await shot(page, 'growth-analytics');
  // On a phone (not a desktop) a figure's table stacks as the console's others do: a period heads
  // its row, then a line per tier labelled with its name, VIP (the third column) within the screen too.
  const tierRow = page.getByTestId('figure-tiers').getByRole('table').locator('tbody tr').first();
  await expect(tierRow).toHaveCSS('display', 'table-row');
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(tierRow).toHaveCSS('display', 'flex');
  const vipLine = tierRow.locator('td[data-label="VIP"]');
  await expect(vipLine).toBeVisible();
  const box = await vipLine.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  const heading = await tierRow.getByRole('rowheader').boundingBox();
  expect(heading!.y + heading!.height).toBeLessThanOrEqual(box!.y + 0.5);
  await shot(page, 'growth-analytics-360');
  // In Chinese every period is written one way: a month as "2026年10月", a part of one by its days
  // ("2026年9月8日至30日"), never in figures ("2026/9/8 – 2026/9/30") beside them.
  await page.goto(`${portalUrl}/console/analytics/?s=${slug}&lang=zh-CN`);
  await waitForIslands(page);
  await expect(page.getByText(/^每天按你的时间（GMT\+8）从8:00到次日8:00。首尾两天均包含在内。/)).toBeVisible();
  // The chosen days written in the page's language under their fields, as their description: the
  // browser writes the date control in its own (en-US) order.
  for (const label of ['开始日期', '结束日期']) {
    const field = page.getByLabel(label, { exact: true });
    const chosen = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${await field.inputValue()}T00:00:00Z`));
    expect(chosen).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await expect(field).toHaveAccessibleDescription(chosen);
    await expect(page.locator('.date-field').filter({ has: field })).toContainText(chosen);
  }
  const periodHeaders = page.getByTestId('figure-tiers').getByRole('table').getByRole('rowheader');
  await expect(periodHeaders.nth(1)).toBeVisible();
  const periods = await periodHeaders.allTextContents();
  for (const period of periods) expect(period).toMatch(/^\d{4}年\d{1,2}月(\d{1,2}日(至(\d{4}年)?(\d{1,2}月)?\d{1,2}日)?)?$/);
  // The chart says the year once, in its caption, so that each bar's own label is short enough to stand under it ("10月").
  const year = periods[0]!.slice(0, 5);
  await expect(page.getByTestId('figure-tiers').locator('figcaption')).toHaveText(new RegExp(`^各周期最后一天的会员数（${year}(至\\d{4}年)?）$`));
  await shot(page, 'growth-analytics-360-zh');
  // From after Until is said at once under Until, in the page's language, before Show; an Until
  // typed still earlier keeps it said; Show then reads nothing.
  const analyticsReads: string[] = [];
  const countRead = (request: { url: () => string }) => void (request.url().includes('/rest/v1/rpc/analytics_') && analyticsReads.push(request.url()));
  page.on('request', countRead);
  const [rangeFrom, rangeUntil] = [page.getByLabel('开始日期', { exact: true }), page.getByLabel('结束日期', { exact: true })];
  const untilDay = await rangeUntil.inputValue();
  await rangeFrom.fill('2099-01-02');
  await expect(page.locator('#range-to-error')).toHaveText('不能早于开始日期。');
  await expect(page.locator('#range-to-error')).toHaveRole('alert');
  await expect(rangeUntil).toHaveAttribute('aria-invalid', 'true');
  await rangeUntil.fill('2099-01-01');
  await expect(page.locator('#range-to-error')).toHaveText('不能早于开始日期。');
  await shot(page, 'growth-analytics-range-order-360-zh');
  await page.getByRole('button', { name: '查看', exact: true }).click();
  await expect(rangeUntil).toBeFocused();
  // In order again (From moved back), it goes at once too.
  await rangeFrom.fill(untilDay);
  await expect(page.locator('#range-to-error')).toHaveCount(0);
  await rangeUntil.fill(untilDay);
  // More days than the server groups by day is said at the grouping before anything is read, with
  // what to change; a change to the range takes it away.
  const grouping = page.getByLabel('分组方式', { exact: true });
  await rangeFrom.fill('2025-01-01');
  await rangeUntil.fill('2026-12-07');
  await grouping.selectOption('day');
  await page.getByRole('button', { name: '查看', exact: true }).click();
  await expect(grouping).toBeFocused();
  await expect(grouping).toHaveAttribute('aria-describedby', 'range-period-error');
  await expect(page.locator('#range-period-error')).toHaveText('请缩短日期范围，或改为按周、按月分组：按日分组最多400天。');
  await rangeFrom.fill('2026-01-01');
  await expect(page.locator('#range-period-error')).toHaveCount(0);
  expect(analyticsReads).toEqual([]);
  page.off('request', countRead);
  await page.goto(`${portalUrl}/console/analytics/?s=${slug}`);
  await waitForIslands(page);
  // A range without sends says so of the range, not that no campaign was ever recorded.
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await expect(page.getByLabel('From', { exact: true })).toHaveAccessibleDescription('Jan 1, 2020');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByText('No campaigns sent in this range.')).toBeVisible();
  await expect(page.getByText('No campaigns recorded yet.')).toHaveCount(0);
  // Should the server count more periods than the form, its refusal is said at the grouping, and
  // the figures of January go rather than stay under the refused dates.
  const overTime = '**/rest/v1/rpc/analytics_members_over_time*';
  const reason = 'gives more than 400 days in this range: choose a shorter range or group by longer periods';
  await page.route(overTime, (route) => route.fulfill({ status: 400, contentType: 'application/json',
    body: JSON.stringify({ code: '22023', message: `period ${reason}`, details: JSON.stringify({ field: 'period', reason }), hint: null }) }));
  await page.getByLabel('To', { exact: true }).fill('2020-02-29');
  await page.getByLabel('Group by', { exact: true }).selectOption('day');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('#range-period-error')).toHaveText('Choose a shorter range or group by week or month: by day, at most 400 days.');
  await expect(page.locator('#range-period-error')).toHaveRole('alert');
  await expect(page.locator('[data-testid^="figure-"]')).toHaveCount(0);
  // Figures kept after a failed read say whose dates they are, not a list or a page.
  await page.unroute(overTime);
  await page.getByLabel('Group by', { exact: true }).selectOption('week');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  // The weeks read, not January's figures kept while they load (a slow machine went on before).
  await expect.poll(() => page.getByTestId('figure-tiers').getByRole('table').locator('tbody tr').count()).toBeGreaterThan(8);
  await page.route(overTime, (route) => route.abort());
  await page.getByLabel('To', { exact: true }).fill('2020-03-31');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.locator('.error-notice')).toContainText('The dates or grouping you chose were not applied: the figures below are still those for Jan 1 – Feb 29, 2020. Try again to apply them.');
  await page.unroute(overTime);
  // The grouping and the dates Show applied stay in the address: a reload went back to months.
  // Grouped by day, a figure's table shows its first rows until asked for the rest: on a phone its
  // 91 stacked rows made the page some 34,000 px tall.
  await page.getByLabel('To', { exact: true }).fill('2020-02-29');
  await page.getByLabel('Group by', { exact: true }).selectOption('day');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/[?&]from=2020-01-01&to=2020-02-29&period=day$/);
  await page.reload();
  await waitForIslands(page);
  await expect(page.getByLabel('Group by', { exact: true })).toHaveValue('day');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('2020-02-29');
  const byDay = page.getByTestId('figure-tiers');
  await expect(byDay.getByRole('table').locator('tbody tr')).toHaveCount(10);
  const allRows = byDay.getByRole('button', { name: /^Show all \d+ rows$/ });
  await expect(allRows).toHaveAttribute('aria-expanded', 'false');
  const dayCount = Number(/\d+/.exec((await allRows.textContent())!)![0]);
  expect(dayCount).toBeGreaterThanOrEqual(59);
  await allRows.click();
  await expect(byDay.getByRole('table').locator('tbody tr')).toHaveCount(dayCount);
  await expect(byDay.getByRole('button', { name: 'Show the first 10 rows only' })).toHaveAttribute('aria-expanded', 'true');

  // The segment's matching companies a page at a time, as the members list's: they stopped at 10.
  await sql(`insert into public.members (store_id, company_name) select $1, 'Paged Co ' || n from generate_series(1, 11) n`, [storeId]);
  await page.goto(`${portalUrl}/console/segments/?s=${slug}`);
  await waitForIslands(page);
  const matching = page.getByRole('table', { name: /^Matching companies/ });
  await expect(matching).toHaveAccessibleName(/^Matching companies \(1–10 of 1\d\), latest buyers first$/);
  await expect(matching.locator('tbody tr')).toHaveCount(10);
  const pages = page.getByRole('navigation', { name: 'Pages of matching companies' });
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(matching).toHaveAccessibleName(/^Matching companies \(11–1\d of 1\d\), latest buyers first$/);
  await expect(pages).toContainText(/^Previous11–1\d of 1\dNext$/);
  await expect(matching.getByRole('link', { name: /^(Paged Co|Vip Co|Plain Co)/ }).first()).toBeVisible();
});

/** A post's card in the feed, by its title. */
const card = (page: Page, title: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: title }) });

/** A locked card: the one sentence saying whom the post is for, then its one link besides the title's (or none). */
async function expectLocked(page: Page, title: string, sentence: string, ...links: { name: string; href: string }[]) {
  const item = card(page, title);
  await expect(item.locator('.teaser')).toHaveText(sentence);
  await expect(item.getByRole('link')).toHaveText([title, ...links.map((link) => link.name)]);
  for (const link of links) await expect(item.getByRole('link', { name: link.name, exact: true })).toHaveAttribute('href', link.href);
}

/** A new store (and its owner) with a public post, a members-only one and one gated at each of Senior and VIP (a new store's tiers 1 and 2). */
async function feedStore() {
  const { slug, storeId, owner } = await newStore('feed');
  const posts = [
    { title: 'Open market note', visibility: 'public', min_tier_rank: 0 },
    { title: 'Members briefing', visibility: 'members', min_tier_rank: 0 },
    { title: 'Senior outlook', visibility: 'tier', min_tier_rank: 1 },
    { title: 'VIP trade data', visibility: 'tier', min_tier_rank: 2 },
  ];
  for (const post of posts) {
    await sql(`insert into public.posts (store_id, kind, title, body, locale, visibility, min_tier_rank) values ($1, 'industry_news', $2, 'Body.', 'en', $3, $4)`,
      [storeId, post.title, post.visibility, post.min_tier_rank]);
  }
  return { slug, storeId, owner };
}

test('a locked post says whom it is for and offers one way there, to each reader', async ({ page, browser }) => {
  const { portalUrl } = testEnv();
  const { slug } = await feedStore();
  const plain = await buyer(slug, 'Plain Co');
  const outsiderPage = await memberPage(browser, await newLogin('outsider'));
  // Where a locked card's link goes, in the page's language.
  const store = (lang: string) => `/store/?s=${slug}&lang=${lang}`;
  const login = (lang: string) => `/login/?s=${slug}&from=news&lang=${lang}`;
  const progress = (lang: string) => `/me/?s=${slug}&lang=${lang}#summary`;
  // The feed names its store (a buyer reads several stores' news), in its heading and the page's title.
  const named = {
    en: ['News from \u2068Feed Wigs\u2069', 'News from Feed Wigs · Cardclub', 'My membership at this store'],
    'zh-CN': ['\u2068Feed Wigs\u2069的动态', 'Feed Wigs的动态 · Cardclub', '本店会员中心'],
    es: ['Novedades de \u2068Feed Wigs\u2069', 'Novedades de Feed Wigs · Cardclub', 'Mi membresía en esta tienda'],
  } as const;
  /** The feed in `lang`; its My membership link only for a member (a non-member's would say they are not one). */
  const open = async (reader: Page, lang: keyof typeof named, member: boolean) => {
    await reader.goto(`${portalUrl}/posts/?s=${slug}&lang=${lang}`);
    await waitForIslands(reader);
    await expect(card(reader, 'Open market note')).toBeVisible();
    await expect(card(reader, 'Open market note').locator('.teaser')).toHaveCount(0);
    const [heading, title, membership] = named[lang];
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(heading);
    // The store's name marked with its language in the heading; a title holds no markup.
    await expect(reader.getByRole('heading', { level: 1 }).locator('[lang]')).toHaveAttribute('lang', 'en');
    await expect(reader).toHaveTitle(title);
    const links = reader.getByRole('region', { name: heading }).getByRole('link', { name: membership, exact: true });
    if (member) await expect(links).toHaveAttribute('href', `/me/?s=${slug}&lang=${lang}`);
    else await expect(links).toHaveCount(0);
    // The header's links, built with the page, keep its language as the feed's own do.
    await expect(reader.locator('.sign-in-link a')).toHaveAttribute('href', `/login/?lang=${lang}`);
    await expect(reader.locator('.signed-in-link a')).toHaveAttribute('href', `/me/?lang=${lang}`);
  };

  // A login that is no member here: a members-only post asks them to join; a tier's post says
  // joining comes first, never that joining opens it (joining gives the lowest tier).
  await open(outsiderPage, 'en', false);
  await expectLocked(outsiderPage, 'Members briefing', 'For members of this store.', { name: 'Join this store to read it', href: store('en') });
  await expectLocked(outsiderPage, 'Senior outlook', 'For members on the Senior tier and above.', { name: 'Join this store first, then see how to reach Senior', href: store('en') });
  await expectLocked(outsiderPage, 'VIP trade data', 'Only for members on the VIP tier.', { name: 'Join this store first, then see how to reach VIP', href: store('en') });
  // A visitor may be a member already: signing in (for this store) beside joining.
  await open(page, 'en', false);
  const signIn = (lang: string, name: string) => ({ name, href: login(lang) });
  await expect(card(page, 'Members briefing').locator('p').last()).toHaveText('Sign in or join this store to read it');
  await expectLocked(page, 'Members briefing', 'For members of this store.', signIn('en', 'Sign in'), { name: 'join this store', href: store('en') });
  await expect(card(page, 'VIP trade data').locator('p').last()).toHaveText('Sign in or join this store, then see how to reach VIP');
  await expectLocked(page, 'VIP trade data', 'Only for members on the VIP tier.', signIn('en', 'Sign in'), { name: 'join this store', href: store('en') });
  await open(page, 'zh-CN', false);
  await expect(card(page, 'Senior outlook').locator('p').last()).toHaveText('登录或加入本店后，查看如何升级到高级会员');
  await expectLocked(page, 'Members briefing', '仅限本店会员。', signIn('zh-CN', '登录'), { name: '加入本店', href: store('zh-CN') });
  await expectLocked(page, 'VIP trade data', 'VIP会员专享。', signIn('zh-CN', '登录'), { name: '加入本店', href: store('zh-CN') });
  await expectNoAxeViolations(page, 'the feed as a visitor');
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, 'growth-feed-visitor-zh-360');
  // On the post's own page, signing in leads back to that post (from the feed, above, to the feed).
  await card(page, 'Members briefing').getByRole('link', { name: 'Members briefing' }).click();
  await waitForIslands(page);
  const briefing = new URL(page.url()).searchParams.get('p');
  await expect(page.locator('.teaser-box').getByRole('link', { name: '登录' })).toHaveAttribute('href', `/login/?s=${slug}&from=news&p=${briefing}&lang=zh-CN`);

  await outsiderPage.setViewportSize({ width: 360, height: 800 });
  await open(outsiderPage, 'es', false);
  await expectLocked(outsiderPage, 'Members briefing', 'Para miembros de esta tienda.', { name: 'Únete a esta tienda para leerla', href: store('es') });
  // A new store's Spanish tiers are "Miembro …": the sentence gives the tier's name as it is.
  await expectLocked(outsiderPage, 'Senior outlook', 'Solo para el nivel Miembro sénior o superior.',
    { name: 'Primero únete a esta tienda; luego mira cómo llegar al nivel Miembro sénior', href: store('es') });
  await expectLocked(outsiderPage, 'VIP trade data', 'Solo para el nivel Miembro VIP.',
    { name: 'Primero únete a esta tienda; luego mira cómo llegar al nivel Miembro VIP', href: store('es') });
  await shot(outsiderPage, 'growth-feed-outsider-es-360');

  // An ordinary member reads the members' post; each tier's post points to that tier, on their progress.
  const plainPage = await memberPage(browser, plain);
  await plainPage.setViewportSize({ width: 360, height: 800 });
  await open(plainPage, 'en', true);
  await expect(card(plainPage, 'Members briefing').locator('.teaser')).toHaveCount(0);
  await expect(card(plainPage, 'Members briefing').getByRole('link')).toHaveText(['Members briefing']);
  await expectLocked(plainPage, 'Senior outlook', 'For members on the Senior tier and above.', { name: 'See how to reach Senior', href: progress('en') });
  await expectLocked(plainPage, 'VIP trade data', 'Only for members on the VIP tier.', { name: 'See how to reach VIP', href: progress('en') });
  // A post in the reader's own language does not name it.
  await expect(card(plainPage, 'Members briefing').locator('.post-meta')).not.toContainText('English');
  await shot(plainPage, 'growth-feed-ordinary-en-360');
  await open(plainPage, 'zh-CN', true);
  await expect(card(plainPage, 'Members briefing').locator('.post-meta')).toContainText(' · 语言：英语');
  await expectLocked(plainPage, 'Senior outlook', '高级会员及以上等级专享。', { name: '查看如何升级到高级会员', href: progress('zh-CN') });
  await expectLocked(plainPage, 'VIP trade data', 'VIP会员专享。', { name: '查看如何升级到VIP会员', href: progress('zh-CN') });
  await expectNoAxeViolations(plainPage, 'the feed as an ordinary member');
  await shot(plainPage, 'growth-feed-ordinary-zh-360');
  // The post's own page says the same, and whose post it is, above its title and in the page's title.
  await card(plainPage, 'VIP trade data').getByRole('link', { name: 'VIP trade data' }).click();
  await waitForIslands(plainPage);
  // Written in English, read in Chinese: said before its English title.
  await expect(plainPage.locator('.post-meta')).toHaveText(/^\u2068Feed Wigs\u2069 · 行业资讯 · .+ · 语言：英语$/);
  await expect(plainPage).toHaveTitle('VIP trade data · Feed Wigs · Cardclub');
  const teaser = plainPage.locator('.teaser-box');
  await expect(teaser).toHaveText('VIP会员专享。查看如何升级到VIP会员');
  await expect(teaser.getByRole('link')).toHaveAttribute('href', progress('zh-CN'));
  await shot(plainPage, 'growth-post-ordinary-zh-360');
  // The link lands on My membership's summary, where the progress is.
  await teaser.getByRole('link').click();
  await expect(plainPage.getByRole('heading', { level: 2, name: '概览' })).toBeInViewport();
});

test('paging the feed asks only for the next page: the store\'s name and the reader\'s membership are read once', async ({ browser }) => {
  const { portalUrl } = testEnv();
  const { slug, storeId } = await feedStore();
  // Older than the fixture's four: 24 posts, two pages, these last.
  await sql(`insert into public.posts (store_id, kind, title, body, locale, visibility, publish_at)
    select $1, 'industry_news', 'Archive ' || n, 'Text.', 'en', 'public', now() - n * interval '1 day' from generate_series(1, 20) n`, [storeId]);
  const reader = await memberPage(browser, await buyer(slug, 'Plain Co'));
  const sent: string[] = [];
  reader.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/rest/v1/') && request.method() !== 'OPTIONS') sent.push(url.pathname);
  });
  const asked = (path: string) => sent.filter((sentPath) => sentPath === path).length;
  await reader.goto(`${portalUrl}/posts/?s=${slug}`);
  await waitForIslands(reader);
  const pages = reader.getByRole('navigation', { name: 'Pages of posts' });
  await expect(pages).toContainText('Page 1 of 2');
  await expect(card(reader, 'Open market note')).toBeVisible();

  await pages.getByRole('button', { name: 'Older' }).click();
  await expect(pages).toContainText('Page 2 of 2');
  await expect(card(reader, 'Archive 20')).toBeVisible();
  await expect(card(reader, 'Open market note')).toHaveCount(0);
  await pages.getByRole('button', { name: 'Newer' }).click();
  await expect(card(reader, 'Open market note')).toBeVisible();
  // Every page still names the store and links a member's My membership.
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('News from \u2068Feed Wigs\u2069');
  await expect(reader.getByRole('region', { name: 'News from \u2068Feed Wigs\u2069' }).getByRole('link', { name: 'My membership at this store', exact: true })).toHaveAttribute('href', `/me/?s=${slug}`);
  expect({ feed: asked('/rest/v1/rpc/post_feed'), store: asked('/rest/v1/stores'), membership: asked('/rest/v1/member_contacts') }).toEqual({ feed: 3, store: 1, membership: 1 });
});

test('a feed or a file that cannot load says so in the reader\'s language, never the server\'s English', async ({ page }) => {
  const { portalUrl } = testEnv();
  const { slug, storeId, owner } = await feedStore();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const feedRequest = /\/rest\/v1\/rpc\/post_feed/;
  const main = page.locator('main');
  const english = /fetch|error|unexpected|server|✖|not found/i;

  // The network gives out on the feed's request.
  await page.route(feedRequest, (route) => route.abort('internetdisconnected'));
  await page.goto(`${portalUrl}/posts/?s=${slug}&lang=zh-CN`);
  await waitForIslands(page);
  const alert = page.getByRole('alert');
  await expect(alert.locator('p')).toHaveText('无法加载。请检查网络后重试。');
  await expect(main).not.toContainText(english);
  expect(errors.join('\n')).toContain('The posts could not be loaded');
  // Back online, Try again loads it; the keyboard, on the button that went, goes to the page's heading.
  await page.unroute(feedRequest);
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(card(page, 'Open market note')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // An answer the page cannot read (the parser's "Unexpected answer from the server: ✖ …").
  await page.route(feedRequest, (route) => route.fulfill({ json: [{ id: 'not-a-post' }] }));
  await page.goto(`${portalUrl}/posts/?s=${slug}&lang=es`);
  await waitForIslands(page);
  await expect(page.getByRole('alert').locator('p')).toHaveText('No se pudo cargar. Revisa tu conexión e inténtalo de nuevo.');
  await expect(page.getByRole('alert').getByRole('button')).toHaveText('Reintentar');
  await expect(main).not.toContainText(english);
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, 'growth-feed-failed-es-360');
  await page.unroute(feedRequest);

  // An attachment whose file is gone: said to the reader as removed by the store, not as their
  // connection; Storage's "Object not found" stays in the console.
  const postId = randomUUID();
  await sql(`insert into public.posts (id, store_id, kind, title, locale, visibility, attachments) values ($1, $2, 'trade_data', 'Price list', 'en', 'public', $3)`,
    [postId, storeId, JSON.stringify([{ path: `${storeId}/${postId}/gone.pdf`, name: 'gone.pdf' }])]);
  await page.goto(`${portalUrl}/posts/?s=${slug}&p=${postId}&lang=es`);
  await waitForIslands(page);
  await page.getByRole('button', { name: 'Descargar gone.pdf' }).click();
  await expect(page.getByRole('alert')).toHaveText('Este archivo ya no está disponible: la tienda lo ha retirado.');
  await expect(main).not.toContainText(english);
  expect(errors.join('\n')).toContain('The attachment link could not be made');

  // The console's growth screens say a failed load as every console screen does, in the staff's
  // language, with Try again: a gateway's "Bad Gateway" on the posts list (it was shown as it came)…
  const posts = /\/rest\/v1\/posts\?/;
  await page.route(posts, (route) => route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' }));
  await signInToConsole(page, `/console/posts/?s=${slug}&lang=zh-CN`, owner);
  const failed = page.getByRole('alert').filter({ has: page.getByRole('button', { name: '重试' }) });
  await expect(failed.locator('p')).toHaveText('服务出了问题。请过一分钟再试。');
  await expect(main).not.toContainText(/Bad Gateway/);
  await shot(page, 'growth-posts-failed-zh-360');
  await page.unroute(posts);
  await failed.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('button', { name: 'Open market note' })).toBeVisible();
  await expect(failed).toHaveCount(0);
  // The gone attachment, downloaded from the console: said as a file no longer there, neither
  // Storage's "Object not found" nor the service's problem.
  await page.getByRole('button', { name: 'Price list' }).click();
  await page.getByRole('button', { name: 'gone.pdf', exact: true }).click();
  await expect(page.locator('.growth-form').getByRole('alert')).toHaveText('该文件已不存在。请将其移除；如读者仍需要，请重新添加。');
  await expect(main).not.toContainText(/not found/i);
  // …and no answer at all to the campaigns' results ("TypeError: Failed to fetch").
  const results = /\/rest\/v1\/rpc\/campaign_results/;
  await page.route(results, (route) => route.abort('internetdisconnected'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${portalUrl}/console/campaigns/?s=${slug}&lang=es`);
  await waitForIslands(page);
  await expect(page.getByRole('alert').locator('p')).toHaveText('No se pudo cargar. Revisa tu conexión e inténtalo de nuevo.');
  await expect(page.getByRole('alert').getByRole('button')).toHaveText('Reintentar');
  await expect(main).not.toContainText(english);
  await shot(page, 'growth-campaigns-failed-es-1280');
});
