/**
 * The longest figure a tile of two abreast on a 360 px phone holds at 0.75rem (134 px wide, at
 * 1.5 of its width over the length: global.css): a longer one is marked 'figure-long' and its tile
 * takes two tiles' width ("IDR 1,234,567,890.00" at 0.75rem ran 146 px).
 */
const longestInTile = 16;

/**
 * A tile's figure, sized to fit its tile (global.css, .figures dd and .figure): "MXN 12,345,678.90" or a yen
 * amount of nine digits at the tile's usual size ran past a 360 px phone's tile, and an amount is
 * never broken (its currency stays with its number). The longer the figure, the smaller, down to
 * 0.75rem; a short one keeps its size. The length counts a letter as one and a half characters: a
 * bold figure's digits and marks are about two thirds of an em wide, a currency code's letters up to
 * an em. Counting is the first guess, drawn without a script and close in any font; `ref` then
 * measures the figure in the reader's font and steps it down to fit exactly (watchFigure).
 */
export function figureFit(text: string): { style: { '--figure-length': number }; class: string | undefined; ref: (figure: HTMLElement | null) => void } {
  const length = [...text].reduce((sum, character) => sum + (/\p{L}/u.test(character) ? 1.5 : 1), 0);
  return { style: { '--figure-length': length }, class: length > longestInTile ? 'figure-long' : undefined, ref: watchFigure };
}

/**
 * The figures on the page, each fitted again when its tile's width changes (one ResizeObserver) or
 * its text does (one MutationObserver): counted, "MXN 114,320.00" still ran about 1 px past a
 * tile of four abreast (a 536-600 px screen), and a font's widths cannot be counted. Removed
 * figures are dropped when the observer reports them gone.
 */
let watched: { sizes: ResizeObserver; texts: MutationObserver; figures: Set<HTMLElement> } | undefined;

/** `figure` as a ref: watched from its first drawing, fitted before the browser paints it. */
function watchFigure(figure: HTMLElement | null): void {
  if (!figure) return;
  watched ??= {
    sizes: new ResizeObserver((entries) => fit(entries.map((entry) => entry.target as HTMLElement))),
    texts: new MutationObserver((records) => fit(records.map((record) => figureOf(record.target)))),
    figures: new Set(),
  };
  if (watched.figures.has(figure)) return;
  watched.figures.add(figure);
  // Its first report comes before the next paint: the figure is fitted before it is seen.
  watched.sizes.observe(figure);
  watched.texts.observe(figure, { characterData: true, childList: true, subtree: true });
}

/** The watched figure a changed node is in. */
function figureOf(node: Node): HTMLElement | undefined {
  for (let at: Node | null = node; at; at = at.parentNode) if (watched!.figures.has(at as HTMLElement)) return at as HTMLElement;
  return undefined;
}

/**
 * Each of `changed` at the size its count gives, and, if it runs past its tile, scaled down by how
 * far (--figure-fit, which global.css multiplies its size by). A figure's width is nearly in
 * proportion to its size; a font's rounding may leave a pixel, so it is measured again and stepped
 * down until it fits. Every figure is read, then every one written, so that a page's tiles cost one
 * layout a step, not one each. The line's height stays the counted size's (global.css): fitting
 * moves nothing around the figure.
 */
function fit(changed: (HTMLElement | undefined)[]): void {
  const figures = [...new Set(changed)].filter((figure): figure is HTMLElement => {
    if (!figure) return false;
    if (figure.isConnected) return true;
    watched!.sizes.unobserve(figure);
    watched!.figures.delete(figure);
    return false;
  });
  const scale = new Map(figures.map((figure) => [figure, 1]));
  for (const figure of figures) figure.style.removeProperty('--figure-fit');
  for (let step = 0; step < 4 && scale.size > 0; step++) {
    const over = [...scale].flatMap(([figure, was]) => {
      const [drawn, room] = [figure.scrollWidth, figure.clientWidth];
      // Past the first step, half a percent more each time: the proportion alone fell short.
      return drawn > room && room > 0 ? [[figure, Math.floor((((was * room) / drawn) - step * 0.005) * 1000) / 1000] as const] : [];
    });
    scale.clear();
    for (const [figure, now] of over) {
      figure.style.setProperty('--figure-fit', String(now));
      scale.set(figure, now);
    }
  }
}
