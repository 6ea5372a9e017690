import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget } from '../../widget/build.ts';

const kilobytes = (code: string) => gzipSync(code, { level: 9 }).length / 1024;

describe('widget bundles', async () => {
  // A hosted project's URL and a JWT-sized key, so the inlined values weigh what they will.
  const built = await buildWidget({ supabaseUrl: 'https://abcdefghijklmnopqrst.supabase.co', anonKey: 'k'.repeat(210) });

  it('keeps the loader every page view pays for within 10 KB gzipped', () => {
    expect(kilobytes(built['widget.js'])).toBeLessThanOrEqual(10);
  });

  it('keeps the panel loaded on first open within 15 KB gzipped', () => {
    expect(kilobytes(built['widget-panel.js'])).toBeLessThanOrEqual(15);
  });

  it('keeps the placements, loaded by pages that have one, within 10 KB gzipped', () => {
    expect(kilobytes(built['widget-placements.js'])).toBeLessThanOrEqual(10);
  });

  it('carries in the loader the launcher\'s label in every language and none of the strings the panel and placements show', () => {
    for (const label of ['Member benefits', 'Ventajas para miembros', '会员权益']) expect(built['widget.js']).toContain(label);
    for (const code of [built['widget-panel.js'], built['widget-placements.js']]) expect(code).toContain('Exchange business cards');
    expect(built['widget.js']).not.toContain('Exchange business cards');
  });

  it('leaves the placements\' sentences out of the panel, which shows none of them', async () => {
    const { placements } = await import('../../src/i18n/en.ts');
    expect(built['widget-placements.js']).toContain(placements.inlineJoinText);
    expect(built['widget-panel.js']).not.toContain(placements.inlineJoinText);
  });

  it('bundles no Supabase client and no validation library', () => {
    for (const code of Object.values(built)) expect(code).not.toMatch(/GoTrueClient|PostgrestClient|ZodError/);
  });
});
