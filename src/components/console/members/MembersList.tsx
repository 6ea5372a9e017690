/**
 * The store's members: filters (tier, stage, churn risk, country, last order between two days,
 * current or former members) and a search by company, contact name or e-mail, checked with zod
 * before the list is asked; paged; each company opens its member page. Former members (companies
 * whose last contact left) are left out unless asked for, with a line saying how many.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { countryOptions } from '../../../i18n/countries.ts';
import { formatCalendar, formatMoney, formatNumber, interpolateParts, isolate, regionName, sentenceGap } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { countFormerMembers, filterSchema, listMembers, loadTiers, matchedContact, memberPageSize, noFilters, stages, type ListedMember, type MemberFilters } from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { useConsoleText } from '../console-text.ts';
import { consoleHref, memberHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { DateField } from '../ui/DateField.tsx';
import { Field } from '../ui/Field.tsx';
import { emailAddress } from '../../email-address.tsx';
import { dated } from '../../date-text.tsx';
import { zodErrors, type FieldErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { MembersDownload } from './MembersDownload.tsx';
import { StagesExplained } from './StagesExplained.tsx';
import { Pager } from '../ui/Pager.tsx';
import { useLoad } from '../ui/use-load.ts';
import { useResultsSaid } from '../ui/results-said.tsx';
import { CheckedForm } from '../ui/CheckedForm.tsx';

export function MembersList({ store }: { store: StaffStore }) {
  const { t, msg, locale, date, company } = useOpsText();
  const { t: staff } = useConsoleText('staff');
  const [draft, setDraft] = useState<MemberFilters>(noFilters);
  const [applied, setApplied] = useState(filterSchema.parse(noFilters));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [page, setPage] = useState(0);
  /** The filters beyond the search shown on a phone, where they filled the first screen (always shown on a wider one). */
  const [moreShown, setMoreShown] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  // Wider than a phone the toggle goes (operations.css): the keyboard on it moves to the first
  // filter it folded, not back to the page's start; that filter, focused, keeps them open. The
  // browser may hide the toggle, dropping the focus to the page, before the media query says so
  // (the test failed 1 run in 3): whether the toggle had the focus last is noted as it moves.
  useEffect(() => {
    const phone = window.matchMedia('(max-width: 40rem)');
    let onToggle = false;
    const noted = (event: FocusEvent) => {
      onToggle = event.target === toggle.current;
    };
    const widened = () => {
      const dropped = document.activeElement === null || document.activeElement === document.body;
      if (!phone.matches && (document.activeElement === toggle.current || (onToggle && dropped))) document.getElementById('members-tier')?.focus();
    };
    document.addEventListener('focusin', noted);
    phone.addEventListener('change', widened);
    return () => {
      document.removeEventListener('focusin', noted);
      phone.removeEventListener('change', widened);
    };
  }, []);
  const countries = countryOptions(locale);
  const tiers = useLoad(() => loadTiers(store.id).then(orThrow), [store.id]);
  // With the search the rows were read with: a read that fails keeps the rows from before, and their
  // matched line ("Matched: Ana Colleague") said by the search just typed named no one or another contact.
  const state = useLoad(() => listMembers(store.id, applied, page).then(orThrow).then((list) => ({ ...list, search: applied.search })), [store.id, applied, page]);
  // Show members, Clear or Show former members say the list they leave on screen; on a phone, where
  // the filters pushed it below the fold, it takes the focus.
  const said = useResultsSaid(state);
  const former = useLoad(() => countFormerMembers(store.id).then(orThrow), [store.id]);

  const set = (key: keyof MemberFilters) => (event: Event) => setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value });
  const setDay = (key: 'last_order_from' | 'last_order_to') => (day: string) => setDraft({ ...draft, [key]: day });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = filterSchema.safeParse(draft);
    if (!parsed.success) {
      const found = zodErrors(parsed.error);
      // A refused filter is shown, folded away or not, for the form to take the keyboard there.
      if (Object.keys(found).some((field) => field !== 'search')) setMoreShown(true);
      return setErrors(found);
    }
    setErrors({});
    // On a phone the open filters pushed the members below the fold: they fold, and the keyboard
    // goes to the members found (their count, or which filters found none), read out there.
    const phone = window.matchMedia('(max-width: 40rem)').matches;
    said.ask(phone);
    setApplied(parsed.data);
    setPage(0);
    if (phone) setMoreShown(false);
  }

  // The filters shown stay as applied, with former members: a draft not submitted (perhaps invalid) is not applied.
  // The results take the keyboard: the button goes with the sentence it sits in.
  function showFormer() {
    said.ask(true);
    setDraft({ ...draft, membership: 'former' });
    setApplied({ ...applied, membership: 'former' });
    setPage(0);
  }

  /** Whom `search`, which read the rows, found the company by: a line under its name. */
  function matched(row: ListedMember, search: string) {
    const contact = matchedContact(row, search);
    if (!contact) return null;
    return (
      <span class="muted row-note">
        {interpolateParts(t('searchMatchedContact'), { contact: 'email' in contact ? emailAddress('contact', contact.email) : <bdi key="contact">{contact.name}</bdi> })}
      </span>
    );
  }

  function clear() {
    said.ask(false);
    setDraft(noFilters);
    setErrors({});
    setApplied(filterSchema.parse(noFilters));
    setPage(0);
  }

  // No filter set and no one listed: a new store, which a "no match" made read as a broken filter.
  const unfiltered = Object.values(applied).every((value) => value === '');
  // The last order's dates are one filter, a range, however many of its ends are set.
  const { search: _search, last_order_from, last_order_to, ...single } = applied;
  const folded = Object.values(single).filter((value) => value !== '').length + (last_order_from || last_order_to ? 1 : 0);
  // The filters applied in a line ("Churn risk: At risk · Tier: VIP"): beside the folded filters on a
  // phone, and in an empty result after the search, which otherwise did not say what found no one
  // (it named the other filters and not the search).
  const tierName = tiers.data?.find((tier) => tier.id === applied.tier_id)?.name;
  const filtersApplied = [
    // The merchant's tier name, isolated as the search is.
    applied.tier_id && [t('filterTier'), tierName ? isolate(tierName) : '…'],
    applied.stage && [t('filterStage'), t(`stage_${applied.stage}`)],
    applied.churn && [t('filterChurn'), t(applied.churn === 'yes' ? 'churnYes' : 'churnNo')],
    applied.country && [t('filterCountry'), regionName(applied.country, locale)],
    applied.membership && [t('filterMembership'), t('membershipFormer')],
    // Days as typed, in UTC: on the reader's clock west of UTC '2026-03-01' read as 29 Feb.
    (last_order_from || last_order_to) && [t('filterLastOrder'), `${last_order_from ? formatCalendar(last_order_from, locale) : '…'} – ${last_order_to ? formatCalendar(last_order_to, locale) : '…'}`],
  ].filter((part): part is string[] => !!part).map(([label, value]) => t('filterApplied', { label: label!, value: value! }));
  const summary = filtersApplied.join(' · ');
  const empty = unfiltered ? interpolateParts(t('membersNone'), { start: <a key="start" href={consoleHref('/console/', store.slug)}>{staff('navStart')}</a> })
    // The search as typed, isolated: right-to-left or mixed text reordered the sentence around it.
    : t('membersEmptyFiltered', { filters: [...(applied.search ? [t('searchApplied', { search: isolate(applied.search) })] : []), ...filtersApplied].join(' · ') });

  const goTo = (row: ListedMember) => window.location.assign(memberHref(store.slug, row.member_id));

  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t('membersTitle')}</h1>
      <CheckedForm check={errors} leaveFreely class="panel filter-form" role="search" aria-label={t('membersFilters')} onSubmit={submit}
        // A filter focused where none is folded (wider than a phone) opens them: narrowed, the window keeps it in sight, the keyboard on it.
        onFocusIn={(event) => {
          if ((event.target as Element).closest('#members-more-filters')) setMoreShown(true);
        }}>
        <Field id="members-search" label={t('searchLabel')} hint={t('searchHint')} error={msg(errors.search)}>
          {(aria) => <input {...aria} type="search" value={draft.search} onInput={set('search')} />}
        </Field>
        <button ref={toggle} type="button" class="filter-toggle" aria-expanded={moreShown} aria-controls="members-more-filters" aria-describedby={summary ? 'members-filter-summary' : undefined}
          onClick={() => setMoreShown(!moreShown)}>
          {folded ? t('membersMoreFiltersCount', { count: formatNumber(folded, locale) }) : t('membersMoreFilters')}
        </button>
        {/* Cleared by the form's Clear, which stays where it is: one of its own here did the same, and
            taken away with the line it stood in, left the keyboard nowhere. */}
        {summary && <p id="members-filter-summary" class="filter-summary">{summary}</p>}
        <div id="members-more-filters" class="filter-more">
          <Field id="members-tier" label={t('filterTier')}>
            {(aria) => (
              <select {...aria} value={draft.tier_id} onChange={set('tier_id')}>
                <option value="">{t('filterAny')}</option>
                {tiers.data?.map((tier) => <option key={tier.id} value={tier.id}>{tier.name}</option>)}
              </select>
            )}
          </Field>
          <Field id="members-stage" label={t('filterStage')}>
            {(aria) => (
              <select {...aria} value={draft.stage} onChange={set('stage')}>
                <option value="">{t('filterAny')}</option>
                {stages.map((stage) => <option key={stage} value={stage}>{t(`stage_${stage}`)}</option>)}
              </select>
            )}
          </Field>
          <Field id="members-churn" label={t('filterChurn')}>
            {(aria) => (
              <select {...aria} value={draft.churn} onChange={set('churn')}>
                <option value="">{t('filterAny')}</option>
                <option value="yes">{t('churnYes')}</option>
                <option value="no">{t('churnNo')}</option>
              </select>
            )}
          </Field>
          <Field id="members-country" label={t('filterCountry')} error={msg(errors.country)}>
            {(aria) => (
              <select {...aria} value={draft.country} onChange={set('country')}>
                <option value="">{t('filterAny')}</option>
                {countries.map((country) => <option key={country.code} value={country.code}>{country.name}</option>)}
              </select>
            )}
          </Field>
          <Field id="members-membership" label={t('filterMembership')}>
            {(aria) => (
              <select {...aria} value={draft.membership} onChange={set('membership')}>
                <option value="">{t('membershipCurrent')}</option>
                <option value="former">{t('membershipFormer')}</option>
              </select>
            )}
          </Field>
          {/* A group, not a fieldset: a fieldset cannot take the form's columns (subgrid). */}
          <div class="filter-range" role="group" aria-labelledby="members-last-order">
            <p id="members-last-order" class="filter-range-label">{t('filterLastOrder')}</p>
            <DateField id="members-from" label={t('filterFrom')} error={msg(errors.last_order_from)} value={draft.last_order_from} onValue={setDay('last_order_from')} />
            <DateField id="members-to" label={t('filterUntil')} error={msg(errors.last_order_to)} value={draft.last_order_to} onValue={setDay('last_order_to')} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="primary">{t('applyFilters')}</button>
          <button type="button" onClick={clear}>{t('clearFilters')}</button>
        </div>
      </CheckedForm>
      <StagesExplained store={store} tiers={tiers} />
      {applied.membership === '' && !!former.data && (
        <p>
          {t(pluralKey('formerHidden', former.data, locale), { count: formatNumber(former.data, locale) })}
          {sentenceGap(locale)}
          <button type="button" class="link-button" onClick={showFormer}>{t('showFormer')}</button>
        </p>
      )}
      {said.line('members-found')}
      <div ref={said.results} id="members-results">
      <LoadState state={state}>
        {(data) => (
        <>
          {data.total > 0 && <MembersDownload store={store} filters={applied} />}
          {applied.membership === 'former' && data.total > 0 && <p class="muted">{t('formerBalancesNote')}</p>}
          <DataTable
            caption={t(applied.membership === 'former' ? 'formerMembersCaption' : 'membersCaption', { count: data.total })}
            rows={data.rows}
            rowKey={(row) => row.member_id}
            onActivate={goTo}
            rowLabel={(row) => `${company(row)}, ${row.tier_name ?? ''}, ${row.left_at ? t('formerMember') : t(`stage_${row.stage}`)}`}
            empty={empty}
            columns={[
              {
                key: 'company',
                header: t('colCompany'),
                cell: (row) => (
                  <>
                    <a href={memberHref(store.slug, row.member_id)}>{company(row)}</a>
                    {/* Every former member is named "Former member": when each went tells them apart. */}
                    {row.left_at && <span class="muted row-note">{dated(t('formerLeftOn'), date(row.left_at))}</span>}
                    {/* A search that found a person, not the company's name: which one, or the row reads as a wrong match. */}
                    {matched(row, data.search)}
                  </>
                ),
              },
              { key: 'country', header: t('colCountry'), cell: (row) => (row.country ? regionName(row.country, locale) : '—') },
              { key: 'tier', header: t('colTier'), cell: (row) => row.tier_name ?? '—' },
              // A company that left is in no stage and at no risk: "Interested", "Not at risk" misled.
              { key: 'stage', header: t('colStage'), cell: (row) => (row.left_at ? '—' : t(`stage_${row.stage}`)) },
              { key: 'churn', header: t('colChurn'), cell: (row) => (row.left_at ? '—' : row.churn_risk ? <span class="badge warn">{t('churnYes')}</span> : t('churnNo')) },
              { key: 'last', header: t('colLastOrder'), nowrap: true, cell: (row) => date(row.last_order_at) },
              { key: 'orders', header: t(pluralKey('colOrdersInPeriod', store.statistical_period_days, locale, true), { days: formatNumber(store.statistical_period_days, locale) }), numeric: true, cell: (row) => formatNumber(row.paid_orders_in_period, locale) },
              { key: 'paid', header: t(pluralKey('colAmountInPeriod', store.statistical_period_days, locale, true), { days: formatNumber(store.statistical_period_days, locale) }), numeric: true, cell: (row) => formatMoney(row.paid_amount_in_period, store.base_currency, locale) },
              // A former member's balances stay on its record (erase_company keeps the ledgers) but no one can use them: muted, and said above the table.
              { key: 'points', header: t('colPoints'), numeric: true, cell: (row) => (row.left_at ? <span class="muted">{formatNumber(row.points_balance, locale)}</span> : formatNumber(row.points_balance, locale)) },
              { key: 'rebate', header: t('colRebate'), numeric: true, cell: (row) => (row.left_at ? <span class="muted">{formatMoney(row.rebate_balance, store.base_currency, locale)}</span> : formatMoney(row.rebate_balance, store.base_currency, locale)) },
            ]}
          />
          <Pager
            page={page}
            pageSize={memberPageSize}
            total={data.total}
            onPage={setPage}
            labels={{ previous: t('pagePrevious'), next: t('pageNext'), nav: t('pagesOf', { what: t('membersTitle') }), range: (from, to, total) => t('pageRange', { from, to, total }) }}
          />
        </>
        )}
      </LoadState>
      </div>
    </section>
  );
}
