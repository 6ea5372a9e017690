/**
 * Settings, while the owner has chosen another default language: every text the change waits
 * for (texts_lacking_locale, the list the database's own refusal reads), by kind, each kind with
 * a link to the screen where it is written. The store's name is the form's own and is read from
 * what is typed there, as the save sends it with the new language. Said once to a screen reader
 * when the list is ready; typing in the name box afterwards changes the list, not what was said.
 */
import { useEffect, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { languageGapsByKind, loadLanguageGaps, merchantTextTables, type MerchantTextTable } from '../../../lib/console/store-settings.ts';
import { formatList, formatNumber, languageName } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { useConsoleText } from '../console-text.ts';
import { consoleHref } from '../links.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';
import type { TextMap } from '../ui/LocalizedTextField.tsx';

/** Rows shown per kind; the rest are counted. */
const shownRows = 5;

/** The screen where each kind of text is written, by its navigation label; the store's name is in this form. */
const screens: Record<Exclude<MerchantTextTable, 'stores'>, { path: string; hash?: string; label: 'navTiers' | 'navProducts' | 'navCoupons' | 'navStart' }> = {
  tiers: { path: '/console/tiers/', label: 'navTiers' },
  products: { path: '/console/products/', label: 'navProducts' },
  coupons: { path: '/console/coupons/', label: 'navCoupons' },
  rewards: { path: '/console/coupons/', label: 'navCoupons' },
  merchant_cards: { path: '/console/', hash: '#card-title-heading', label: 'navStart' },
};

export function LanguageGaps({ store, chosen, savedLocale, names, refusal }: {
  store: StaffStore;
  /** The default language chosen in the form, not yet saved. */
  chosen: Locale;
  /** The store's default language as saved: the one the texts' names are read in. */
  savedLocale: Locale;
  /** The store's name as typed in the form. */
  names: TextMap;
  /** The server's refusal of the change: the list is read again, other texts may have changed since. */
  refusal: string | undefined;
}) {
  const { t, locale } = useConsoleText('staff');
  const state = useLoad(() => loadLanguageGaps(store.id, chosen), [store.id, chosen, refusal]);
  // Named in the reader's language inside a sentence ("versión en inglés"), as the editors' errors name it.
  const language = languageName(chosen, locale);
  const nameLacks = !names[chosen]?.trim();
  const kinds = state.data ? merchantTextTables.filter((table) => table !== 'stores').map((table) => ({ table, ...languageGapsByKind(state.data!, table, savedLocale) })).filter((kind) => kind.texts > 0) : [];
  const total = kinds.reduce((sum, kind) => sum + kind.texts, nameLacks ? 1 : 0);
  const none = t('languageGapsNone', { language });
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    if (state.status !== 'ready' || said !== null) return;
    setSaid(total === 0 ? none : t(pluralKey('languageGapsSummary', total, locale), { count: formatNumber(total, locale), language }));
  }, [state.status]);
  // Nothing lacking, the line said is the one shown: a shown copy beside it was read twice.
  const noneSaid = total === 0 && said === none;
  const field = (name: string) => t(`languageGapField_${name}` as 'languageGapField_name');
  const focusNameBox = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById(`settings-name-${chosen}`)?.focus();
  };

  return (
    <section class="notice" aria-labelledby="language-gaps-title">
      {/* Once the list is read and nothing lacks the language, a title asking for texts would mislead. */}
      <h3 id="language-gaps-title">{t(state.data && total === 0 ? 'languageGapsNoneTitle' : 'languageGapsTitle', { language })}</h3>
      <p role="status" class={noneSaid ? 'success' : 'visually-hidden'}>
        {said}
      </p>
      <LoadState state={state}>
        {() =>
          total === 0 ? (
            !noneSaid && <p class="success">{none}</p>
          ) : (
            <>
              <p class="field-hint">{t('languageGapsIntro', { language })}</p>
              {nameLacks && (
                <section aria-labelledby="language-gaps-stores">
                  <h4 id="language-gaps-stores">{t('languageGapKind_stores')}</h4>
                  <p>
                    <a href={`#settings-name-${chosen}`} onClick={focusNameBox}>
                      {t('languageGapsNameBox', { language })}
                    </a>
                  </p>
                </section>
              )}
              {kinds.map(({ table, rows, texts }) => {
                const screen = screens[table as Exclude<MerchantTextTable, 'stores'>];
                const shown = rows.slice(0, shownRows);
                const more = texts - shown.reduce((sum, row) => sum + row.fields.length, 0);
                return (
                  <section key={table} aria-labelledby={`language-gaps-${table}`}>
                    <h4 id={`language-gaps-${table}`}>{t('languageGapsCount', { kind: t(`languageGapKind_${table}` as 'languageGapKind_tiers'), count: formatNumber(texts, locale) })}</h4>
                    <ul>
                      {shown.map((row) => (
                        <li key={row.id}>
                          <bdi lang={row.name === null ? undefined : savedLocale}>{row.name ?? t('languageGapsUnnamed')}</bdi>
                          {' – '}
                          {formatList(row.fields.map(field), locale)}
                        </li>
                      ))}
                      {more > 0 && <li>{t(pluralKey('languageGapsMore', more, locale), { count: formatNumber(more, locale) })}</li>}
                    </ul>
                    <p>
                      {/* In a tab of its own: this one keeps the language chosen, which cannot be saved yet, and asks nothing on leaving. */}
                      <a href={`${consoleHref(screen.path, store.slug)}${screen.hash ?? ''}`} target="_blank" rel="noopener">
                        {t('languageGapsOpen', { screen: t(screen.label) })}
                      </a>
                    </p>
                  </section>
                );
              })}
            </>
          )
        }
      </LoadState>
    </section>
  );
}
