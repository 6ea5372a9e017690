import { expect, test } from '@playwright/test';
import { closeWatchers, countCloseWatchers } from './close-watchers.ts';
import { shot } from './console-helpers.ts';
import { sql, testEnv } from './env.ts';

test.describe('widget on a merchant page on another origin', () => {
  test('loads from the portal and its launcher opens the tier panel', async ({ page }) => {
    const { portalUrl, demoUrl } = testEnv();
    expect(new URL(demoUrl).origin).not.toBe(new URL(portalUrl).origin);
    const tiers = await sql<{ name: string }>(
      `select t.name ->> 'en' as name from public.tiers t join public.stores s on s.id = t.store_id where s.slug = 'demo-wigs' order by t.rank`,
    );

    await countCloseWatchers(page);
    await page.goto(demoUrl);
    const launcher = page.getByRole('button', { name: 'Member benefits' });
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    await launcher.click();

    const panel = page.getByRole('dialog');
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Member benefits at');
    for (const { name } of tiers) await expect(panel.getByRole('heading', { level: 3, name })).toBeVisible();
    // The store's points rate comes with the tiers: Senior's ×1.5 of its 1 point per US$1.
    await expect(panel.getByRole('article').nth(1)).toContainText('1.5 points per US$1 paid');
    await expect(launcher).toHaveAttribute('aria-expanded', 'true');
    await expect(panel.getByRole('link', { name: 'See all benefits', exact: true })).toHaveAttribute(
      'href',
      `${portalUrl}/store/?s=demo-wigs&lang=en`,
    );

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(launcher).toBeFocused();

    // Escape on the launcher itself (focus back on it, the panel still open) closes it too.
    await launcher.press('Enter');
    await expect(panel).toBeVisible();
    await launcher.focus();
    await launcher.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');

    // Beside the page on a desktop, the panel lets Tab go on to the page.
    await launcher.click();
    const portalLink = panel.getByRole('link', { name: 'See all benefits', exact: true });
    const close = panel.getByRole('button', { name: 'Close' });
    await expect(panel).not.toHaveAttribute('aria-modal');
    // Nor is the page dimmed: it stays in reach.
    const scrim = page.locator('cardclub-widget .scrim');
    await expect(scrim).toHaveCount(0);
    await portalLink.focus();
    await page.keyboard.press('Tab');
    await expect(portalLink).not.toBeFocused();
    await expect(close).not.toBeFocused();
    // Over the page on a phone, it is modal: Tab and Shift+Tab go round its own controls, never to
    // the page's links hidden under it.
    await page.setViewportSize({ width: 360, height: 740 });
    await expect(panel).toHaveAttribute('aria-modal', 'true');
    await portalLink.focus();
    await page.keyboard.press('Tab');
    await expect(close).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(portalLink).toBeFocused();
    // The page under it is dimmed, the whole viewport, as under any modal sheet (fading in where motion is welcome).
    await expect(scrim).toBeVisible();
    expect(await scrim.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await expect(scrim).toHaveCSS('background-color', 'rgba(0, 0, 0, 0.45)');
    await expect(scrim).toHaveCSS('animation-name', 'cardclub-dim');
    await expect(scrim).toHaveAttribute('aria-hidden', 'true');
    // A finger dragged on the dimmed page (the strip beside the panel), or on past either end of
    // the panel's body, leaves the page where it was (the body scrolls to its end, and stops there).
    const cdp = await page.context().newCDPSession(page);
    const drag = async (x: number, from: number, to: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
      for (let step = 1; step <= 10; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * step) / 10 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await page.evaluate(() => scrollTo(0, 100));
    const pageScroll = () => page.evaluate(() => scrollY);
    expect(await pageScroll()).toBe(100);
    const body = page.locator('cardclub-widget .panel');
    const { x, y, width, height } = (await body.boundingBox())!;
    const bodyScroll = () => body.evaluate((element) => [Math.round(element.scrollTop), element.scrollHeight - element.clientHeight]);
    expect(x).toBeGreaterThan(8);
    await drag(6, 600, 100);
    await drag(6, 100, 600);
    for (let drags = 0; drags < 4; drags++) await drag(x + width / 2, y + height - 10, y + 10);
    await expect.poll(async () => { const [top, end] = await bodyScroll(); return top! > 0 && top! >= end! - 1; }).toBe(true);
    expect(await pageScroll()).toBe(100);
    for (let drags = 0; drags < 4; drags++) await drag(x + width / 2, y + 10, y + height - 10);
    await expect.poll(async () => (await bodyScroll())[0]).toBe(0);
    expect(await pageScroll()).toBe(100);

    // Over the page, the system's Back closes the panel as it closes a sheet: a CloseWatcher's
    // close request (Android's Back; Escape in desktop Chromium, pressed here with focus on the
    // page, where no key handler of the widget hears it), one made as the panel opens and
    // destroyed as it closes any other way. The page's history is never written: no entry, no
    // state, no popstate; the store's own entries navigate as before.
    const watchers = () => closeWatchers(page);
    const pageHistory = () => page.evaluate(() => ({ length: history.length, state: history.state as unknown, url: location.href }));
    await page.evaluate(() => {
      const heard: unknown[] = [];
      const closes: unknown[] = [];
      Object.assign(window, { heard, closes });
      addEventListener('popstate', (event) => heard.push(event.state));
      window.Cardclub?.on('close', () => closes.push(1));
    });
    const heard = () => page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
    const before = await pageHistory();
    expect(await watchers()).toEqual({ created: 1, destroyed: 0, closed: 0 });
    await portalLink.blur();
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    expect(await watchers()).toEqual({ created: 1, destroyed: 1, closed: 1 });
    await launcher.click();
    await expect(panel).toBeVisible();
    expect(await watchers()).toEqual({ created: 2, destroyed: 1, closed: 1 });
    await close.click();
    await expect(panel).toHaveCount(0);
    // Closed by its ×, no watcher is left to take a later Back.
    expect(await watchers()).toEqual({ created: 2, destroyed: 2, closed: 1 });
    expect(await pageHistory()).toEqual(before);
    expect(await heard()).toEqual([]);
    const pageUrl = page.url();
    await page.evaluate(() => history.pushState({ route: 'catalogue' }, '', '?route=catalogue'));
    await launcher.click();
    await expect(panel).toBeVisible();
    await page.goBack();
    expect(page.url()).toBe(pageUrl);
    expect(await heard()).toEqual([null]);
    // Escape in the panel closes it once: the watcher goes with it, before the key's close request.
    await close.press('Escape');
    await expect(panel).toHaveCount(0);
    expect(await watchers()).toEqual({ created: 3, destroyed: 3, closed: 1 });
    expect(await page.evaluate(() => (window as unknown as { closes: unknown[] }).closes)).toHaveLength(3);

    // A tap on the dimmed page closes the panel as Escape does, the focus back on the launcher;
    // with reduced motion the dimming comes without fading in. On a hostile page the same.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await launcher.click();
    await expect(scrim).toHaveCSS('animation-name', 'none');
    await page.mouse.click(20, 20);
    await expect(panel).toHaveCount(0);
    await expect(scrim).toHaveCount(0);
    await expect(launcher).toBeFocused();
    expect(await page.evaluate(() => (window as unknown as { closes: unknown[] }).closes)).toHaveLength(4);
    await page.goto(`${demoUrl}?hostile=1`);
    await page.getByRole('button', { name: 'Member benefits' }).click();
    await expect(panel).toBeVisible();
    expect(await scrim.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await expect(scrim).toHaveCSS('background-color', 'rgba(0, 0, 0, 0.45)');
    await shot(page, 'widget-panel-scrim-360-hostile');
    await page.mouse.click(20, 20);
    await expect(panel).toHaveCount(0);
  });

  test('a visitor\'s page renders the placements without the panel or the frame, in the room the page reserves', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(testEnv().demoUrl);
    const product = page.locator('[data-sku="LF-BW-13X4-20"]');
    await expect(product).toContainText('Members: up to 8% off, prepayment from 30%, free sample');
    const join = page.locator('[data-cardclub="join"]');
    await expect(join).toContainText('Exchange business cards to unlock member prices');
    // A style tag pasted for an earlier colour, still on the page: what the widget draws from the
    // store it has read (the placements, and so the launcher) takes the colour saved now.
    await page.addStyleTag({ content: 'cardclub-widget, [data-cardclub] { --cardclub-accent: #1d6b32; }' });
    const [store] = await sql<{ color: string }>(`select brand_color as color from public.stores where slug = 'demo-wigs'`);
    const saved = `rgb(${[1, 3, 5].map((at) => parseInt(store!.color.slice(at, at + 2), 16)).join(', ')})`;
    await expect(join.getByRole('button', { name: 'Exchange business cards' })).toHaveCSS('background-color', saved);
    await expect(page.getByRole('button', { name: 'Member benefits' })).toHaveCSS('background-color', saved);
    // Each placement fits the height the demo page reserves for it (docs/widget.md), so it shifts nothing.
    for (const placement of await page.locator('[data-cardclub]').all()) {
      const { reserved, height } = await placement.evaluate((element) => ({
        reserved: parseFloat(getComputedStyle(element).minHeight),
        height: element.getBoundingClientRect().height,
      }));
      expect(reserved).toBeGreaterThan(0);
      expect(height).toBe(reserved);
    }
    await page.waitForLoadState('networkidle');
    expect(requested).toContain('/widget-placements.js');
    expect(requested).not.toContain('/widget-panel.js');
    expect(requested).not.toContain('/embed/');
    await expect(page.locator('cardclub-widget iframe')).toHaveCount(0);

    // A page control the keyboard reaches under the launcher, fixed over the page's corner, is
    // scrolled above it (WCAG 2.4.11): on a phone, the second product's button, right under it.
    await page.setViewportSize({ width: 360, height: 740 });
    const launcher = page.getByRole('button', { name: 'Member benefits' });
    const [first, second] = ['LF-BW-13X4-20', 'LF-ST-13X6-24'].map((sku) => page.locator(`[data-sku="${sku}"]`).getByRole('button'));
    const overlap = async () => {
      const [under, button] = [(await launcher.boundingBox())!, (await second!.boundingBox())!];
      return button.y + button.height - under.y;
    };
    await page.evaluate((by) => window.scrollBy(0, by), await overlap() - 20);
    expect(await overlap()).toBeGreaterThan(0);
    await first!.focus();
    await page.keyboard.press('Tab');
    await expect(second!).toBeFocused();
    expect(await overlap()).toBeLessThan(0);

    // The join card's button opens the exchange: only now do the panel and the frame load.
    await join.getByRole('button', { name: 'Exchange business cards' }).click();
    await expect(page.locator('cardclub-widget iframe')).toBeAttached();
    expect(requested).toContain('/widget-panel.js');
    await expect(page.getByRole('dialog')).toBeVisible();
  });

  test('a page without placements asks nothing of the store until a placement arrives', async ({ page }) => {
    const { demoUrl } = testEnv();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // The demo page with its placements taken out as it is parsed: the launcher alone.
    await page.addInitScript(() => {
      const strip = new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement) node.removeAttribute('data-cardclub');
      });
      strip.observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => strip.disconnect());
    });
    await page.goto(demoUrl);
    await expect(page.getByRole('button', { name: 'Member benefits' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(requested).toContain('/widget.js');
    expect(requested.filter((path) => path.endsWith('/rpc/store_profile'))).toEqual([]);
    expect(requested).not.toContain('/widget-placements.js');

    // A framework marks an element already on the page (setAttribute, no element added).
    await page.evaluate(() => document.querySelector('[data-sku="LF-BW-13X4-20"]')!.setAttribute('data-cardclub', 'product'));
    await expect(page.locator('[data-sku="LF-BW-13X4-20"]')).toContainText('Members: up to 8% off, prepayment from 30%, free sample');
    expect(requested.filter((path) => path.endsWith('/rpc/store_profile'))).toHaveLength(1);
    // The product's kind, read as a visitor beside the store (only on a page with product placements).
    expect(requested.filter((path) => path.endsWith('/rpc/store_catalogue'))).toHaveLength(1);
    expect(requested.filter((path) => path === '/widget-placements.js')).toHaveLength(1);
  });

  test('mounts one host with an open shadow root and removes itself', async ({ page }) => {
    await page.goto(testEnv().demoUrl);
    await expect(page.getByRole('button', { name: 'Member benefits' })).toBeVisible();
    expect(await page.evaluate(() => document.querySelectorAll('cardclub-widget').length)).toBe(1);
    expect(await page.evaluate(() => document.querySelector('cardclub-widget')?.shadowRoot?.mode)).toBe('open');

    await page.evaluate(() => window.Cardclub?.remove());
    await expect(page.locator('cardclub-widget')).toHaveCount(0);
    expect(await page.evaluate(() => 'Cardclub' in window)).toBe(false);

    // Mounted again with a slug no store has: the console names it, once, as soon as the store's read says so.
    const said: string[] = [];
    page.on('console', (message) => message.text().startsWith('[Cardclub widget]') && said.push(message.text()));
    await page.evaluate(() => {
      const tag = Object.assign(document.createElement('script'), { src: document.querySelector<HTMLScriptElement>('script[data-store]')!.src });
      tag.setAttribute('data-store', 'no-such-store');
      document.body.append(tag);
    });
    const notFound = '[Cardclub widget] No store has the slug "no-such-store": check data-store on the widget.js tag.';
    await expect.poll(() => said).toContain(notFound);
    await page.getByRole('button', { name: 'Member benefits' }).click();
    await expect(page.getByRole('dialog')).toContainText('This store is not set up for member benefits yet.');
    expect(said.filter((text) => text === notFound)).toHaveLength(1);
    // Asked to join, it says the same, with no frame to load (which said it again, inside the
    // panel, under a "Back to benefits" that led back to this sentence).
    await page.evaluate(() => window.Cardclub?.open('join'));
    await expect(page.getByRole('dialog')).toContainText('This store is not set up for member benefits yet.');
    await expect(page.getByRole('dialog').getByRole('button', { name: 'Back to benefits' })).toHaveCount(0);
    await expect(page.locator('cardclub-widget iframe')).toHaveCount(0);
  });

  test('speaks in the page\'s font and size until the merchant names others', async ({ page }) => {
    await page.goto(testEnv().demoUrl);
    const launcher = page.getByRole('button', { name: 'Member benefits' });
    await expect(launcher).toBeVisible();
    const font = () => launcher.evaluate((element) => [getComputedStyle(element).fontFamily, getComputedStyle(element).fontSize]);
    const body = await page.evaluate(() => [getComputedStyle(document.body).fontFamily, getComputedStyle(document.body).fontSize]);
    expect(body[0]).toContain('Georgia');
    expect(await font()).toEqual(body);

    // The placements too, which are the page's own elements, not the widget's.
    const placement = page.locator('[data-cardclub="join"] .placement');
    const look = () => placement.evaluate((element) => [getComputedStyle(element).fontFamily, getComputedStyle(element).fontSize, getComputedStyle(element).color]);
    await expect(placement).toBeVisible();
    const pageColour = await page.locator('[data-cardclub="join"]').evaluate((element) => getComputedStyle(element).color);
    expect(await look()).toEqual([...body, pageColour]);

    await page.addStyleTag({ content: 'cardclub-widget, [data-cardclub] { --cardclub-font: "Courier New", monospace; --cardclub-font-size: 13px; --cardclub-text: #00006e; }' });
    expect(await font()).toEqual(['"Courier New", monospace', '13px']);
    expect(await look()).toEqual(['"Courier New", monospace', '13px', 'rgb(0, 0, 110)']);
  });

  test('stays on the page across an Astro view-transition swap, until removed', async ({ page }) => {
    await page.goto(testEnv().demoUrl);
    await expect(page.getByRole('button', { name: 'Member benefits' })).toBeVisible();
    // What Astro's router does on navigation: a new <body>, then astro:after-swap on document.
    const swap = () =>
      page.evaluate(() => {
        const body = document.createElement('body');
        body.append(Object.assign(document.createElement('h1'), { textContent: 'Next page' }));
        document.body.replaceWith(body);
        const left = document.querySelectorAll('cardclub-widget').length;
        document.dispatchEvent(new Event('astro:after-swap'));
        return left;
      });
    expect(await swap()).toBe(0);
    await expect(page.locator('cardclub-widget')).toHaveCount(1);
    await page.getByRole('button', { name: 'Member benefits' }).click();
    await expect(page.getByRole('dialog').getByRole('heading', { level: 2 })).toContainText('Member benefits at');

    await page.evaluate(() => window.Cardclub?.remove());
    await swap();
    await expect(page.locator('cardclub-widget')).toHaveCount(0);
  });

  test.describe('in a Spanish browser', () => {
    test.use({ locale: 'es-ES' });
    test('speaks Spanish', async ({ page }) => {
      await page.goto(testEnv().demoUrl);
      await page.getByRole('button', { name: 'Ventajas para miembros' }).click();
      await expect(page.getByRole('dialog').getByRole('link', { name: 'Ver todas las ventajas', exact: true })).toBeVisible();
    });

    test('follows the tag\'s data-lang over the browser\'s languages', async ({ page }) => {
      await page.goto(testEnv().demoUrl);
      await expect(page.getByRole('button', { name: 'Ventajas para miembros' })).toBeVisible();
      // The placements' percentages as the widget's language writes them, in the browser's region (Spain's "8 %").
      const product = page.locator('[data-sku="LF-BW-13X4-20"]');
      await expect(product).toContainText('Miembros: hasta un 8\u00a0% de descuento');
      // In Mexico's: "8%".
      const mexico = await page.context().browser()!.newContext({ locale: 'es-MX' });
      const mx = await mexico.newPage();
      await mx.goto(testEnv().demoUrl);
      await expect(mx.locator('[data-sku="LF-BW-13X4-20"]')).toContainText('Miembros: hasta un 8% de descuento, anticipo desde el 30%');
      await mexico.close();
      await page.evaluate(() => {
        const first = document.querySelector<HTMLScriptElement>('script[data-store]')!;
        window.Cardclub?.remove();
        const tag = Object.assign(document.createElement('script'), { src: first.src });
        tag.setAttribute('data-store', first.getAttribute('data-store')!);
        tag.setAttribute('data-lang', 'zh-CN');
        document.body.append(tag);
      });
      const launcher = page.getByRole('button', { name: '会员权益' });
      await expect(launcher).toHaveAttribute('lang', 'zh-CN');
      // Chinese figures, not the Spanish browser's ("8 %").
      await expect(product).toContainText('会员价最高立减8%，预付款低至30%');
      await launcher.click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading', { level: 2 })).toContainText('会员权益');
      // The store's name is English only: marked so inside the Chinese title.
      await expect(dialog.getByRole('heading', { level: 2 }).locator('[lang="en"]')).toHaveText('\u2068Lumina Hair Co.\u2069');
      expect(await dialog.evaluate((element) => element.closest('[lang]')?.getAttribute('lang'))).toBe('zh-CN');
    });
  });
});
