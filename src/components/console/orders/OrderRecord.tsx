/**
 * One new order recorded by hand (a wire payment taken without a file), opened from its button on
 * the orders page: the buyer company found with the members list's search and chosen, the order
 * number, amount and currency (the store's chosen; another with its exchange rate), status, the
 * day it was placed and, once delivered, the day it was. Checked by the orders file's row rules
 * and sent as one row of import_orders for new orders only (order-record.ts), so an order recorded
 * so is refused, and earns, as the same row in a file, and never changes one the store has. Former
 * members are offered too, with the day they left (an order placed before it can be recorded).
 * Each mistake is said beside its field, the keyboard taken to the first; once recorded, the line
 * above the form says what the order earned and takes the focus, the form is emptied for the next
 * one and `onRecorded` has the page read its lists again. Another currency than the store's shows
 * what the amount comes to at the rate typed, and a rate far from the pair's usual one that looks
 * typed the wrong way round (7.1 for yuan to dollars, as a Chinese merchant reads the quote) or
 * with its decimal point slipped (1.4, 71) is asked about before anything is sent: ten or fifty
 * times the order's worth would count toward tiers and earn.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { formatCalendar, formatMoney, formatNumber, interpolateParts, isolate, sentenceGap } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { localDateInput } from '../../../lib/local-clock.ts';
import { readTyped, typedText } from '../../../lib/numbers.ts';
import type { ListedMember } from '../../../lib/console/members.ts';
import { buyerChoices, buyerSearchSchema, findBuyers, recordOrder, type Earned } from '../../../lib/console/order-record.ts';
import { converted, meantRate, typicalRate } from '../../../lib/console/order-rate.ts';
import { orderRecordSchema, orderStatuses, type OrderRow } from '../../../lib/console/orders-import.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { BusyButton } from '../../BusyButton.tsx';
import { focusOn, focusRefusal } from '../../form-focus.ts';
import { useConsoleText } from '../console-text.ts';
import { useOpsText, type OpsKey } from '../ops-text.ts';
import { CheckedForm, escapeCancels } from '../ui/CheckedForm.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CurrencyField, currencySchema } from '../ui/CurrencyField.tsx';
import { DateField } from '../ui/DateField.tsx';
import { Field, FieldSet, FormError } from '../ui/Field.tsx';
import { apiErrors, apiMessage, noErrors, type FormErrors } from '../ui/form-errors.ts';

/** The form's fields, in the order they are drawn: the keyboard goes to the first refused. */
const fields = ['member_id', 'external_ref', 'amount', 'currency', 'exchange_rate', 'status', 'placed_at', 'delivered_at'] as const;

/**
 * The row rules' messages that name the file's columns ("Give member_id or email…"), said in the
 * form's own words; the others speak of a field's value and are the same here.
 */
const formWords: Partial<Record<string, OpsKey>> = { vBuyer: 'recordBuyerMissing', vRateRequired: 'recordRateMissing', vDeliveredBefore: 'recordDeliveredBefore' };

/**
 * A piece of the outcome line kept on one line while one holds it (an order number, a company's
 * name): Chinese broke "W-zh-CN" after its hyphen at 360 px.
 */
const whole = (key: string, text: string) => <bdi key={key} class="whole">{text}</bdi>;

/** A number as typed in the form (readTyped), or null while it is none. */
const typedValue = (text: string, locale: Parameters<typeof readTyped>[1]) => {
  const plain = readTyped(text.trim(), locale);
  return plain === null ? null : Number(plain);
};

/** What the question about an order's rate asks about: the rate from its currency. */
const rateKey = (row: OrderRow) => `${row.currency} ${row.exchange_rate}`;

/** What the buyer search found: its rows, how many matched, and what was searched. */
interface Found {
  rows: ListedMember[];
  total: number;
  search: string;
}

export function OrderRecord({ store, onRecorded }: { store: StaffStore; onRecorded: () => void }) {
  const { t, msg, locale, company } = useOpsText();
  const { t: staff } = useConsoleText('staff');
  const base = store.base_currency;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [searching, setSearching] = useState(false);
  const [buyer, setBuyer] = useState<ListedMember | null>(null);
  const [currency, setCurrency] = useState(base);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: ComponentChildren; count: number } | null>(null);
  // The amount and rate as typed, for what the amount comes to in the store's currency.
  const [amountText, setAmountText] = useState('');
  const [rateText, setRateText] = useState('');
  // A rate that looks typed the wrong way round or slipped, with the one likely meant: the order checked and kept until staff answer.
  const [doubt, setDoubt] = useState<{ row: OrderRow; form: HTMLFormElement; meant: number } | null>(null);
  // The rate staff kept when asked (its currency and rate), not asked about again while it is the one
  // typed: after a send refused for something else (an order number taken), the next one asked again.
  const kept = useRef<string | null>(null);
  const changeRate = useRef(false);
  const rateBox = useRef<HTMLInputElement>(null);
  const line = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const opened = useRef(false);
  // Opened, the keyboard goes to its first field; closed, back to the button that opens it.
  useEffect(() => {
    if (open) searchBox.current?.focus();
    else if (opened.current) opener.current?.focus();
    opened.current ||= open;
  }, [open]);
  // The pair's usual rate as the example wherever the rate is named (its hint, its errors); none for a pair not known.
  const example = currency === base ? null : typicalRate(currency, base);
  const values = { base, currency, ...(example === null ? {} : { rate: typedText(example, locale) }) };
  const say = (key: string | null | undefined, params?: Record<string, string | number>) => msg(key && (formWords[key] ?? key), { ...values, ...params });

  // Each search counted: an earlier one's answer arriving after a later one's is dropped (two
  // presses before the busy button is drawn, the text changed between them).
  const searches = useRef(0);
  async function find() {
    const search = buyerSearchSchema.safeParse(draft);
    if (!search.success) return setErrors({ fields: { member_id: say(search.error.issues[0]?.message) ?? undefined }, form: null });
    const mine = ++searches.current;
    setSearching(true);
    const answer = await findBuyers(store.id, search.data);
    if (mine !== searches.current) return;
    setSearching(false);
    if (!answer.ok) return setErrors({ fields: { member_id: apiMessage(answer.error) }, form: null });
    setErrors(noErrors);
    setFound({ ...answer.data, search: search.data });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    // The currency as its field reads it (RMB, a name), or refused naming what was typed; the store's own kept though withdrawn.
    const parsed = orderRecordSchema(locale, base, currencySchema(staff, [base])).safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) return setErrors({ fields: issueMessages(parsed.error), form: null });
    const row = parsed.data;
    setErrors(noErrors);
    const meant = row.currency && row.exchange_rate ? meantRate(row.currency, base, row.exchange_rate) : null;
    if (meant !== null && kept.current !== rateKey(row)) return setDoubt({ row, form, meant });
    return send(row, form);
  }

  /** Records `row`, checked (and its rate answered for), and says what it earned. */
  async function send(row: OrderRow, form: HTMLFormElement) {
    setBusy(true);
    const answer = await recordOrder(store.id, row);
    setBusy(false);
    if (!answer.ok) return setErrors(apiErrors(answer.error, fields));
    if (answer.data.kind === 'taken') return setErrors({ fields: { external_ref: t('recordRefTaken', { ref: row.external_ref }) }, form: null });
    const amount = formatMoney(row.amount, row.currency ?? base, locale);
    const { amountBase } = answer.data;
    const counted = row.currency && row.currency !== base && amountBase !== null ? t('recordedAmountBase', { amount, base: formatMoney(amountBase, base, locale) }) : amount;
    const sentences = [
      interpolateParts(t('recorded', { amount: counted, status: t(`recordedStatus_${row.status}`) }), { ref: whole('ref', row.external_ref), company: whole('company', company(buyer)) }),
      ...earnedLines(row, answer.data.earned),
    ];
    const text = sentences.map((sentence, index) => <Fragment key={index}>{index > 0 && sentenceGap(locale)}{sentence}</Fragment>);
    // Emptied for the next order: the fields to their defaults (the form's reset), the choices made here with them.
    form.reset();
    kept.current = null;
    setDraft('');
    setFound(null);
    setBuyer(null);
    setCurrency(base);
    setAmountText('');
    setRateText('');
    setSaid((before) => ({ text, count: (before?.count ?? 0) + 1 }));
    // The button pressed stays, so the line is focused outright: heard, and the form's first field the next stop.
    requestAnimationFrame(() => line.current && focusOn(line.current));
    onRecorded();
  }

  /** Each field's first mistake, in the form's words, with the values the rule names (the value as typed). */
  function issueMessages(error: z.ZodError) {
    const messages: FormErrors['fields'] = {};
    for (const issue of error.issues) {
      const field = String(issue.path[0] ?? '');
      messages[field] ??= say(issue.message, issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined) ?? undefined;
    }
    return messages;
  }

  /** What a new paid order earned, and the tier it left its company at when that moved. */
  function earnedLines(row: OrderRow, earned: Earned | null): ComponentChildren[] {
    if (!earned || row.status !== 'paid') return [];
    const points = formatNumber(earned.points, locale);
    const lines: ComponentChildren[] = [
      earned.rebate > 0 ? t('recordedEarned', { points, rebate: formatMoney(earned.rebate, base, locale) })
        : earned.points > 0 ? t(pluralKey('recordedEarnedPoints', earned.points, locale), { points })
          : t('recordedEarnedNothing'),
    ];
    if (earned.tier && earned.tier !== buyer?.tier_name) lines.push(interpolateParts(t('recordedTier', { tier: earned.tier }), { company: whole('company', company(buyer)) }));
    return lines;
  }

  const choices = buyer ? [buyer, ...(found?.rows ?? []).filter((row) => row.member_id !== buyer.member_id)] : (found?.rows ?? []);
  const foundLine = !found ? '' : found.total === 0 ? t('recordFoundNone', { search: isolate(found.search) })
    : found.total > found.rows.length ? t('recordFoundMore', { count: found.total, shown: buyerChoices }) : t('recordFound', { count: found.total });
  const today = localDateInput(new Date().toISOString());
  const typedAmount = typedValue(amountText, locale);
  const typedRate = typedValue(rateText, locale);
  const inBase = (amount: number, rate: number) => formatMoney(converted(amount, rate), base, locale);
  // The question's figures: the rate as typed and the one likely meant (the catalogue's inverse), and the amount at each.
  const asked = doubt && (() => {
    const { row, meant } = doubt;
    const rate = row.exchange_rate ?? 1;
    return { values: { currency: row.currency ?? base, base, rate: typedText(rate, locale), inverse: typedText(meant, locale), amount: formatMoney(row.amount, row.currency ?? base, locale), atRate: inBase(row.amount, rate), atInverse: inBase(row.amount, meant) } };
  })();
  /** The rate kept (the order sent as checked) or to be changed (the keyboard back at it). */
  function answer(keep: boolean) {
    if (!doubt) return;
    changeRate.current = !keep;
    kept.current = keep ? rateKey(doubt.row) : null;
    setDoubt(null);
    // Sent from the question, after the form's submit had ended: a refusal takes the keyboard to its
    // field here, as CheckedForm takes it on a submit (it stayed on the submit button).
    if (keep) void send(doubt.row, doubt.form).then(() => focusRefusal(doubt.form));
  }
  const convertedText = currency !== base && typedAmount !== null && typedAmount > 0 && typedRate !== null && typedRate > 0 ? t('recordConverted', { amount: inBase(typedAmount, typedRate) }) : null;

  return (
    <section aria-labelledby="order-record-title" class="ops-page">
      <h2 id="order-record-title">{t('recordTitle')}</h2>
      <p>{t('recordIntro')}</p>
      {/* On the page from the start, so that what is said in it is heard (ScreenOutcomeLine's reason). */}
      <p role="status" class="success outcome" ref={line}>{said && <span key={said.count}>{said.text}</span>}</p>
      {!open ? (
        <p>
          <button type="button" class="primary" ref={opener} onClick={() => setOpen(true)}>{t('recordOpen')}</button>
        </p>
      ) : (
        <CheckedForm check={errors.fields} class="panel stack" aria-labelledby="order-record-title" onSubmit={submit} onKeyDown={escapeCancels(() => setOpen(false), busy)}>
          <Field id="order-record-buyer" label={t('recordBuyer')} hint={t('recordBuyerHint')} error={errors.fields.member_id}>
            {(aria) => (
              <input
                {...aria}
                ref={searchBox}
                type="search"
                autocomplete="off"
                value={draft}
                onInput={(event) => setDraft(event.currentTarget.value)}
                // Enter here looks the companies up (not again while Find is busy, as its button): the order is not sent without one chosen.
                onKeyDown={(event) => {
                  if (event.key !== 'Enter') return;
                  event.preventDefault();
                  if (!searching) void find();
                }}
              />
            )}
          </Field>
          <div class="actions">
            <BusyButton type="button" busy={searching} onClick={() => void find()}>{t('recordFind')}</BusyButton>
          </div>
          <p role="status" class="field-hint">{foundLine}</p>
          {choices.length > 0 && (
            <FieldSet id="order-record-choose" legend={t('recordChoose')}>
              <div class="checks">
                {choices.map((row) => {
                  const contact = [row.matched_contact_name, row.matched_contact_email].filter(Boolean).join(', ');
                  // The day in UTC, as import_orders compares an order's with it and names it when refusing.
                  const standing = row.left_at ? t('recordBuyerLeft', { date: formatCalendar(row.left_at, locale) }) : row.tier_name;
                  return (
                    <label class="check" key={row.member_id}>
                      <input type="radio" name="member_id" value={row.member_id} checked={buyer?.member_id === row.member_id} onChange={() => setBuyer(row)} />
                      <span>
                        <bdi>{company(row)}</bdi>
                        {(contact || standing) && <span class="muted row-note">{[standing, contact].filter(Boolean).join(' · ')}</span>}
                      </span>
                    </label>
                  );
                })}
              </div>
            </FieldSet>
          )}
          <div class="grid-2">
            <Field id="order-record-ref" label={t('recordRef')} hint={t('recordRefHint')} error={errors.fields.external_ref}>
              {(aria) => <input {...aria} name="external_ref" autocomplete="off" />}
            </Field>
            <Field id="order-record-status" label={t('colStatus')} hint={t('recordStatusHint')} error={errors.fields.status}>
              {(aria) => (
                <select {...aria} name="status">
                  {orderStatuses.map((status) => <option key={status} value={status}>{t(`orderStatus_${status}`)}</option>)}
                </select>
              )}
            </Field>
          </div>
          <div class="grid-2">
            <Field id="order-record-amount" label={t('orderChangeAmount', { currency })} hint={t('orderChangeAmountHint')} error={errors.fields.amount}>
              {(aria) => <input {...aria} name="amount" inputMode="decimal" autocomplete="off" onInput={(event) => setAmountText(event.currentTarget.value)} />}
            </Field>
            <CurrencyField id="order-record-currency" name="currency" label={t('recordCurrency')} hint={t('recordCurrencyHint', values)} code={base} kept={[base]} error={errors.fields.currency} onCode={setCurrency} />
          </div>
          {currency !== base && (
            <Field id="order-record-rate" label={t('recordRate', values)} hint={t(example === null ? 'recordRateHintNoExample' : 'recordRateHint', values)} error={errors.fields.exchange_rate}>
              {(aria) => (
                <div class="with-result">
                  <input
                    {...aria}
                    ref={rateBox}
                    name="exchange_rate"
                    inputMode="decimal"
                    autocomplete="off"
                    aria-describedby={[convertedText && 'order-record-converted', aria['aria-describedby']].filter(Boolean).join(' ') || undefined}
                    onInput={(event) => setRateText(event.currentTarget.value)}
                  />
                  {convertedText && <span id="order-record-converted" class="field-hint">{convertedText}</span>}
                </div>
              )}
            </Field>
          )}
          <div class="grid-2">
            <DateField id="order-record-placed" label={t('recordPlaced')} error={errors.fields.placed_at} name="placed_at" defaultValue={today} />
            <DateField id="order-record-delivered" label={t('recordDelivered')} hint={t('recordDeliveredHint')} error={errors.fields.delivered_at} name="delivered_at" defaultValue="" />
          </div>
          <FormError message={errors.form} />
          <div class="actions">
            <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : t('recordSubmit')}</BusyButton>
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>{t('recordClose')}</button>
          </div>
        </CheckedForm>
      )}
      <ConfirmDialog
        open={doubt !== null}
        tone="primary"
        title={asked && t('recordRateDoubtTitle', asked.values)}
        confirmLabel={asked ? t('recordRateDoubtKeep', asked.values) : ''}
        cancelLabel={t('recordRateDoubtChange')}
        onConfirm={() => answer(true)}
        onCancel={() => answer(false)}
        returnFocus={() => (changeRate.current ? rateBox.current : null)}
      >
        {asked && <p>{t('recordRateDoubt', asked.values)}</p>}
      </ConfirmDialog>
    </section>
  );
}
