/**
 * The company: its card (any contact may edit it), colleagues' business cards, pending
 * invitations (invite, withdraw) and the member's own business card (editable) with their consent
 * to be contacted about offers.
 */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { formatDate, interpolateParts, isolate, regionName } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { changedSinceRead, type FieldChanges } from '../../lib/read-again.ts';
import {
  cardFormSchema,
  companyFormSchema,
  fetchCompanyCard,
  inviteColleague,
  MemberApiError,
  setContactConsent,
  updateCompany,
  updateMyCard,
  withdrawInvitation,
  type Company as CompanyCard,
  type Contact,
} from '../../lib/member-api.ts';
import { revalidate } from '../../stores/member.ts';
import { $session, supabaseClient } from '../../stores/session.ts';
import { CheckField } from '../join/form.tsx';
import { BusyButton } from '../BusyButton.tsx';
import { emailAddress } from '../email-address.tsx';
import { CopyButton } from '../CopyButton.tsx';
import { focusIfLost } from '../form-focus.ts';
import { currentValues } from '../form-values.ts';
import { useSectionText } from '../use-text.ts';
import { dated } from '../date-text.tsx';
import { companyFields, rereadCompany } from './company-form.ts';
import { RereadNote } from '../reread-note.tsx';
import { refusalMessage } from './refusals.ts';
import { ConfirmButton, Field, FormMessage, formValues, useCountryChoices, useForm, type FieldProps } from './forms.tsx';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { reload, useCompany, useMembership } from './use-member.ts';

/**
 * `compact`: in the widget frame, inviting a colleague (and the invitations pending), and a link
 * to the rest on the portal: the company's card, the buyer's own and the colleagues' ran to
 * 1,100 px of a side panel.
 */
export function Company({ slug, compact = false }: MemberSectionProps & { compact?: boolean }) {
  const { t, locale } = useSectionText('member');
  const membership = useMembership(slug);
  const myContactId = membership.state.status === 'ready' ? membership.state.data?.contact.id : undefined;
  const company = useCompany(slug);
  return (
    <Section id="company" title={t('companyTitle')} state={company.state} retry={company.retry}>
      {({ company: card, contacts, invitations }) => {
        const me = contacts.find((contact) => contact.id === myContactId);
        const colleagues = contacts.filter((contact) => contact.id !== myContactId);
        const invite = <Invitations slug={slug} memberId={card.id} companyName={card.company_name} invitations={invitations} />;
        if (compact) {
          return (
            <>
              <p>
                <a href={`/me/?s=${encodeURIComponent(slug)}&lang=${locale}#company`} target="_blank" rel="noopener">
                  {t('companyAll')}
                </a>
              </p>
              {invite}
            </>
          );
        }
        return (
          <>
            <CompanyForm card={card} />
            {me && <MyCard contact={me} />}
            <h3>{t('colleaguesTitle')}</h3>
            {colleagues.length === 0 ? (
              // Beside pending invitations, "Invite them below" read as if none had been made.
              invitations.length === 0 && <p class="muted">{t('colleaguesEmpty')}</p>
            ) : (
              <ul class="card-list colleague-cards">
                {colleagues.map((contact) => (
                  <li key={contact.id} class="business-card">
                    <ContactCard contact={contact} />
                  </li>
                ))}
              </ul>
            )}
            {invite}
          </>
        );
      }}
    </Section>
  );
}

function ContactCard({ contact }: { contact: Contact }) {
  const { t } = useSectionText('member');
  const lines: [string, ComponentChildren][] = [
    // Broken only before its "@": at 360 px "walk-es-" / "…@example.test" read as two addresses.
    [t('card_email'), contact.email && emailAddress('email', contact.email)],
    [t('card_phone'), contact.phone],
    [t('card_whatsapp'), contact.whatsapp],
    [t('card_wechat'), contact.wechat],
  ];
  return (
    <>
      <p>
        <strong>{contact.full_name}</strong>
        {contact.job_title && <span class="muted"> · {contact.job_title}</span>}
        {contact.role === 'primary' && <span class="muted"> · {t('primaryContact')}</span>}
      </p>
      <CardLines lines={lines} />
    </>
  );
}

/** A card's labelled lines, the empty ones left out. */
function CardLines({ lines }: { lines: [string, ComponentChildren][] }) {
  return (
    <dl class="facts card-lines">
      {lines
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/**
 * The company's card, saved over the card as the form read it (updateCompany): refused because
 * someone else changed it since, Load reads it again and fills the form with their changes where
 * nothing was typed, keeping what was (rereadCompany).
 */
function CompanyForm({ card }: { card: CompanyCard }) {
  const { t, locale } = useSectionText('member');
  const countries = useCountryChoices();
  // The card as the open form read it, which its save is made over: the section may read the
  // company anew meanwhile (a colleague's consent, an invitation), which the form has not shown.
  const [opened, setOpened] = useState<CompanyCard | null>(null);
  const read = opened ?? card;
  const lines: [string, string | null][] = [
    [t('company_country'), card.country && regionName(card.country, locale)],
    [t('company_website'), card.website],
    [t('company_industry'), card.industry],
  ];
  return (
    <EditableCard
      schema={companyFormSchema}
      editLabel={t('editCompany')}
      onEdit={(editing) => setOpened(editing ? card : null)}
      save={async (input) => updateCompany(await supabaseClient(), read, input)}
      reread={{
        label: t('loadCompany'),
        loaded: t('companyReloaded'),
        load: async (typed) => {
          const now = await fetchCompanyCard($session.get()?.access_token ?? '', read.id);
          setOpened(now);
          // The card shown once the form closes unsaved is the company as read now too.
          void revalidate(0, 'company:');
          return rereadCompany(read, now, typed);
        },
      }}
      fields={companyFields.map((field) => ({
        id: `company-${field}`,
        name: field,
        label: t(`company_${field}`),
        defaultValue: read[field] ?? '',
        required: field === 'company_name',
        options: field === 'country' ? countries : undefined,
        autocomplete: field === 'country' ? 'country' : undefined,
        type: field === 'website' ? 'url' : 'text',
        hint: field === 'website' ? t('company_websiteHint') : undefined,
      }))}
    >
      <h3>{card.company_name}</h3>
      <CardLines lines={lines} />
    </EditableCard>
  );
}

const cardFields = ['full_name', 'job_title', 'email', 'phone', 'whatsapp', 'wechat'] as const;

function MyCard({ contact }: { contact: Contact }) {
  const { t } = useSectionText('member');
  const login = useStore($session)?.user.email ?? '';
  return (
    <EditableCard
      class="mine"
      heading={t('myCardTitle')}
      schema={cardFormSchema}
      editLabel={t('editMyCard')}
      save={async (input) => updateMyCard(await supabaseClient(), contact.id, input)}
      after={(said) => <ContactConsent contact={contact} onChange={said} />}
      fields={cardFields.map((field) => ({
        id: `card-${field}`,
        name: field,
        label: t(`card_${field}`),
        defaultValue: contact[field] ?? '',
        required: field === 'full_name',
        type: field === 'email' ? 'email' : field === 'phone' || field === 'whatsapp' ? 'tel' : 'text',
        // The card's address is where the store writes; signing in (and the store's orders) go by
        // the login's: a buyer who changed this one lost nothing but thought they had moved both.
        hint: field === 'email' && login ? t('cardEmailHint', { login: isolate(login) }) : field === 'whatsapp' ? t('card_whatsappHint') : undefined,
      }))}
    >
      <ContactCard contact={contact} />
    </EditableCard>
  );
}

/**
 * The contact's consent to be contacted about offers and new products, as the join form's box
 * gave it (which says it is withdrawn here): saved as it is ticked; the server keeps the time it
 * was given, which the campaign export and "Download my data" read. `onChange`: as it is ticked,
 * before its outcome is said.
 */
function ContactConsent({ contact, onChange }: { contact: Contact; onChange: () => void }) {
  const { t, locale } = useSectionText('member');
  // The box as ticked while it saves; then the consent as the server holds it.
  const [saving, setSaving] = useState<boolean | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const given = contact.contact_consent_at;
  async function change(give: boolean) {
    onChange();
    setSaving(give);
    try {
      await setContactConsent(await supabaseClient(), contact.id, give);
      await reload('company');
      setResult({ ok: true, text: t(give ? 'consentOn' : 'consentOff') });
    } catch (failure) {
      setResult({ ok: false, text: refusalMessage(failure, t, locale) });
    } finally {
      // Refused, the box shows the consent as it stands again.
      setSaving(null);
      // Disabled while it saved, the box lost the focus: given back, it says the consent as it now stands.
      focusIfLost(() => document.getElementById('card-consent'));
    }
  }
  return (
    <>
      <CheckField
        id="card-consent"
        name="contact_consent"
        label={t('consentLabel')}
        hint={given ? dated(t('consentGiven'), formatDate(given, locale)) : t('consentNotGiven')}
        checked={saving ?? given !== null}
        disabled={saving !== null}
        onChange={(give) => void change(give)}
      />
      {/* Present before it has anything to say: a live region inserted with its text is not read by every screen reader. */}
      <div role="status">{result?.ok && <p class="success">{result.text}</p>}</div>
      {result && !result.ok && (
        <p role="alert" class="error">
          {result.text}
        </p>
      )}
    </>
  );
}

interface EditableCardProps<Schema extends z.ZodMiniType> {
  schema: Schema;
  /** Each input of the form, without its errors (the card's form supplies them). */
  fields: Omit<FieldProps, 'errors'>[];
  /** The edit button's text and the form's name. */
  editLabel: string;
  save(input: z.output<Schema>): Promise<void>;
  /** The card as text. */
  children: ComponentChildren;
  class?: string;
  /** Shown above the card in both states. */
  heading?: string;
  /**
   * Under the card's edit button, not its form (a control saving on its own), given `said` to call
   * as it acts: the card's "Saved." goes, its outcome the latest ("Saved." over "Consent withdrawn."
   * read as two things just done).
   */
  after?: (said: () => void) => ComponentChildren;
  /** The form opened (`true`: filled from the card as it is now) or closed. */
  onEdit?: (editing: boolean) => void;
  /**
   * A card saved over it as read (the company's): a save refused because someone else changed it
   * since offers `label`, which reads it again over the form as typed (`load`: the form to show
   * next, and which fields someone else changed); `loaded` then begins the note saying so.
   */
  reread?: {
    label: string;
    loaded: string;
    load: (typed: Record<string, string>) => Promise<{ form: Record<string, string> } & FieldChanges<string>>;
  };
}

/**
 * A business card the member may edit (the company's, their own): the card as text with an edit
 * button, or its form; after a save, the text again with a "Saved" status, the company and the
 * summary read anew.
 */
function EditableCard<Schema extends z.ZodMiniType>({ schema, fields, editLabel, save, children, class: className, heading, after, onEdit, reread }: EditableCardProps<Schema>) {
  const { t, locale } = useSectionText('member');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const form = useForm(schema, fields.map((field) => field.name));
  // Over a save refused by someone else's change: Load offered (`stale`), then the form as read
  // again (`filled`: its fields drawn anew, each Load a `count`, so none keeps the typing before)
  // and what that found (`changes`, said until the next save).
  const [stale, setStale] = useState(false);
  const [filled, setFilled] = useState<{ form: Record<string, string>; count: number } | null>(null);
  const [changes, setChanges] = useState<FieldChanges<string> | null>(null);
  // The button pressed is replaced by the form, and the form by the card: the keyboard follows to
  // the form's first field, then back to the edit button (not on the page's first render).
  const formRef = useRef<HTMLFormElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    if (editing) formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else editButton.current?.focus();
  }, [editing]);
  const edit = (on: boolean) => {
    toggled.current = true;
    setEditing(on);
    setStale(false);
    setFilled(null);
    setChanges(null);
    onEdit?.(on);
  };
  // Load: the card read again over the form as typed (its values taken before the form is busy).
  const readAgain = (typedIn: HTMLFormElement) => {
    if (!reread) return;
    const typed = currentValues(typedIn);
    void form.run(async () => {
      const { form: shown, taken, kept } = await reread.load(typed);
      setStale(false);
      setFilled({ form: shown, count: (filled?.count ?? 0) + 1 });
      setChanges({ taken, kept });
    });
  };
  const onSubmit = (event: SubmitEvent) => {
    void form
      .submit(formValues(event), async (input) => {
        setStale(false);
        setChanges(null);
        try {
          await save(input);
        } catch (error) {
          if (error instanceof MemberApiError && error.code === changedSinceRead) setStale(true);
          throw error;
        }
        await reload('company', 'membership');
      })
      .then((ok) => {
        if (ok) {
          edit(false);
          setSaved(true);
        }
      });
  };
  return (
    <div class={className ? `business-card ${className}` : 'business-card'}>
      {heading && <h3>{heading}</h3>}
      {editing ? (
        <form ref={formRef} class="stack" onSubmit={onSubmit} noValidate aria-label={editLabel}>
          {reread && (
            <RereadNote
              reloaded={reread.loaded}
              changes={changes}
              label={(name) => fields.find((field) => field.name === name)?.label ?? name}
              words={{ taken: t('rereadTaken'), kept: t('rereadKept'), quoted: (field) => t('fieldQuoted', { field }) }}
              locale={locale}
            />
          )}
          {fields.map((field) => (
            <Field key={`${field.name}:${filled?.count ?? 0}`} {...field} defaultValue={filled?.form[field.name] ?? field.defaultValue} errors={form.errors} />
          ))}
          <FormMessage errors={form.errors} />
          <div class="actions">
            {reread && stale && (
              <BusyButton type="button" busy={form.busy} onClick={(event) => readAgain(event.currentTarget.form!)}>
                {reread.label}
              </BusyButton>
            )}
            <BusyButton type="submit" busy={form.busy}>
              {t('save')}
            </BusyButton>
            <button type="button" class="secondary" onClick={() => { edit(false); form.reset(); }}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {children}
          {/* Present before it has anything to say: a live region inserted with its text is not read by every screen reader. */}
          <div role="status">{saved && <p class="success">{t('saved')}</p>}</div>
          <button ref={editButton} type="button" class="secondary" onClick={() => { edit(true); setSaved(false); }}>
            {editLabel}
          </button>
          {after?.(() => setSaved(false))}
        </>
      )}
    </div>
  );
}

const inviteSchema = z.object({ email: z.email() });

/**
 * The store's page in the portal with the invitation's token: before signing in, the colleague is
 * told who invites them and the address to sign in with (InvitationNote); signed in with it, they
 * are offered the invitation. In the inviter's language (`lang`), which a colleague they write to in
 * it reads too: their browser's may be another (an English one in a Spanish office).
 */
function invitationLink(slug: string, token: string, lang: Locale): string {
  return new URL(`/me/?${new URLSearchParams({ s: slug, invitation: token, lang })}`, window.location.origin).href;
}

/**
 * The company's pending invitations (withdraw, and each one's link) and the form inviting another
 * colleague. Nothing is e-mailed: the member is told so and given the invitation's link to send, to copy.
 */
function Invitations({ slug, memberId, companyName, invitations }: {
  slug: string;
  memberId: string;
  companyName: string;
  invitations: { id: string; email: string; token: string; expires_at: string }[];
}) {
  const { t, locale } = useSectionText('member');
  const form = useForm(inviteSchema, ['email']);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  // The invitation whose link is shown, by address: the one just saved, or one asked for (`asked`
  // counts both: each time the keyboard goes to the link, below the form, where a screen reader
  // hears its label; left on the button, nothing said a link had appeared).
  const [linkFor, setLinkFor] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  // The last `asked` whose link took the keyboard: a link drawn again by a re-read of the company
  // (its row gone and back) is no asking, and leaves the keyboard where the reader is.
  const focusedFor = useRef(0);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  const withdrawnLine = useRef<HTMLParagraphElement>(null);
  const shown = invitations.find((invitation) => invitation.email === linkFor);
  const onSubmit = (event: SubmitEvent) => {
    const target = event.currentTarget as HTMLFormElement;
    const values = formValues(event);
    void form
      .submit(values, async ({ email }) => {
        await inviteColleague(await supabaseClient(), memberId, email);
        await reload('company');
        setSent(email);
        setWithdrawn(null);
        // Saved as invite_colleague keeps an address: trimmed, lower-cased.
        setLinkFor(email.trim().toLowerCase());
        setAsked((count) => count + 1);
      })
      .then((ok) => ok && target.reset());
  };
  async function withdraw(invitation: { id: string; email: string }) {
    // Withdrawn, the button pressed goes with its row; refused, it stays where the reader is.
    let pressed: Element | null = document.activeElement;
    setWithdrawn(null);
    try {
      await withdrawInvitation(await supabaseClient(), invitation.id);
      setError(null);
      // "Saved for …" no longer holds once an invitation is withdrawn.
      setSent(null);
      await reload('company');
      setWithdrawn(invitation.email);
    } catch (failure) {
      setError(refusalMessage(failure, t, locale));
      pressed = null;
    }
    // Withdrawn, its row and button are gone: the keyboard goes to the line saying so.
    focusIfLost(() => withdrawnLine.current, pressed);
  }
  return (
    <>
      {/* Only while there are some: under "No colleagues yet. Invite them below.", a second empty line said nothing more. */}
      {invitations.length > 0 && (
        <>
          <h3>{t('invitationsTitle')}</h3>
          <ul class="row-list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <p>
                  {emailAddress('email', invitation.email)} <span class="muted">· {dated(t('invitationExpires'), formatDate(invitation.expires_at, locale))}</span>
                </p>
                {/* The address is on the line above: said again in the buttons, they took two lines on a phone. */}
                <div class="actions">
                  <button type="button" class="secondary" aria-label={t('showInvitationLink', { email: invitation.email })}
                    onClick={() => { setLinkFor(invitation.email); setAsked((count) => count + 1); }}>
                    {t('invitationLink')}
                  </button>
                  {/* Asked first, as the portal's other undoing is: the colleague's link stops working. */}
                  <ConfirmButton
                    label={
                      <>
                        <span class="visually-hidden">{t('withdrawInvitation', { email: invitation.email })}</span>
                        <span aria-hidden="true">{t('withdraw')}</span>
                      </>
                    }
                    confirmLabel={t('withdrawConfirm')}
                    question={interpolateParts(t('withdrawQuestion'), { email: emailAddress('email', invitation.email) })}
                    cancelLabel={t('withdrawKeep')}
                    busy={false}
                    look="secondary"
                    onConfirm={() => withdraw(invitation)}
                  />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {/* Present before it has anything to say: a live region inserted with its text is not read by every screen reader. */}
      <div role="status">
        {withdrawn && (
          <p ref={withdrawnLine} class="success">
            {interpolateParts(t('invitationWithdrawn'), { email: emailAddress('email', withdrawn) })}
          </p>
        )}
      </div>
      <h3 id="invite-title">{t('inviteColleague')}</h3>
      <form class="stack" onSubmit={onSubmit} noValidate aria-labelledby="invite-title">
        <Field id="invite-email" name="email" label={t('inviteEmail')} type="email" required autocomplete="off" errors={form.errors} />
        <FormMessage errors={form.errors} />
        <BusyButton type="submit" busy={form.busy}>
          {t('sendInvitation')}
        </BusyButton>
      </form>
      {sent && (
        <p role="status" class="success">
          {interpolateParts(t('invitationSaved'), { email: emailAddress('email', sent), company: isolate(companyName) })}
        </p>
      )}
      {shown && (
        <CopyLink
          key={`${shown.id}:${asked}`}
          link={invitationLink(slug, shown.token, locale)}
          email={shown.email}
          takeFocus={focusedFor.current !== asked}
          onFocused={() => (focusedFor.current = asked)}
        />
      )}
    </>
  );
}

/**
 * An invitation's link, selectable, with a button copying it (where the browser lets a page write
 * the clipboard). Shown by a button (creating the invitation, or showing its link), it takes the
 * keyboard as it appears (`takeFocus`, then `onFocused`).
 */
function CopyLink({ link, email, takeFocus, onFocused }: { link: string; email: string; takeFocus: boolean; onFocused: () => void }) {
  const { t } = useSectionText('member');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    input.current?.focus();
    onFocused();
  }, []);
  return (
    <div class="field invite-link">
      <label for="invite-link">{interpolateParts(t('inviteLinkLabel'), { email: emailAddress('email', email) })}</label>
      <p class="field-hint" id="invite-link-hint">
        {t('inviteLinkHint')}
      </p>
      {/* The whole link, wrapped: a one-line field showed its last dozen characters ("…932223b055e2"). */}
      <textarea ref={input} id="invite-link" readOnly rows={3} value={link} aria-label={t('inviteLinkLabel', { email })} aria-describedby="invite-link-hint"
        spellcheck={false} onFocus={(event) => event.currentTarget.select()} />
      <div class="actions">
        <CopyButton text={link} label={t('copyLink')} copied={t('linkCopied')} failed={t('copyFailed')} shown={{ within: '.invite-link', holder: 'textarea' }} class="secondary" />
      </div>
    </div>
  );
}
