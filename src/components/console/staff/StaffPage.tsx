/**
 * /console/staff/: the store's staff. Owners invite by e-mail (sharing the invitation link),
 * withdraw pending invitations, change roles (set_staff_role: "Make owner", "Make staff") and
 * remove staff or owners, themselves included ("Leave the store"); removals and role changes are
 * confirmed (a new owner may remove every other owner, you included). The store keeps one owner (both RPCs refuse the last), so the only
 * owner's row offers no removal or demotion and says why. Plain staff see who works there and may leave
 * (remove_staff of their own row), confirmed the same way; whoever leaves goes to /console/,
 * which says they left.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { inviteStaff, invitationLink, loadInvitations, loadStaff, removeStaff, setStaffRole, withdrawInvitation, type StaffInvitation, type StaffRow } from '../../../lib/console/staff.ts';
import { $session } from '../../../stores/session.ts';
import { loadStaffStores } from '../../../stores/staff-store.ts';
import { formatDate, interpolateParts, isolate, sentenceGap } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';
import ConsoleLayout from '../ConsoleLayout.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, apiMessage, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';
import { CopyButton } from '../../CopyButton.tsx';
import { emailAddress } from '../../email-address.tsx';
import { withLang } from '../links.ts';
import { rememberDeletedStore } from '../deleted-store.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { ScreenOutcomeLine, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { focusIfLost } from '../../form-focus.ts';
import { BusyButton } from '../../BusyButton.tsx';

type Pending =
  | { kind: 'remove'; row: StaffRow }
  | { kind: 'role'; row: StaffRow; role: 'owner' | 'staff' }
  | { kind: 'withdraw'; invitation: StaffInvitation };

function Staff({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('staff');
  const owner = store.role === 'owner';
  const staff = useLoad(() => loadStaff(store.id), [store.id]);
  const invitations = useLoad(() => (owner ? loadInvitations(store.id) : Promise.resolve([])), [store.id, owner]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const outcome = useScreenOutcome();
  // Set once a removal or a withdrawal is done, for the dialog closing then: the row it was opened
  // from goes once the list is read again, and the focus with it, to the page's body. A cancel, or
  // a role changed (its row and button stay), returns to the opener.
  const removed = useRef(false);
  const ask = (asking: Pending) => {
    removed.current = false;
    setActionError(null);
    setPending(asking);
  };
  const date = (iso: string) => formatDate(iso, locale);
  const roleName = (role: StaffInvitation['role']) => t(role === 'owner' ? 'roleOwner' : 'roleStaff');
  // A sentence naming an address keeps it whole but at its "@", as the list does: in a dialog's title
  // or the line saying what was done, a phone broke it at a hyphen. A dialog's name is the text
  // (read from the title, the address would be said in two pieces).
  const withEmail = (key: Parameters<typeof t>[0], email: string) => interpolateParts(t(key), { email: emailAddress('email', email) });
  const titled = (key: Parameters<typeof t>[0], email: string) => ({ title: withEmail(key, email), label: t(key, { email }) });

  /** Makes `row` owner or staff, once confirmed. */
  async function changeRole(row: StaffRow, role: 'owner' | 'staff') {
    outcome.say(null);
    setBusy(true);
    const result = await setStaffRole(store.id, row.user_id, role);
    setBusy(false);
    if (!result.ok) return setActionError(apiMessage(result.error));
    setPending(null);
    outcome.closed(row.is_me ? t('steppedDown') : withEmail(role === 'owner' ? 'madeOwner' : 'madeStaff', row.email));
    staff.reloadAfterWrite();
    // Staff now: the console's own role for this store, and with it every owner's control, goes.
    const userId = $session.get()?.user.id;
    if (row.is_me && userId) void loadStaffStores(userId, { force: true });
  }

  async function confirm() {
    if (!pending) return;
    if (pending.kind === 'role') return changeRole(pending.row, pending.role);
    setBusy(true);
    setActionError(null);
    const result = pending.kind === 'remove' ? await removeStaff(store.id, pending.row.user_id) : await withdrawInvitation(pending.invitation.id);
    setBusy(false);
    if (!result.ok) return setActionError(apiMessage(result.error));
    removed.current = true;
    outcome.closed(pending.kind === 'remove' ? withEmail('staffRemoved', pending.row.email) : withEmail('invitationWithdrawn', pending.invitation.email));
    setPending(null);
    if (pending.kind === 'remove' && pending.row.is_me) {
      // Said by the console it goes to, which lists the store no more: it showed the rest with no word of leaving.
      rememberDeletedStore({ name: store.name, lang: store.name_lang, left: true });
      return window.location.assign(withLang('/console/'));
    }
    staff.reloadAfterWrite();
    invitations.reloadAfterWrite();
  }

  const asked = pending && confirmText(pending);
  /** What the dialog asks before `pending` is carried out. */
  function confirmText(asking: Pending): { title: ComponentChildren; label?: string; confirm: string; body: string } {
    if (asking.kind === 'withdraw') return { ...titled('withdrawTitle', asking.invitation.email), confirm: t('withdrawInvitation'), body: t('withdrawBody') };
    const { row } = asking;
    if (asking.kind === 'remove') {
      return row.is_me
        ? { title: t('leaveStoreTitle', { store: isolate(store.name) }), confirm: t('leaveStore'), body: t('removeSelfBody') }
        : { ...titled('removeStaffTitle', row.email), confirm: t('removeStaff'), body: t('removeStaffBody') };
    }
    if (row.is_me) return { title: t('stepDownTitle', { store: isolate(store.name) }), confirm: t('stepDown'), body: t('stepDownBody') };
    return asking.role === 'owner'
      ? { ...titled('makeOwnerTitle', row.email), confirm: t('makeOwner'), body: t('makeOwnerBody') }
      : { ...titled('makeStaffTitle', row.email), confirm: t('makeStaff'), body: t('makeStaffBody') };
  }

  return (
    <>
      <h1>{t('staffTitle')}</h1>
      {!owner && <p class="notice">{t('staffOwnerOnly')}</p>}
      <ScreenOutcomeLine outcome={outcome} />
      {owner && <InviteForm store={store} onInvited={invitations.reloadAfterWrite} />}
      <section aria-labelledby="staff-list-title">
        <h2 id="staff-list-title">{t('staffListTitle')}</h2>
        <LoadState state={staff}>
          {(rows) => (
            <StaffList
              rows={rows}
              store={store}
              owner={owner}
              busy={busy}
              onRemove={(row) => ask({ kind: 'remove', row })}
              onRole={(row, role) => ask({ kind: 'role', row, role })}
            />
          )}
        </LoadState>
      </section>
      {owner && (
        <section aria-labelledby="invitations-title">
          <h2 id="invitations-title">{t('invitationsTitle')}</h2>
          <LoadState state={invitations}>
            {(rows) => (
              <DataTable
                caption={t('invitationsCaption')}
                captionHidden
                rows={rows}
                rowKey={(row) => row.id}
                // Named by the address as written: read from its cell, it has a space before the "@" (emailAddress).
                rowLabel={(row) => `${row.email}, ${roleName(row.role)}`}
                empty={t('invitationsNone')}
                columns={[
                  // Kept whole but at its "@": on a phone it broke at a hyphen, read as two addresses.
                  { key: 'email', header: t('colEmail'), cell: (row) => emailAddress('email', row.email) },
                  { key: 'role', header: t('colRole'), cell: (row) => roleName(row.role) },
                  { key: 'expires', header: t('colExpires'), nowrap: true, cell: (row) => date(row.expires_at) },
                  {
                    key: 'actions',
                    header: <span class="visually-hidden">{t('colActions')}</span>,
                    cell: (row) => (
                      <div class="actions">
                        <CopyButton text={invitationLink(row.token)} label={t('copyInvitationLink')} detail={row.email} copied={t('copied')} failed={t('copyFailed')} />
                        <BusyButton type="button" class="danger-outline" onClick={() => ask({ kind: 'withdraw', invitation: row })}>
                          {t('withdrawInvitation')}
                          <span class="visually-hidden"> {row.email}</span>
                        </BusyButton>
                      </div>
                    ),
                  },
                ]}
              />
            )}
          </LoadState>
        </section>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={asked?.title ?? ''}
        label={asked?.label}
        confirmLabel={asked?.confirm ?? ''}
        cancelLabel={t('cancel')}
        busy={busy}
        error={actionError}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
        returnFocus={() => (removed.current ? outcome.line.current : null)}
      >
        <p>{asked?.body}</p>
      </ConfirmDialog>
    </>
  );
}

/**
 * Who works at the store; owners get a role button ("Make owner", "Make staff") and a Remove
 * button on each row ("Leave the store" on their own), except on the only owner's row, whose role says so ("Owner, the only one"; the note under the table
 * says why it has no button: in the actions cell, stacked on a phone, it stood alone without a
 * label). Plain staff get "Leave the store" on their own row only.
 */
function StaffList(props: {
  rows: StaffRow[];
  store: StaffStore;
  owner: boolean;
  busy: boolean;
  onRemove: (row: StaffRow) => void;
  onRole: (row: StaffRow, role: 'owner' | 'staff') => void;
}) {
  const { rows, store, owner, busy, onRemove, onRole } = props;
  const { t, locale } = useConsoleText('staff');
  const onlyOwner = rows.filter((row) => row.role === 'owner').length === 1;
  const roleText = (row: StaffRow) => (row.role === 'owner' ? t(onlyOwner ? 'onlyOwner' : 'roleOwner') : t('roleStaff'));
  const action = (row: StaffRow) => {
    if ((!owner && !row.is_me) || (onlyOwner && row.role === 'owner')) return null;
    const role = row.role === 'owner' ? 'staff' : 'owner';
    return (
      <div class="actions">
        {owner && (
          <BusyButton type="button" disabled={busy} onClick={() => onRole(row, role)}>
            {t(role === 'owner' ? 'makeOwner' : 'makeStaff')}
            <span class="visually-hidden"> {row.email}</span>
          </BusyButton>
        )}
        <BusyButton type="button" class="danger-outline" onClick={() => onRemove(row)}>
          {row.is_me ? t('leaveStore') : <>{t('removeStaff')}<span class="visually-hidden"> {row.email}</span></>}
        </BusyButton>
      </div>
    );
  };
  return (
    <>
      <DataTable
        caption={t('staffListCaption', { store: isolate(store.name) })}
        captionHidden
        rows={rows}
        rowKey={(row) => row.user_id}
        // Named by the address as written: read from its cell, it has a space before the "@" (emailAddress).
        rowLabel={(row) => [row.email, row.is_me && t('you'), roleText(row)].filter(Boolean).join(', ')}
        empty={t('staffNone')}
        columns={[
          // Kept whole but at its "@": on a phone it broke at a hyphen, read as two addresses.
          { key: 'email', header: t('colEmail'), cell: (row) => <>{emailAddress('email', row.email)}{row.is_me && <> <span class="badge">{t('you')}</span></>}</> },
          { key: 'role', header: t('colRole'), cell: roleText },
          { key: 'since', header: t('colSince'), nowrap: true, cell: (row) => formatDate(row.created_at, locale) },
          { key: 'actions', header: <span class="visually-hidden">{t('colActions')}</span>, cell: action },
        ]}
      />
      {owner && onlyOwner && <p class="muted">{t('onlyOwnerNote')}</p>}
    </>
  );
}

function InviteForm({ store, onInvited }: { store: StaffStore; onInvited: () => void }) {
  const { t, locale } = useConsoleText('staff');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<{ email: string; link: string } | null>(null);
  const invitedLine = useRef<HTMLParagraphElement>(null);
  const schema = z.object({
    email: z.string().trim().email(t('errorEmail')).max(254, t('errorTooLong', { max: 254 })),
    role: z.enum(['owner', 'staff']),
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const parsed = schema.safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setErrors(noErrors);
    setBusy(true);
    const result = await inviteStaff(store.id, parsed.data.email, parsed.data.role);
    setBusy(false);
    if (!result.ok) return setErrors(apiErrors(result.error, ['email', 'role']));
    form.reset();
    setInvited({ email: result.data.email, link: invitationLink(result.data.token) });
    // To the line with the link to send and its Copy, from the button that made it (or from the page, had the focus fallen there).
    focusIfLost(() => invitedLine.current, form.querySelector('[type="submit"]'));
    onInvited();
  }

  return (
    <section aria-labelledby="invite-title" class="panel">
      <h2 id="invite-title">{t('inviteTitle')}</h2>
      <p class="muted">{t('inviteIntro')}</p>
      <CheckedForm check={errors} class="stack" onSubmit={submit}>
        <Field id="invite-email" label={t('colEmail')} error={errors.fields.email}>
          {(aria) => <input {...aria} name="email" type="email" autocomplete="off" maxLength={254} required />}
        </Field>
        <Field
          id="invite-role"
          label={t('colRole')}
          // Each role on a line of its own, read in turn as the select's description.
          hint={[t('roleStaffCan'), t('roleOwnerCan')].map((can, i) => <span key={i} class="role-can">{i > 0 && sentenceGap(locale)}{can}</span>)}
          error={errors.fields.role}
        >
          {(aria) => (
            <select {...aria} name="role">
              <option value="staff" selected>{t('roleStaff')}</option>
              <option value="owner">{t('roleOwner')}</option>
            </select>
          )}
        </Field>
        <FormError message={errors.form} />
        <div class="actions">
          <BusyButton type="submit" class="primary" busy={busy}>
            {busy ? t('inviting') : t('invite')}
          </BusyButton>
        </div>
      </CheckedForm>
      {invited && (
        <div role="status" class="notice">
          <p ref={invitedLine}>{interpolateParts(t('invitedBody'), { email: emailAddress('email', invited.email) })}</p>
          <p>
            <code class="break">{invited.link}</code>
          </p>
          <CopyButton text={invited.link} label={t('copyInvitationLink')} copied={t('copied')} failed={t('copyFailed')} shown={{ within: '.notice', holder: 'code' }} />
        </div>
      )}
    </section>
  );
}

export default function StaffPage() {
  return <ConsoleLayout>{(store) => <Staff key={store.id} store={store} />}</ConsoleLayout>;
}
