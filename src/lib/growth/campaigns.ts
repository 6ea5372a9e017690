/**
 * The campaign log: recording a send (record_campaign), each campaign's results
 * (campaign_results) and the contacts it was sent to (campaign_export).
 */
import { z } from 'zod';
import type { Locale } from '../../i18n/locales.ts';
import { supabase } from '../supabase.ts';
import { count, defined, parse, type Result } from '../console/result.ts';
import { contactsCsv, exportRowSchema, type ContactsText } from './segments.ts';

export const channels = ['email', 'sms', 'whatsapp'] as const;

/** The most messages a campaign records (record_campaign's rule: a whole number from 0 to this). */
export const sentCountMax = 10_000_000;

export const campaignFormSchema = z.object({
  segment_id: z.uuid('vRequired'),
  channel: z.enum(channels),
  subject: z.string().trim().min(1, 'vRequired').max(200, 'vTooLong').refine((v) => !/[\n\r\t]/.test(v), 'vOneLine'),
  sent_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'vDate'),
  // One message for both ways out of the rule: "-3" is a whole number too, to whoever typed it.
  sent_count: z.union([z.literal(''), z.string().trim().regex(/^\d+$/, 'vSentCount').refine((v) => Number(v) <= sentCountMax, 'vSentCount')]),
});
export type CampaignForm = z.input<typeof campaignFormSchema>;
export const campaignFields = Object.keys(campaignFormSchema.shape);

/** `requestId`: the send's key (components/request-key.ts), the same for its retries. */
export async function recordCampaign(storeId: string, form: z.output<typeof campaignFormSchema>, requestId: string): Promise<Result<unknown>> {
  return parse(z.object({ id: z.uuid() }), await supabase().rpc('record_campaign', defined({
    p_store_id: storeId,
    p_segment_id: form.segment_id,
    p_channel: form.channel,
    p_subject: form.subject,
    p_sent_at: new Date(form.sent_at).toISOString(),
    p_sent_count: form.sent_count === '' ? undefined : Number(form.sent_count),
    p_request_id: requestId,
  })));
}

const resultSchema = z.object({
  campaign_id: z.uuid(),
  channel: z.enum(channels),
  subject: z.string(),
  segment_name: z.string(),
  sent_at: z.string(),
  sent_count: z.number(),
  recipients: z.number(),
  ordering_recipients: z.number(),
  orders: z.number(),
  revenue: z.number(),
  currency: z.string(),
});
export type CampaignResult = z.infer<typeof resultSchema>;

export async function campaignResults(storeId: string, range: { from: string; to: string } | null = null): Promise<Result<CampaignResult[]>> {
  return parse(z.array(resultSchema), await supabase().rpc('campaign_results', defined({
    p_store_id: storeId, p_from: range?.from, p_to: range?.to,
  })));
}

const exportSchema = z.object({ withdrawn: count, rows: z.array(exportRowSchema) });

/**
 * The contacts a logged campaign was sent to, as the segment's file is written (contactsCsv), with
 * how many rows it has and how many contacts were left out for withdrawing their consent since.
 */
export async function exportCampaign(
  storeId: string,
  campaignId: string,
  t: ContactsText,
  locale: Locale,
): Promise<Result<{ csv: string; rows: number; withdrawn: number }>> {
  const answer = parse(exportSchema, await supabase().rpc('campaign_export', { p_store_id: storeId, p_campaign_id: campaignId }));
  if (!answer.ok) return answer;
  const csv = contactsCsv(answer.data.rows, t, locale);
  return { ok: true, data: { csv, rows: answer.data.rows.length, withdrawn: answer.data.withdrawn } };
}
