import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales } from '../../src/i18n/locales.ts';
import { ledgerNote, ledgerReasonKey } from '../../src/lib/ledger-note.ts';

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

describe('a ledger row\'s reason', () => {
  // Every reason the ledgers' check constraints allow (migrations 20261124000300, 20261203000400, 20261207000300).
  const reasons = {
    points: ['join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback'],
    rebate: ['order', 'applied', 'reversal', 'credit', 'correction'],
  } as const;

  it.each(locales)('%s: has a wording for every reason either ledger allows (one set, spread into both screens\' catalogues)', (locale) => {
    for (const [ledger, all] of Object.entries(reasons) as [keyof typeof reasons, readonly string[]][]) {
      for (const reason of all) {
        const key = ledgerReasonKey(ledger, reason);
        expect(catalogues[locale].member[key], key).toBeTruthy();
      }
    }
  });

  it('says who adjusted points in words that read right to the buyer and to staff', () => {
    expect(catalogues.en.operations[ledgerReasonKey('points', 'adjustment')]).toBe('Adjustment by the store');
  });
});
