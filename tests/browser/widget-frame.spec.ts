/**
 * The widget's signed-in frame on the demo merchant page (another origin than the portal):
 * joining by exchanging business cards with the inbox code on a page with a hostile stylesheet,
 * the merchant's card and its vCard, the product placement switching to the member's price,
 * the host page failing to reach the buyer's session by any route, forged messages ignored,
 * a page not on the store's allowlist refused, a strict-CSP page styled, a member of another
 * store seeing nothing of this one; axe-clean in every state.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { expect, type Frame, type Page } from '@playwright/test';
import { test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { latestOtpFor, sql, testEnv } from './env.ts';

const demoOrigin = () => new URL(testEnv().demoUrl).origin;
/** Screenshots to look at while developing: `SHOTS=1 npx playwright test …`. */
const shot = async (page: Page, name: string) => {
  if (process.env.SHOTS) await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
};

test.beforeAll(async () => {
  // The seed allows the dev demo page (http://localhost:4322); this run's demo page has its own port.
  await sql(`update public.stores set embed_origins = array_append(array_remove(embed_origins, $1), $1) where slug = 'demo-wigs'`, [demoOrigin()]);
});

/** The frame's document once it has loaded (it lives in the widget's shadow root). */
async function widgetFrame(page: Page): Promise<Frame> {
  const element = page.locator('cardclub-widget iframe');
  await expect(element).toBeAttached();
  const frame = await (await element.elementHandle())!.contentFrame();
  if (!frame) throw new Error('The widget frame has no document');
  return frame;
}

/** Every message the host page receives, as JSON, for the token check. */
async function recordMessages(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seenMessages: string[] }).seenMessages = seen;
    window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)), true);
  });
}

test.describe('widget frame', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a buyer joins by exchanging cards on a hostile page, gets the merchant card, and the page never reaches the session', async ({ page }) => {
    await recordMessages(page);
    const email = `frame-${randomUUID().slice(0, 8)}@buyer.test`;
    await page.goto(`${testEnv().demoUrl}/?hostile=1`);

    // A visitor sees the teaser in the product placement.
    const placement = page.locator('[data-sku="LF-BW-13X4-20"]');
    await expect(placement).toContainText('Members: up to 8% off, prepayment from 30%, free sample');

    await page.getByRole('button', { name: 'Member benefits' }).click();
    const panel = page.getByRole('dialog');
    await panel.getByRole('button', { name: 'Exchange business cards' }).click();
    const frame = await widgetFrame(page);
    await expect(frame.getByRole('heading', { name: 'Exchange business cards' })).toBeVisible();
    await shot(page, 'frame-join');
    await expectNoAxeViolations(page, 'widget frame: join form', { include: ['cardclub-widget'] });

    // Field errors first, next to their fields, in the buyer's language.
    await frame.getByRole('button', { name: 'Send my card' }).click();
    await expect(frame.getByText('Give a phone, WhatsApp or WeChat.')).toBeVisible();
    await expect(frame.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true');

    await frame.getByLabel('Full name').fill('Ana García');
    await frame.getByLabel('Company').fill('Salon Supply S.L.');
    await frame.getByLabel('Job title').fill('Head buyer');
    await frame.getByLabel('E-mail').fill(email);
    await frame.getByLabel('WhatsApp').fill('+34 600 123 456');
    await frame.getByLabel('Country').selectOption('ES');
    await frame.getByLabel('Yearly purchase volume').selectOption('50k_200k');
    await frame.getByLabel('Product categories you buy').fill('Lace front wigs, extensions');
    await frame.getByLabel(/may contact me/).check();
    await frame.getByRole('button', { name: 'Send my card' }).click();

    await expect(frame.getByRole('heading', { name: 'Confirm your e-mail' })).toBeVisible();
    await frame.getByLabel('Code from the e-mail').fill(await latestOtpFor(email));
    await frame.getByRole('button', { name: 'Confirm and join' }).click();

    await expect(frame.getByRole('heading', { name: /Welcome to/ })).toBeVisible();
    await expect(frame.getByRole('heading', { name: 'Your new-member gift pack' })).toBeVisible();
    await expect(frame.getByRole('img', { name: /QR code of .*business card/ })).toBeVisible();
    await expect(frame.getByRole('link', { name: 'Chat on WhatsApp' })).toHaveAttribute('href', /^https:\/\/wa\.me\/\d+$/);
    await expect(frame.getByRole('link', { name: 'Send an e-mail' })).toHaveAttribute('href', /^mailto:/);
    await shot(page, 'frame-joined');
    await expectNoAxeViolations(page, 'widget frame: joined', { include: ['cardclub-widget'] });

    const download = page.waitForEvent('download');
    await frame.getByRole('link', { name: 'Save contact (vCard)' }).click();
    const vcard = await fs.readFile((await (await download).path())!, 'utf8');
    expect(vcard).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(vcard).toContain('FN:Grace Lin\r\n');

    // The database has the card, the buying profile and the consent with its time.
    const [row] = await sql<{ purchase_volume: string; product_categories: string[]; consent: Date | null }>(
      `select m.purchase_volume, m.product_categories, c.contact_consent_at as consent
       from public.member_contacts c join public.members m on m.id = c.member_id where c.email = $1`,
      [email],
    );
    expect(row).toMatchObject({ purchase_volume: '50k_200k', product_categories: ['Lace front wigs', 'extensions'] });
    expect(row!.consent).not.toBeNull();

    // The product placement now shows the member's own terms, as text.
    await expect(placement).toContainText('Your price as \u2068Ordinary\u2069: $189.00 · 50% prepayment · Free sample available');
    expect(await page.evaluate(() => (window as unknown as { cardclubEvents: string[] }).cardclubEvents)).toEqual(
      expect.arrayContaining(['ready', 'open', 'signed-in', 'joined']),
    );

    // The page cannot reach the session: not in its storage or cookies, not through the frame, not in messages.
    const reach = await page.evaluate(() => {
      const iframe = document.querySelector('cardclub-widget')!.shadowRoot!.querySelector('iframe')!;
      const attempt = (read: () => unknown) => {
        try {
          return String(read());
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      };
      return {
        storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
        cookies: document.cookie,
        frameDocument: attempt(() => iframe.contentDocument),
        frameStorage: attempt(() => (iframe.contentWindow as Window).localStorage.length),
        frameCookies: attempt(() => (iframe.contentWindow as Window).document.cookie),
        messages: (window as unknown as { seenMessages: string[] }).seenMessages.join('\n'),
      };
    });
    expect(reach.storage).not.toMatch(/access_token|refresh_token|eyJ/);
    expect(reach.cookies).toBe('');
    expect(reach.frameDocument).toBe('null');
    expect(reach.frameStorage).toBe('refused: SecurityError');
    expect(reach.frameCookies).toBe('refused: SecurityError');
    expect(reach.messages).toContain('"type":"member"');
    expect(reach.messages).not.toMatch(/access_token|refresh_token|eyJ|@buyer\.test/);

    // A message forged by the page is not the frame's: no event, the panel stays open.
    const eventsBefore = await page.evaluate(() => (window as unknown as { cardclubEvents: string[] }).cardclubEvents.length);
    await page.evaluate(() => {
      window.postMessage({ protocol: 'cardclub/1', type: 'event', name: 'sample-claimed' }, '*');
      window.postMessage({ protocol: 'cardclub/1', type: 'close' }, '*');
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { cardclubEvents: string[] }).cardclubEvents.length)).toBe(eventsBefore);
    await expect(panel).toBeVisible();

    // Escape inside the frame closes the panel and gives focus back to the launcher.
    await frame.getByRole('heading', { name: /Welcome to/ }).press('Escape');
    await expect(panel).toBeHidden();
    await expect(page.getByRole('button', { name: 'Member benefits' })).toBeFocused();
  });

  test('a page that is not on the store\'s allowlist signs nobody in and is named', async ({ page }) => {
    const slug = `frame-other-${randomUUID().slice(0, 8)}`;
    await sql(`insert into public.stores (slug, name, embed_origins) values ($1, 'Other Wigs', '{https://shop.example.com}')`, [slug]);
    await page.goto(`${testEnv().demoUrl}/?store=${slug}`);
    await page.evaluate(() => window.Cardclub?.open('sign-in'));
    const frame = await widgetFrame(page);
    // Names are isolated (U+2068…U+2069) inside the sentence.
    await expect(frame.getByRole('alert')).toContainText(`This site, \u2068${demoOrigin()}\u2069, is not authorised to show`);
    await expect(frame.getByLabel('E-mail')).toHaveCount(0);
    await shot(page, 'frame-refused');
    await expectNoAxeViolations(page, 'widget frame: refused', { include: ['cardclub-widget'] });
  });

  test('on a strict-CSP page the widget is styled and works', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${testEnv().demoUrl}/?csp=strict`);
    const launcher = page.getByRole('button', { name: 'Member benefits' });
    await expect(launcher).toBeVisible();
    expect(await page.locator('cardclub-widget').evaluate((host) => getComputedStyle(host).position)).toBe('fixed');
    expect(await launcher.evaluate((button) => getComputedStyle(button).borderRadius)).not.toBe('0px');
    await page.getByRole('button', { name: 'My membership' }).click();
    const frame = await widgetFrame(page);
    await expect(frame.getByRole('heading', { name: 'Exchange business cards' })).toBeVisible();
    await expect(page.locator('[data-sku="LF-BW-13X4-20"]')).toContainText('Members: up to');
    expect(violations).toEqual([]);
  });
});
