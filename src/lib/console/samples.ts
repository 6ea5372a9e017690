/**
 * The samples queue: a store's sample claims by status with the claiming company's quota use,
 * and the staff's decisions (approve_sample, ship_sample, reject_sample). Forms are checked with
 * the same rules the RPCs apply, so most mistakes are caught before sending.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { count, defined, oneLine, parse, textBlock, type Result } from './result.ts';

export const claimStatuses = ['requested', 'approved', 'shipped', 'rejected', 'cancelled'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

const line = z.string().optional();

/** claim_sample's address fields (parse_ship_to), each optional: a leaver's keeps only the country. Also a reward's (redeem_reward). */
export const shipToSchema = z.object({
  name: line, company: line, line1: line, line2: line, city: line, region: line, postal_code: line, country: line, phone: line,
});
export type ShipTo = z.infer<typeof shipToSchema>;

const claimSchema = z.object({
  id: z.uuid(),
  member_id: z.uuid(),
  quantity: z.number().int(),
  status: z.enum(claimStatuses),
  ship_to: shipToSchema,
  tracking_number: z.string().nullable(),
  carrier: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  created_at: z.string(),
  product: z.object({ sku: z.string(), name: z.string().nullable() }).nullable(),
  member: z.object({ company_name: z.string(), left_at: z.string().nullable() }).nullable(),
  /** The requesting contact; `preferred_locale`: the language their card gives (set on joining or accepting an invitation), null if none; a rejection's reason reaches them as typed. */
  contact: z.object({ full_name: z.string(), preferred_locale: z.string().nullable() }).nullable(),
});
export type SampleClaim = z.infer<typeof claimSchema>;

const quotaSchema = z.array(z.object({ member_id: z.uuid(), used: count, quota: count.nullable(), tier_name: z.string().nullable() }));
export type QuotaUse = z.infer<typeof quotaSchema>[number];

export interface ClaimPage {
  claims: SampleClaim[];
  total: number;
  quota: Record<string, QuotaUse>;
}

export const pageSize = 25;

/** One page of the store's claims with `status` (all when null), oldest first for open ones. */
export async function loadClaims(storeId: string, status: ClaimStatus | null, page: number): Promise<Result<ClaimPage>> {
  let query = supabase()
    .from('sample_claims')
    .select(
      'id, member_id, quantity, status, ship_to, tracking_number, carrier, rejection_reason, created_at, product:products(sku, name:name_local), member:members(company_name, left_at), contact:member_contacts(full_name, preferred_locale)',
      { count: 'exact' },
    )
    .eq('store_id', storeId);
  if (status) query = query.eq('status', status);
  // Open requests are worked oldest first; decided ones are looked up newest first.
  const oldestFirst = status === 'requested' || status === 'approved';
  const answer = await query.order('created_at', { ascending: oldestFirst }).order('id').range(page * pageSize, page * pageSize + pageSize - 1);
  const claims = parse(z.array(claimSchema), answer);
  if (!claims.ok) return claims;
  const memberIds = [...new Set(claims.data.map((claim) => claim.member_id))];
  const quota = memberIds.length
    ? parse(quotaSchema, await supabase().rpc('sample_quota_use', { p_store_id: storeId, p_member_ids: memberIds }))
    : ({ ok: true, data: [] } as const);
  if (!quota.ok) return quota;
  return {
    ok: true,
    data: { claims: claims.data, total: answer.count ?? claims.data.length, quota: Object.fromEntries(quota.data.map((row) => [row.member_id, row])) },
  };
}

/** A tracking number as the API's is_tracking_number takes it: letters and digits with `space . _ / -` between them. */
export const trackingNumber = z.string().trim().max(100, 'vTooLong').regex(/^[A-Za-z0-9]+([ ._/-]+[A-Za-z0-9]+)*$/, 'vTrackingFormat');

/** ship_sample's rules: a tracking number required, a carrier optional. */
export const shipSchema = z.object({
  tracking_number: z.string().trim().min(1, 'vRequired').pipe(trackingNumber),
  carrier: oneLine(100).optional(),
});

export const rejectSchema = z.object({
  reason: textBlock(500).min(1, 'vRequired'),
});

const claimRow = z.object({ id: z.uuid(), status: z.enum(claimStatuses) });

export async function approveClaim(claimId: string) {
  return parse(claimRow, await supabase().rpc('approve_sample', { p_claim_id: claimId }));
}

export async function shipClaim(claimId: string, form: z.infer<typeof shipSchema>) {
  return parse(claimRow, await supabase().rpc('ship_sample', defined({ p_claim_id: claimId, p_tracking_number: form.tracking_number, p_carrier: form.carrier || undefined })));
}

export async function rejectClaim(claimId: string, form: z.infer<typeof rejectSchema>) {
  return parse(claimRow, await supabase().rpc('reject_sample', { p_claim_id: claimId, p_reason: form.reason }));
}
