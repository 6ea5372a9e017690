import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { wholeCodes } from '../../src/components/console/ui/whole-codes.tsx';

const parts = (text: string) =>
  (wholeCodes(text) as (string | VNode<{ children: string }>)[]).map((part) => (typeof part === 'string' ? part : `[${part.props.children}]`)).join('');

describe('wholeCodes keeps codes and e-mail addresses on one line', () => {
  it('wraps each code, SKU and address, and leaves the words around them', () => {
    expect(parts('Gift GIFT-73A142 for staff@demo-wigs.test')).toBe('Gift [GIFT-73A142] for [staff@demo-wigs.test]');
    expect(parts('BD-DW-3PC')).toBe('[BD-DW-3PC]');
    expect(parts('A well-known wig')).toBe('A well-known wig');
  });

  it('takes an address’s own characters only: a Chinese sentence around it wraps, a full stop after it is the sentence’s', () => {
    expect(parts('本店没有以buyer1@demo-wigs.test登录的会员联系人。')).toBe('本店没有以[buyer1@demo-wigs.test]登录的会员联系人。');
    expect(parts('Ningún contacto inicia sesión con «o.brien+ventas@demo-wigs.co.uk».')).toBe('Ningún contacto inicia sesión con «[o.brien+ventas@demo-wigs.co.uk]».');
    expect(parts('No member contact signs in with nobody@example.test.')).toBe('No member contact signs in with [nobody@example.test].');
  });

  it('keeps a note’s long numbers whole too, where a phone broke a 20-digit order number inside its digits', () => {
    expect(parts('Reshipped order 12345678901234567890 by SF, carton LF-BW-13X4-20 replaced'))
      .toBe('Reshipped order [12345678901234567890] by SF, carton [LF-BW-13X4-20] replaced');
    expect(parts('DHL 1Z999AA10123456784')).toBe('DHL [1Z999AA10123456784]');
    // Short numbers and words in capitals are the text's own: they wrap as it does.
    expect(parts('Box 12 of 1234567, IMPORTANT')).toBe('Box 12 of 1234567, IMPORTANT');
  });
});
