/** The campaign log: recording a send (record_campaign) and each campaign's results (campaign_results). */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { defined, parse, type Result } from '../console/result.ts';

export const channels = ['email', 'sms', 'whatsapp'] as const;

export const campaignFormSchema = z.object({
  segment_id: z.uuid('vRequired'),
  channel: z.enum(channels),
  subject: z.string().trim().min(1, 'vRequired').max(200, 'vTooLong').refine((v) => !/[\n\r\t]/.test(v), 'vOneLine'),
  sent_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'vDate'),
  sent_count: z.union([z.literal(''), z.string().trim().regex(/^\d+$/, 'vWhole').refine((v) => Number(v) <= 10_000_000, 'vRange')]),
});
export type CampaignForm = z.input<typeof campaignFormSchema>;
export const campaignFields = Object.keys(campaignFormSchema.shape);

export async function recordCampaign(storeId: string, form: z.output<typeof campaignFormSchema>): Promise<Result<unknown>> {
  return parse(z.object({ id: z.uuid() }), await supabase().rpc('record_campaign', defined({
    p_store_id: storeId,
    p_segment_id: form.segment_id,
    p_channel: form.channel,
    p_subject: form.subject,
    p_sent_at: new Date(form.sent_at).toISOString(),
    p_sent_count: form.sent_count === '' ? undefined : Number(form.sent_count),
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
