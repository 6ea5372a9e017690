/**
 * Builds elements with plain DOM calls, so the loader and the placements render without a framework. Children
 * that are strings become text nodes: the merchant's text is never parsed as HTML.
 */
import { isolate } from '../../../src/i18n/format.ts';

export function el<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Readonly<Record<string, string | undefined>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * A merchant's name (the store's, a tier's) inside a sentence, as merchant-name.tsx makes it for
 * Preact: marked with the language it is written in and isolated, for interpolateParts.
 */
export function merchantName(name: string, lang: string | null): HTMLSpanElement {
  return el('span', { lang: lang ?? undefined }, isolate(name));
}

/** A button that calls `onClick`; `type="button"` so it never submits a merchant's form around it. */
export function button(className: string, label: string, onClick: () => void): HTMLButtonElement {
  const element = el('button', { type: 'button', class: className }, label);
  element.addEventListener('click', onClick);
  return element;
}

let sheets: Map<string, CSSStyleSheet> | undefined;

/**
 * Adds `css` to a shadow root as a constructable stylesheet (adoptedStyleSheets: a page whose
 * CSP has no 'unsafe-inline' in style-src still applies it), parsed once per page however many
 * roots share it.
 */
export function adopt(root: ShadowRoot, css: string): void {
  sheets ??= new Map();
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * The store's saved colour (PublicTiers.brandColor) as the accent of everything in a shadow root,
 * once the store has been read for what the root shows: set on the root's elements, it wins over
 * a `--cardclub-accent` the page sets on the host (a style tag pasted for an earlier colour). The
 * text on it is white, which the database guarantees reads at 4.5:1 on any saved colour.
 */
export function adoptBrand(root: ShadowRoot, color: string | null): void {
  if (color) adopt(root, `*{--cardclub-accent:${color};--cardclub-accent-text:#fff}`);
}
