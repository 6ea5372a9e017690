/**
 * /console/analytics/: over a chosen range of days, members by tier and by stage over time,
 * conversions, average order value by tier, points and rebate liabilities, coupon redemption and
 * campaign results. Every chart is followed by a table of the same numbers and a CSV download.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../../i18n/format.ts';
import { loadAnalytics, periods, rangeSchema, type Analytics, type RangeForm } from '../../../lib/growth/analytics.ts';
import { downloadText, tableCsv, type Cell } from '../../../lib/growth/download.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { Field } from '../../console/ui/Field.tsx';
import { zodErrors, type FieldErrors } from '../../console/ui/form-errors.ts';
import { ScrollTable } from '../../ScrollTable.tsx';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../../console/console-text.ts';
import { CampaignTable } from '../campaigns/CampaignsScreen.tsx';
import { everyMonth } from './month-series.ts';
import { Chart } from './Chart.tsx';
import '../growth.css';

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: Analytics };

export function AnalyticsScreen({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('growth');
  const { t: site } = useText();
  const [form, setForm] = useState<RangeForm>({ from: day(89), to: day(0), period: 'month' });
  const [range, setRange] = useState(rangeSchema.parse(form));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [state, setState] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void loadAnalytics(store.id, range).then((answer) => {
      if (live) setState(answer.ok ? { status: 'ready', data: answer.data } : { status: 'error', message: answer.error.message });
    });
    return () => {
      live = false;
    };
  }, [store.id, range, attempt]);

  function apply(event: Event) {
    event.preventDefault();
    const checked = rangeSchema.safeParse(form);
    if (!checked.success) return setErrors(zodErrors(checked.error));
    setErrors({});
    setRange(checked.data);
  }
  const message = (key: string) => (errors[key] ? t(errors[key] as never) : undefined);

  return (
    <div class="growth-grid">
      <h1>{t('analyticsTitle')}</h1>
      <form class="growth-form" onSubmit={apply} noValidate aria-label={t('rangeLabel')}>
        <div class="row">
          <Field id="range-from" label={t('rangeFrom')} error={message('from')}>
            {(aria) => <input {...aria} type="date" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />}
          </Field>
          <Field id="range-to" label={t('rangeTo')} error={message('to')}>
            {(aria) => <input {...aria} type="date" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />}
          </Field>
          <Field id="range-period" label={t('rangePeriod')}>
            {(aria) => (
              <select {...aria} value={form.period} onChange={(e) => setForm({ ...form, period: e.currentTarget.value as RangeForm['period'] })}>
                {periods.map((p) => <option key={p} value={p}>{t(`period_${p}`)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div class="actions"><button type="submit" class="primary">{t('showRange')}</button></div>
        <p class="field-hint">{t('rangeHint')}</p>
      </form>
      {state.status === 'loading' && <p role="status" aria-busy="true">{site('loading')}</p>}
      {state.status === 'error' && (
        <div role="alert" class="error-box"><p>{state.message}</p><button type="button" onClick={() => setAttempt((n) => n + 1)}>{site('retry')}</button></div>
      )}
      {state.status === 'ready' && <Figures data={state.data} store={store} />}
    </div>
  );
}

function Figures({ data, store }: { data: Analytics; store: StaffStore }) {
  const { t, locale } = useConsoleText('growth');
  const money = (amount: number, currency: string | null = store.base_currency) => formatMoney(amount, currency ?? store.base_currency, locale);
  const axisMoney = (amount: number) => formatMoney(amount, store.base_currency, locale, { whole: true });
  const percent = (rate: number | null) => (rate === null ? '—' : formatPercent(rate * 100, locale));

  // Over time: one series per tier (by rank) or stage (cognitive → loyal), one point per period end.
  const overTime = (dimension: 'tier' | 'stage') => {
    const rows = data.overTime.filter((r) => r.dimension === dimension);
    const ends = [...new Set(rows.map((r) => r.period_end))].sort();
    // A tier row labelled '?' with a key is a tier removed since; without one, members the history gives no tier.
    const name = (row: (typeof rows)[number]) =>
      dimension === 'stage' ? t(`stage_${row.label}` as never) : row.label !== '?' ? row.label : row.key === null ? t('noTierRecorded') : t('removedTier');
    const keys = [...new Map(rows.sort((a, b) => a.rank - b.rank).map((r) => [r.key ?? '', name(r)])).entries()];
    // A period ends at the start of the next day; it is labelled with its last day.
    const lastDay = (end: string) => formatDate(new Date(Date.parse(end) - 1).toISOString(), locale);
    const count = (end: string, key: string) => rows.find((r) => r.period_end === end && (r.key ?? '') === key)?.members ?? 0;
    return {
      header: [t('colPeriodEnd'), ...keys.map(([, name]) => name)],
      rows: ends.map((end) => [lastDay(end), ...keys.map(([key]) => count(end, key))]),
      csv: ends.map((end) => [end, ...keys.map(([key]) => count(end, key))]),
      chart: { labels: ends.map(lastDay), series: keys.map(([key, name]) => ({ name, values: ends.map((end) => count(end, key)) })) },
    };
  };
  const tiers = overTime('tier');
  const stages = overTime('stage');
  const liabilities = data.liabilities;
  const points = liabilities.find((l) => l.kind === 'points' && l.expires_in === null)?.amount ?? 0;
  const rebate = liabilities.find((l) => l.kind === 'rebate');
  const expiring = liabilities.filter((l) => l.kind === 'points' && l.expires_in !== null);
  const expiringMonths = everyMonth(expiring.map((l) => ({ month: l.expires_in!, amount: l.amount })));
  // The order value's null tier is the orders placed before the buyer joined; a removed tier keeps its id.
  const tierName = (o: Analytics['orderValue'][number]) => (o.tier_id === null ? t('beforeJoining') : o.tier_name ?? t('removedTier'));
  const month = (iso: string) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

  return (
    <>
      <Section id="tiers" title={t('chartTiers')} file="members-by-tier" header={tiers.header} rows={tiers.rows} csv={tiers.csv}
        chart={<Chart kind="line" data={tiers.chart} label={t('chartTiers')} />} />
      <Section id="stages" title={t('chartStages')} file="members-by-stage" header={stages.header} rows={stages.rows} csv={stages.csv}
        chart={<Chart kind="line" data={stages.chart} label={t('chartStages')} />} />
      <Section id="conversions" title={t('chartConversions')} file="conversions"
        header={[t('colMetric'), t('colBase'), t('colConverted'), t('colRate')]}
        rows={data.conversions.map((c) => [t(`metric_${c.metric}`), formatNumber(c.base, locale), formatNumber(c.converted, locale), percent(c.rate)])}
        csv={data.conversions.map((c) => [c.metric, c.base, c.converted, c.rate])}
        chart={<Chart kind="bar" label={t('chartConversions')} format={(rate) => formatPercent(rate, locale)} data={{ labels: data.conversions.map((c) => t(`metric_${c.metric}`)), series: [{ name: t('colRate'), values: data.conversions.map((c) => (c.rate === null ? 0 : c.rate * 100)) }] }} />} />
      <Section id="order-value" title={t('chartOrderValue')} file="order-value-by-tier"
        header={[t('colTier'), t('colOrders'), t('colRevenue'), t('colAverage')]}
        rows={data.orderValue.map((o) => [tierName(o), formatNumber(o.orders, locale), money(o.revenue, o.currency), money(o.average, o.currency)])}
        csv={data.orderValue.map((o) => [tierName(o), o.orders, o.revenue, o.average])}
        chart={<Chart kind="bar" label={t('chartOrderValue')} format={axisMoney} data={{ labels: data.orderValue.map(tierName), series: [{ name: t('colAverage'), values: data.orderValue.map((o) => o.average) }] }} />} />
      <Section id="liabilities" title={t('chartLiabilities')} file="points-expiring"
        intro={
          <ul class="figures">
            <li>{t('pointsOutstanding', { points })}</li>
            <li>{t('rebateOutstanding', { amount: money(rebate?.amount ?? 0, rebate?.currency ?? null) })}</li>
          </ul>
        }
        header={[t('colMonth'), t('colPointsExpiring')]}
        rows={expiring.map((l) => [month(l.expires_in!), formatNumber(l.amount, locale)])}
        csv={[['outstanding', points], ['rebate', rebate?.amount ?? 0], ...expiring.map((l) => [l.expires_in!, l.amount] as Cell[])]}
        chart={<Chart kind="bar" label={t('chartLiabilities')} data={{ labels: expiringMonths.map((m) => month(m.month)), series: [{ name: t('colPointsExpiring'), values: expiringMonths.map((m) => m.amount) }] }} />} />
      <Section id="coupons" title={t('chartCoupons')} file="coupon-redemption"
        header={[t('colCode'), t('colIssued'), t('colUsed'), t('colRate')]}
        rows={data.coupons.map((c) => [c.code, formatNumber(c.issued, locale), formatNumber(c.used, locale), percent(c.rate)])}
        csv={data.coupons.map((c) => [c.code, c.issued, c.used, c.rate])}
        chart={<Chart kind="bar" label={t('chartCoupons')} data={{ labels: data.coupons.map((c) => c.code), series: [{ name: t('colIssued'), values: data.coupons.map((c) => c.issued) }, { name: t('colUsed'), values: data.coupons.map((c) => c.used) }] }} />} />
      <section class="analytics-section" aria-labelledby="campaigns-chart-title">
        <h2 id="campaigns-chart-title">{t('campaignResults')}</h2>
        {data.campaigns.length > 0 && (
          <Chart kind="bar" label={t('campaignResults')} format={axisMoney} data={{ labels: data.campaigns.map((c) => c.subject), series: [{ name: t('colRevenue'), values: data.campaigns.map((c) => c.revenue) }] }} />
        )}
        <CampaignTable results={data.campaigns} />
        {data.campaigns.length > 0 && <CsvButton file="campaign-results" header={['sent_at', 'channel', 'subject', 'segment', 'sent_count', 'recipients', 'ordering_recipients', 'orders', 'revenue', 'currency']}
          rows={data.campaigns.map((c) => [c.sent_at, c.channel, c.subject, c.segment_name, c.sent_count, c.recipients, c.ordering_recipients, c.orders, c.revenue, c.currency])} />}
      </section>
    </>
  );
}

function CsvButton({ file, header, rows }: { file: string; header: string[]; rows: Cell[][] }) {
  const { t } = useConsoleText('growth');
  return (
    <p class="figure-actions">
      <button type="button" onClick={() => downloadText(`${file}.csv`, tableCsv(header, rows))}>{t('downloadCsv')}</button>
    </p>
  );
}

interface SectionProps {
  id: string;
  title: string;
  file: string;
  header: string[];
  rows: ComponentChildren[][];
  csv: Cell[][];
  chart: ComponentChildren;
  intro?: ComponentChildren;
}

function Section({ id, title, file, header, rows, csv, chart, intro }: SectionProps) {
  const { t } = useConsoleText('growth');
  return (
    <section class="analytics-section" aria-labelledby={`${id}-title`} data-testid={`figure-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro}
      {rows.length === 0 ? (
        <p class="empty">{t('noData')}</p>
      ) : (
        <>
          {chart}
          <ScrollTable caption={t('tableOf', { title })} label={t('tableOf', { title })} class="data-table">
            <thead><tr>{header.map((h, j) => <th key={h} scope="col" class={j === 0 ? undefined : 'num'}>{h}</th>)}</tr></thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j} class="num">{cell}</td>))}</tr>
              ))}
            </tbody>
          </ScrollTable>
          <CsvButton file={file} header={header} rows={csv} />
        </>
      )}
    </section>
  );
}
