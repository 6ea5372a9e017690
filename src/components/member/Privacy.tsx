/**
 * Privacy: the sign-in e-mail and changing it (EmailChange, with the card's own address said to be
 * changed apart); "Download my data" saves `my_data` (everything the database holds about the
 * member and their company at the store) as a JSON file; "Sign out on every device" asks first, then
 * ends every session of the login (the page then shows the sign-in); "Leave this store" asks
 * first, then removes the member's card (and, with the last contact, the company's personal data,
 * which the question then names with what the company holds; from the primary contact, names the
 * colleague who takes over), naming the member's sample requests it cancels.
 */
import { useState } from 'preact/hooks';
import { interpolateParts, sentenceGap } from '../../i18n/format.ts';
import { localDateInput } from '../../lib/local-clock.ts';
import { downloadMyData, leaveStore } from '../../lib/member-api.ts';
import { signOut, supabaseClient } from '../../stores/session.ts';
import { BusyButton } from '../BusyButton.tsx';
import { EmailChange } from '../EmailChange.tsx';
import { merchantName } from '../merchant-name.tsx';
import { useSectionText } from '../use-text.ts';
import { refusalMessage } from './refusals.ts';
import { ConfirmButton } from './forms.tsx';
import { companyLeaving, samplesCancelled } from './leave-question.ts';
import type { MemberSectionProps } from './Summary.tsx';
import { reload, useCompany, useMembership, useSampleClaims } from './use-member.ts';

export function Privacy({ slug, storeName, storeNameLang, onLeft }: MemberSectionProps & { storeName: string; storeNameLang: string; onLeft?: () => void }) {
  const { t, locale } = useSectionText('member');
  const [busy, setBusy] = useState<'download' | 'signOut' | 'leave' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The file just saved, named: the download itself says nothing to a screen reader.
  const [saved, setSaved] = useState<string | null>(null);
  const [left, setLeft] = useState(false);
  // Each sentence's own copy: an element goes in one place of the page.
  const store = () => merchantName('store', storeName, storeNameLang);
  const membership = useMembership(slug);
  // Shared with Your company's read: who takes over as primary contact, as the member may read them.
  const company = useCompany(slug);
  const contacts = company.state.status === 'ready' ? company.state.data.contacts : undefined;
  const member = membership.state.status === 'ready' ? membership.state.data : null;
  const companyGoes = member ? companyLeaving(member, t, locale, contacts) : null;
  // Shared with Samples' read: the requests leaving cancels, named as that section names them.
  const claims = useSampleClaims(slug);
  const samplesGo = member ? samplesCancelled(claims.state.status === 'ready' ? claims.state.data : undefined, member.contact.id, t, locale) : null;

  async function download() {
    setBusy('download');
    setSaved(null);
    try {
      const data = await downloadMyData(await supabaseClient(), slug);
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      // The export's day on the reader's calendar: downloads on different days keep each other.
      link.download = `cardclub-${slug}-my-data-${localDateInput(data.exported_at)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setError(null);
      setSaved(link.download);
    } catch (failure) {
      setError(refusalMessage(failure, t, locale));
    } finally {
      setBusy(null);
    }
  }

  async function signOutEverywhere() {
    setBusy('signOut');
    const result = await signOut('global');
    // Signed out, the page draws the sign-in instead of this section.
    if (!result.ok) {
      setError(t('actionFailed'));
      setBusy(null);
    }
  }

  async function leave() {
    setBusy('leave');
    try {
      await leaveStore(await supabaseClient(), slug);
      setLeft(true);
      setError(null);
      // Before the reload: it unmounts this section (the login is no longer a member), and the
      // page must keep saying what happened.
      onLeft?.();
      await reload('membership', 'stores');
    } catch (failure) {
      setError(refusalMessage(failure, t, locale));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section id="privacy" class="member-section" aria-labelledby="privacy-title">
      {/* Focusable: a link to the section gives it the keyboard (drawn-sections.ts). */}
      <h2 id="privacy-title" tabIndex={-1}>{t('privacyTitle')}</h2>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {left ? (
        <p role="status">{interpolateParts(t('leftStore'), { store: store() })}</p>
      ) : (
        <>
          {/* The login's own address, beside the login's other things (its data, its sessions). */}
          <EmailChange headingLevel={3}>
            <p class="muted">{t('cardEmailSeparate')}</p>
          </EmailChange>
          {/* Each part under its own heading: read by headings, the download and the sessions sat under "Sign-in email". */}
          <div>
            <h3>{t('downloadTitle')}</h3>
            <p>{t('downloadExplain')}</p>
            <BusyButton type="button" busy={busy === 'download'} onClick={() => void download()}>
              {t('downloadData')}
            </BusyButton>
            {/* Present before it has anything to say: a live region inserted with its text is not read by every screen reader. */}
            <div role="status">{saved && <p class="success">{t('downloadDone', { file: saved })}</p>}</div>
          </div>
          <div>
            <h3>{t('sessionsTitle')}</h3>
            <p>{t('signOutEverywhereExplain')}</p>
            <ConfirmButton
              look="secondary"
              label={t('signOutEverywhere')}
              confirmLabel={t('signOutEverywhereConfirm')}
              question={t('signOutEverywhereQuestion')}
              cancelLabel={t('cancel')}
              busy={busy === 'signOut'}
              onConfirm={() => signOutEverywhere()}
            />
          </div>
          <div class="leave-store">
            <h3>{t('leaveTitle')}</h3>
            <p>{t('leaveExplain')}</p>
            <p>{t('leaveKept')}</p>
            <ConfirmButton
              look="danger"
              label={interpolateParts(t('leaveStore'), { store: store() })}
              confirmLabel={t('leaveConfirm')}
              question={
                <>
                  {interpolateParts(t('leaveQuestion'), { store: store() })}
                  {samplesGo && sentenceGap(locale) + samplesGo}
                  {companyGoes && sentenceGap(locale) + companyGoes}
                </>
              }
              cancelLabel={t('cancel')}
              busy={busy === 'leave'}
              onConfirm={() => leave()}
            />
          </div>
        </>
      )}
    </section>
  );
}
