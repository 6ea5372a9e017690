/**
 * The landing page and the console's store creation name the tiers as a new store has them,
 * capitalised as everywhere else (creation said "Ordinario, Sénior, VIP" of Miembro, Miembro sénior
 * and Miembro VIP).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales } from '../../src/i18n/locales.ts';

describe('the landing page and store creation', () => {
  it.each(locales)('%s: name the tiers as a new store has them', (locale) => {
    // The default tiers' names, from the latest migration that sets them.
    const folder = fileURLToPath(new URL('../../supabase/migrations/', import.meta.url));
    const migrations = readdirSync(folder).filter((file) => file.endsWith('.sql')).sort().reverse();
    const defaults = migrations
      .map((file) => [...readFileSync(`${folder}${file}`, 'utf8').matchAll(/\(([012]), '(\{"en": "Ordinary"[^']*|\{"en": "Senior"[^']*|\{"en": "VIP"[^']*)'/g)])
      .find((found) => found.length === 3)!;
    const names = defaults.map(([, , json]) => (JSON.parse(json!) as Record<string, string>)[locale]!);
    expect(names).toHaveLength(3);
    const { site, staff } = catalogues[locale];
    for (const text of [site.homeTiersBody, staff.createFirstStoreIntro, staff.createStoreIntro]) {
      for (const name of names) expect(text).toContain(name);
    }
  });
});
