/**
 * /console/campaigns/: a send in one place: the segment chosen, its recipients downloaded (the
 * Segments export), the send logged (channel, subject, when, how many: the file's rows once it was
 * downloaded); and each campaign's results: its recipients' paid orders within 30 days of the send,
 * and the contacts it was sent to, downloaded again as the same file.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney, formatNumber, joinSentences } from '../../../i18n/format.ts';
import { dateTimeText } from '../../date-text.tsx';
import { campaignFields, campaignFormSchema, campaignResults, channels, recordCampaign, sentCountMax, type CampaignForm, type CampaignResult } from '../../../lib/growth/campaigns.ts';
import { loadSegments, segmentSize, type SegmentSize } from '../../../lib/growth/segments.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { apiMessage } from '../../console/ui/form-errors.ts';
import { LoadState } from '../../console/ui/LoadState.tsx';
import { failedLoadSentence } from '../../console/ui/refusals.ts';
import { asResult, useLoad, withinBound } from '../../console/ui/use-load.ts';
import { csvLayoutSentence, downloadCampaign, downloadSegment, sizeLine } from '../segments/segment-download.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { DataTable } from '../../console/ui/DataTable.tsx';
import { Field, FormError } from '../../console/ui/Field.tsx';
import { DateField } from '../../console/ui/DateField.tsx';
import { apiErrors, zodErrors, type FieldErrors } from '../../console/ui/form-errors.ts';
import { consoleHref } from '../../console/links.ts';
import { Notice } from '../Notice.tsx';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../../console/console-text.ts';
import '../growth.css';
import { CheckedForm } from '../../console/ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { focusOn } from '../../form-focus.ts';
import { useRequestKeys } from '../../request-key.ts';

/** `datetime-local` wants local time without a zone. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The chosen segment's reach: its size, and the rows of the recipients file downloaded for it. */
type Reach = { status: 'none' | 'loading' } | { status: 'error'; message: string } | { status: 'ready'; size: SegmentSize };

export function CampaignsScreen({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('growth');
  const { t: staff } = useConsoleText('staff');
  const { t: site } = useText();
  const data = useLoad(() => Promise.all([loadSegments(store.id).then(orThrow), campaignResults(store.id).then(orThrow)]), [store.id]);
  const [form, setForm] = useState<CampaignForm>({ segment_id: '', channel: 'email', subject: '', sent_at: localNow(), sent_count: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRequestKeys();
  const [notice, setNotice] = useState<string | null>(null);
  const noticeLine = useRef<HTMLParagraphElement>(null);
  const [reach, setReach] = useState<Reach>({ status: 'none' });
  const [downloaded, setDownloaded] = useState<{ segmentId: string; rows: number } | null>(null);
  // A logged campaign's file: the one being fetched, then what it held or why it failed.
  const [sending, setSending] = useState<string | null>(null);
  const [sentFile, setSentFile] = useState<{ said: string } | { error: string } | null>(null);
  const segment = data.data?.[0].find((s) => s.id === form.segment_id);

  // The chosen segment's size as it is now: who a download, or a log without one, reaches.
  useEffect(() => {
    if (!segment) return setReach({ status: 'none' });
    let current = true;
    setReach({ status: 'loading' });
    // Bounded as a screen's load: a count the network stalled said "Loading…" for good.
    void asResult(withinBound(() => segmentSize(store.id, segment.filters).then(orThrow))).then((answer) => {
      if (current) setReach(answer.ok ? { status: 'ready', size: answer.data } : { status: 'error', message: failedLoadSentence(answer.error, staff, locale) });
    });
    return () => { current = false; };
  }, [segment?.id, store.id]);

  const set = <K extends keyof CampaignForm>(key: K, value: CampaignForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setNotice(null);
  };

  // Another segment: the count filled in from the last one's file goes with it.
  function chooseSegment(id: string) {
    if (downloaded && form.sent_count === String(downloaded.rows)) set('sent_count', '');
    setDownloaded(null);
    set('segment_id', id);
  }

  async function downloadRecipients() {
    if (!segment) return;
    setFormError(null);
    setBusy(true);
    const done = await downloadSegment(store, segment.filters, segment.name, t, locale);
    setBusy(false);
    if (!done.ok) return setFormError(apiMessage(done.error));
    // What the file holds is what the log counts: the number of messages is its rows, unless typed.
    if (form.sent_count === '' || (downloaded && form.sent_count === String(downloaded.rows))) set('sent_count', String(done.rows));
    setDownloaded({ segmentId: segment.id, rows: done.rows });
    setNotice(done.said);
  }
  async function downloadSent(campaign: CampaignResult) {
    setSending(campaign.campaign_id);
    setSentFile(null);
    const done = await downloadCampaign(store, campaign, t, locale);
    setSending(null);
    setSentFile(done.ok ? { said: done.said } : { error: apiMessage(done.error) });
  }
  const message = (key: string) => {
    const value = errors[key];
    // The one value a message names: the number of messages' bound (vSentCount).
    return value && /^v[A-Z]/.test(value) ? t(value as never, { max: formatNumber(sentCountMax, locale) }) : value;
  };

  async function submit(event: Event) {
    event.preventDefault();
    setFormError(null);
    const checked = campaignFormSchema.safeParse(form);
    if (!checked.success) return setErrors(zodErrors(checked.error));
    // Checked: the refusal before is answered (kept, it came back in red on the cleared form once logged).
    setErrors({});
    setBusy(true);
    const saved = await recordCampaign(store.id, checked.data, keys.for({ store: store.id, ...checked.data }));
    setBusy(false);
    if (!saved.ok) {
      const mapped = apiErrors(saved.error, campaignFields);
      setErrors(mapped.fields);
      return setFormError(mapped.form);
    }
    keys.done();
    setNotice(t('campaignRecorded', { subject: checked.data.subject }));
    setForm({ segment_id: '', channel: 'email', subject: '', sent_at: localNow(), sent_count: '' });
    setDownloaded(null);
    // The form was cleared: the keyboard goes to the line saying what was logged, beside Log a campaign.
    if (noticeLine.current) focusOn(noticeLine.current);
    setSentFile(null);
    await data.reloadAfterWrite();
  }

  // The file has a row per consenting contact: with none there is nothing to send, or to download.
  const nobody = reach.status === 'ready' && reach.size.consenting_contacts === 0;
  const exportable = reach.status === 'ready' && !nobody;
  const reachIds = nobody ? 'camp-reach camp-nobody' : 'camp-reach';
  const fromFile = downloaded !== null && downloaded.segmentId === form.segment_id && form.sent_count === String(downloaded.rows);

  return (
    <div class="growth-grid">
      <h1>{t('campaignsTitle')}</h1>
      <p class="muted">{t('campaignsIntro')}</p>
      <LoadState state={data}>
        {([segments, results]) => (
          <>
            <section aria-labelledby="record-title">
              <h2 id="record-title">{t('recordSend')}</h2>
              <p class="muted">{joinSentences([t('recordHint'), csvLayoutSentence(t, locale)], locale)}</p>
              {segments.length === 0 ? (
                <p class="empty">
                  {t('needSegment')} <a href={consoleHref('/console/segments/', store.slug)}>{t('navSegments')}</a>
                </p>
              ) : (
                <CheckedForm check={errors} class="growth-form" onSubmit={submit}>
                  <div class="recipients">
                    <Field id="camp-segment" label={t('colSegment')} error={message('segment_id')}>
                      {(aria) => (
                        <select {...aria} value={form.segment_id} onChange={(e) => chooseSegment(e.currentTarget.value)}>
                          <option value="">{t('chooseSegment')}</option>
                          {segments.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                        </select>
                      )}
                    </Field>
                    <BusyButton type="button" busy={busy} disabled={!exportable} aria-describedby={reachIds} onClick={() => void downloadRecipients()}>
                      {t('downloadRecipients')}
                    </BusyButton>
                  </div>
                  <p id="camp-reach" class="live-size" role="status" aria-live="polite">
                    {reach.status === 'ready' ? sizeLine(reach.size, t, locale) : reach.status === 'error' ? reach.message : reach.status === 'loading' ? site('loading') : ''}
                  </p>
                  {nobody && <p id="camp-nobody" class="field-hint">{t('recipientsNone')}</p>}
                  <div class="row">
                    <Field id="camp-channel" label={t('colChannel')} error={message('channel')}>
                      {(aria) => (
                        <select {...aria} value={form.channel} onChange={(e) => set('channel', e.currentTarget.value as CampaignForm['channel'])}>
                          {channels.map((c) => <option key={c} value={c}>{t(`channel_${c}`)}</option>)}
                        </select>
                      )}
                    </Field>
                  </div>
                  <Field id="camp-subject" label={t('colSubject')} error={message('subject')}>
                    {(aria) => <input {...aria} value={form.subject} maxLength={200} onInput={(e) => set('subject', e.currentTarget.value)} />}
                  </Field>
                  <div class="row">
                    <DateField id="camp-sent-at" time label={t('colSentAt')} error={message('sent_at')} value={form.sent_at} onValue={(at) => set('sent_at', at)} />
                    <Field id="camp-count" label={t('colSentCount')} hint={fromFile ? t('sentCountFromFile') : t('sentCountHint')} error={message('sent_count')}>
                      {(aria) => <input {...aria} inputMode="numeric" value={form.sent_count} onInput={(e) => set('sent_count', e.currentTarget.value)} />}
                    </Field>
                  </div>
                  <FormError message={formError} />
                  <div class="actions">
                    <BusyButton type="submit" class="primary" busy={busy}>{t('recordSend')}</BusyButton>
                    <Notice text={notice} line={noticeLine} />
                  </div>
                </CheckedForm>
              )}
            </section>
            <section aria-labelledby="results-title">
              <h2 id="results-title">{t('campaignResults')}</h2>
              <p class="muted">{t('resultsHint')}</p>
              <FormError message={sentFile && 'error' in sentFile ? sentFile.error : null} />
              <Notice text={sentFile && 'said' in sentFile ? sentFile.said : null} />
              <CampaignTable
                results={results}
                caption={t('campaignsTable')}
                empty={t('noCampaigns')}
                download={(r) => (
                  <BusyButton type="button" class="link-button" busy={sending === r.campaign_id} aria-label={t('downloadSentOf', { subject: r.subject })} onClick={() => void downloadSent(r)}>
                    {t('downloadSent')}
                  </BusyButton>
                )}
              />
            </section>
          </>
        )}
      </LoadState>
    </div>
  );
}

/**
 * The campaigns with their 30-day results; also on the analytics page, under its own heading either
 * way, and with its own sentence for none (there, none in the chosen range, not none at all). The
 * campaign log gives each campaign its recipients' `download`, under its subject: a column of its
 * own pushed the ten columns past a 1280 px window in English and Spanish.
 */
export function CampaignTable({ results, caption, empty, download }: {
  results: CampaignResult[]; caption: string; empty: string; download?: (row: CampaignResult) => ComponentChildren;
}) {
  const { t, locale } = useConsoleText('growth');
  return (
    <DataTable
      caption={caption}
      rows={results}
      rowKey={(r) => r.campaign_id}
      empty={empty}
      columns={[
        // The day and its time each kept whole, the time under the day where the column is narrow:
        // on one line they made the widest column, squeezing the subject and the figures' headings.
        { key: 'sent', header: t('colSentAt'), cell: (r) => dateTimeText('sent', r.sent_at, locale) },
        { key: 'channel', header: t('colChannel'), cell: (r) => t(`channel_${r.channel}`) },
        { key: 'subject', header: t('colSubject'), primary: true, cell: (r) => (download ? <>{r.subject}<span class="campaign-file">{download(r)}</span></> : r.subject) },
        { key: 'segment', header: t('colSegment'), cell: (r) => r.segment_name },
        { key: 'count', header: t('colSentCount'), cell: (r) => formatNumber(r.sent_count, locale), numeric: true },
        { key: 'recipients', header: t('colRecipients'), cell: (r) => formatNumber(r.recipients, locale), numeric: true },
        { key: 'buyers', header: t('colOrdering'), cell: (r) => formatNumber(r.ordering_recipients, locale), numeric: true },
        { key: 'orders', header: t('colOrders'), cell: (r) => formatNumber(r.orders, locale), numeric: true },
        { key: 'revenue', header: t('colRevenue'), cell: (r) => formatMoney(r.revenue, r.currency, locale), numeric: true },
      ]}
    />
  );
}
