/**
 * `/console/?invite=TOKEN`: once signed in, the invitee accepts the staff invitation
 * (`accept_staff_invitation`) and lands on the store's console, which says they joined
 * (`?joined`, read by GettingStarted); a refusal (wrong login,
 * expired, used) is said in the page's language, with the way on.
 */
import { useEffect, useState } from 'preact/hooks';
import { interpolateParts } from '../../i18n/format.ts';
import { acceptStaffInvitation } from '../../lib/console/staff.ts';
import { useConsoleText } from './console-text.ts';
import { apiMessage } from './ui/form-errors.ts';
import { emailAddress } from '../email-address.tsx';
import { consoleHref, withLang } from './links.ts';

export function AcceptInvitation({ token, email }: { token: string; email: string }) {
  const { t } = useConsoleText('staff');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void acceptStaffInvitation(token).then((result) => {
      if (!live) return;
      if (result.ok) window.location.assign(consoleHref('/console/', result.data.store_slug, { joined: '' }));
      else setError(apiMessage(result.error));
    });
    return () => {
      live = false;
    };
  }, [token]);
  return (
    <section aria-labelledby="invite-accept-title" class="console-narrow">
      <h1 id="invite-accept-title">{t('acceptInvitationTitle')}</h1>
      {error ? (
        <div role="alert" class="notice">
          <p class="error">{error}</p>
          <p>{interpolateParts(t('acceptInvitationHelp'), { email: emailAddress('email', email) })}</p>
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
