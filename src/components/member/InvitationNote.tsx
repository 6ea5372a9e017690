/**
 * What a colleague's invitation link (`/me/?s=SLUG&invitation=TOKEN`, from Company's
 * invitations) says on the portal before the invitation can be offered: signed out, who invites
 * them to which store and the address to sign in with (masked: a link is forwarded); signed in
 * with another address (the invitation is not among the login's own, my_invitations), that the
 * invitation is for that one; a member of the store already (a login belongs to one company per
 * store), which company holds them and that leaving the store comes first, named as Your data
 * names it, with what the company loses when they are its last contact (the leave question's
 * words), and the store as the one to ask for a move instead. A link already used,
 * withdrawn or expired says so. Read with the
 * anon key (invitation_preview): the visitor may have no session yet. Nothing is shown without a
 * token, while it loads, or if it cannot be read (signing in still works).
 */
import { useStore } from '@nanostores/preact';
import { atom } from 'nanostores';
import { formatDate, interpolateParts, isolate } from '../../i18n/format.ts';
import { fetchInvitationOffers, fetchInvitationPreview } from '../../lib/member-api.ts';
import { resource, type Resource } from '../../stores/member.ts';
import { merchantName } from '../merchant-name.tsx';
import { dated } from '../date-text.tsx';
import { useSectionText } from '../use-text.ts';
import { companyLeaving } from './leave-question.ts';
import { useMemberResource, useMembership } from './use-member.ts';

/** The link's token; anything but a UUID is no invitation. */
function invitationFromLocation(): string | null {
  const token = new URLSearchParams(window.location.search).get('invitation')?.trim().toLowerCase() ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(token) ? token : null;
}

/**
 * Takes the invitation out of the address once it is accepted, or refused as used, expired or
 * withdrawn (`token`: only if it is the link's): reloaded or shared on, the page would speak of a
 * spent link, or a member's of an invitation they have taken.
 */
export function forgetInvitationLink(token?: string): void {
  const link = invitationFromLocation();
  if (!link || (token !== undefined && token !== link)) return;
  const url = new URL(window.location.href);
  url.searchParams.delete('invitation');
  history.replaceState(history.state, '', url);
}

/** The login's invitations at the store (my_invitations): one request for the offer, the note and the page's wait. */
export function useInvitationOffers(slug: string, active: boolean) {
  return useMemberResource('invitations', slug, active ? '' : null, ({ token }) => fetchInvitationOffers(token, slug));
}

/** The invitation's preview, read with the anon key (one request for the note and the page's wait). */
const previewOf = (token: string) => resource(`invitation-preview:${token}`, () => fetchInvitationPreview(token));

/** A read settled on nothing, for an address holding no invitation. */
const noPreview = atom<Resource<null>>({ status: 'ready', data: null });

/**
 * Whether the note for a signed-in login's invitation link is still being read (the login's
 * invitations and the invitation's preview, the note's own requests, asked at once): My
 * membership's first screen waits for them as for the rest of its head. Drawn later, the note came
 * in above the section links and the summary and moved them.
 */
export function useInvitationNoteLoading(slug: string): boolean {
  const token = invitationFromLocation();
  const offers = useInvitationOffers(slug, token !== null);
  const preview = useStore(token ? previewOf(token) : noPreview);
  return token !== null && (offers.state.status === 'loading' || preview.status === 'loading');
}

export function InvitationNote({ signedIn }: {
  /**
   * Signed in: the login's address and the store's slug; `memberThrough`, the company it is a
   * member of there, which an invitation for this login cannot be accepted beside.
   */
  signedIn?: { email: string; slug: string; memberThrough?: string };
}) {
  const token = invitationFromLocation();
  if (!token) return null;
  return signedIn ? <SignedInNote token={token} {...signedIn} /> : <Note token={token} />;
}

/**
 * Signed in: nothing while the login's own invitations load, or when they hold this one and it
 * can be accepted (InvitedToJoin offers it); a member is told why it cannot.
 */
function SignedInNote({ token, email, slug, memberThrough }: { token: string; email: string; slug: string; memberThrough?: string }) {
  const offers = useInvitationOffers(slug, true);
  if (offers.state.status !== 'ready') return null;
  const own = offers.state.data.some((offer) => offer.token === token);
  if (own && memberThrough === undefined) return null;
  return <Note token={token} signedInAs={email} {...(own && memberThrough !== undefined ? { member: { company: memberThrough, slug } } : {})} />;
}

function Note({ token, signedInAs, member }: { token: string; signedInAs?: string; member?: { company: string; slug: string } }) {
  const { t, locale } = useSectionText('member');
  // The figures the leave question names (shared request): what goes with a company's last contact.
  const membership = useMembership(member?.slug ?? null);
  const companyGoes = membership.state.status === 'ready' && membership.state.data && membership.state.data.contacts_count <= 1
    ? companyLeaving(membership.state.data, t, locale)
    : null;
  const state = useStore(previewOf(token));
  if (state.status !== 'ready') return null;
  const preview = state.data;
  if (!preview) {
    return (
      <p class="notice">
        {t('invitationLinkSpent')}
      </p>
    );
  }
  const email = isolate(preview.email_hint);
  return (
    <div class="notice">
      <p>
        {/* Both names in one pass: a company typed as "ACME {store}" stays as typed. */}
        <strong>{interpolateParts(t('invitedTitle'), { company: isolate(preview.company_name), store: merchantName('store', preview.store_name, preview.store_name_lang) })}</strong>
      </p>
      <p>
        {member !== undefined
          ? interpolateParts(t('invitationLinkMember'), {
              company: isolate(member.company),
              inviting: isolate(preview.company_name),
              // Your data's "Leave this store", in the sentence's words: the company is left by leaving the store.
              leave: <a key="leave" href="#privacy">{t('invitationLinkLeave')}</a>,
            })
          : signedInAs === undefined
            ? dated(t('invitationLinkSignIn', { email }), formatDate(preview.expires_at, locale))
            : t('invitationLinkOther', { email, signedIn: isolate(signedInAs) })}
      </p>
      {member !== undefined && (
        <>
          {companyGoes && <p>{companyGoes}</p>}
          <p>{interpolateParts(t('invitationLinkAsk'), { ask: <a key="ask" href="#inquiries">{t('invitationLinkAskStore')}</a> })}</p>
        </>
      )}
    </div>
  );
}
