/**
 * The member page's contacts: each one's card and the ways to reach them, with staff's two actions
 * on a row, each asked first in a dialog naming the person and what happens: "Make primary" (not on
 * the primary's row; make_primary_contact) and "Remove from company", for someone who no longer
 * works there (remove_member_contact: a primary's place goes to the longest-standing contact left,
 * whom the dialog names). The company's only contact has no Remove button, and a note says why.
 * Once done the page reads the company again (`onDone`, also after a refusal: the contact may have
 * gone meanwhile), and the dialog hands the focus to the line saying what happened: the pressed
 * button goes with its row, or with the role ("Make primary").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isolate } from '../../../i18n/format.ts';
import { makePrimaryContact, removeContact, type MemberRecord } from '../../../lib/console/members.ts';
import { focusIfLost } from '../../form-focus.ts';
import { useOpsText } from '../ops-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { apiMessage } from '../ui/form-errors.ts';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { ContactWays } from './ContactWays.tsx';

type Contact = MemberRecord['contacts'][number];

interface ContactsProps {
  memberId: string;
  company: string;
  contacts: Contact[];
  notice: string | null;
  /** An action is asked about: the page's last success goes, as a card's submit takes it. */
  onAsk: () => void;
  /** What happened (null after a refusal); the page reads the company again either way. */
  onDone: (message: string | null) => void;
}

export function Contacts({ memberId, company, contacts, notice, onAsk, onDone }: ContactsProps) {
  const { t } = useOpsText();
  const [pending, setPending] = useState<{ kind: 'primary' | 'remove'; contact: Contact } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  // Set once the action is done, for the dialog closing then; a cancelled one returns to the opener.
  const succeeded = useRef(false);
  const name = (contact: Contact) => isolate(contact.full_name);
  const statusLine = () => panel.current?.querySelector<HTMLElement>('[role="status"]') ?? null;
  const primary = contacts.find((contact) => contact.role === 'primary');
  // Who takes a removed primary's place, as remove_member_contact chooses: the longest-standing.
  const successor = (leaving: Contact) =>
    contacts.filter((contact) => contact.id !== leaving.id).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];

  /**
   * Where the focus goes as the dialog closes: to what happened once done; back to the opener when
   * cancelled (the browser's own return), or to the panel's title if a refusal's re-read took the
   * opener's row away (the contact had gone).
   */
  const whereNext = () => (succeeded.current ? statusLine() : opener.current?.isConnected ? null : heading.current);

  function ask(kind: 'primary' | 'remove', contact: Contact, event: MouseEvent) {
    opener.current = event.currentTarget as HTMLElement;
    succeeded.current = false;
    setError(null);
    onAsk();
    setPending({ kind, contact });
  }
  // A refusal's re-read may land after the dialog closed on the opener, and take its row away.
  const refused = useRef(false);
  useEffect(() => {
    if (!refused.current) return;
    refused.current = false;
    focusIfLost(() => heading.current);
  }, [contacts]);

  async function confirm() {
    if (!pending) return;
    const { kind, contact } = pending;
    setBusy(true);
    const result = kind === 'primary' ? await makePrimaryContact(memberId, contact.id) : await removeContact(memberId, contact.id);
    setBusy(false);
    if (!result.ok) {
      setError(apiMessage(result.error));
      refused.current = true;
      return onDone(null);
    }
    succeeded.current = true;
    setPending(null);
    const now = result.data;
    onDone(
      kind === 'primary' ? t('contactMadePrimary', { name: name(contact) })
      : now.id !== primary?.id ? t('contactRemovedPrimary', { name: name(contact), primary: isolate(now.full_name) })
      : t('contactRemoved', { name: name(contact) }),
    );
  }

  const asked = pending && confirmText(pending.kind, pending.contact);
  /** What the dialog asks before `kind` is done to `contact`: its title, button and sentences. */
  function confirmText(kind: 'primary' | 'remove', contact: Contact): { title: string; confirm: string; body: string[] } {
    if (kind === 'primary') {
      const former = primary && t('contactMakePrimaryFormer', { primary: name(primary) });
      return {
        title: t('contactMakePrimaryTitle', { name: name(contact) }),
        confirm: t('contactMakePrimary'),
        body: [t('contactMakePrimaryBody', { name: name(contact) }), ...(former ? [former] : [])],
      };
    }
    const next = contact.role === 'primary' ? successor(contact) : undefined;
    return {
      title: t('contactRemoveTitle', { name: name(contact), company: isolate(company) }),
      confirm: t('contactRemove'),
      body: [t('contactRemoveBody'), ...(next ? [t('contactRemoveNextPrimary', { next: name(next) })] : [])],
    };
  }

  return (
    <div class="panel" ref={panel}>
      <h2 id="contacts-title" ref={heading} tabIndex={-1}>{t('contactsTitle')}</h2>
      <PanelNotice text={notice} />
      {contacts.length === 0 ? <p class="muted">{t('noContacts')}</p> : (
        <ul class="cards">
          {contacts.map((contact) => (
            <li key={contact.id} class="card">
              <p><strong>{contact.full_name}</strong> <span class="badge">{t(contact.role === 'primary' ? 'contactPrimary' : 'contactColleague')}</span></p>
              {contact.job_title && <p class="muted">{contact.job_title}</p>}
              <ContactWays contact={contact} />
              {contacts.length > 1 && (
                <div class="actions">
                  {contact.role !== 'primary' && (
                    <button type="button" disabled={busy} onClick={(event) => ask('primary', contact, event)}>
                      {t('contactMakePrimary')}<span class="visually-hidden"> {contact.full_name}</span>
                    </button>
                  )}
                  <button type="button" class="danger-outline" disabled={busy} onClick={(event) => ask('remove', contact, event)}>
                    {t('contactRemove')}<span class="visually-hidden"> {contact.full_name}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {contacts.length === 1 && <p class="muted">{t('contactOnlyNote')}</p>}
      <ConfirmDialog
        open={pending !== null}
        title={asked?.title ?? ''}
        confirmLabel={asked?.confirm ?? ''}
        cancelLabel={t('cancel')}
        tone={pending?.kind === 'primary' ? 'primary' : 'danger'}
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
        returnFocus={whereNext}
      >
        {asked?.body.map((line) => <p key={line}>{line}</p>)}
      </ConfirmDialog>
    </div>
  );
}
