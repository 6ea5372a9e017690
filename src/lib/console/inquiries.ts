/** The inquiries inbox: buyers' questions by status, answered (answer_inquiry) and closed (close_inquiry) by staff. */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { defined, parse, textBlock, type Result } from './result.ts';

export const inquiryStatuses = ['open', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof inquiryStatuses)[number];

const inquirySchema = z.object({
  id: z.uuid(),
  member_id: z.uuid(),
  status: z.enum(inquiryStatuses),
  message: z.string(),
  answer: z.string().nullable(),
  // The current answer's time and author (a staff login, named from the staff directory); the first answer's time stays.
  answered_at: z.string().nullable(),
  answered_by: z.uuid().nullable(),
  first_answered_at: z.string().nullable(),
  quantity: z.number().nullable(),
  target_price: z.number().nullable(),
  currency: z.string().nullable(),
  created_at: z.string(),
  /** The company and its current tier (members.tier_id, as the member list reads it), in the reader's language. */
  member: z.object({ company_name: z.string(), left_at: z.string().nullable(), tier: z.object({ name: z.string().nullable() }).nullable() }).nullable(),
  /** The asking contact; `preferred_locale`: the language their card gives (set on joining or accepting an invitation), null if none; the answer reaches them as typed. */
  contact: z.object({
    full_name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), whatsapp: z.string().nullable(), wechat: z.string().nullable(), preferred_locale: z.string().nullable(),
  }).nullable(),
  product: z.object({ sku: z.string(), name: z.string().nullable() }).nullable(),
});
export type Inquiry = z.infer<typeof inquirySchema>;

export const inquiryPageSize = 25;

const inquiryColumns =
  'id, member_id, status, message, answer, answered_at, answered_by, first_answered_at, quantity, target_price, currency, created_at, member:members(company_name, left_at, tier:tiers!members_tier_id_store_id_fkey(name:name_local)), contact:member_contacts(full_name, email, phone, whatsapp, wechat, preferred_locale), product:products(sku, name:name_local)';

/** One page of the store's inquiries with `status` (all when null); open ones oldest first. */
export async function loadInquiries(storeId: string, status: InquiryStatus | null, page: number): Promise<Result<{ rows: Inquiry[]; total: number }>> {
  let query = supabase().from('inquiries').select(inquiryColumns, { count: 'exact' }).eq('store_id', storeId);
  if (status) query = query.eq('status', status);
  const answer = await query.order('created_at', { ascending: status === 'open' }).order('id').range(page * inquiryPageSize, page * inquiryPageSize + inquiryPageSize - 1);
  const rows = parse(z.array(inquirySchema), answer);
  return rows.ok ? { ok: true, data: { rows: rows.data, total: answer.count ?? rows.data.length } } : rows;
}

/** One inquiry as it is now: a colleague answered it since the screen read it. */
export async function loadInquiry(id: string): Promise<Result<Inquiry>> {
  return parse(inquirySchema, await supabase().from('inquiries').select(inquiryColumns).eq('id', id).single());
}

export const answerSchema = z.object({
  answer: textBlock(4000).min(1, 'vRequired'),
});

// The row as written, its answer included: the inbox opens an answered inquiry from it once the open ones no longer list it.
const row = inquirySchema.pick({ id: true, status: true, answer: true, answered_at: true, answered_by: true, first_answered_at: true });

/** Answers `inquiry`, or replaces its answer: only while it is still the one the screen shows (answer_inquiry's `p_answer_read`). */
export async function answerInquiry(inquiry: Pick<Inquiry, 'id' | 'answer'>, form: z.infer<typeof answerSchema>) {
  return parse(row, await supabase().rpc('answer_inquiry', defined({ p_inquiry_id: inquiry.id, p_answer: form.answer, p_answer_read: inquiry.answer ?? undefined })));
}

/**
 * The inquiry with the newer answer of two: as the list read it, or as this screen last wrote it
 * (until the list read again holds it, or an answer given since).
 */
export function newerAnswer(listed: Inquiry, written: Inquiry | null): Inquiry {
  const time = (inquiry: Inquiry) => (inquiry.answered_at ? Date.parse(inquiry.answered_at) : -Infinity);
  return written && time(written) > time(listed) ? written : listed;
}

export async function closeInquiry(id: string) {
  return parse(row, await supabase().rpc('close_inquiry', { p_inquiry_id: id }));
}
