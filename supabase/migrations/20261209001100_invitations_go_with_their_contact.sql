/**
 * The login of a colleague who joined by invitation could not be deleted (Supabase Auth's
 * deleteUser, as a store does for an erasure request): the login's delete cascades to its
 * member_contacts row, whose `on delete set null` on member_invitations.accepted_by left the
 * accepted invitation with accepted_at and no accepted_by, which the check
 * member_invitations_accepted_by_someone refuses, and the whole delete failed. An accepted
 * invitation now goes with the contact who accepted it, as private.drop_contact already deletes it
 * when that contact leaves or is removed: it holds their e-mail address, and nothing the store
 * needs once they are gone. (A pending invitation still outlives its sender's card, naming no
 * inviter: it is the company's.) Found by a review of 20261209001000's tests, which deleted the
 * invitations first to delete such logins.
 */
alter table public.member_invitations
  drop constraint member_invitations_accepted_by_fkey,
  add constraint member_invitations_accepted_by_fkey foreign key (accepted_by) references public.member_contacts (id) on delete cascade;
