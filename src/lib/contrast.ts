/**
 * The brand colour is the background of white text (the widget's launcher and buttons, the
 * frame's and the portal's primary buttons and badges) and the colour of text on white (links,
 * secondary buttons): both pairs are the colour against white, which WCAG AA wants at 4.5:1 or
 * more. The database holds the same rule (stores_brand_color_is_readable,
 * private.contrast_with_white).
 */
export const readableContrast = 4.5;

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** WCAG contrast ratio of a `#rrggbb` colour against white. */
export function contrastWithWhite(hex: string): number {
  return contrast(hex, '#ffffff');
}
