/**
 * /console/analytics/: over a chosen range of days, members by tier and by stage over time,
 * conversions, average order value by tier, points and rebate liabilities, coupon redemption and
 * campaign results. Every chart is followed by a table of the same numbers and a CSV download.
 * A store without members or orders yet has none of these to show (a phone scrolled through
 * some 4,900 px of empty figures): one line says when they come, with the ways to get there.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { calendarRange, formatCalendar, formatMoney, formatNumber, formatPercent, interpolateParts, joinSentences, parenthetical } from '../../../i18n/format.ts';
import { loadAnalytics, maxPeriods, periods, rangeInstants, rangeSchema, type Analytics, type RangeForm } from '../../../lib/growth/analytics.ts';
import { untilBeforeFrom } from '../../../lib/day-range.ts';
import { csvAmount, csvFileName, csvTime, downloadText, tableCsv, type Cell } from '../../../lib/growth/download.ts';
import { loadTiers, type TierOption } from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { StagesExplained } from '../../console/members/StagesExplained.tsx';
import { loadProgress } from '../../../lib/console/progress.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { consoleHref } from '../../console/links.ts';
import { DateField } from '../../console/ui/DateField.tsx';
import { Field } from '../../console/ui/Field.tsx';
import { LoadState } from '../../console/ui/LoadState.tsx';
import { useLoad } from '../../console/ui/use-load.ts';
import { zodErrors, type FieldErrors } from '../../console/ui/form-errors.ts';
import { pageRefusals, tooManyPeriods } from '../../console/ui/refusals.ts';
import { ScrollTable, stacksFor } from '../../ScrollTable.tsx';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../../console/console-text.ts';
import { CampaignTable } from '../campaigns/CampaignsScreen.tsx';
import { everyMonth } from './month-series.ts';
import { periodAxis, periodLabels } from './period-labels.ts';
import { utcDaySentence } from './day-clock.ts';
import { Chart, labelText } from './Chart.tsx';
import '../growth.css';
import { CheckedForm } from '../../console/ui/CheckedForm.tsx';
import { figureFit } from '../../figure-fit.ts';

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

type Range = ReturnType<typeof rangeSchema.parse>;

/**
 * The range the address asks for (`?from=2026-09-01&to=2026-11-30&period=day`), written there by
 * Show: a reload, Back or a link shared shows the same figures (a reload went back to months). The
 * last 90 days by month when it asks none, or one the form would refuse.
 */
function addressedRange(): RangeForm {
  const query = new URLSearchParams(window.location.search);
  const asked = { from: query.get('from') ?? day(89), to: query.get('to') ?? day(0), period: query.get('period') ?? 'month' };
  return rangeSchema.safeParse(asked).success ? (asked as RangeForm) : { from: day(89), to: day(0), period: 'month' };
}

export function AnalyticsScreen({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('growth');
  const progress = useLoad(() => loadProgress(store.id), [store.id]);
  return (
    <div class="growth-grid">
      <h1>{t('analyticsTitle')}</h1>
      <LoadState state={progress}>
        {({ members, orders }) =>
          members || orders ? (
            <Ranged store={store} />
          ) : (
            <p class="empty">
              {interpolateParts(t('analyticsNothingYet'), {
                embed: <a href={`${consoleHref('/console/', store.slug)}#embed-title`}>{t('analyticsEmbedLink')}</a>,
                import: <a href={`${consoleHref('/console/orders/', store.slug)}#orders-import-title`}>{t('analyticsImportLink')}</a>,
              })}
            </p>
          )
        }
      </LoadState>
    </div>
  );
}

/** The range form and the figures over it. */
function Ranged({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('growth');
  const { t: staff } = useConsoleText('staff');
  const { locale } = useText();
  const [form, setForm] = useState<RangeForm>(addressedRange);
  // Parsed once: parsed at each render, a From typed after Until threw there and took the screen down.
  const [range, setRange] = useState(() => rangeSchema.parse(form));
  const [errors, setErrors] = useState<FieldErrors>({});
  // The form as last changed, each change made on it (From and Until typed in turn, in one frame).
  const typed = useRef(form);
  // With the range they were read for: while another is read, or after it failed, the figures
  // shown say which days they are.
  const state = useLoad(
    () => Promise.all([loadAnalytics(store.id, range).then(orThrow), loadTiers(store.id).then(orThrow)]).then(([data, tiers]) => ({ data, tiers, range })),
    [store.id, range],
  );

  function apply(event: Event) {
    event.preventDefault();
    const checked = rangeSchema.safeParse(form);
    if (!checked.success) return setErrors(zodErrors(checked.error));
    setErrors({});
    setRange(checked.data);
    // A filter changed rewrites the address, as the orders page's does: no step for Back.
    const address = new URL(window.location.href);
    for (const [key, value] of Object.entries(checked.data)) address.searchParams.set(key, value);
    window.history.replaceState(window.history.state, '', address);
  }
  // A range the server refuses (more periods than the form counts, were they ever to differ) is
  // said at its field, and no figures are shown: those of the range before, under the refused
  // dates, read as theirs.
  const refused = state.status === 'error' ? pageRefusals(locale).parts(state.error) : null;
  const refusedAt = refused?.field && ['from', 'to', 'period'].includes(refused.field) ? refused : null;
  const message = (key: string) => {
    if (errors[key] === 'vTooManyPeriods') return tooManyPeriods(form.period, maxPeriods, staff, locale);
    if (errors[key]) return t(errors[key] as never);
    return refusedAt?.field === key ? refusedAt.text : undefined;
  };

  /**
   * A From after Until is said under Until as it is typed, not only on Show, which then reads
   * nothing; what the last Show said of a field changed since goes, and too many periods, which
   * all three make, with any change. A new check each change, so the order's sentence shows again
   * however often it comes back (shown-error.ts).
   */
  function change(patch: Partial<RangeForm>) {
    const next = (typed.current = { ...typed.current, ...patch });
    setForm(next);
    setErrors((shown) => {
      const kept = Object.fromEntries(Object.entries(shown).filter(([field, code]) => !(field in patch) && code !== 'vDateOrder' && code !== 'vTooManyPeriods'));
      return untilBeforeFrom(next.from, next.to) ? { ...kept, to: 'vDateOrder' } : kept;
    });
  }

  return (
    <>
      <CheckedForm check={errors} leaveFreely class="growth-form" onSubmit={apply} aria-label={t('rangeLabel')}>
        <div class="row">
          <DateField id="range-from" label={t('rangeFrom')} error={message('from')} announce={refusedAt?.field === 'from'} value={form.from} onValue={(from) => change({ from })} />
          <DateField id="range-to" label={t('rangeTo')} error={message('to')} announce={errors.to === 'vDateOrder' || refusedAt?.field === 'to'} value={form.to} onValue={(to) => change({ to })} />
          <Field id="range-period" label={t('rangePeriod')} error={message('period')} announce={refusedAt?.field === 'period'}>
            {(aria) => (
              <select {...aria} value={form.period} onChange={(e) => change({ period: e.currentTarget.value as RangeForm['period'] })}>
                {periods.map((p) => <option key={p} value={p}>{t(`period_${p}`)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <div class="actions"><button type="submit" class="primary">{t('showRange')}</button></div>
        {/* The server's days are UTC's: said on the reader's own clock, over the range shown. */}
        <p class="field-hint">{joinSentences([utcDaySentence(range.from, range.to, locale, t), t('rangeHint')], locale)}</p>
      </CheckedForm>
      {!refusedAt && (
        <LoadState state={state} keptOtherChoice={(shown) => t('keptOtherRange', { range: calendarRange(`${shown.range.from}T00:00:00Z`, `${shown.range.to}T00:00:00Z`, locale).join('') })}>
          {(shown) => <Figures data={shown.data} tiers={shown.tiers} range={shown.range} store={store} />}
        </LoadState>
      )}
    </>
  );
}

type OrderValue = Omit<Analytics['orderValue'][number], 'average'> & { average: number | null };

function Figures({ data, tiers, range, store }: { data: Analytics; tiers: TierOption[]; range: Range; store: StaffStore }) {
  const { t, locale } = useConsoleText('growth');
  const money = (amount: number, currency: string | null = store.base_currency) => formatMoney(amount, currency ?? store.base_currency, locale);
  const axisMoney = (amount: number) => formatMoney(amount, store.base_currency, locale, { whole: true });
  const percent = (rate: number | null) => (rate === null ? '—' : formatPercent(rate * 100, locale));
  // A CSV's rate as the table shows it, a percentage to two decimals, but a bare number for a spreadsheet.
  const csvPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);
  const currency = store.base_currency;

  // Over time: one series per tier (by rank) or stage (cognitive → loyal), one count per period:
  // the members on its last day.
  const overTime = (dimension: 'tier' | 'stage') => {
    const rows = data.overTime.filter((r) => r.dimension === dimension);
    const ends = [...new Set(rows.map((r) => r.period_end))].sort();
    // A tier row labelled '?' with a key is a tier removed since; without one, members the history gives no tier.
    const name = (row: (typeof rows)[number]) =>
      dimension === 'stage' ? t(`stage_${row.label}` as never) : row.label !== '?' ? row.label : row.key === null ? t('noTierRecorded') : t('removedTier');
    const keys = [...new Map(rows.sort((a, b) => a.rank - b.rank).map((r) => [r.key ?? '', name(r)])).entries()];
    const from = rangeInstants(range).from;
    const labels = periodLabels(ends, from, range.period, locale, (date) => t('periodWeekOf', { date }));
    const axis = periodAxis(ends, from, range.period, locale);
    const count = (end: string, key: string) => rows.find((r) => r.period_end === end && (r.key ?? '') === key)?.members ?? 0;
    return {
      header: [t('colPeriod'), ...keys.map(([, name]) => name)],
      rows: ends.map((end, i) => [labelText(labels[i]!), ...keys.map(([key]) => count(end, key))]),
      csv: ends.map((end, i) => [labelText(labels[i]!), ...keys.map(([key]) => count(end, key))]),
      chart: { labels: axis.labels, series: keys.map(([key, name]) => ({ name, values: ends.map((end) => count(end, key)) })) },
      years: axis.years,
    };
  };
  const tierSeries = overTime('tier');
  const stageSeries = overTime('stage');

  const anyConversion = data.conversions.some((c) => (c.rate ?? 0) > 0);
  const metric = (c: Analytics['conversions'][number]) => t(`metric_${c.metric}`);
  // A rate without members to count from says why, in the chart's label and in the table's cell:
  // at 360 px the chart cuts its labels short.
  const noBase = (c: Analytics['conversions'][number], text: string) => t('withReason', { text, reason: t(`noBase_${c.metric}`) });

  // Every tier, those without orders in the range too; then orders placed before joining (the
  // null tier) and those of tiers removed since (an id no longer in the list).
  const orderValue: OrderValue[] = [
    ...tiers.map((tier) => data.orderValue.find((o) => o.tier_id === tier.id)
      ?? { tier_id: tier.id, tier_name: tier.name, tier_rank: tier.rank, orders: 0, revenue: 0, average: null, currency }),
    ...data.orderValue.filter((o) => !tiers.some((tier) => tier.id === o.tier_id)),
  ];
  const tierName = (o: OrderValue) => (o.tier_id === null ? t('beforeJoining') : o.tier_name ?? t('removedTier'));

  const liabilities = data.liabilities;
  const points = liabilities.find((l) => l.kind === 'points' && l.expires_in === null)?.amount ?? 0;
  const rebate = liabilities.find((l) => l.kind === 'rebate');
  const expiringMonths = everyMonth(liabilities.filter((l) => l.kind === 'points' && l.expires_in !== null).map((l) => ({ month: l.expires_in!, amount: l.amount })));
  const month = (iso: string, unit: 'month' | 'month-of-year' = 'month') => formatCalendar(`${iso}T00:00:00Z`, locale, unit);
  // The months under the chart's bars without their year, said once in its caption.
  const expiringYears = expiringMonths.length ? calendarRange(`${expiringMonths[0]!.month}T00:00:00Z`, `${expiringMonths.at(-1)!.month}T00:00:00Z`, locale, 'year').join('') : '';
  const inYears = (title: string, years: string) => (years ? title + parenthetical(years, locale) : title);
  const rebateCurrency = rebate?.currency ?? currency;

  return (
    <>
      <Section id="tiers" title={t('chartTiers')} slug={store.slug} dates header={tierSeries.header} rows={tierSeries.rows} csv={tierSeries.csv}
        chart={<Chart kind="stacked" data={tierSeries.chart} title={inYears(t('valuesMembers'), tierSeries.years)} />} />
      <Section id="stages" title={t('chartStages')} intro={<StagesExplained store={store} />} slug={store.slug} dates header={stageSeries.header} rows={stageSeries.rows} csv={stageSeries.csv}
        chart={<Chart kind="stacked" data={stageSeries.chart} title={inYears(t('valuesMembers'), stageSeries.years)} />} />
      <Section id="conversions" title={t('chartConversions')} slug={store.slug}
        header={[t('colMetric'), t('colBase'), t('colConverted'), t('colRate')]}
        rows={data.conversions.map((c) => [metric(c), formatNumber(c.base, locale), formatNumber(c.converted, locale), c.rate === null ? noBase(c, '—') : percent(c.rate)])}
        csvHeader={[t('colMetric'), t('colBase'), t('colConverted'), t('colRatePercent')]}
        csv={data.conversions.map((c) => [metric(c), c.base, c.converted, csvPercent(c.rate)])}
        chart={anyConversion ? (
          // A rate without members to count from has no bar, and says so under the axis: a 0 % bar would read as none converting.
          <Chart kind="bar" title={t('valuesRate')} max={100} format={(rate) => formatPercent(rate, locale)}
            data={{ labels: data.conversions.map((c) => (c.rate === null ? noBase(c, metric(c)) : metric(c))), series: [{ name: t('colRate'), values: data.conversions.map((c) => (c.rate === null ? null : c.rate * 100)) }] }} />
        ) : <p class="empty">{t('noConversions')}</p>} />
      <Section id="order-value" title={t('chartOrderValue')} slug={store.slug}
        header={[t('colTier'), t('colOrders'), t('colRevenue'), t('colAverage')]}
        rows={orderValue.map((o) => [tierName(o), formatNumber(o.orders, locale), money(o.revenue, o.currency), o.average === null ? '—' : money(o.average, o.currency)])}
        csvHeader={[t('colTier'), t('colOrders'), t('colRevenue'), t('colAverage'), t('colCurrency')]}
        csv={orderValue.map((o) => [tierName(o), o.orders, csvAmount(o.revenue, o.currency), o.average === null ? null : csvAmount(o.average, o.currency), o.currency])}
        chart={<Chart kind="bar" title={t('valuesAverage', { currency })} format={axisMoney} data={{ labels: orderValue.map(tierName), series: [{ name: t('colAverage'), values: orderValue.map((o) => o.average) }] }} />} />
      <Section id="liabilities" title={t('chartLiabilities')} tableTitle={t('valuesExpiring')} slug={store.slug} dates
        intro={
          <dl class="figures">
            {[[t('pointsOutstanding'), formatNumber(points, locale)], [t('rebateOutstanding'), money(rebate?.amount ?? 0, rebateCurrency)]].map(([name, figure]) => (
              <div key={name}><dt>{name}</dt><dd {...figureFit(figure!)}>{figure}</dd></div>
            ))}
          </dl>
        }
        header={[t('colMonth'), t('colPointsExpiring')]}
        rows={expiringMonths.map((m) => [month(m.month), formatNumber(m.amount, locale)])}
        // The balances above the table, then its months; points and money each in a column of their
        // own, so that a spreadsheet's sum of a column adds like with like.
        csvHeader={[t('colFigure'), t('colMonth'), t('colPoints'), t('colRebate', { currency: rebateCurrency })]}
        csv={[
          [t('pointsOutstanding'), null, points, null],
          [t('rebateOutstanding'), null, null, csvAmount(rebate?.amount ?? 0, rebateCurrency)],
          ...expiringMonths.map((m): Cell[] => [t('colPointsExpiring'), m.month.slice(0, 7), m.amount, null]),
        ]}
        chart={<Chart kind="bar" title={inYears(t('valuesExpiring'), expiringYears)} data={{ labels: expiringMonths.map((m) => month(m.month, 'month-of-year')), series: [{ name: t('colPointsExpiring'), values: expiringMonths.map((m) => m.amount) }] }} />} />
      <Section id="coupons" title={t('chartCoupons')} slug={store.slug}
        header={[t('colCode'), t('colIssued'), t('colUsed'), t('colRate')]}
        rows={data.coupons.map((c) => [<strong class="code">{c.code}</strong>, formatNumber(c.issued, locale), formatNumber(c.used, locale), percent(c.rate)])}
        csvHeader={[t('colCode'), t('colIssued'), t('colUsed'), t('colRatePercent')]}
        csv={data.coupons.map((c) => [c.code, c.issued, c.used, csvPercent(c.rate)])}
        chart={<Chart kind="bar" title={t('valuesCoupons')} data={{ labels: data.coupons.map((c) => c.code), series: [{ name: t('colIssued'), values: data.coupons.map((c) => c.issued) }, { name: t('colUsed'), values: data.coupons.map((c) => c.used) }] }} />} />
      <section class="analytics-section" aria-labelledby="campaigns-chart-title">
        <h2 id="campaigns-chart-title">{t('campaignResults')}</h2>
        {/* Every bar at zero drew a tall blank chart on an axis of US$0 to US$1: said in a line instead. */}
        {data.campaigns.length > 0 && (data.campaigns.some((c) => c.revenue > 0) ? (
          <Chart kind="bar" title={t('valuesRevenue', { currency })} format={axisMoney} data={{ labels: data.campaigns.map((c) => c.subject), series: [{ name: t('colRevenue'), values: data.campaigns.map((c) => c.revenue) }] }} />
        ) : <p class="empty">{t('noCampaignRevenue')}</p>)}
        <CampaignTable results={data.campaigns} caption={t('campaignsInRange')} empty={t('noCampaignsInRange')} />
        {data.campaigns.length > 0 && <CsvButton slug={store.slug} title={t('campaignResults')}
          header={[t('colSentAt'), t('colChannel'), t('colSubject'), t('colSegment'), t('colSentCount'), t('colRecipients'), t('colOrdering'), t('colOrders'), t('colRevenue'), t('colCurrency')]}
          rows={data.campaigns.map((c) => [csvTime(c.sent_at), t(`channel_${c.channel}`), c.subject, c.segment_name, c.sent_count, c.recipients, c.ordering_recipients, c.orders, csvAmount(c.revenue, c.currency), c.currency])} />}
      </section>
    </>
  );
}

/**
 * Its visible text is the same under every figure; its name says which figure's numbers it
 * downloads, and so does the file's, in the console's language as the contacts files are named.
 */
function CsvButton({ slug, title, header, rows }: { slug: string; title: string; header: string[]; rows: Cell[][] }) {
  const { t, locale } = useConsoleText('growth');
  return (
    <p class="figure-actions">
      <button type="button" aria-label={t('downloadCsvOf', { title })} onClick={() => downloadText(csvFileName(slug, title, new Date()), tableCsv(header, rows, locale))}>{t('downloadCsv')}</button>
    </p>
  );
}

interface SectionProps {
  id: string;
  title: string;
  /** Names the table where it holds only part of the section (the expiring points, not the balances above). */
  tableTitle?: string;
  /** The store's, for the CSV's file name. */
  slug: string;
  header: string[];
  rows: ComponentChildren[][];
  /** The CSV's header where its columns differ from the table's (a rate in %, a currency column). */
  csvHeader?: string[];
  csv: Cell[][];
  chart: ComponentChildren;
  intro?: ComponentChildren;
  /** The first column is dates or months, kept on one line. */
  dates?: boolean;
}

/**
 * A figure's table longer than this shows its first `firstRows` until asked for the rest: grouped by
 * day, each table was some 91 rows, stacked on a phone into cards, the page some 34,000 px tall.
 */
const foldAfter = 14;
const firstRows = 10;

function Section({ id, title, tableTitle = title, slug, header, rows, csvHeader = header, csv, chart, intro, dates }: SectionProps) {
  const { t } = useConsoleText('growth');
  const [whole, setWhole] = useState(false);
  const folds = rows.length > foldAfter;
  const shown = folds && !whole ? rows.slice(0, firstRows) : rows;
  return (
    <section class="analytics-section" aria-labelledby={`${id}-title`} data-testid={`figure-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro}
      {rows.length === 0 ? (
        <p class="empty">{t('noData')}</p>
      ) : (
        <>
          {chart}
          {/* On a phone a row stacks as DataTable's do, its period (a tier, a code) the heading and a
              labelled line per column: scrolled sideways, a third tier was out of sight. Explicit
              roles: Safari drops a table's semantics from its parts once CSS stacks them. */}
          {/* Named "… (data table)" beside the chart; on screen only when it holds something other
              than the section's heading says (the liabilities' table lists what expires when). */}
          <ScrollTable caption={t('tableOf', { title: tableTitle })} captionHidden={tableTitle === title} label={t('tableOf', { title: tableTitle })} class="data-table" stacks={stacksFor(header.length)}>
            <thead role="rowgroup"><tr role="row">{header.map((h, j) => <th key={h} scope="col" role="columnheader" class={j === 0 ? undefined : 'num'}>{h}</th>)}</tr></thead>
            <tbody role="rowgroup">
              {shown.map((row, i) => (
                <tr key={i} role="row">
                  {row.map((cell, j) => (j === 0
                    ? <th key={j} scope="row" role="rowheader" class={dates ? 'nowrap' : undefined}>{cell}</th>
                    : <td key={j} role="cell" class="num" data-label={header[j]}>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          {/* The rest stays in the chart above and the CSV too; the button says how many rows there are. */}
          {folds && (
            <p class="figure-actions">
              <button type="button" class="link-button" aria-expanded={whole} onClick={() => setWhole(!whole)}>
                {whole ? t('tableFirstRows', { count: firstRows }) : t('tableAllRows', { count: rows.length })}
              </button>
            </p>
          )}
          <CsvButton slug={slug} title={title} header={csvHeader} rows={csv} />
        </>
      )}
    </section>
  );
}
