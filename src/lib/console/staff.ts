/**
 * The console's staff screen: who works at the store (`staff_directory`), pending invitations
 * (`staff_invitations`, read by owners only), `invite_staff`, withdrawing an invitation
 * (delete, owners), `set_staff_role` and `remove_staff`; what an invitation's link says before sign-in
 * (`staff_invitation_preview`) and accepting it (`accept_staff_invitation`).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orThrow, parse, type Result } from './result.ts';

const staffRow = z.object({
  user_id: z.uuid(),
  email: z.string(),
  role: z.enum(['owner', 'staff']),
  created_at: z.string(),
  is_me: z.boolean(),
});
export type StaffRow = z.infer<typeof staffRow>;

const invitationRow = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(['owner', 'staff']),
  token: z.uuid(),
  created_at: z.string(),
  expires_at: z.string(),
});
export type StaffInvitation = z.infer<typeof invitationRow>;

export async function loadStaff(storeId: string): Promise<StaffRow[]> {
  return orThrow(parse(z.array(staffRow), await supabase().rpc('staff_directory', { p_store_id: storeId })));
}

/** Pending, unexpired invitations (owners read them; for plain staff the list is empty). */
export async function loadInvitations(storeId: string): Promise<StaffInvitation[]> {
  const answer = await supabase()
    .from('staff_invitations')
    .select('id, email, role, token, created_at, expires_at')
    .eq('store_id', storeId)
    .is('accepted_at', null)
    .gt('expires_at', new Date().toISOString())
    .order('created_at', { ascending: false })
    .order('id', { ascending: false });
  return orThrow(parse(z.array(invitationRow), answer));
}

const invited = z.object({ email: z.string(), token: z.uuid() });

export async function inviteStaff(storeId: string, email: string, role: 'owner' | 'staff'): Promise<Result<z.infer<typeof invited>>> {
  return parse(invited, await supabase().rpc('invite_staff', { p_store_id: storeId, p_email: email, p_role: role }));
}

export async function withdrawInvitation(id: string): Promise<Result<unknown>> {
  return parse(z.unknown(), await supabase().from('staff_invitations').delete().eq('id', id).select('id'));
}

export async function setStaffRole(storeId: string, userId: string, role: 'owner' | 'staff'): Promise<Result<unknown>> {
  return parse(z.unknown(), await supabase().rpc('set_staff_role', { p_store_id: storeId, p_user_id: userId, p_role: role }));
}

export async function removeStaff(storeId: string, userId: string): Promise<Result<unknown>> {
  return parse(z.unknown(), await supabase().rpc('remove_staff', { p_store_id: storeId, p_user_id: userId }));
}

const previewSchema = z.object({
  store_name: z.string(),
  /** The language `store_name` is written in. */
  store_name_lang: z.string(),
  inviter_hint: z.string().nullable(),
  role: z.enum(['owner', 'staff']),
  expires_at: z.string(),
});
export type StaffInvitationPreview = z.infer<typeof previewSchema>;

/**
 * What the link's token tells whoever holds it, signed in or not: the store, who invites (masked),
 * the role, until when; null once the invitation is used, withdrawn or expired (or never was).
 */
export async function staffInvitationPreview(token: string): Promise<StaffInvitationPreview | null> {
  const answer = await supabase().rpc('staff_invitation_preview', { p_token: token });
  // 22P02: a token that is no UUID, which names no invitation either.
  if (answer.error?.code === 'PT404' || answer.error?.code === '22P02') return null;
  return orThrow(parse(previewSchema, answer));
}

export async function acceptStaffInvitation(token: string) {
  return parse(z.object({ store_id: z.uuid(), store_slug: z.string(), role: z.enum(['owner', 'staff']) }), await supabase().rpc('accept_staff_invitation', { p_token: token }));
}

/** The link an invitee opens: the console with the token, where they sign in and accept. */
export function invitationLink(token: string): string {
  return `${window.location.origin}/console/?invite=${encodeURIComponent(token)}`;
}
