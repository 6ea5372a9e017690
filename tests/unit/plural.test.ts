/** Plural forms by the reader's language (src/i18n/plural.ts). */
import { describe, expect, it } from 'vitest';
import { pluralKey } from '../../src/i18n/plural.ts';

describe('plural forms', () => {
  it('take the singular for one in English and Spanish, and the general form otherwise', () => {
    for (const locale of ['en', 'es'] as const) {
      expect(pluralKey('samples', 1, locale)).toBe('samplesOne');
      for (const count of [0, 2, 11, 21, 1_000_000]) expect(pluralKey('samples', count, locale)).toBe('samples');
    }
  });

  it('have no singular in Chinese', () => {
    expect(pluralKey('samples', 1, 'zh-CN')).toBe('samples');
  });
});
