/**
 * The samples queue: claims by status (requested first), each with the company's quota use in
 * the current sample period; staff approve, ship (carrier and tracking number) and reject (with
 * a reason, after confirming). Decisions go through approve_sample / ship_sample / reject_sample.
 */
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import {
  approveClaim, claimStatuses, loadClaims, pageSize, rejectClaim, rejectSchema, shipClaim, shipSchema,
  type ClaimStatus, type QuotaUse, type SampleClaim,
} from '../../../lib/console/samples.ts';
import { formatNumber, isolate, languageName, regionName } from '../../../i18n/format.ts';
import { dateTimeText } from '../../date-text.tsx';
import { postalPlace } from '../../../i18n/postal.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { memberHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { BusyButton } from '../../BusyButton.tsx';
import { ScreenOutcomeLine, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { StatusFilter } from '../ui/StatusFilter.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, apiMessage, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { Pager } from '../ui/Pager.tsx';
import { RowActionForm } from '../ui/RowActionForm.tsx';
import { ClaimStatusCell } from './ClaimStatusCell.tsx';
import { hasAddress, ShipAddress } from './ShipAddress.tsx';
import { useLoad } from '../ui/use-load.ts';
import { useResultsSaid } from '../ui/results-said.tsx';
import { useRowForm } from '../ui/row-form.ts';
import { loadWaitingWork } from '../../../stores/waiting-work.ts';

export function SamplesQueue({ store }: { store: StaffStore }) {
  const { t, locale, product, company } = useOpsText();
  const [status, setStatus] = useState<ClaimStatus | ''>('requested');
  const [page, setPage] = useState(0);
  const state = useLoad(() => loadClaims(store.id, status || null, page).then(orThrow), [store.id, status, page]);
  // The list and the count beside the navigation's entry, which the action changed too.
  const reload = () => {
    void state.reloadAfterWrite();
    void loadWaitingWork(store.id);
  };
  // A status chosen says the claims it leaves on screen, as the members list's filters do.
  const said = useResultsSaid(state);
  const shipping = useRowForm<SampleClaim>((c) => c.id, shipButtonId);
  const title = useRef<HTMLHeadingElement>(null);
  const [rejecting, setRejecting] = useState<SampleClaim | null>(null);
  const outcome = useScreenOutcome([status, page]);
  const [actionError, setActionError] = useState<string | null>(null);

  async function approve(claim: SampleClaim) {
    setActionError(null);
    const result = await approveClaim(claim.id);
    if (!result.ok) return setActionError(apiMessage(result.error));
    // Its Approve is gone (the row leaves the requests, or turns to Ship): to the screen's title,
    // the outcome read out under it, as a shipment's.
    title.current?.focus();
    outcome.say(t('samplesApproved', claimNames(claim, company)));
    reload();
  }

  const quotaText = (use: QuotaUse | undefined) =>
    !use ? '—' : use.quota === null ? t('samplesQuotaUnlimited', { used: use.used }) : t('samplesQuotaOf', { used: use.used, quota: use.quota });

  // Filtered to one status, the Status column said it again on every row: shown only where a row
  // has more to say (a tracking number, a reason for a rejection).
  const columns = (quota: Record<string, QuotaUse>, claims: SampleClaim[]): Column<SampleClaim>[] => ([
    // With its time (under the day, as the campaign log: on one line it squeezed the row): two
    // requests of one company on one day read as the same one.
    { key: 'date', header: t('colRequested'), cell: (c) => dateTimeText('date', c.created_at, locale) },
    {
      key: 'company',
      header: t('colCompany'),
      primary: true,
      cell: (c) => (
        <>
          <a href={memberHref(store.slug, c.member_id)}>{company(c.member) || '—'}</a>
          {c.contact && <div class="muted">{c.contact.full_name}</div>}
        </>
      ),
    },
    { key: 'product', header: t('colProduct'), cell: (c) => product(c.product) },
    { key: 'qty', header: t('colQuantity'), numeric: true, cell: (c) => formatNumber(c.quantity, locale) },
    {
      key: 'ship',
      header: t('colShipTo'),
      // A buyer who leaves the store takes the address with them, down to the country: said, or
      // the cell read as a claim that came without one. Otherwise the town and country as the reader
      // names a place, opening to the whole address (to check before approving, to copy onto a label).
      cell: (c) => {
        if (!hasAddress(c)) return t('shipToBuyerLeft', { country: c.ship_to.country ? regionName(c.ship_to.country, locale) : '' });
        return (
          <details class="ship-to">
            <summary>{postalPlace(c.ship_to, locale)}</summary>
            <ShipAddress claim={c} />
          </details>
        );
      },
    },
    { key: 'quota', header: t('colQuotaUse'), nowrap: true, cell: (c) => quotaText(quota[c.member_id]) },
    {
      key: 'status',
      header: t('colStatus'),
      cell: (c) => <ClaimStatusCell claim={c} />,
    },
    {
      key: 'actions',
      header: <span class="visually-hidden">{t('colActions')}</span>,
      cell: (c) => (
        <div class="actions">
          {c.status === 'requested' && (
            <BusyButton type="button" class="primary" onClick={() => void approve(c)} aria-label={t('approveFor', claimNames(c, company))}>
              {t('approve')}
            </BusyButton>
          )}
          {c.status === 'approved' && (
            <BusyButton type="button" id={shipButtonId(c)} class="primary" onClick={() => shipping.open(c)} aria-label={t('shipFor', claimNames(c, company))}>
              {t('ship')}
            </BusyButton>
          )}
          {(c.status === 'requested' || c.status === 'approved') && (
            <BusyButton type="button" class="danger-outline" onClick={() => setRejecting(c)} aria-label={t('rejectFor', claimNames(c, company))}>
              {t('reject')}
            </BusyButton>
          )}
        </div>
      ),
    },
  ] satisfies Column<SampleClaim>[]).filter((column) => column.key !== 'status' || !status || claims.some((c) => c.tracking_number || c.rejection_reason));

  return (
    <section aria-labelledby="samples-title">
      <h1 id="samples-title" tabIndex={-1} ref={title}>{t('samplesTitle')}</h1>
      <p class="muted">{t('samplesIntro')}</p>
      <StatusFilter
        id="samples-status"
        value={status}
        statuses={claimStatuses}
        label={(s) => t(`claimStatus_${s}`)}
        onChange={(chosen) => {
          said.ask(false);
          setStatus(chosen);
          setPage(0);
          // A form about a claim the new list may not hold would act on a row out of sight.
          shipping.open(null);
          setRejecting(null);
        }}
      />
      <ScreenOutcomeLine outcome={outcome} />
      <FormError message={actionError} />
      {said.line('samples-found')}
      <div ref={said.results} id="samples-results">
      <LoadState state={state}>
        {(data) => (
        <>
          <DataTable
            caption={t('samplesCaption', { count: data.total })}
            columns={columns(data.quota, data.claims)}
            rows={data.claims}
            rowLabel={(c) => `${company(c.member)}, ${c.product?.sku ?? ''}, ${t(`claimStatus_${c.status}`)}`}
            empty={t(status ? 'samplesEmpty' : 'samplesNone')}
            // Under its row: below the table, it opened under every other claim, a screen away on a phone.
            {...shipping.table(
              (claim, onDone) => <ShipForm key={claim.id} claim={claim} onDone={onDone} />,
              (message) => {
                // Shipped, the button is gone: to the screen's title, the outcome read out under it.
                title.current?.focus();
                outcome.say(message);
                reload();
              },
            )}
          />
          <Pager
            page={page}
            pageSize={pageSize}
            total={data.total}
            onPage={(next) => {
              setPage(next);
              shipping.open(null);
              setRejecting(null);
            }}
            labels={{ previous: t('pagePrevious'), next: t('pageNext'), nav: t('pagesOf', { what: t('samplesTitle') }), range: (from, to, total) => t('pageRange', { from, to, total }) }}
          />
        </>
        )}
      </LoadState>
      </div>
      <RejectDialog
        claim={rejecting}
        rejectedFocus={() => title.current}
        onDone={(message) => {
          setRejecting(null);
          if (message) {
            outcome.say(message);
            reload();
          }
        }}
      />
    </section>
  );
}

/** A claim's Ship button, for the keyboard to come back to when its form is cancelled. */
const shipButtonId = (claim: SampleClaim) => `ship-${claim.id}`;

/**
 * A claim's company and product, as its buttons, forms and outcomes name it: by the company alone,
 * a company's requests for three products had three alike Approve buttons. The product in the
 * reader's language (name_local), else its SKU; both isolated, as names others typed are in a sentence.
 */
const claimNames = (claim: SampleClaim, company: (member: SampleClaim['member']) => string) => ({
  company: isolate(company(claim.member)),
  product: isolate(claim.product?.name ?? claim.product?.sku ?? ''),
});

function ShipForm({ claim, onDone }: { claim: SampleClaim; onDone: (message: string | null) => void }) {
  const { t, msg, company } = useOpsText();
  const names = claimNames(claim, company);
  return (
    <RowActionForm id="ship" title={t('shipTitle', names)} schema={shipSchema} fields={['tracking_number', 'carrier']}
      send={(values) => shipClaim(claim.id, values)} submitLabel={t('markShipped')} doneMessage={t('samplesShipped', names)} onDone={onDone}>
      {(errors) => (
        <>
          {/* What goes on the parcel, beside the fields for what came back from the carrier. */}
          {hasAddress(claim) && (
            <section aria-labelledby="ship-address-title" class="ship-parcel">
              <h3 id="ship-address-title">{t('colShipTo')}</h3>
              <ShipAddress claim={claim} />
            </section>
          )}
          <Field id="ship-carrier" label={t('carrier')} hint={t('carrierHint')} error={msg(errors.carrier)}>
            {(aria) => <input {...aria} name="carrier" autocomplete="off" />}
          </Field>
          <Field id="ship-tracking" label={t('trackingNumber')} error={msg(errors.tracking_number)}>
            {(aria) => <input {...aria} name="tracking_number" autocomplete="off" required />}
          </Field>
        </>
      )}
    </RowActionForm>
  );
}

/**
 * Asks why before rejecting. Cancelled, the keyboard goes back to the row's Reject; rejected, to
 * `rejectedFocus` (the screen's title, the outcome under it): the row's buttons are gone.
 */
function RejectDialog({ claim, rejectedFocus, onDone }: { claim: SampleClaim | null; rejectedFocus: () => HTMLElement | null; onDone: (message: string | null) => void }) {
  const { t, msg, locale, company } = useOpsText();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const rejected = useRef(false);
  const names = claim ? claimNames(claim, company) : { company: '', product: '' };

  function close(message: string | null) {
    rejected.current = message !== null;
    setReason('');
    setErrors(noErrors);
    onDone(message);
  }

  async function confirm() {
    if (!claim) return;
    const parsed = rejectSchema.safeParse({ reason });
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setBusy(true);
    const result = await rejectClaim(claim.id, parsed.data);
    setBusy(false);
    if (!result.ok) return setErrors(apiErrors(result.error, ['reason']));
    close(t('samplesRejected', names));
  }

  return (
    <ConfirmDialog
      open={claim !== null}
      title={t('rejectTitle', names)}
      confirmLabel={t('rejectConfirm')}
      cancelLabel={t('cancel')}
      busy={busy}
      error={errors.form}
      check={errors}
      onConfirm={confirm}
      onCancel={() => close(null)}
      returnFocus={() => (rejected.current ? rejectedFocus() : null)}
    >
      <p>{t('rejectBody')}</p>
      <Field
        id="reject-reason"
        label={t('rejectReason')}
        hint={claim?.contact?.preferred_locale ? t('rejectReasonReads', { name: isolate(claim.contact.full_name), language: languageName(claim.contact.preferred_locale, locale) }) : undefined}
        error={msg(errors.fields.reason)}
      >
        {(aria) => <textarea {...aria} rows={3} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
    </ConfirmDialog>
  );
}
