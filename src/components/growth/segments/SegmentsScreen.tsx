/**
 * /console/segments/: build a segment from filters with its live size (companies, contacts,
 * contacts who consented) recomputed as the filters change, preview its members, save it,
 * and export its consenting contacts as CSV for a mailer or SMS tool.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatNumber, regionName } from '../../../i18n/format.ts';
import { loadTiers, stages } from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { StagesExplained } from '../../console/members/StagesExplained.tsx';
import {
  deleteSegment, emptySegmentForm, industryKey, loadSegment, loadSegments, previewPageSize, rereadSegment, saveSegment, segmentFields, segmentFormSchema, segmentIndustries,
  segmentMembers, segmentSize, toFilters, toForm, withFormField, type IndustryChoice, type Segment, type SegmentForm, type SegmentMember,
  type SegmentSize,
} from '../../../lib/growth/segments.ts';
import { RereadNote } from '../../console/ui/RereadNote.tsx';
import { useReread } from '../../console/ui/reread.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { memberHref } from '../../console/links.ts';
import { ConfirmDialog } from '../../console/ui/ConfirmDialog.tsx';
import { DataTable } from '../../console/ui/DataTable.tsx';
import { DateField } from '../../console/ui/DateField.tsx';
import { Field, FieldSet, FormError } from '../../console/ui/Field.tsx';
import { apiErrors, apiMessage, zodErrors, type FieldErrors } from '../../console/ui/form-errors.ts';
import { LoadState } from '../../console/ui/LoadState.tsx';
import { Pager } from '../../console/ui/Pager.tsx';
import { failedLoadSentence } from '../../console/ui/refusals.ts';
import { asResult, useLoad, withinBound } from '../../console/ui/use-load.ts';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../../console/console-text.ts';
import { Notice } from '../Notice.tsx';
import { CountryPicker } from './CountryPicker.tsx';
import { contactsFileHint, downloadSegment, sizeLine } from './segment-download.ts';
import '../growth.css';
import { CheckedForm } from '../../console/ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

/** The live size and the preview's page `page` of the companies `filters` select. */
type Live = { status: 'idle' | 'loading' } | { status: 'error'; message: string } | { status: 'ready'; size: SegmentSize; members: SegmentMember[]; filters: Record<string, unknown>; page: number };

export function SegmentsScreen({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('growth');
  const { t: staff } = useConsoleText('staff');
  const { t: ops } = useConsoleText('operations');
  const { t: site } = useText();
  const segments = useLoad(() => loadSegments(store.id).then(orThrow), [store.id]);
  const tiers = useLoad(() => loadTiers(store.id).then(orThrow), [store.id]).data ?? [];
  // Apart from the segments: without them the industries are still typed as text.
  const industries = useLoad(() => segmentIndustries(store.id).then(orThrow), [store.id]);
  const [current, setCurrent] = useState<Segment | null>(null);
  // The form's identity: a new one for each segment opened, the same once a new segment is first
  // saved and gets its id (keyed by the id, the form was rebuilt under the keyboard, the focus on <body>).
  const [opened, setOpened] = useState(0);
  const [name, setName] = useState('');
  const [form, setForm] = useState<SegmentForm>(emptySegmentForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [live, setLive] = useState<Live>({ status: 'idle' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // A save refused because someone else changed the segment since it was read offers Reload: the
  // builder shows their changes where nothing was typed and keeps what was (rereadSegment), the next
  // save made over the segment as read now, the list read again.
  const saves = useReread({
    read: current,
    load: (segment) => loadSegment(store.id, segment.id),
    merge: (segment, now) => {
      const { form: { name: shownName, ...shown }, taken, kept } = rereadSegment(segment, now, { name, ...form });
      setCurrent(now);
      setName(shownName);
      setForm(shown);
      setErrors({});
      setFormError(null);
      void segments.reload();
      return { taken, kept };
    },
    // Deleted since: what was typed becomes a new segment's.
    gone: () => {
      setCurrent(null);
      setFormError(t('segmentGoneSince'));
      void segments.reload();
    },
    say: setFormError,
    setBusy,
  });
  const request = useRef(0);
  const pageRequest = useRef(0);
  // Set once the open segment is deleted, for the dialog closing then: its Delete button went with
  // the segment, and the focus with it to the page's body; the line saying so takes it.
  const deleted = useRef(false);
  const noticeLine = useRef<HTMLParagraphElement>(null);

  // The live size follows the filters, a moment after the last change; the first count at once,
  // as nothing has been typed that another keystroke would change.
  useEffect(() => {
    const checked = segmentFormSchema.safeParse(form);
    // A live check that says what the last one said keeps its errors object: an error edited away
    // comes back when saving checks again (FormCheck), not at each keystroke.
    const same = (next: FieldErrors) => (previous: FieldErrors) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next);
    if (!checked.success) {
      setErrors(same(zodErrors(checked.error)));
      return;
    }
    setErrors(same({}));
    const mine = ++request.current;
    const delay = live.status === 'idle' ? 0 : 350;
    setLive((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    const timer = setTimeout(async () => {
      const filters = toFilters(checked.data);
      // Bounded as a screen's load: a count the network stalled held its place for good.
      const answer = await asResult(withinBound(() => Promise.all([segmentSize(store.id, filters).then(orThrow), segmentMembers(store.id, filters).then(orThrow)])));
      if (mine !== request.current) return;
      if (!answer.ok) {
        // A filter the server refused is said at its field; any other failure as a load's.
        const mapped = apiErrors(withFormField(answer.error), segmentFields);
        setErrors(mapped.fields);
        setLive({ status: 'error', message: mapped.form === null ? t('filtersInvalid') : failedLoadSentence(answer.error, staff, locale) });
        return;
      }
      const [size, members] = answer.data;
      setLive({ status: 'ready', size, members, filters, page: 0 });
    }, delay);
    return () => clearTimeout(timer);
  }, [form, store.id]);

  /** Another page of the preview, as the members list pages: the sizes stay; filters changed since, or a later page asked, win. */
  async function showPage(page: number) {
    if (live.status !== 'ready') return;
    const filters = request.current;
    const mine = ++pageRequest.current;
    const answer = await segmentMembers(store.id, live.filters, page);
    if (filters !== request.current || mine !== pageRequest.current) return;
    setLive(answer.ok ? { ...live, members: answer.data, page } : { status: 'error', message: failedLoadSentence(answer.error, staff, locale) });
  }

  const set = <K extends keyof SegmentForm>(key: K, value: SegmentForm[K]) => {
    setNotice(null);
    setForm((previous) => ({ ...previous, [key]: value }));
  };
  const toggle = (key: 'tiers' | 'stages', value: string, on: boolean) =>
    set(key, (on ? [...form[key], value] : form[key].filter((v) => v !== value)) as never);

  function open(segment: Segment | null) {
    setOpened((count) => count + 1);
    setCurrent(segment);
    setName(segment?.name ?? '');
    setForm(segment ? toForm(segment.filters) : emptySegmentForm);
    setFormError(null);
    setNotice(null);
    saves.saving();
  }

  async function save(event: Event) {
    event.preventDefault();
    const checked = segmentFormSchema.safeParse(form);
    if (!name.trim()) return setErrors({ ...errors, name: t('vRequired') });
    if (!checked.success) return setErrors(zodErrors(checked.error));
    // Checked: a name asked for before is answered (kept, it came back in red on the next form opened).
    setErrors({});
    saves.saving();
    setBusy(true);
    const saved = await saveSegment(store.id, current, name.trim(), toFilters(checked.data));
    setBusy(false);
    if (!saved.ok && saves.refused(saved.error, t('segmentChangedSince'))) return;
    if (!saved.ok) {
      const mapped = apiErrors(withFormField(saved.error), ['name', ...segmentFields]);
      setErrors(mapped.fields);
      setFormError(mapped.form);
      return;
    }
    setCurrent(saved.data);
    setNotice(t('segmentSaved', { name: saved.data.name }));
    await segments.reloadAfterWrite();
  }

  async function exportCsv() {
    const checked = segmentFormSchema.safeParse(form);
    if (!checked.success) return;
    setBusy(true);
    // Named as the name field has it, saved or not yet: the file of a segment typed and not saved
    // was "segmento" whatever it was called.
    const done = await downloadSegment(store, toFilters(checked.data), name.trim() || t('segmentFileWord'), t, locale);
    setBusy(false);
    if (!done.ok) return setFormError(apiMessage(done.error));
    setNotice(done.said);
  }

  async function remove() {
    if (!current) return;
    setBusy(true);
    const done = await deleteSegment(current.id);
    setBusy(false);
    setConfirming(false);
    if (!done.ok) return setFormError(apiMessage(done.error));
    deleted.current = true;
    open(null);
    setNotice(t('segmentDeleted', { name: current.name }));
    await segments.reloadAfterWrite();
  }

  // The export has a row per consenting contact: with none there is nothing to download.
  const nothingToExport = live.status === 'ready' && live.size.consenting_contacts === 0;
  const exportable = live.status === 'ready' && !nothingToExport;

  const dateField = (key: 'joined_from' | 'joined_to' | 'last_order_from' | 'last_order_to') => (
    <DateField id={`seg-${key}`} label={t(`f_${key}`)} error={errors[key] && t(errors[key] as never)} value={form[key]} onValue={(day) => set(key, day)} />
  );
  // Those members wrote, then any a saved segment names that no member writes any more (0), so it
  // can be seen and taken out.
  const industryChoices: IndustryChoice[] = industries.data ?? [];
  const choices = [
    ...industryChoices,
    ...form.industries.filter((i) => !industryChoices.some((c) => industryKey(c.industry) === industryKey(i))).map((industry) => ({ industry, members: 0 })),
  ];
  const chosenIndustry = (industry: string) => form.industries.some((i) => industryKey(i) === industryKey(industry));
  const chooseIndustry = (industry: string, on: boolean) =>
    set('industries', on ? [...form.industries, industry] : form.industries.filter((i) => industryKey(i) !== industryKey(industry)));
  const sizes = (counts: SegmentSize) => sizeLine(counts, t, locale);
  const message = (key: keyof SegmentForm | 'name') => {
    const value = errors[key];
    return value && /^v[A-Z]/.test(value) ? t(value as never) : value;
  };

  return (
    <div class="growth-grid two">
      <h1>{t('segmentsTitle')}</h1>
      <section aria-labelledby="saved-title">
        <h2 id="saved-title">{t('savedSegments')}</h2>
        <LoadState state={segments}>
          {(list) => (
            <>
              {list.length === 0 && <p class="empty">{t('noSegments')}</p>}
              <ul class="segment-list">
                {list.map((segment) => (
                  <li key={segment.id}>
                    <button type="button" class="link-button" aria-current={current?.id === segment.id ? 'true' : undefined} onClick={() => open(segment)}>
                      {segment.name}
                    </button>
                  </li>
                ))}
              </ul>
              {current && <p><button type="button" class="primary" onClick={() => open(null)}>{t('newSegment')}</button></p>}
            </>
          )}
        </LoadState>
      </section>

      <section aria-labelledby="builder-title">
        <h2 id="builder-title">{current ? t('editSegment', { name: current.name }) : t('newSegment')}</h2>
        <RereadNote reloaded={t('segmentReread')} changes={saves.changes} label={(field) => (field === 'name' ? t('segmentName') : t(`f_${field}`))} />
        <p class="live-size" role="status" aria-live="polite" data-testid="live-size">
          {live.status === 'ready' ? sizes(live.size) : live.status === 'error' ? live.message : (
            // Until the first count, its sentence unseen holds the room the count will take: a
            // "Loading…" flashed in the box on every visit, and the box changed height with it.
            // Held for four wide digits: held for "0", a store's thousands took one more line at
            // 360 px (in Chinese); five would hold a third line in English for a store of tens.
            <>
              <span class="visually-hidden">{site('loading')}</span>
              <span class="live-size-pending" aria-hidden="true">{sizes({ members: 8_888, contacts: 8_888, consenting_contacts: 8_888 })}</span>
            </>
          )}
        </p>
        <CheckedForm key={opened} check={errors} class="growth-form" onSubmit={save}>
          <Field id="seg-name" label={t('segmentName')} error={message('name')}>
            {(aria) => <input {...aria} value={name} maxLength={120} required onInput={(e) => { setName(e.currentTarget.value); setNotice(null); }} />}
          </Field>
          <FieldSet id="seg-tiers" legend={t('f_tiers')} error={message('tiers')}>
            <div class="check-list">
              {tiers.map((tier) => (
                <label key={tier.id}>
                  <input type="checkbox" checked={form.tiers.includes(tier.id)} onChange={(e) => toggle('tiers', tier.id, e.currentTarget.checked)} />
                  {tier.name}
                </label>
              ))}
            </div>
          </FieldSet>
          <FieldSet id="seg-stages" legend={t('f_stages')} error={message('stages')}>
            <div class="check-list">
              {stages.map((stage) => (
                <label key={stage}>
                  <input type="checkbox" checked={form.stages.includes(stage)} onChange={(e) => toggle('stages', stage, e.currentTarget.checked)} />
                  {t(`stage_${stage}`)}
                </label>
              ))}
            </div>
          </FieldSet>
          <StagesExplained store={store} />
          <Field id="seg-churn" label={t('f_churn')} error={message('churn')}>
            {(aria) => (
              <select {...aria} value={form.churn} onChange={(e) => set('churn', e.currentTarget.value as SegmentForm['churn'])}>
                <option value="">{t('any')}</option>
                <option value="yes">{t('churnYes')}</option>
                <option value="no">{t('churnNo')}</option>
              </select>
            )}
          </Field>
          <FieldSet id="seg-industries" legend={t('f_industries')} hint={t('industriesHint')} error={message('industries')}>
            {industries.status === 'loading' && <p class="muted" role="status">{t('industriesLoading')}</p>}
            {industries.status === 'error' && (
              <p role="alert" class="industries-error">
                {t('industriesError')} <button type="button" onClick={() => void industries.reload()}>{site('retry')}</button>
              </p>
            )}
            {industries.status === 'ready' && choices.length === 0 && <p class="muted">{t('industriesNone')}</p>}
            {choices.length > 0 && (
              <div class="check-list industry-list">
                {choices.map((choice) => (
                  <label key={industryKey(choice.industry)}>
                    <input type="checkbox" checked={chosenIndustry(choice.industry)} onChange={(e) => chooseIndustry(choice.industry, e.currentTarget.checked)} />
                    {t('industryChoice', { industry: choice.industry, count: formatNumber(choice.members, locale) })}
                  </label>
                ))}
              </div>
            )}
            <Field id="seg-industries-other" label={t('f_otherIndustries')} hint={t('otherIndustriesHint')} error={message('otherIndustries')}>
              {(aria) => <input {...aria} value={form.otherIndustries} onInput={(e) => set('otherIndustries', e.currentTarget.value)} />}
            </Field>
          </FieldSet>
          <Field id="seg-countries" label={t('f_countries')} hint={t('countriesHint')} error={message('countries')}>
            {(aria) => (
              <CountryPicker aria={aria} value={form.countries} onChange={(codes) => set('countries', codes)} locale={locale}
                text={{ add: t('addCountry'), chosen: t('chosenCountries'), remove: (country) => t('removeCountry', { country }) }} />
            )}
          </Field>
          {/* Each date range on a line of its own: from beside until. */}
          <div class="row">
            {dateField('joined_from')}
            {dateField('joined_to')}
          </div>
          <div class="row">
            {dateField('last_order_from')}
            {dateField('last_order_to')}
          </div>
          <div class="row">
            <Field id="seg-points" label={t('f_points_at_least')} error={message('points_at_least')}>
              {(aria) => <input {...aria} inputMode="numeric" value={form.points_at_least} onInput={(e) => set('points_at_least', e.currentTarget.value)} />}
            </Field>
            <Field id="seg-coupon" label={t('f_coupon_expires_within_days')} error={message('coupon_expires_within_days')}>
              {(aria) => <input {...aria} inputMode="numeric" value={form.coupon_expires_within_days} onInput={(e) => set('coupon_expires_within_days', e.currentTarget.value)} />}
            </Field>
          </div>
          <label class="check">
            <input type="checkbox" checked={form.sampled_never_ordered} onChange={(e) => set('sampled_never_ordered', e.currentTarget.checked)} />
            {t('f_sampled_never_ordered')}
          </label>
          <FormError message={formError} />
          {saves.stale && (
            <div class="actions">
              <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>{t('reloadSegment')}</BusyButton>
            </div>
          )}
          <div class="actions">
            <BusyButton type="submit" class="primary" busy={busy}>{current ? t('saveChanges') : t('saveSegment')}</BusyButton>
            <BusyButton type="button" busy={busy} disabled={!exportable} aria-describedby={nothingToExport ? 'export-none' : undefined} onClick={() => void exportCsv()}>{t('downloadCsv')}</BusyButton>
            {current && <button type="button" class="danger-outline" disabled={busy} onClick={() => { deleted.current = false; setConfirming(true); }}>{t('deleteSegment')}</button>}
            <Notice text={notice} line={noticeLine} />
          </div>
          {nothingToExport && <p id="export-none" class="field-hint">{t('exportNone')}</p>}
          <p class="field-hint">{contactsFileHint(t, locale)}</p>
        </CheckedForm>

        {live.status === 'ready' && (
          <>
            <DataTable
              // Which of them a page shows ("11–16"), once they are more than a page.
              caption={t('previewCaption', {
                shown: live.size.members > previewPageSize ? `${formatNumber(live.page * previewPageSize + 1, locale)}–${formatNumber(live.page * previewPageSize + live.members.length, locale)}` : live.members.length,
                total: live.size.members,
              })}
              rows={live.members}
              rowKey={(m) => m.member_id}
              empty={t('segmentEmpty')}
              columns={[
                { key: 'company', header: t('colCompany'), cell: (m) => <a href={memberHref(store.slug, m.member_id)}>{m.company_name}</a> },
                { key: 'country', header: t('colCountry'), cell: (m) => (m.country ? regionName(m.country, locale) : '—') },
                { key: 'tier', header: t('colTier'), cell: (m) => m.tier_name ?? '—' },
                { key: 'stage', header: t('colStage'), cell: (m) => t(`stage_${m.stage}`) + (m.churn_risk ? ` · ${t('churnYes')}` : '') },
                { key: 'last', header: t('colLastOrder'), nowrap: true, cell: (m) => (m.last_order_at ? formatDate(m.last_order_at, locale) : '—') },
                { key: 'consent', header: t('colConsenting'), cell: (m) => formatNumber(m.consenting_contacts, locale), numeric: true },
              ]}
            />
            <Pager
              page={live.page}
              pageSize={previewPageSize}
              total={live.size.members}
              onPage={(page) => void showPage(page)}
              labels={{ previous: ops('pagePrevious'), next: ops('pageNext'), nav: ops('pagesOf', { what: t('matchingCompanies') }), range: (from, to, total) => ops('pageRange', { from, to, total }) }}
            />
          </>
        )}
      </section>
      <ConfirmDialog
        open={confirming}
        title={t('deleteSegmentTitle')}
        confirmLabel={t('deleteSegment')}
        cancelLabel={t('cancel')}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
        returnFocus={() => (deleted.current ? noticeLine.current : null)}
      >
        <p>{t('deleteSegmentBody', { name: current?.name ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}
