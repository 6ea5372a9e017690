/**
 * My membership's tables and the store page's join form on a 360 px phone, in English and
 * Spanish: a table's caption wraps within the page (it sat inside the sideways-scrolling part,
 * as wide as the table, and ran off the screen), order references keep one line ("LUM-2026-0233"
 * broke at each hyphen into three), the orders tables (those counting now, every order) stack their
 * rows with each amount in sight (it scrolled sideways, the amounts out of sight), and the join form's country list (longest in
 * Spanish) does not widen the page. A buyer whose phone reloads the store page (back from the
 * mail app with the code) finds the exchange where it was, and finishes joining, by keyboard and
 * screen reader: each step's focus, a wrong code announced each time, the widget's welcome.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Locator } from '@playwright/test';
import { figureFit } from '../../src/components/figure-fit.ts';
import { expectNoAxeViolations } from './axe.ts';
import { shot, signInAs } from './console-helpers.ts';
import { latestOtpFor, sql, testEnv } from './env.ts';
import { waitForIslands } from './hydration.ts';
import { drawnSection } from './member-sections.ts';

const width = 360;
test.use({ viewport: { width, height: 800 } });

/** The text of each of `cells` that reaches past either edge of the screen (a cell kept on one line may overflow). */
function offScreen(cells: Locator): Promise<{ text: string | null; left: number; right: number }[]> {
  return cells.evaluateAll((elements, screen) =>
    elements.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const { left, right } = range.getBoundingClientRect();
      return { text: cell.textContent, left: Math.round(left), right: Math.round(right) };
    }).filter(({ left, right }) => left < 0 || right > screen), width);
}

/** Every order reference in `table` that is laid out on more than one line. */
function brokenReferences(table: Locator): Promise<string[]> {
  return table.evaluate((element) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/[A-Z]+-\d{4}-\d{4}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

for (const [lang, text] of [
  ['en', { caption: /Paid orders counting now/, orders: 'Your orders', points: 'Points', rebates: 'Rebate wallet', join: 'Exchange business cards', sections: 'Sections', summary: 'Summary', signOut: 'Sign out', signIn: 'Member sign-in', signedOut: 'You have signed out.', volume: 'Yearly purchase volume' }],
  ['es', { caption: /Pedidos pagados que cuentan ahora/, orders: 'Tus pedidos', points: 'Puntos', rebates: 'Monedero de bonificaciones', join: 'Intercambiar tarjetas de visita', sections: 'Secciones', summary: 'Resumen', signOut: 'Cerrar sesión', signIn: 'Acceso de miembros', signedOut: 'Has cerrado la sesión.', volume: 'Volumen de compra anual' }],
] as const) {
  test(`My membership's tables fit a 360 px phone (${lang})`, async ({ page }) => {
    // The seeded VIP.
    await signInAs(page, 'buyer3@demo-wigs.test');
    await page.goto(`${testEnv().portalUrl}/me/?s=demo-wigs&lang=${lang}`);
    await waitForIslands(page);

    // The first screen is the summary, not navigation: the section links folded behind "Sections",
    // which opens to every one of them, and folds again once one is followed.
    const nav = page.getByRole('navigation', { name: text.sections });
    await expect(nav.getByRole('link', { name: text.points, exact: true })).toBeHidden();
    await expect(page.getByRole('heading', { level: 2, name: text.summary })).toBeInViewport();
    // The signed-in address reads as one beside Sign out: on a row of its own when the line has no
    // room for it, not broken at its "@" ("buyer3 / @demo-wigs.test").
    const address = page.locator('.member-header .email-address');
    await expect(address).toHaveText('buyer3@demo-wigs.test');
    expect(await address.evaluate((element) => [element.getClientRects().length, element.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(element).fontSize)])).toEqual([1, true]);
    await shot(page, `me-first-screen-360-${lang}`);
    await nav.locator('summary').click();
    await expect(nav.getByRole('link')).not.toHaveCount(0);
    for (const link of await nav.getByRole('link').all()) await expect(link).toBeVisible();
    await nav.getByRole('link', { name: text.points, exact: true }).click();
    await expect(nav.getByRole('link', { name: text.points, exact: true })).toBeHidden();
    await page.evaluate(() => window.scrollTo(0, 0));

    const keeps = page.getByRole('table', { name: text.caption });
    await expect(keeps.locator('tbody tr')).not.toHaveCount(0);
    // The caption that names the table is outside its scrolling wrapper and wraps within the screen.
    const caption = page.locator(`#${await keeps.getAttribute('aria-labelledby')}`);
    await expect(caption).toHaveText(text.caption);
    expect(await caption.evaluate((element) => element.closest('.table-scroll'))).toBeNull();
    expect((await caption.boundingBox())!.x + (await caption.boundingBox())!.width).toBeLessThanOrEqual(width);
    expect(await brokenReferences(keeps)).toEqual([]);
    // Each row's amount, and its conversion to the store's currency, within the screen: the text
    // itself, which a cell kept on one line may overflow.
    const amounts = keeps.locator('td.num');
    await expect(amounts).not.toHaveCount(0);
    expect(await offScreen(amounts)).toEqual([]);

    // Every order of the company stacks the same way, its status and points in sight too.
    const orders = (await drawnSection(page, text.orders)).getByRole('table');
    await expect(orders.locator('tbody tr')).not.toHaveCount(0);
    expect(await brokenReferences(orders)).toEqual([]);
    expect(await offScreen(orders.locator('td'))).toEqual([]);

    const ledger = (await drawnSection(page, text.points)).getByRole('table');
    await expect(ledger.locator('tbody tr')).not.toHaveCount(0);
    expect(await brokenReferences(ledger)).toEqual([]);
    const rebates = (await drawnSection(page, text.rebates)).getByRole('table');
    await expect(rebates.locator('tbody tr')).not.toHaveCount(0);
    expect(await brokenReferences(rebates)).toEqual([]);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // The figure tiles: an amount shrinks to its tile, never breaking or overflowing, however long
    // ("MXN 12,345,678.90", a yen amount of nine digits), sized by its length as figureFit says it,
    // then measured and stepped down until it fits; one too long for half the row at 0.75rem (18 to
    // 20 characters) takes the row's width.
    const figures = page.locator('.figures').first().locator('.figure');
    const rebate = page.locator('.figures').first().getByTestId('rebate-figure');
    expect(await rebate.evaluate((dd) => Number(dd.style.getPropertyValue('--figure-length')))).toBe(figureFit((await rebate.textContent())!).style['--figure-length']);
    /** `text` in the rebate's tile as the page would draw it, then how it fits once the page has fitted it (before its next paint). */
    const drawn = (text: string) => {
      const fit = figureFit(text);
      return rebate.evaluate(async (dd, { text, length, long }) => {
        dd.textContent = text;
        dd.style.setProperty('--figure-length', String(length));
        dd.classList.toggle('figure-long', long);
        const counted = dd.getBoundingClientRect().height;
        await new Promise(requestAnimationFrame);
        const tile = dd.parentElement!.getBoundingClientRect();
        return {
          fits: dd.scrollWidth <= dd.clientWidth, fitted: dd.style.getPropertyValue('--figure-fit') !== '', moved: dd.getBoundingClientRect().height !== counted,
          height: dd.getBoundingClientRect().height, size: parseFloat(getComputedStyle(dd).fontSize), tile: [tile.left, tile.right],
        };
      }, { text, length: fit.style['--figure-length'], long: fit.class === 'figure-long' });
    };
    const long = ['MXN\u00a0123,456,789.00', '−MXN\u00a012,345,678.90', '−MXN\u00a0123,456,789.00', 'IDR\u00a01,234,567,890.00', '1.234.567.890,00\u00a0MXN'];
    for (const text of ['MXN\u00a012,345,678.90', 'JP¥123,456,789', '123.456.789\u00a0JPY', 'MMK\u00a0123,456,789', ...long]) {
      const fit = figureFit(text);
      const box = await drawn(text);
      expect([text, box.fits, box.moved]).toEqual([text, true, false]);
      if (long.includes(text)) expect(fit.class).toBe('figure-long');
      if (text === 'JP¥123,456,789') expect(fit.class).toBeUndefined();
      // On one line, and the tile within the screen.
      expect(box.height).toBeLessThan(box.size * 2);
      expect(box.tile[0]).toBeGreaterThanOrEqual(0);
      expect(box.tile[1]).toBeLessThanOrEqual(width);
    }
    await shot(page, `member-figures-long-360-${lang}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // Mid widths: three tiles abreast on a 560 px screen, four on a 600 px one, where counting left
    // "MXN 114,320.00" (at 0.75rem, the least its count gives) a pixel past its tile: measured, it is
    // stepped down to fit, on a line as high as the count's, nothing around it moved; and every
    // figure of the page fits its tile.
    for (const [screen, abreast] of [[560, 3], [600, 4]] as const) {
      await page.setViewportSize({ width: screen, height: 800 });
      await expect(page.locator('.figures').first()).toHaveCSS('grid-template-columns', new RegExp(`^\\S+${' \\S+'.repeat(abreast - 1)}$`));
      for (const text of ['MXN\u00a0114,320.00', 'US$1,234,567.89']) {
        const box = await drawn(text);
        expect([text, box.fits, box.moved]).toEqual([text, true, false]);
        if (abreast === 4) expect(box.fitted).toBe(true);
        for (const figure of await page.locator('.figures .figure').all()) {
          expect(await figure.evaluate((dd) => [dd.textContent, dd.scrollWidth <= dd.clientWidth])).toEqual([await figure.textContent(), true]);
        }
        await shot(page, `member-figures-${screen}-${lang}-${text.startsWith('MXN') ? 'mxn' : 'usd'}`);
      }
    }
    await page.setViewportSize({ width, height: 800 });

    if (lang === 'es') {
      await expect(figures.first()).toHaveText(/^\d{1,3}(\.\d{3})*$/);
      // A browser in Mexico reads the Spanish page's amounts and numbers as Mexico writes them.
      const mexico = await page.context().browser()!.newContext({ locale: 'es-MX', viewport: { width, height: 800 } });
      const mx = await mexico.newPage();
      await signInAs(mx, 'buyer3@demo-wigs.test');
      await mx.goto(`${testEnv().portalUrl}/me/?s=demo-wigs&lang=es`);
      await waitForIslands(mx);
      const tiles = mx.locator('.figures').first();
      await expect(tiles.getByTestId('rebate-figure')).toHaveText(/^USD\u00a0\d{1,3}(,\d{3})*\.\d{2}$/);
      await expect(tiles.locator('.figure').first()).toHaveText(/^\d{1,3}(,\d{3})*$/);
      await mexico.close();
    }

    // Signing out is said, as the widget's frame says it: the sign-in drawn in the page's place
    // takes the keyboard, and its heading said nothing of it.
    await page.locator('.member-header').getByRole('button', { name: text.signOut }).click();
    await expect(page.getByRole('heading', { level: 1, name: text.signIn })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: text.signedOut })).toHaveText(text.signedOut);
  });

  test(`the store page's join form fits a 360 px phone (${lang})`, async ({ page }) => {
    await page.goto(`${testEnv().portalUrl}/store/?s=demo-wigs&lang=${lang}`);
    await waitForIslands(page);
    await page.getByRole('button', { name: text.join }).click();
    const country = page.locator('#join-country');
    await expect(country).toBeVisible();
    expect((await country.boundingBox())!.x + (await country.boundingBox())!.width).toBeLessThanOrEqual(width);
    // The purchase bands as radios, each label whole within the screen (a closed select cut the longest).
    const bands = page.getByRole('group', { name: text.volume }).locator('label');
    await expect(bands).toHaveCount(6);
    for (const band of await bands.all()) {
      const box = (await band.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await band.evaluate((label) => label.scrollWidth <= label.clientWidth)).toBe(true);
    }
    await shot(page, `join-volume-360-${lang}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

test('a buyer whose phone reloads the store page keeps the card as typed and, on the code step, joins with the code in the inbox and is welcomed (es)', async ({ page }) => {
  const email = `reload-${randomUUID().slice(0, 8)}@buyer.test`;
  const reload = async () => {
    await page.reload();
    await waitForIslands(page);
  };
  try {
    await page.goto(`${testEnv().portalUrl}/store/?s=demo-wigs&lang=es`);
    await waitForIslands(page);
    await page.getByRole('button', { name: 'Intercambiar tarjetas de visita' }).click();
    // The button is gone with the invitation: the keyboard starts at the join card's title, a
    // section under the page's h1.
    await expect(page.getByRole('heading', { level: 2, name: 'Intercambiar tarjetas de visita' })).toBeFocused();
    await page.getByLabel('Nombre completo').fill('Lucía Romero');
    await page.getByLabel('Empresa').fill('Pelucas Romero S.L.');
    await page.getByLabel(/me contacte/).check();
    // Reloaded before sending, the join card is open again with what was typed.
    await reload();
    await expect(page.getByLabel('Nombre completo')).toHaveValue('Lucía Romero');
    await expect(page.getByLabel('Empresa')).toHaveValue('Pelucas Romero S.L.');
    await expect(page.getByLabel(/me contacte/)).toBeChecked();
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Teléfono').fill('+34 600 555 123');
    await page.getByLabel('País').selectOption('ES');
    await page.getByRole('button', { name: 'Enviar mi tarjeta' }).click();
    await expect(page.getByRole('heading', { name: 'Confirma tu correo' })).toBeVisible();
    const code = await latestOtpFor(email);

    // Back from the mail app, the tab reloaded: the code step is there, for the code already sent.
    await reload();
    await expect(page.getByRole('heading', { name: 'Confirma tu correo' })).toBeFocused();
    await expect(page.getByText(`Hemos enviado un código de 6 dígitos a ${email}.`)).toBeVisible();
    // Back to the card, it is as typed; sent again within the minute, the refusal offers the code sent.
    await page.getByRole('button', { name: 'Usar otro correo' }).press('Enter');
    // The keyboard lands on the address the buyer went back to change, not the page's body.
    await expect(page.getByLabel('Correo electrónico')).toBeFocused();
    await expect(page.getByLabel('Correo electrónico')).toHaveValue(email);
    await expect(page.getByLabel('País')).toHaveValue('ES');
    await expect(page.getByLabel(/me contacte/)).toBeChecked();
    await page.getByRole('button', { name: 'Enviar mi tarjeta' }).click();
    await expect(page.getByRole('alert')).toHaveText(`Aún no podemos enviar otro código a \u2068${email}\u2069. Si tienes el que te enviamos antes, puedes introducirlo.`);
    await expect(page.getByRole('alert')).toBeFocused();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.getByRole('button', { name: 'Introducir ese código' }).click();
    // The step's own way to a new code waits out the auth server's minute, said with the button.
    const resend = page.getByRole('button', { name: 'Enviar un código nuevo' });
    await expect(resend).toHaveAttribute('aria-disabled', 'true');
    await expect(resend).toHaveAccessibleDescription(/^Podrás pedir un código nuevo dentro de \d+ segundos?\.$/);

    // A wrong code sent with Enter (the keyboard stays on the field, whose description nothing
    // reads again) is announced: the alert says the refusal itself, and says it again, as a new
    // alert, when the same code is refused twice.
    const codeField = page.getByLabel('Código del correo');
    const wrongCode = 'El código no es correcto o ha caducado. Revisa el correo o pulsa «Enviar un código nuevo», más abajo.';
    await page.evaluate(() => {
      const alerts: string[] = [];
      (window as unknown as { alerts: string[] }).alerts = alerts;
      new MutationObserver((records) => {
        for (const node of records.flatMap((record) => [...record.addedNodes])) {
          if (node instanceof HTMLElement && node.matches('[role="alert"]')) alerts.push(node.textContent ?? '');
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const alerts = () => page.evaluate(() => (window as unknown as { alerts: string[] }).alerts);
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await codeField.press('Enter');
    await expect(page.getByRole('alert')).toHaveText(wrongCode);
    await expect(codeField).toBeFocused();
    await expect(codeField).toHaveAccessibleDescription(wrongCode);
    // Said once on screen, beside the field; the alert is for the ear.
    await expect(page.getByText(wrongCode)).toHaveCount(2);
    await expect(page.locator('.field-error')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveClass('visually-hidden');
    await codeField.press('Enter');
    await expect.poll(alerts).toEqual([wrongCode, wrongCode]);
    await expect(codeField).toBeFocused();
    await shot(page, 'store-code-refused-es-phone');

    await codeField.fill(code);
    await codeField.press('Enter');
    // Joined, the widget's own welcome (the gift pack, the merchant's card and its vCard) opens in
    // place of the exchange, its title focused, while the page becomes the member's around it.
    const welcome = page.getByRole('region', { name: 'Te damos la bienvenida a \u2068Lumina Hair Co.\u2069' });
    await expect(welcome.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(welcome.getByRole('heading', { level: 3, name: 'Tu paquete de bienvenida' })).toBeVisible();
    // The first of its statuses: the merchant's card below holds its own (the WeChat ID copied), empty.
    await expect(welcome.getByRole('status').first()).toHaveText('Ya eres miembro. Tu nivel: \u2068Miembro\u2069. Aquí tienes lo que te ofrece y nuestra tarjeta.');
    // The tier's own card, as on the page below it: its name as the store writes it in Spanish, and what it gets.
    await expect(welcome.getByRole('article', { name: 'Miembro' })).toContainText('Tu nivel');
    await expect(welcome.getByRole('link', { name: 'Guardar contacto (vCard)' })).toBeVisible();
    await expect(page.getByText(/Ya eres miembro aquí/)).toBeVisible();
    await expect(welcome.getByRole('heading', { level: 2 })).toBeFocused();
    // The welcome holds the page's one merchant's card. The store's name is English only: read as
    // English in each Spanish sentence it stands in.
    await expect(page.getByRole('region', { name: 'Contactar con \u2068Lumina Hair Co.\u2069' })).toHaveCount(1);
    await expect(welcome.getByRole('heading', { level: 2 }).locator('[lang="en"]')).toHaveText('\u2068Lumina Hair Co.\u2069');
    await expect(welcome.getByRole('heading', { name: /^Contactar con/ }).locator('[lang="en"]')).toHaveText('\u2068Lumina Hair Co.\u2069');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Each label above its value (beside "Correo electrónico" the address broke at its hyphen).
    const emailRow = page.locator('.merchant-card-fields div').filter({ hasText: 'Correo electrónico' });
    const [label, value] = [await emailRow.locator('dt').boundingBox(), await emailRow.locator('dd').boundingBox()];
    expect(label!.y + label!.height).toBeLessThanOrEqual(value!.y);
    await shot(page, 'store-joined-es-phone');
    await expectNoAxeViolations(page, 'the store page welcoming a new member (es, 360 px)');

    const [row] = await sql<{ full_name: string; consent: Date | null }>(
      'select full_name, contact_consent_at as consent from public.member_contacts where email = $1', [email]);
    expect(row).toMatchObject({ full_name: 'Lucía Romero' });
    expect(row!.consent).not.toBeNull();
    // Joined, the browser keeps nothing of the exchange: reloaded, the page is the member's, no card.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('cardclub.join.')))).toEqual([]);
  } finally {
    await sql('delete from public.members where id in (select member_id from public.member_contacts where email = $1)', [email]);
  }
});
