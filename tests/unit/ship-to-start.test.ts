import { describe, expect, it } from 'vitest';
import { startingAddress } from '../../src/components/member/ShipToFields.tsx';

const cards = { name: 'Rosa Puntos', phone: '+34 600 000 001', company: 'Reward Buyer SL', country: 'ES' };
const lastSample = { name: 'Rosa P.', line1: 'Calle Mayor 1', city: 'Madrid', country: 'PT', phone: '+351 900 000 000' };

describe('where a new ship-to address starts', () => {
  it('is the company and the member\'s card without a sample sent to a full address', () => {
    expect(startingAddress(cards, undefined)).toEqual(cards);
  });

  it('fills the fields the last sample\'s address left blank from the cards: its Company stayed empty', () => {
    expect(startingAddress(cards, { ship_to: { ...lastSample, company: '  ', region: '' }, mine: true })).toEqual({
      name: 'Rosa P.', phone: '+351 900 000 000', company: 'Reward Buyer SL', line1: 'Calle Mayor 1', city: 'Madrid', country: 'PT',
    });
  });

  it('keeps the recipient of a colleague\'s last sample out: the member\'s own name and phone', () => {
    expect(startingAddress(cards, { ship_to: { ...lastSample, company: 'Reward Buyer Lisboa' }, mine: false })).toEqual({
      name: 'Rosa Puntos', phone: '+34 600 000 001', company: 'Reward Buyer Lisboa', line1: 'Calle Mayor 1', city: 'Madrid', country: 'PT',
    });
  });
});
