/**
 * A new store's web address as the create-store form proposes it from the store's name, and the
 * store page's address it makes.
 */
import { describe, expect, it } from 'vitest';
import { slugFrom, storePageAddress } from '../../src/components/console/getting-started/CreateStoreForm.tsx';

describe('a store web address proposed from its name', () => {
  it('lowercases Latin letters and joins words with hyphens', () => {
    expect(slugFrom('Lumina Hair Co.')).toBe('lumina-hair-co');
    expect(slugFrom('  ACME  Wigs & Co  ')).toBe('acme-wigs-co');
  });

  it('strips accents instead of breaking the word at them', () => {
    expect(slugFrom('Crème Coiffure')).toBe('creme-coiffure');
    expect(slugFrom('Peluquería Núñez')).toBe('peluqueria-nunez');
    expect(slugFrom('Weiß Øresund Łódź')).toBe('weiss-oresund-lodz');
  });

  it('proposes nothing for a name without Latin letters or digits, and keeps the Latin part of a mixed one', () => {
    expect(slugFrom('深圳光耀照明')).toBe('');
    expect(slugFrom('光耀 Lighting 照明')).toBe('lighting');
  });

  it('stays within 63 characters without ending on a hyphen', () => {
    const long = slugFrom(`${'a'.repeat(62)} b`);
    expect(long).toBe('a'.repeat(62));
    expect(slugFrom('x'.repeat(80))).toHaveLength(63);
  });

  it('makes the portal’s store page address', () => {
    expect(storePageAddress('https://cardclub.example', 'lumina-hair')).toBe('https://cardclub.example/store/?s=lumina-hair');
  });

  it('makes none for an address create_store refuses', () => {
    // Typed as the store's name, in capitals, too short or too long, starting with a hyphen: none could ever open.
    for (const slug of ['Lumina Hair', 'Lumina-hair', 'a', '', '-lumina', 'lumina_hair', 'x'.repeat(64), 'guāng-yào']) {
      expect(storePageAddress('https://cardclub.example', slug)).toBeNull();
    }
    expect(storePageAddress('https://cardclub.example', `9${'x'.repeat(62)}`)).toBe(`https://cardclub.example/store/?s=9${'x'.repeat(62)}`);
  });
});
