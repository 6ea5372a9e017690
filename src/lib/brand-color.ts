/**
 * A store's brand colour on every portal page about that store (its store page, its member pages
 * at /me/?s=, its news at /posts/?s=, the sign-in for it): the site's accent (--color-accent), so
 * buttons, links and accents take it. Each page takes it from the read of the store it makes
 * anyway (store_profile on the store page and a signed-in login's member pages, the store's row
 * on its news), so no page asks for the store twice, and nothing is sent before a stored session
 * is refreshed; the accent arrives with the page's content. Only the sign-in, signed out, reads
 * nothing else of the store: it asks for the colour alone. The console keeps Cardclub's.
 *
 * The database keeps only colours that white reads on at 4.5:1 (stores_brand_color_is_readable):
 * the buttons' white text (--color-accent-contrast) stays AA, and so does the colour as text on
 * white. Links and accents also sit on the surface grey, a little darker than white: a colour
 * short of 4.5:1 there is darkened until it is not. The focus ring keeps a colour of its own
 * (--color-focus, apart from any accent), so it stays visible around a button in the brand's.
 */
import { contrast, readableContrast } from './contrast.ts';
import { publicSelect } from './public-api.ts';
import { slugFromQuery } from './query-slug.ts';

const hex = /^#[0-9a-f]{6}$/i;

/** The colour, darkened in steps until text in it reads at 4.5:1 on `background`. */
export function readableOn(color: string, background: string): string {
  let shade = color.toLowerCase();
  while (contrast(shade, background) < readableContrast) {
    shade = `#${[1, 3, 5].map((offset) => Math.floor(parseInt(shade.slice(offset, offset + 2), 16) * 0.95).toString(16).padStart(2, '0')).join('')}`;
  }
  return shade;
}

/** Whether the page's store colour is known: read once, by whichever read of the store came first. */
let known = false;

/** The page's accent in the colour of the store the page is about; none (or not a colour) keeps Cardclub's. */
export function showStoreColor(color: string | null | undefined): void {
  known = true;
  const root = document.documentElement;
  if (typeof color !== 'string' || !hex.test(color)) return void root.style.removeProperty('--color-accent');
  const surface = getComputedStyle(root).getPropertyValue('--color-surface').trim();
  root.style.setProperty('--color-accent', hex.test(surface) ? readableOn(color, surface) : color);
}

/**
 * For a page about the address's store (`?s=`) that reads nothing else of it: its colour alone,
 * from the store's public row, unless a read of the store already gave it. Cardclub's stays when
 * it cannot be read (the page works without it).
 */
export function readStoreColor(): void {
  const slug = slugFromQuery();
  if (!slug || known) return;
  known = true;
  publicSelect('stores', { params: { select: 'brand_color', slug: `eq.${slug}` } }).then(
    (rows) => showStoreColor(Array.isArray(rows) ? (rows[0] as { brand_color?: string | null } | undefined)?.brand_color : null),
    () => undefined,
  );
}
