/**
 * A signed-in login that is not a member of the store, offered the invitations waiting for its
 * address there (`my_invitations`) before anything else: "<Company> invited you to join them at
 * <Store>", who invited and until when, a short card of their own and a Join button per company
 * (`accept_invitation`). Joining makes them the company's colleague, so the page's membership
 * requests are read anew and it shows that membership. Without invitations it shows `children`
 * (the business-card exchange, or the way to it), as it does when the buyer says they buy for
 * another company. The one place the widget frame and My membership both offer invitations.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, interpolateParts, isolate } from '../../i18n/format.ts';
import { acceptInvitation, colleagueCardSchema, fetchOwnLastCard, MemberApiError, type InvitationOffer, type OwnCard } from '../../lib/member-api.ts';
import { refresh } from '../../stores/member.ts';
import { supabaseClient } from '../../stores/session.ts';
import { localeOptions } from '../console/options.ts';
import { merchantName } from '../merchant-name.tsx';
import { BusyButton } from '../BusyButton.tsx';
import { useSectionText } from '../use-text.ts';
import { dated } from '../date-text.tsx';
import { Field, FormMessage, formValues, useForm } from './forms.tsx';
import { forgetInvitationLink, useInvitationOffers } from './InvitationNote.tsx';
import { StateView } from './Section.tsx';
import { useMemberResource } from './use-member.ts';

const cardFields = ['full_name', 'job_title', 'phone', 'whatsapp', 'wechat'] as const;

/** The offer's title, which the page focuses when it is what a sign-in led to. */
export const invitedTitleId = 'invited-title';

/**
 * What the offer is drawn from, each read once for the page: the login's invitations at `slug`
 * and its last card elsewhere (a buyer already a member of another store starts from it). Nothing
 * read unless `active`. `loading` until the offer (or what replaces it) can be drawn: the page
 * moves the keyboard to it then.
 */
export function useInvitationReads(slug: string, active: boolean) {
  const offers = useInvitationOffers(slug, active);
  const lastCard = useMemberResource('own-last-card', slug, active ? '' : null, ({ token, userId }) => fetchOwnLastCard(token, userId));
  const loading = active && (offers.state.status === 'loading' || (offers.state.status === 'ready' && offers.state.data.length > 0 && lastCard.state.status === 'loading'));
  return { offers, lastCard, loading };
}

export function InvitedToJoin({ slug, enabled, onJoined, headingLevel = 2, children }: {
  slug: string;
  /** False where the login is a member already or signed out: `children` only, nothing read (and, false when first shown, for good). */
  enabled: boolean;
  onJoined?: () => void;
  /** The offer's title: 1 where it is its document's title (the widget frame), 2 under a page's h1. */
  headingLevel?: 1 | 2;
  children: ComponentChildren;
}) {
  const { t } = useSectionText('member');
  // Whether to offer is decided when first shown: a session that begins inside `children` (the
  // exchange's own code step) must not take the exchange in progress away from the buyer.
  const [offering] = useState(enabled);
  const active = offering && enabled;
  const { offers, lastCard } = useInvitationReads(slug, active);
  const [declined, setDeclined] = useState(false);
  // The company joined, said until the page shows the membership the join made: the invitations
  // and the membership are read anew at once, and when the invitations (none now) come first, the
  // exchange in `children` ("not a member yet") would show in between.
  const [joined, setJoined] = useState<string | null>(null);
  const instead = useRef<HTMLDivElement>(null);
  // The button that had focus is gone with the offer: the keyboard goes on in what replaces it.
  useEffect(() => {
    if (declined) instead.current?.querySelector<HTMLElement>('[tabindex="-1"], a[href], button, input, select, textarea')?.focus();
  }, [declined]);
  if (joined) {
    return (
      <p role="status" class="success">
        {t('joinedCompany', { company: isolate(joined) })}
      </p>
    );
  }
  if (declined) return <div ref={instead}>{children}</div>;
  // In one place whether or not invitations were read: the exchange in `children` must not be
  // built anew (losing its welcome) when the login it made a member stops being offered any.
  if (!active || (offers.state.status === 'ready' && offers.state.data.length === 0)) return <>{children}</>;
  return (
    // The card is only a start: one that cannot be read leaves the fields empty, as for a newcomer.
    <StateView state={lastCard.state.status === 'loading' ? lastCard.state : offers.state} retry={offers.retry} loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
      {(list) => (
        <Offers
          offers={list}
          card={lastCard.state.status === 'ready' ? lastCard.state.data : null}
          onJoined={(company) => {
            setJoined(company);
            onJoined?.();
          }}
          onDecline={() => setDeclined(true)}
          headingLevel={headingLevel}
        />
      )}
    </StateView>
  );
}

function Offers({ offers, card, onJoined, onDecline, headingLevel }: {
  offers: InvitationOffer[];
  /** The login's last card elsewhere, its fields to start from (all editable); null: none. */
  card: OwnCard | null;
  onJoined: (company: string) => void;
  onDecline: () => void;
  headingLevel: 1 | 2;
}) {
  const { t, locale } = useSectionText('member');
  const form = useForm(colleagueCardSchema, [...cardFields, 'preferred_locale']);
  // Invitations refused as used, expired or withdrawn since they were read: no longer offered.
  const [ended, setEnded] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const Title = `h${headingLevel}` as const;
  const store = merchantName('store', offers[0]!.store_name, offers[0]!.store_name_lang);
  // Shown after a wait, with nothing focused: the keyboard starts at the offer (the widget frame's own
  // focus went to its view before the invitations were in).
  useEffect(() => {
    if (document.activeElement === document.body && document.hasFocus()) heading.current?.focus();
  }, []);

  const onSubmit = (event: SubmitEvent) => {
    const offer = offers.find((o) => o.token === (event.submitter as HTMLButtonElement | null)?.value) ?? offers[0]!;
    void form.submit(formValues(event), async (card) => {
      try {
        await acceptInvitation(await supabaseClient(), offer.token, card);
      } catch (error) {
        if (error instanceof MemberApiError && error.field === 'token') {
          setEnded((before) => [...before, offer.token]);
          forgetInvitationLink(offer.token);
        }
        throw error;
      }
      // Joined: a link that brought them would now say it is spent, on reload or when shared.
      forgetInvitationLink();
      onJoined(offer.company_name);
      // The login is a member now: every request of the page reads the company's membership.
      await refresh('');
    });
  };

  const invited = (offer: InvitationOffer) => {
    const date = formatDate(offer.expires_at, locale);
    return dated(offer.invited_by_name ? t('invitedBy', { name: isolate(offer.invited_by_name) }) : t('invitedUntil'), date);
  };

  const [only] = offers.length === 1 ? offers : [];
  return (
    <section class="invited" aria-labelledby={invitedTitleId}>
      <Title id={invitedTitleId} ref={heading} tabIndex={-1}>
        {/* Both names in one pass: a company typed as "ACME {store}" stays as typed. */}
        {interpolateParts(t(only ? 'invitedTitle' : 'invitedTitleMany'), { store, ...(only ? { company: isolate(only.company_name) } : {}) })}
      </Title>
      {only ? (
        <p>{invited(only)}</p>
      ) : (
        <ul class="row-list">
          {offers.map((offer) => (
            <li key={offer.token}>
              <strong>{offer.company_name}</strong> · {invited(offer)}
            </li>
          ))}
        </ul>
      )}
      <p>{t('invitedIntro')}</p>
      <form class="stack" onSubmit={onSubmit} noValidate aria-labelledby={invitedTitleId}>
        <fieldset>
          <legend>{t('myCardTitle')}</legend>
          <p class="muted">
            {t('invitedOnlyName')}
          </p>
          {cardFields.map((name) => (
            <Field
              key={name}
              id={`invited-${name}`}
              name={name}
              label={t(`card_${name}`)}
              errors={form.errors}
              required={name === 'full_name'}
              autocomplete={name === 'full_name' ? 'name' : name === 'job_title' ? 'organization-title' : name === 'phone' ? 'tel' : 'off'}
              type={name === 'phone' || name === 'whatsapp' ? 'tel' : 'text'}
              defaultValue={card?.[name] ?? ''}
              {...(name === 'whatsapp' ? { hint: t('card_whatsappHint') } : {})}
            />
          ))}
          <Field
            id="invited-preferred_locale"
            name="preferred_locale"
            label={t('invitedLanguage')}
            errors={form.errors}
            defaultValue={locale}
            options={localeOptions.map(({ code, name }) => ({ value: code, label: name }))}
          />
        </fieldset>
        <FormMessage errors={form.errors} />
        <div class="actions">
          {offers.filter((offer) => !ended.includes(offer.token)).map((offer) => (
            <BusyButton key={offer.token} type="submit" value={offer.token} busy={form.busy}>
              {t('joinCompany', { company: isolate(offer.company_name) })}
            </BusyButton>
          ))}
        </div>
      </form>
      <p>
        <button type="button" class="link-button" onClick={onDecline}>
          {t('joinOwnCompany')}
        </button>
      </p>
    </section>
  );
}
