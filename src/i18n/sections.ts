/**
 * Catalogue sections loaded on demand: a page fetches only its own sections (`<html
 * data-sections>`, set by Base.astro) and only in its visitor's locale, each section a small
 * chunk of its own, instead of every area's strings in all three languages.
 */
import type * as english from './en.ts';
import type { Locale } from './locales.ts';

export type Sections = typeof english;
export type SectionName = keyof Sections;

export const sectionNames = ['site', 'tiers', 'widget', 'placements', 'member', 'join', 'staff', 'growth', 'operations'] as const satisfies readonly SectionName[];

/**
 * The console's pages: its screens' own sections, the site's header and the tiers' rights a
 * member's page states (TierRightsFact). Not the widget's, the placements', the member pages' or
 * the join card's, which every console page loaded when it declared none (some 10 KB gzipped).
 */
export const consoleSections = ['site', 'tiers', 'staff', 'growth', 'operations'] as const satisfies readonly SectionName[];

type Messages = Readonly<Record<string, string>>;

// One lazy chunk per section and locale (src/i18n/<section>/<locale>.ts).
const modules = import.meta.glob<Record<string, Messages>>('./*/{en,es,zh-CN}.ts');

const loaded = new Map<string, Messages>();
const pending = new Map<string, Promise<void>>();

/** Loads `sections` in `locale` (once; a failed load is tried again on the next call). */
export function loadSections(locale: Locale, sections: readonly SectionName[]): Promise<void> {
  return Promise.all(
    sections.map((section) => {
      const key = `${section}/${locale}`;
      let promise = pending.get(key);
      if (!promise) {
        const load = modules[`./${key}.ts`];
        if (!load) return Promise.reject(new Error(`No catalogue section ${key}`));
        promise = load().then(
          (module) => void loaded.set(key, module[section]!),
          (error: unknown) => {
            pending.delete(key);
            throw error;
          },
        );
        pending.set(key, promise);
      }
      return promise;
    }),
  ).then(() => undefined);
}

/** A loaded section's messages; using one the page did not load is a programming error. */
export function sectionMessages(locale: Locale, section: SectionName): Messages {
  const messages = loaded.get(`${section}/${locale}`);
  if (!messages) {
    throw new Error(`The "${section}" strings (${locale}) are used but not loaded: add "${section}" to the page's sections in its Base layout.`);
  }
  return messages;
}

/** The sections the page declared (Base.astro's `sections`); every section where none are. */
export function pageSections(): readonly SectionName[] {
  const declared = typeof document === 'undefined' ? undefined : document.documentElement.dataset.sections;
  if (!declared) return sectionNames;
  return declared.split(' ').filter((name): name is SectionName => (sectionNames as readonly string[]).includes(name));
}
