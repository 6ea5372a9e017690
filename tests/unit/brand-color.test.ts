import { describe, expect, it } from 'vitest';
import { readableOn } from '../../src/lib/brand-color.ts';
import { contrast, contrastWithWhite } from '../../src/lib/contrast.ts';

const surface = '#f4f6f8';

describe('a store\'s brand colour as the portal\'s accent', () => {
  it('stays as saved when it reads at 4.5:1 on the surface grey too', () => {
    expect(readableOn('#B3262E', surface)).toBe('#b3262e');
    expect(readableOn('#0b4f8a', surface)).toBe('#0b4f8a');
  });

  it('is darkened, just enough, when it reads at 4.5:1 on white but not on the grey', () => {
    // 4.54:1 on white (the database lets it by), 4.2:1 on the grey.
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#767676', surface)).toBeLessThan(4.5);
    const shade = readableOn('#767676', surface);
    expect(contrast(shade, surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(shade, surface)).toBeLessThan(5);
    expect(shade).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('measures contrast alike whichever colour comes first', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21);
  });
});
