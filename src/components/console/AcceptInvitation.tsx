/**
 * `/console/?invite=TOKEN`: once signed in, the invitee accepts the staff invitation
 * (`accept_staff_invitation`) and lands on the store's console, which says they joined
 * (`?joined`, read by GettingStarted); a refusal (wrong login,
 * expired, used) is said in the page's language, with the way on: a link still valid for another
 * address says so, rather than that it is not valid.
 */
import { useEffect, useState } from 'preact/hooks';
import { interpolateParts } from '../../i18n/format.ts';
import { acceptStaffInvitation, staffInvitationPreview } from '../../lib/console/staff.ts';
import { useConsoleText } from './console-text.ts';
import { apiMessage, type ApiError } from './ui/form-errors.ts';
import { emailAddress } from '../email-address.tsx';
import { consoleHref, withLang } from './links.ts';

/** Why the invitation was not accepted: another address's, no longer valid, or the refusal's own sentence. */
type Refusal = { kind: 'otherLogin' } | { kind: 'spent' } | { kind: 'refused'; said: string };

/**
 * A token this login cannot read (PT404) names no invitation to it, valid or not: the preview, which
 * whoever holds the link reads, tells a pending invitation (then another address's) from one used,
 * withdrawn or expired. The preview not read either, the refusal says what it can.
 */
async function refusalOf(token: string, error: ApiError): Promise<Refusal> {
  const refused = { kind: 'refused', said: apiMessage(error) } as const;
  if (error.code !== 'PT404') return refused;
  const preview = await staffInvitationPreview(token).catch(() => undefined);
  if (preview === undefined) return refused;
  return preview ? { kind: 'otherLogin' } : { kind: 'spent' };
}

export function AcceptInvitation({ token, email }: { token: string; email: string }) {
  const { t } = useConsoleText('staff');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  useEffect(() => {
    let live = true;
    void acceptStaffInvitation(token).then(async (result) => {
      if (!live) return;
      if (result.ok) window.location.assign(consoleHref('/console/', result.data.store_slug, { joined: '' }));
      else {
        const refused = await refusalOf(token, result.error);
        if (live) setRefusal(refused);
      }
    });
    return () => {
      live = false;
    };
  }, [token]);
  return (
    <section aria-labelledby="invite-accept-title" class="console-narrow">
      <h1 id="invite-accept-title">{t('acceptInvitationTitle')}</h1>
      {refusal ? (
        <div role="alert" class="notice">
          {refusal.kind === 'otherLogin' ? (
            <p class="error">{interpolateParts(t('acceptInvitationOtherEmail'), { email: emailAddress('email', email) })}</p>
          ) : refusal.kind === 'spent' ? (
            <p class="error">{t('invitationLinkSpent')}</p>
          ) : (
            <>
              <p class="error">{refusal.said}</p>
              <p>{interpolateParts(t('acceptInvitationHelp'), { email: emailAddress('email', email) })}</p>
            </>
          )}
          <p>
            <a href={withLang('/console/')}>{t('acceptInvitationContinue')}</a>
          </p>
        </div>
      ) : (
        <p role="status" aria-busy="true">
          {t('acceptingInvitation')}
        </p>
      )}
    </section>
  );
}
