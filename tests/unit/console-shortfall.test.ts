/** What a refund could not take back, as the console's member page says it (points_ledger.shortfall). */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { interpolate } from '../../src/i18n/format.ts';
import { pluralKey } from '../../src/i18n/plural.ts';

describe('what a refund could not take back, in the console', () => {
  it('says how much the member had spent and how much came off, or that none did', () => {
    const line = (locale: 'en' | 'es', taken: number) =>
      interpolate(catalogues[locale].operations[taken === 0 ? 'pointsShortfallNone' : pluralKey('pointsShortfall', taken, locale)], { spent: 1200, taken });
    expect(line('en', 300)).toBe('The member had already spent 1200 of the points this order earned, so only 300 could be taken back.');
    expect(line('en', 0)).toBe('The member had already spent 1200 of the points this order earned, so none could be taken back.');
    expect(line('es', 1)).toBe('El miembro ya había gastado 1200 de los puntos que le dio este pedido, así que solo se le pudo descontar 1.');
    expect(line('es', 2)).toContain('solo se le pudieron descontar 2.');
  });
});
