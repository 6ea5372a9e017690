/**
 * A store's brand colour on every portal page about that store (its store page, its member pages
 * at /me/?s=, its news at /posts/?s=, the sign-in for it): the site's accent (--color-accent), so
 * buttons, links and accents take it. Set once for all of them by the layout (Base.astro), from
 * the address's store, rather than by each page's island: /posts/ had been left in Cardclub's
 * blue. Pages without a store, and the console's, keep Cardclub's.
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

/**
 * The page's accent in the colour of the store its address names (`?s=`), read from the store's
 * public row; Cardclub's stays when it has none or it cannot be read (the page works without it).
 */
export async function applyStoreColor(): Promise<void> {
  const slug = slugFromQuery();
  if (!slug) return;
  const rows = await publicSelect('stores', { params: { select: 'brand_color', slug: `eq.${slug}` } }).catch(() => null);
  const color = Array.isArray(rows) ? (rows[0] as { brand_color?: unknown } | undefined)?.brand_color : null;
  if (typeof color !== 'string' || !hex.test(color)) return;
  const root = document.documentElement;
  const surface = getComputedStyle(root).getPropertyValue('--color-surface').trim();
  root.style.setProperty('--color-accent', hex.test(surface) ? readableOn(color, surface) : color);
}
