/**
 * The inbox of buyers' inquiries: open ones first (oldest first), each opened from the table
 * (Enter on its row or its button) to read the whole question, answer it (answer_inquiry) or close
 * it (close_inquiry, after confirming). Each names the buyer's current tier, which the quote
 * depends on. An answered inquiry shows its answer as the buyer reads it, when it was sent and by
 * whom; changing it is a step of its own (Edit answer), sent over the answer shown, so that a
 * colleague's answer given meanwhile is not replaced unseen.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatMoney, formatNumber, languageName } from '../../../i18n/format.ts';
import { answerInquiry, answerSchema, closeInquiry, inquiryPageSize, inquiryStatuses, loadInquiries, loadInquiry, newerAnswer, type Inquiry, type InquiryStatus } from '../../../lib/console/inquiries.ts';
import { answerChanged } from '../../../lib/inquiry-answer.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { loadStaff, type StaffRow } from '../../../lib/console/staff.ts';
import { focusIfLost } from '../../form-focus.ts';
import { memberHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { StatusFilter } from '../ui/StatusFilter.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, apiMessage, noErrors, parseDetails, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { Pager } from '../ui/Pager.tsx';
import { useLoad } from '../ui/use-load.ts';
import { useResultsSaid } from '../ui/results-said.tsx';
import { loadWaitingWork } from '../../../stores/waiting-work.ts';
import { ContactWays } from '../members/ContactWays.tsx';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { ScreenOutcomeLine, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { BusyButton } from '../../BusyButton.tsx';

export function InquiriesInbox({ store }: { store: StaffStore }) {
  const { t, date, product, company } = useOpsText();
  const [status, setStatus] = useState<InquiryStatus | ''>('open');
  const [page, setPage] = useState(0);
  // With the staff directory, which names who sent an answer by their e-mail.
  const state = useLoad(() => Promise.all([loadInquiries(store.id, status || null, page).then(orThrow), loadStaff(store.id)]), [store.id, status, page]);
  // The list and the count beside the navigation's entry, which the action changed too.
  const reload = () => {
    void state.reloadAfterWrite();
    void loadWaitingWork(store.id);
  };
  // A status chosen says the inquiries it leaves on screen, as the members list's filters do.
  const said = useResultsSaid(state);
  const [openId, setOpenId] = useState<string | null>(null);
  // An inquiry just answered, as answered: the open ones no longer list it, and the line saying so
  // opens it from here.
  const [answered, setAnswered] = useState<Inquiry | null>(null);
  const outcome = useScreenOutcome([status, page]);
  const [list, staff] = state.data ?? [];
  const opened = list?.rows.find((row) => row.id === openId) ?? (answered?.id === openId ? answered : null);

  const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

  return (
    <section aria-labelledby="inquiries-title">
      <h1 id="inquiries-title">{t('inquiriesTitle')}</h1>
      <StatusFilter
        id="inquiries-status"
        value={status}
        statuses={inquiryStatuses}
        label={(s) => t(`inquiryStatus_${s}`)}
        onChange={(chosen) => {
          said.ask(false);
          setStatus(chosen);
          setPage(0);
          setOpenId(null);
        }}
      />
      <ScreenOutcomeLine outcome={outcome} />
      {said.line('inquiries-found')}
      <div ref={said.results} id="inquiries-results">
      <LoadState state={state}>
        {([data]) => (
        <>
          <DataTable
            caption={t('inquiriesCaption', { count: data.total })}
            rows={data.rows}
            rowKey={(row) => row.id}
            selectedKey={openId}
            onActivate={(row) => setOpenId(row.id)}
            rowLabel={(row) => `${company(row.member)}: ${excerpt(row.message)}`}
            empty={t(status ? 'inquiriesEmpty' : 'inquiriesNone')}
            columns={[
              { key: 'date', header: t('colReceived'), nowrap: true, cell: (row) => date(row.created_at) },
              { key: 'company', header: t('colCompany'), primary: true, cell: (row) => (
                <>
                  <a href={memberHref(store.slug, row.member_id)}>{company(row.member) || '—'}</a>
                  {row.contact && <div class="muted">{row.contact.full_name}</div>}
                </>
              ) },
              { key: 'tier', header: t('colTier'), cell: (row) => row.member?.tier?.name ?? '—' },
              { key: 'product', header: t('colProduct'), cell: (row) => product(row.product) },
              { key: 'message', header: t('colMessage'), cell: (row) => excerpt(row.message) },
              { key: 'status', header: t('colStatus'), cell: (row) => <span class="badge">{t(`inquiryStatus_${row.status}`)}</span> },
              { key: 'open', header: <span class="visually-hidden">{t('colActions')}</span>, cell: (row) => (
                <BusyButton type="button" onClick={() => setOpenId(row.id)} aria-label={t('openInquiryFrom', { company: company(row.member) })}>
                  {t('openInquiry')}
                </BusyButton>
              ) },
            ]}
          />
          <Pager
            page={page}
            pageSize={inquiryPageSize}
            total={data.total}
            onPage={setPage}
            labels={{ previous: t('pagePrevious'), next: t('pageNext'), nav: t('pagesOf', { what: t('inquiriesTitle') }), range: (from, to, total) => t('pageRange', { from, to, total }) }}
          />
        </>
        )}
      </LoadState>
      </div>
      {opened && (
        <InquiryPanel
          key={opened.id}
          inquiry={opened}
          staff={staff}
          onEdited={() => void state.reloadAfterWrite()}
          onClose={() => {
            setOpenId(null);
            outcome.closed(null);
          }}
          onChanged={(message, changed) => {
            // An answered or closed inquiry leaves a list of open ones, and its panel with it: closed
            // at once, so that the focus it held goes to the line saying so (the list read again
            // took the panel away only after the line had looked for a lost focus). An answered one
            // stays in reach from that line: under "Open" it was nowhere to be found again.
            setOpenId(null);
            setAnswered(changed.status === 'answered' ? changed : null);
            const view = changed.status === 'answered' && status === 'open' ? { label: t('viewAnsweredInquiry'), run: () => setOpenId(changed.id) } : undefined;
            outcome.closed(message, view);
            reload();
          }}
        />
      )}
    </section>
  );
}

/**
 * `onChanged(message, inquiry)`: answered for the first time or closed, what it says, and the
 * inquiry as it now is (the panel goes). `onEdited`: its answer changed, the panel staying on it.
 * `staff`: the store's staff directory, naming who sent the answer (unknown while it loads).
 */
function InquiryPanel({ inquiry: listed, staff, onClose, onChanged, onEdited }: {
  inquiry: Inquiry;
  staff: StaffRow[] | undefined;
  onClose: () => void;
  onChanged: (message: string, inquiry: Inquiry) => void;
  onEdited: () => void;
}) {
  const { t, msg, locale, dateTime, product, company: companyOf } = useOpsText();
  // As this panel last wrote or read it, until the list read again holds that answer or a later one.
  const [written, setWritten] = useState<Inquiry | null>(null);
  const inquiry = newerAnswer(listed, written);
  // An answered inquiry shows its answer as text: the box opens on Edit answer.
  const [editing, setEditing] = useState(listed.answer === null);
  const [answer, setAnswer] = useState(inquiry.answer ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const answerHeading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLDivElement>(null);
  const company = companyOf(inquiry.member);
  const replacing = inquiry.answer !== null;

  useEffect(() => heading.current?.focus(), []);

  function edit() {
    setAnswer(inquiry.answer ?? '');
    setErrors(noErrors);
    setNotice(null);
    setEditing(true);
    focusIfLost(() => box.current);
  }

  function cancel() {
    setEditing(false);
    focusIfLost(() => editButton.current, form.current);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = answerSchema.safeParse({ answer });
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    if (parsed.data.answer === inquiry.answer) return setErrors({ fields: { answer: 'answerUnchanged' }, form: null });
    setBusy(true);
    const result = await answerInquiry(inquiry, parsed.data);
    if (!result.ok) {
      // Answered by a colleague meanwhile: their answer is read, for Cancel to show and the next send to replace knowingly.
      const since = parseDetails(result.error)?.field === 'answer_read' ? await loadInquiry(inquiry.id) : null;
      if (since?.ok) setWritten(since.data);
      setBusy(false);
      return setErrors(apiErrors(result.error, ['answer']));
    }
    setBusy(false);
    setErrors(noErrors);
    const now = { ...inquiry, ...result.data };
    if (!replacing) return onChanged(t('inquiryAnswered', { company }), now);
    setWritten(now);
    setEditing(false);
    setNotice(t('answerEdited', { company }));
    focusIfLost(() => answerHeading.current, form.current);
    onEdited();
  }

  async function close() {
    setBusy(true);
    const result = await closeInquiry(inquiry.id);
    setBusy(false);
    if (!result.ok) return setCloseError(apiMessage(result.error));
    setConfirming(false);
    onChanged(t('inquiryClosed', { company }), { ...inquiry, ...result.data });
  }

  const closeButton = (
    <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
      {t('closeInquiry')}
    </button>
  );
  const backButton = (
    <button type="button" class="link-button" onClick={onClose}>
      {t('backToList')}
    </button>
  );

  return (
    <article class="panel ops-page inquiry-page" aria-labelledby="inquiry-title">
      <h2 id="inquiry-title" tabIndex={-1} ref={heading}>
        {t('inquiryFrom', { company })}
      </h2>
      <dl class="ops-facts">
        <dt>{t('colReceived')}</dt>
        <dd>{dateTime(inquiry.created_at)}</dd>
        <dt>{t('colTier')}</dt>
        <dd>{inquiry.member?.tier?.name ?? '—'}</dd>
        {inquiry.contact && (
          <>
            <dt>{t('colContact')}</dt>
            <dd>
              {inquiry.contact.full_name}
              <ContactWays contact={inquiry.contact} />
            </dd>
          </>
        )}
        {inquiry.contact?.preferred_locale && (
          <>
            <dt>{t('contactReads')}</dt>
            <dd>{languageName(inquiry.contact.preferred_locale, locale)}</dd>
          </>
        )}
        {inquiry.product && (
          <>
            <dt>{t('colProduct')}</dt>
            <dd>{product(inquiry.product)}</dd>
          </>
        )}
        {inquiry.quantity !== null && (
          <>
            <dt>{t('colQuantity')}</dt>
            <dd>{formatNumber(inquiry.quantity, locale)}</dd>
          </>
        )}
        {inquiry.target_price !== null && inquiry.currency && (
          <>
            <dt>{t('targetPrice')}</dt>
            <dd>{t('targetPriceEach', { amount: formatMoney(inquiry.target_price, inquiry.currency, locale) })}</dd>
          </>
        )}
        <dt>{t('colStatus')}</dt>
        <dd>{t(`inquiryStatus_${inquiry.status}`)}</dd>
      </dl>
      <blockquote class="message">{inquiry.message}</blockquote>
      {inquiry.status !== 'closed' && editing ? (
        <div ref={form}>
          <CheckedForm check={errors} class="ops-page" onSubmit={submit}>
            <Field
              id="inquiry-answer"
              label={t('answerLabel')}
              hint={inquiry.answered_at && replacing ? t('answerReplaceHint', { date: dateTime(inquiry.answered_at) }) : undefined}
              error={msg(errors.fields.answer)}
            >
              {(aria) => <textarea {...aria} ref={box} rows={5} value={answer} onInput={(event) => setAnswer(event.currentTarget.value)} />}
            </Field>
            <FormError message={errors.form} />
            <div class="actions">
              <BusyButton type="submit" class="primary" busy={busy}>
                {busy ? t('saving') : t(replacing ? 'sendNewAnswer' : 'sendAnswer')}
              </BusyButton>
              {replacing ? (
                <button type="button" onClick={cancel} disabled={busy}>
                  {t('cancel')}
                </button>
              ) : (
                <>
                  {closeButton}
                  {backButton}
                </>
              )}
            </div>
          </CheckedForm>
        </div>
      ) : (
        <>
          {inquiry.answer !== null && (
            <section class="ops-page inquiry-answer" aria-labelledby="inquiry-answer-title">
              <h3 id="inquiry-answer-title" tabIndex={-1} ref={answerHeading}>{t('answerSentTitle')}</h3>
              <AnswerFacts inquiry={inquiry} staff={staff} />
              <p class="message">{inquiry.answer}</p>
              <PanelNotice text={notice} />
            </section>
          )}
          {inquiry.status === 'closed' ? (
            <p class="muted">{t('inquiryIsClosed')}</p>
          ) : (
            <div class="actions">
              <button type="button" ref={editButton} onClick={edit}>
                {t('editAnswer')}
              </button>
              {closeButton}
              {backButton}
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('closeInquiryTitle', { company })}
        confirmLabel={t('closeInquiry')}
        cancelLabel={t('cancel')}
        busy={busy}
        error={closeError}
        onConfirm={() => void close()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('closeInquiryBody')}</p>
      </ConfirmDialog>
    </article>
  );
}

/**
 * When the answer shown was sent, and by whom: first sent, then edited (the current text's time
 * and author) once changed. Its author is named as the rewards' "Marked by" names a login: you, a
 * colleague's e-mail, or someone since removed from the store; left out while the directory loads.
 */
function AnswerFacts({ inquiry, staff }: { inquiry: Inquiry; staff: StaffRow[] | undefined }) {
  const { t, dateTime, staffMember } = useOpsText();
  const edited = answerChanged(inquiry);
  return (
    <dl class="ops-facts">
      <dt>{t('answerSentOn')}</dt>
      <dd>{dateTime(inquiry.first_answered_at ?? inquiry.answered_at)}</dd>
      {edited && (
        <>
          <dt>{t('answerEditedOn')}</dt>
          <dd>{dateTime(inquiry.answered_at)}</dd>
        </>
      )}
      {staff && (
        <>
          <dt>{t(edited ? 'answerEditedBy' : 'answerSentBy')}</dt>
          <dd>{staffMember(staff, inquiry.answered_by)}</dd>
        </>
      )}
    </dl>
  );
}
