/** The current locale's translators for islands; re-renders when `$locale` changes. */
import { useStore } from '@nanostores/preact';
import { useMemo } from 'preact/hooks';
import { catalogues } from '../i18n/catalogues.ts';
import { translator } from '../i18n/format.ts';
import { $locale } from '../stores/locale.ts';

export function useText() {
  const locale = useStore($locale);
  return useMemo(() => {
    const catalogue = catalogues[locale];
    return { locale, t: translator(catalogue.site), tiersText: translator(catalogue.tiers) };
  }, [locale]);
}
