import { describe, expect, it } from 'vitest';
import { ledgerNote } from '../../src/lib/ledger-note.ts';

describe('a ledger row\'s note', () => {
  it('is nothing for an order\'s credit or its review\'s: the engine wrote the order\'s reference, already shown', () => {
    expect(ledgerNote({ reason: 'order', note: 'LUM-2026-0412' })).toBeNull();
    expect(ledgerNote({ reason: 'review', note: 'LUM-2026-0412' })).toBeNull();
  });

  it('names a redeemed reward in the reader\'s language, or from the note in the store\'s', () => {
    expect(ledgerNote({ reason: 'redemption', note: 'Lace sample kit', reward: { name: 'Kit de muestras', text_langs: { name: 'es' } } }, 'en'))
      .toEqual({ text: 'Kit de muestras', lang: 'es' });
    expect(ledgerNote({ reason: 'redemption', note: 'Lace sample kit', reward: null }, 'en')).toEqual({ text: 'Lace sample kit', lang: 'en' });
  });

  it('is the note a person wrote, as written', () => {
    expect(ledgerNote({ reason: 'adjustment', note: 'Thank-you for the salon photo shoot' })).toEqual({ text: 'Thank-you for the salon photo shoot', lang: undefined });
    expect(ledgerNote({ reason: 'adjustment', note: null })).toBeNull();
  });
});
