/**
 * The longest figure a tile of two abreast on a 360 px phone holds at 0.75rem (134 px wide, at
 * 1.5 of its width over the length: global.css): a longer one is marked 'figure-long' and its tile
 * takes two tiles' width ("IDR 1,234,567,890.00" at 0.75rem ran 146 px).
 */
const longestInTile = 16;

/**
 * A tile's figure, sized to fit its tile (global.css, .figures dd): "MXN 12,345,678.90" or a yen
 * amount of nine digits at the tile's usual size ran past a 360 px phone's tile, and an amount is
 * never broken (its currency stays with its number). The longer the figure, the smaller, down to
 * 0.75rem; a short one keeps its size. The length counts a letter as one and a half characters: a
 * bold figure's digits and marks are about two thirds of an em wide, a currency code's letters up to
 * an em ("MMK 123,456,789" ran 2 px past a phone's tile counted as 15).
 */
export function figureFit(text: string): { style: { '--figure-length': number }; class: string | undefined } {
  const length = [...text].reduce((sum, character) => sum + (/\p{L}/u.test(character) ? 1.5 : 1), 0);
  return { style: { '--figure-length': length }, class: length > longestInTile ? 'figure-long' : undefined };
}
