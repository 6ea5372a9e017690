/**
 * Orders import: the staff pick a CSV file (template downloadable, columns explained), it is
 * parsed and checked in the browser (every mistake listed by row and column, mistakes of the
 * whole file first), its buyers looked up at the store, and only a clean file can be imported. The import runs in batches of
 * `importBatchRows`, in file order, each all-or-nothing; the result says per batch how many
 * orders were inserted, updated or unchanged, and a failed batch says which row and why. Since
 * import_orders is idempotent by `external_ref`, importing the same file again is safe: what is
 * already in comes back `unchanged`. `onImported` is called once a run ends, so the orders list
 * above shows what it brought in.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatCalendar, formatMoney, formatNumber, formatZone, joinSentences, regionName } from '../../../i18n/format.ts';
import { locales } from '../../../i18n/locales.ts';
import { loadSections, sectionMessages } from '../../../i18n/sections.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { importBatchRows } from '../../../lib/import-batch.ts';
import { readerZone, regionDayOrder, type DayOrder } from '../../../lib/console/file-dates.ts';
import { batches, checkBuyers, columnList, emailChangedAdvice, importBatch, importColumns, fileWords, legacyEncodings, localeEncoding, maxFileRows, messageValues, previewFile, problemCount, rowList, templateCsv, type BatchResult, type LegacyEncoding, type Preview } from '../../../lib/console/orders-import.ts';
import { currencyLabel } from '../options.ts';
import { useOpsText, type OpsKey } from '../ops-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Field, FieldSet } from '../ui/Field.tsx';
import { FileInput } from '../ui/FileInput.tsx';
import { pageRefusals } from '../ui/refusals.ts';
import { focusIfLost } from '../../form-focus.ts';
import { emailAddress } from '../../email-address.tsx';

/** How many row mistakes the preview lists (the count says how many there are). */
const shownErrors = 200;

/** How many of a clean file's orders the review shows before Import (the count says how many there are). */
const shownOrders = 10;

/**
 * What a file may write in the console's words (statuses, column names), in each of its languages:
 * the file is the merchant's system's, not the reader's. A language whose strings fail to load is
 * left out (its words are refused, as a word in none is).
 */
async function allFileWords() {
  const loaded = await Promise.all(locales.map((other) => loadSections(other, ['operations']).then(() => sectionMessages(other, 'operations'), () => null)));
  return fileWords(loaded.filter((messages) => messages !== null));
}

export function OrdersImport({ store, onImported }: { store: StaffStore; onImported: () => void }) {
  const { t, msg, locale, date, dateTime } = useOpsText();
  const [file, setFile] = useState<File | null>(null);
  const fileName = file?.name ?? null;
  // The order the staff chose for dates that read both ways; the region's until they do, none
  // where the region gives none (asked then).
  const [dayOrder, setDayOrder] = useState<DayOrder | null>(null);
  // The encoding the staff chose for a file that is not UTF-8; their language's until they do.
  const [encoding, setEncoding] = useState<LegacyEncoding | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reading, setReading] = useState(false);
  const [results, setResults] = useState<BatchResult[]>([]);
  const [running, setRunning] = useState(false);
  const progress = useRef<HTMLParagraphElement>(null);
  const review = useRef<HTMLHeadingElement>(null);
  // Set when a chosen file's check is shown: the keyboard goes on to it (the input it left is above).
  const reviewChosen = useRef(false);
  // The check last started: an earlier one (another file, the other order) ends unseen.
  const checking = useRef(0);
  const region = regionDayOrder();
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(store.base_currency))}`;

  async function choose(event: Event) {
    const chosen = (event.currentTarget as HTMLInputElement).files?.[0] ?? null;
    setResults([]);
    setPreview(null);
    setFile(chosen);
    setDayOrder(null);
    setEncoding(null);
    // A region with no day-month order: the file read day first until the staff choose, nothing of
    // that reading shown or imported (undecided below) when some date reads both ways.
    if (chosen) {
      reviewChosen.current = true;
      return check(chosen, region.order ?? 'day', localeEncoding(locale));
    }
    // No file: a check still running is of the one before.
    checking.current++;
    setReading(false);
  }

  /**
   * Checks `chosen` with its two-way dates read in `order`, read in `legacy` if it is not UTF-8; the
   * preview shown stays until the new one is ready.
   */
  async function check(chosen: File, order: DayOrder, legacy: LegacyEncoding) {
    const run = ++checking.current;
    setReading(true);
    const read = await previewFile(chosen, store.base_currency, order, await allFileWords(), legacy);
    const checked = await checkBuyers(store.id, read);
    if (run !== checking.current) return;
    // Unchecked buyers might sink a batch: the file is not offered, and choosing it again retries.
    setPreview(checked.ok ? checked.data : { ...read, rows: [], fileErrors: [...read.fileErrors, { key: 'fileBuyersUnchecked', values: { reason: pageRefusals(locale).sentence(checked.error) } }] });
    setReading(false);
  }

  useEffect(() => {
    if (!preview || !reviewChosen.current) return;
    reviewChosen.current = false;
    review.current?.focus();
  }, [preview]);

  /** Reads the file's two-way dates in the other order, as the staff chose. */
  function chooseOrder(order: DayOrder) {
    setDayOrder(order);
    if (file) void check(file, order, encoding ?? localeEncoding(locale));
  }

  /** Reads the file in the other legacy encoding, as the staff chose. */
  function chooseEncoding(legacy: LegacyEncoding) {
    setEncoding(legacy);
    if (file) void check(file, dayOrder ?? region.order ?? 'day', legacy);
  }

  /** Imports the batches from `from` on (0 for the whole file; a failed batch's index to resume). */
  async function run(from: number) {
    if (!preview) return;
    const parts = batches(preview.passed);
    const next: BatchResult[] = parts.map((part, index) => (index < from && results[index] ? results[index] : { index, first: part.first, last: part.last, at: part.at, status: 'pending' }));
    setResults(next);
    setRunning(true);
    // The pressed button (Import, or Retry in the failure's notice) is replaced by the run's line.
    focusIfLost(() => progress.current);
    for (let index = from; index < parts.length; index++) {
      const outcome = await importBatch(store.id, parts[index]!);
      next[index] = { ...next[index]!, ...outcome };
      setResults([...next]);
      if (outcome.status === 'failed') break;
    }
    setRunning(false);
    // The batches before a failed one stay imported: the list shows them either way.
    onImported();
  }

  const problems = preview ? problemCount(preview) : 0;
  const undecided = preview?.twoWayDates !== undefined && (dayOrder ?? region.order) === null;
  const ready = !reading && !undecided && preview && preview.fileErrors.length === 0 && preview.rowErrors.length === 0 && preview.rows.length > 0;
  const totals = results.reduce((sum, r) => ({ inserted: sum.inserted + (r.counts?.inserted ?? 0), updated: sum.updated + (r.counts?.updated ?? 0), unchanged: sum.unchanged + (r.counts?.unchanged ?? 0) }), { inserted: 0, updated: 0, unchanged: 0 });
  const failed = results.find((r) => r.status === 'failed');
  // The batch being sent: the first not yet imported while the run goes on.
  const importing = running ? results.find((r) => r.status === 'pending')?.index : undefined;
  const finished = results.length > 0 && results.every((r) => r.status === 'done');
  const batchCount = preview ? Math.ceil(preview.rows.length / importBatchRows) : 0;
  const count = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, locale));
  /** The run's counts, each in its own plural form ("1 nuevo, 2 actualizados"). */
  const counted = {
    inserted: t(pluralKey('importInserted', totals.inserted, locale), { count: totals.inserted }),
    updated: t(pluralKey('importUpdated', totals.updated, locale), { count: totals.updated }),
    unchanged: t(pluralKey('importUnchanged', totals.unchanged, locale), { count: totals.unchanged }),
  };

  /**
   * Why a batch failed, in one sentence: the server counts rows within the batch ("Row 1: …"),
   * the staff know the file's rows, so the refusal is said with the file's row (and column).
   */
  function failure(batch: BatchResult): string {
    const at = { batch: batch.index + 1 };
    if (!batch.error) return t('batchFailed', at);
    const refusals = pageRefusals(locale);
    if (!batch.failedRow) return t('batchFailedWhy', { ...at, reason: refusals.sentence(batch.error) });
    const { field, text } = refusals.parts(batch.error, (row) => batch.at[row - 1] ?? batch.first);
    const where = { ...at, row: batch.failedRow, reason: text };
    return field ? t('batchFailedAtCell', { ...where, column: field }) : t('batchFailedAtRow', where);
  }

  return (
    <section aria-labelledby="orders-import-title" class="ops-page">
      <h2 id="orders-import-title">{t('ordersImportTitle')}</h2>
      <p>{t('ordersImportIntro', { batch: importBatchRows })}</p>
      <details class="panel">
        <summary>{t('csvColumnsTitle')}</summary>
        <p>{t('csvColumnsIntro', { currency: store.base_currency })}</p>
        <dl class="ops-facts">
          {importColumns.map((column) => (
            <>
              <dt key={`${column}-name`}><code>{column}</code></dt>
              <dd key={`${column}-help`}>{t(`csvColumn_${column}` as OpsKey)}</dd>
            </>
          ))}
        </dl>
        <p>{t('csvDates')}</p>
        <p>{t('csvEncoding')}</p>
        <p>{t('csvIdempotent', { batch: importBatchRows, max: maxFileRows })}</p>
        <p>{t(pluralKey('csvEarning', store.statistical_period_days, locale, true), { days: formatNumber(store.statistical_period_days, locale) })}</p>
      </details>
      <p>
        <a href={template} download="orders-template.csv">{t('downloadTemplate')}</a>
      </p>
      <Field id="orders-file" label={t('chooseCsv')}>
        {(aria) => <FileInput aria={aria} accept=".csv,text/csv" onChange={(event) => void choose(event)} disabled={running} />}
      </Field>
      {reading && <p role="status" aria-busy="true">{t('readingFile', { name: fileName ?? '' })}</p>}
      {/* Once imported, the result replaces the check (its heading stood empty above it). */}
      {preview && results.length === 0 && (
        <div class="ops-page" aria-live="polite">
          <h3 ref={review} tabIndex={-1}>{t('previewTitle', { name: fileName ?? '' })}</h3>
          {preview.encoding && <FileEncoding read={preview.encoding} onChoose={chooseEncoding} disabled={running} />}
          {preview.ignored.length > 0 && <p>{t('previewIgnoredColumns', { columns: columnList(preview.ignored, locale) })}</p>}
          {/* The clock its times are read on, by its offset then (summer time's) as the console's times name it. */}
          {preview.readerTime && <p>{t('datesClock', { zone: readerZone(), offset: formatZone(locale, new Date(preview.readerTime)) })}</p>}
          {preview.currencyNames && (
            <p>{joinSentences(preview.currencyNames.map((named) => t(pluralKey('currencyNameRead', named.rows.length, locale), { typed: named.typed, currency: currencyLabel(named.code, locale), rows: rowList(named.rows, locale) })), locale)}</p>
          )}
          {preview.twoWayDates && <DateOrder dates={preview.twoWayDates} chosen={dayOrder ?? region.order} region={region} onChoose={chooseOrder} disabled={running} />}
          {preview.fileErrors.some((error) => error.key !== emailChangedAdvice) && (
            <div role="alert" class="notice error-notice">
              <p><strong>{t('fileRefused')}</strong></p>
              <ul>
                {preview.fileErrors.filter((error) => error.key !== emailChangedAdvice).map((error, index) => (
                  <li key={index}>
                    {msg(error.count === undefined ? error.key : pluralKey(error.key, error.count, locale), messageValues(error, locale))}
                    {/* Not the template at all: where to start, at the sentence that says so. */}
                    {error.key === 'fileNotTemplate' && <> <a href={template} download="orders-template.csv">{t('downloadTemplate')}</a></>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview.rowErrors.length > 0 && !undecided && (
            <>
              {/* The file's mistakes in the box above counted too: they keep it from being imported as the rows' do. */}
              <p role="alert" class="error">{t(pluralKey('rowErrorsSummary', problems, locale), { count: problems })}</p>
              <DataTable
                caption={preview.rowErrors.length > shownErrors ? t('rowErrorsFirst', { count: shownErrors }) : t('rowErrorsCaption')}
                rows={preview.rowErrors.slice(0, shownErrors)}
                rowKey={(error) => `${error.row}-${error.column}`}
                empty=""
                columns={[
                  { key: 'row', header: t('colRow'), numeric: true, cell: (e) => formatNumber(e.row, locale) },
                  { key: 'column', header: t('colColumn'), cell: (e) => (e.column ? <code>{e.column}</code> : '—') },
                  { key: 'problem', header: t('colProblem'), prose: true, cell: (e) => msg(e.message.key, messageValues(e.message, locale)) },
                ]}
              />
              {/* Advice, no mistake (problemCount leaves it out): under the unknown e-mails' rows, not one of them. */}
              {preview.fileErrors.some((error) => error.key === emailChangedAdvice) && <p>{msg(emailChangedAdvice, {})}</p>}
            </>
          )}
          {ready && (
            <>
              <p class="success">
                {batchCount > 1
                  ? t('previewReadyBatches', { rows: preview.rows.length, batches: batchCount, size: importBatchRows })
                  : t(pluralKey('previewReady', preview.rows.length, locale), { rows: preview.rows.length })}
              </p>
              {/* What will be recorded, as it was read (dates, amounts, statuses), before anything is sent. */}
              <DataTable
                caption={preview.rows.length > shownOrders ? t('previewOrdersFirst', { shown: shownOrders, rows: preview.rows.length }) : t('previewOrdersCaption')}
                rows={preview.rows.slice(0, shownOrders)}
                rowKey={(order) => order.external_ref}
                empty=""
                columns={[
                  { key: 'ref', header: t('colOrderRef'), breaks: true, cell: (order) => order.external_ref },
                  { key: 'placed', header: t('colPlaced'), nowrap: true, cell: (order) => (order.placed_at.includes('T') ? dateTime(order.placed_at) : date(order.placed_at)) },
                  { key: 'amount', header: t('colAmount'), numeric: true, nowrap: true, cell: (order) => formatMoney(order.amount, order.currency ?? store.base_currency, locale) },
                  { key: 'status', header: t('colStatus'), cell: (order) => t(`orderStatus_${order.status}`) },
                  // An e-mail breaks before its "@" (a stacked row's value column is narrow on a phone).
                  { key: 'buyer', header: t('previewColBuyer'), breaks: true, cell: (order) => (order.email ? emailAddress('buyer', order.email) : order.member_id) },
                ]}
              />
              <div class="actions">
                <button type="button" class="primary" onClick={() => void run(0)} disabled={running}>
                  {t(pluralKey('importRows', preview.rows.length, locale), { rows: preview.rows.length })}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {results.length > 0 && (
        <div class="ops-page">
          <h3>{t('importResultTitle')}</h3>
          <p role="status" class={finished ? 'success' : undefined} ref={progress}>
            {running ? t('importRunning') : finished ? t('importDone', counted) : t('importStopped', counted)}
          </p>
          {/* One batch: the line above says all the table would. */}
          {results.length > 1 && (
            <DataTable
              caption={t('batchesCaption', { size: importBatchRows })}
              rows={results}
              rowKey={(r) => String(r.index)}
              empty=""
              columns={[
                { key: 'batch', header: t('colBatch'), numeric: true, cell: (r) => formatNumber(r.index + 1, locale) },
                // Spreadsheet row numbers, as the spreadsheet writes them: ungrouped.
                { key: 'rows', header: t('colRows'), cell: (r) => (r.first === r.last ? t('rowsSingle', { row: String(r.first) }) : t('rowsRange', { first: String(r.first), last: String(r.last) })) },
                { key: 'status', header: t('colStatus'), cell: (r) => (r.index === importing ? t('importRunning') : t(`batch_${r.status}`)) },
                { key: 'inserted', header: t('colInserted'), numeric: true, cell: (r) => count(r.counts?.inserted) },
                { key: 'updated', header: t('colUpdated'), numeric: true, cell: (r) => count(r.counts?.updated) },
                { key: 'unchanged', header: t('colUnchanged'), numeric: true, cell: (r) => count(r.counts?.unchanged) },
              ]}
            />
          )}
          {failed && !running && (
            <div role="alert" class="notice error-notice">
              <p>
                <strong>{failure(failed)}</strong>
              </p>
              {/* Nothing came before the first batch: "the batches before it are imported" misled. */}
              <p>{failed.index === 0 ? t('batchFirstFailedHint') : t('batchResumeHint')}</p>
              <button type="button" onClick={() => void run(failed.index)}>{failed.index === 0 ? t('retryImport') : t('resumeFrom', { batch: failed.index + 1 })}</button>
            </div>
          )}
          {finished && <p class="muted">{t('importAgainHint')}</p>}
        </div>
      )}
    </section>
  );
}

/**
 * The encoding a file that is not UTF-8 was read in, and the other to choose: nothing in a file
 * says which it was saved in, so a wrong guess shows as odd letters in the check.
 */
function FileEncoding({ read, onChoose, disabled }: { read: LegacyEncoding; onChoose: (encoding: LegacyEncoding) => void; disabled: boolean }) {
  const { t } = useOpsText();
  return (
    <div class="notice">
      <p><strong>{t('encodingRead', { encoding: t(`encoding_${read}`) })}</strong></p>
      <p>{t('encodingWhy')}</p>
      <FieldSet id="orders-encoding" legend={t('encodingLegend')}>
        <div class="checks">
          {legacyEncodings.map((encoding) => (
            <label class="check" key={encoding}>
              <input type="radio" name="orders-encoding" checked={read === encoding} onChange={() => onChoose(encoding)} disabled={disabled} />
              {t(`encoding_${encoding}`)}
            </label>
          ))}
        </div>
      </FieldSet>
    </div>
  );
}

/**
 * How a file's dates that read both ways are read: said with one of them and the day it is read as,
 * why (nothing in the file tells, and the reader's browser's region writes dates so), and the two
 * orders to choose from, each with that date's reading, as an ambiguous amount's message gives both
 * readings. Where the region gives no order (it writes the year first, or none is named), neither
 * is chosen and the staff are asked: a guess said as the region's was not one.
 */
function DateOrder({ dates, chosen, region, onChoose, disabled }: { dates: NonNullable<Preview['twoWayDates']>; chosen: DayOrder | null; region: ReturnType<typeof regionDayOrder>; onChoose: (order: DayOrder) => void; disabled: boolean }) {
  const { t, locale } = useOpsText();
  const { example } = dates;
  const reading = (order: DayOrder) => ({ example: example.value, date: formatCalendar(example[order], locale) });
  return (
    <div class="notice">
      <p><strong>{chosen ? t(`datesRead_${dates.order}`, reading(dates.order)) : t('datesChoose')}</strong></p>
      <p>{region.order && region.region ? t(`datesWhy_${region.order}`, { example: example.value, region: regionName(region.region, locale) }) : t('datesWhyNone', { example: example.value })}</p>
      <FieldSet id="orders-date-order" legend={t('datesOrderLegend')}>
        <div class="checks">
          {(['day', 'month'] as const).map((order) => (
            <label class="check" key={order}>
              <input type="radio" name="orders-date-order" checked={chosen === order} onChange={() => onChoose(order)} disabled={disabled} />
              {t(`datesOrder_${order}`, reading(order))}
            </label>
          ))}
        </div>
      </FieldSet>
    </div>
  );
}
