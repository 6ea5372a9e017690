/** languageGapsByKind: the settings' list of texts a new default language waits for, by kind. */
import { describe, expect, it } from 'vitest';
import { languageGapsByKind, type LanguageGaps } from '../../src/lib/console/store-settings.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('languageGapsByKind', () => {
  // Each field's rows come from the server apart, each list in its own order of names.
  const gaps: LanguageGaps = [
    { table: 'tiers', field: 'name', count: 2, rows: [{ id: id(1), name: 'Gold' }, { id: id(2), name: 'Silver' }] },
    { table: 'tiers', field: 'description', count: 3, rows: [{ id: id(3), name: 'Bronze' }, { id: id(4), name: null }, { id: id(2), name: 'Silver' }] },
    { table: 'products', field: 'name', count: 1, rows: [{ id: id(5), name: 'Wig' }] },
  ];

  it('lists each row once with every field it lacks, in the order of the names, unnamed last', () => {
    expect(languageGapsByKind(gaps, 'tiers', 'en')).toEqual({
      rows: [
        { id: id(3), name: 'Bronze', fields: ['description'] },
        { id: id(1), name: 'Gold', fields: ['name'] },
        { id: id(2), name: 'Silver', fields: ['name', 'description'] },
        { id: id(4), name: null, fields: ['description'] },
      ],
      texts: 5,
    });
  });

  it('counts only the kind asked for, and nothing where it lacks nothing', () => {
    expect(languageGapsByKind(gaps, 'products', 'en')).toEqual({ rows: [{ id: id(5), name: 'Wig', fields: ['name'] }], texts: 1 });
    expect(languageGapsByKind(gaps, 'coupons', 'en')).toEqual({ rows: [], texts: 0 });
  });

  it('orders names as their language does', () => {
    const spanish: LanguageGaps = [
      { table: 'products', field: 'name', count: 3, rows: [{ id: id(1), name: 'Ñandú' }, { id: id(2), name: 'Oro' }, { id: id(3), name: 'Nácar' }] },
    ];
    expect(languageGapsByKind(spanish, 'products', 'es').rows.map((row) => row.name)).toEqual(['Nácar', 'Ñandú', 'Oro']);
  });
});
