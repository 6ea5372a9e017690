/**
 * A store's brand colour on the portal's pages about that store (its store page, its member
 * pages at /me/?s=): the site's accent (--color-accent) while the page shows that store, so
 * buttons, links and accents take it. Pages without a store keep Cardclub's.
 *
 * The database keeps only colours that white reads on at 4.5:1 (stores_brand_color_is_readable):
 * the buttons' white text (--color-accent-contrast) stays AA, and so does the colour as text on
 * white. Links and accents also sit on the surface grey, a little darker than white: a colour
 * short of 4.5:1 there is darkened until it is not. The focus ring keeps a colour of its own
 * (--color-focus, apart from any accent), so it stays visible around a button in the brand's.
 */
import { useEffect } from 'preact/hooks';
import { contrast, readableContrast } from './contrast.ts';

const hex = /^#[0-9a-f]{6}$/i;

/** The colour, darkened in steps until text in it reads at 4.5:1 on `background`. */
export function readableOn(color: string, background: string): string {
  let shade = color.toLowerCase();
  while (contrast(shade, background) < readableContrast) {
    shade = `#${[1, 3, 5].map((offset) => Math.floor(parseInt(shade.slice(offset, offset + 2), 16) * 0.95).toString(16).padStart(2, '0')).join('')}`;
  }
  return shade;
}

/** The page's accent in the store's colour while the component is shown; null keeps Cardclub's. */
export function useBrandColor(color: string | null | undefined): void {
  useEffect(() => {
    if (!color || !hex.test(color)) return;
    const root = document.documentElement;
    const surface = getComputedStyle(root).getPropertyValue('--color-surface').trim();
    root.style.setProperty('--color-accent', hex.test(surface) ? readableOn(color, surface) : color);
    return () => root.style.removeProperty('--color-accent');
  }, [color]);
}
