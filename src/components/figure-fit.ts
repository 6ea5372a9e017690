/**
 * The length of a tile's figure, for its size (global.css, .figures dd): "MXN 12,345,678.90" or a
 * yen amount of nine digits at the tile's usual size ran past a 360 px phone's tile, and an
 * amount is never broken (its currency stays with its number). The longer the figure, the
 * smaller, down to 0.75rem; a short one keeps its size.
 */
export function figureFit(text: string): { '--figure-length': number } {
  return { '--figure-length': [...text].length };
}
