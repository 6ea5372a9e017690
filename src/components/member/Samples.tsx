/** The company's sample claims with status, carrier and tracking; a requested claim can be cancelled. */
import { useId, useState } from 'preact/hooks';
import { formatDate, formatNumber, interpolateParts, sentenceGap } from '../../i18n/format.ts';
import { cancelSample, type SampleClaim } from '../../lib/member-api.ts';
import { supabaseClient } from '../../stores/session.ts';
import { dated } from '../date-text.tsx';
import { dotted } from '../dotted.ts';
import { useSectionText } from '../use-text.ts';
import { CopyButton } from '../CopyButton.tsx';
import { ConfirmButton } from './forms.tsx';
import { refusalMessage } from './refusals.ts';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { storeNoteSaid } from './update-sentences.tsx';
import { reload, useSampleClaims } from './use-member.ts';

type DayKey = 'claimStatusOn' | 'claimRequestedOn' | 'claimShippedOn';

/**
 * A claim's days, each with what happened on it: the request's day alone beside "Shipped" read as
 * the day it left. The day of its status comes first, right after the status, without its verb:
 * said again, the row read "Requested Requested on …".
 */
function claimDays({ status, created_at, shipped_at }: SampleClaim): [DayKey, string][] {
  const shipped: [DayKey, string][] = shipped_at ? [['claimShippedOn', shipped_at]] : [];
  if (status === 'requested') return [['claimStatusOn', created_at], ...shipped];
  if (status === 'shipped' && shipped_at) return [['claimStatusOn', shipped_at], ['claimRequestedOn', created_at]];
  return [['claimRequestedOn', created_at], ...shipped];
}

export function Samples({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const claims = useSampleClaims(slug);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const uid = useId();

  async function cancel(id: string) {
    setBusy(id);
    setCancelled(false);
    try {
      await cancelSample(await supabaseClient(), id);
      setError(null);
      await reload('claims', 'membership');
      setCancelled(true);
    } catch (failure) {
      setError(refusalMessage(failure, t, locale));
    } finally {
      setBusy(null);
      // The buttons went with the request (or the refusal took their place): the keyboard goes to its row.
      requestAnimationFrame(() => document.getElementById(`${uid}-${id}`)?.focus());
    }
  }

  return (
    <Section id="samples" title={t('samplesTitle')} state={claims.state} retry={claims.retry} isEmpty={(rows) => rows.length === 0} empty={t('samplesEmpty')}>
      {(rows) => (
        <>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <div role="status">{cancelled && <p class="success">{t('claimCancelled')}</p>}</div>
          <ul class="row-list">
            {rows.map((claim) => (
              <li key={claim.id} id={`${uid}-${claim.id}`} tabIndex={-1}>
                <p>
                  <strong>{claim.products?.name ?? t('productGone')}</strong>
                </p>
                {/* The quantity in words, whole: "× 1" fell alone onto the next line in Chinese at 360 px. */}
                <p>
                  <span class={`status status-${claim.status}`}>{t(`claim_${claim.status}`)}</span>{' '}
                  <span class="muted">
                    {dotted([
                      ...claimDays(claim).map(([key, day]) => dated(t(key), formatDate(day, locale))),
                      <span key="quantity" class="nowrap">{t('claimQuantity', { count: formatNumber(claim.quantity, locale) })}</span>,
                    ])}
                  </span>
                </p>
                {/* The tracking number its own element, whole on one line, for the button after the sentence to copy (or select), as a sent reward's. */}
                {claim.status === 'shipped' && (
                  <p>
                    {interpolateParts(t('tracking', { carrier: claim.carrier ?? '—' }), {
                      number: claim.tracking_number ? <span key="tracking" class="code tracking-number">{claim.tracking_number}</span> : '—',
                    })}
                    {claim.tracking_number && (
                      <CopyButton text={claim.tracking_number} label={t('copyTracking')} detail={claim.tracking_number} copied={t('trackingCopied', { number: claim.tracking_number })}
                        failed={t('trackingCopyFailed')} shown={{ within: 'li', holder: '.tracking-number' }} class="secondary" />
                    )}
                  </p>
                )}
                {claim.status === 'rejected' && claim.rejection_reason && <p>{storeNoteSaid(claim.rejection_reason, undefined, { t }, 'storeReason')}</p>}
                {claim.status === 'requested' && (
                  <ConfirmButton
                    // Named with its product for a screen reader listing the page's buttons: three requests read as three identical buttons.
                    label={
                      <>
                        {t('cancelClaim')}
                        <span class="visually-hidden">
                          {sentenceGap(locale)}
                          {t('cancelClaimFor', { product: claim.products?.name ?? t('productGone') })}
                        </span>
                      </>
                    }
                    confirmLabel={t('cancelClaimConfirm')}
                    question={t('cancelClaimQuestion', { product: claim.products?.name ?? t('productGone') })}
                    cancelLabel={t('cancelClaimKeep')}
                    busy={busy === claim.id}
                    look="secondary"
                    onConfirm={() => cancel(claim.id)}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
