/**
 * A sample request's status as staff read it, in the samples queue and on a member's page: the
 * status, then how it was shipped or why it was declined (a buyer who calls to ask why is answered
 * from either place).
 */
import type { ClaimStatus } from '../../../lib/console/samples.ts';
import { useOpsText } from '../ops-text.ts';
import { TrackingNumber } from '../ui/whole-codes.tsx';

interface ClaimStatusFields {
  status: ClaimStatus;
  carrier: string | null;
  tracking_number: string | null;
  rejection_reason: string | null;
}

export function ClaimStatusCell({ claim }: { claim: ClaimStatusFields }) {
  const { t } = useOpsText();
  return (
    <>
      <span class="badge">{t(`claimStatus_${claim.status}`)}</span>
      {claim.tracking_number && <div class="muted">{claim.carrier && `${claim.carrier} · `}<TrackingNumber number={claim.tracking_number} /></div>}
      {claim.rejection_reason && <div class="muted">{claim.rejection_reason}</div>}
    </>
  );
}
