/**
 * Hostile merchant and buyer text, and the assertion that a page shows it inertly: as the
 * literal characters, with nothing parsed into elements, no script run and no dialog opened.
 *
 * Use this file's `test` (it records dialogs from the start of each test) with
 * `expectInertText(page, locator, text)`, once the text is expected on the page.
 */
import { expect, test as base, type Locator, type Page } from '@playwright/test';

/** Each payload sets `window.__pwned` if it ever runs. */
export const hostile = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  /** Breaks out of a quoted attribute, then out of the element. */
  attribute: '"><svg onload=window.__pwned=1>',
  /** U+202E RIGHT-TO-LEFT OVERRIDE: what follows displays reversed unless the text is isolated. */
  rtl: 'Wigs \u202Eexe.stnemyap\u202C & more',
  /** 60 characters without a break opportunity (the longest tier name the database allows). */
  longWord: `Hyper${'long'.repeat(13)}Wig`,
  cjk: '真人发假发批发·会员专享「蕾丝前额」',
} as const;

export const hostileStrings: readonly string[] = Object.values(hostile);

interface Watch {
  dialogs: string[];
}

const watched = new WeakMap<Page, Watch>();

/** Starts recording dialogs (alert, confirm, prompt, beforeunload) on a page, dismissing each. */
export function watchPage(page: Page): void {
  if (watched.has(page)) return;
  const watch: Watch = { dialogs: [] };
  watched.set(page, watch);
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
}

/** Playwright's test with every page watched for dialogs from its first navigation. */
export const test = base.extend({
  page: async ({ page }, use) => {
    watchPage(page);
    await use(page);
  },
});

/** Elements that text must never turn into. */
const dangerousTags = ['script', 'img', 'svg', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'math', 'video', 'audio'];

export interface InertFacts {
  /** The locator's textContent contains `text` character for character. */
  textShown: boolean;
  /** Elements inside the locator that text must not become, or carrying an on* handler. */
  injectedInside: string[];
  /** Anywhere on the page, in open shadow roots too: a handler, loaded URL or script mentioning `__pwned`. */
  payloadsOnPage: string[];
  /** `typeof window.__pwned`: "undefined" unless a payload ran. */
  pwned: string;
  dialogs: string[];
}

async function inertFacts(page: Page, locator: Locator, text: string): Promise<InertFacts> {
  const inside = await locator.evaluate(
    (element, { text, dangerousTags }) => {
      const describe = (node: Element) => `<${node.localName}${[...node.attributes].map((a) => ` ${a.name}="${a.value}"`).join('')}>`;
      const injected = [...element.querySelectorAll('*')].filter(
        (node) => dangerousTags.includes(node.localName) || [...node.attributes].some((attribute) => /^on/i.test(attribute.name)),
      );
      return { textShown: (element.textContent ?? '').includes(text), injectedInside: injected.map(describe) };
    },
    { text, dangerousTags },
  );
  const onPage = await page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const node of root.querySelectorAll('*')) {
        for (const attribute of node.attributes) {
          // Text in an inert attribute (a title, aria-label or <meta content> naming the store)
          // is data; only attributes a browser runs or loads can carry a payload. A link back to
          // this page's own origin (the language switcher keeps the address's query, hostile slug
          // and all, percent-encoded) is data too.
          const loads = ['href', 'src', 'srcdoc', 'action', 'formaction', 'xlink:href'].includes(attribute.name);
          const ownPage = (value: string) => {
            const url = URL.parse(value, document.baseURI);
            return url !== null && url.origin === location.origin && /^https?:$/.test(url.protocol) && attribute.name !== 'srcdoc';
          };
          const runs = /^on/i.test(attribute.name) || (loads && !ownPage(attribute.value));
          if (runs && attribute.value.includes('__pwned')) found.push(`<${node.localName} ${attribute.name}="${attribute.value}">`);
        }
        if (node.localName === 'script' && (node.textContent ?? '').includes('__pwned')) found.push(`<script>${node.textContent}</script>`);
        if (node.shadowRoot) visit(node.shadowRoot);
      }
    };
    visit(document);
    return { payloadsOnPage: found, pwned: typeof (window as { __pwned?: unknown }).__pwned };
  });
  return { ...inside, ...onPage, dialogs: [...(watched.get(page)?.dialogs ?? [])] };
}

/**
 * Waits until `locator` (one element) shows `text` literally, and asserts that no element was
 * injected inside it, no payload sits anywhere on the page, `window.__pwned` was never set and
 * no dialog opened. Fails with every fact at once, so the report says which check broke.
 */
export async function expectInertText(page: Page, locator: Locator, text: string, options: { timeout?: number } = {}): Promise<void> {
  if (!watched.has(page)) throw new Error('expectInertText needs a watched page: use `test` from hostile-text.ts or call watchPage(page) first.');
  const inert: InertFacts = { textShown: true, injectedInside: [], payloadsOnPage: [], pwned: 'undefined', dialogs: [] };
  await expect
    .poll(() => inertFacts(page, locator, text), { message: `${JSON.stringify(text)} rendered inertly`, ...options })
    .toEqual(inert);
}

/** The element and the document both fit their width: long words wrap instead of pushing the layout sideways. */
export async function expectNoHorizontalOverflow(locator: Locator): Promise<void> {
  const overflow = await locator.evaluate((element) => ({
    element: element.scrollWidth - element.clientWidth,
    document: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  expect(overflow).toEqual({ element: 0, document: 0 });
}
