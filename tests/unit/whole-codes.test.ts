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
});
