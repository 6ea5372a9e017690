/** The analytics page's figures, each from its SQL function (docs/api.md "Analytics"), run as the signed-in staff. */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { count, parse, type Result } from '../console/result.ts';
import { campaignResults, type CampaignResult } from './campaigns.ts';
import { untilBeforeFrom } from '../day-range.ts';

export const periods = ['day', 'week', 'month'] as const;
export type Period = (typeof periods)[number];

/** analytics_members_over_time refuses a range of more periods than this (supabase/migrations/20261225000400). */
export const maxPeriods = 400;

const dayMs = 86_400_000;

/**
 * The periods analytics_members_over_time counts in a range of whole days (From and Until both
 * included): calendar days, ISO weeks (from Monday) or months in UTC, the first and last possibly
 * partial, as its period ends are the boundaries after From's start and Until's end.
 */
export function periodCount({ from, to, period }: { from: string; to: string; period: Period }): number {
  const first = new Date(`${from}T00:00:00Z`);
  const last = new Date(`${to}T00:00:00Z`);
  if (period === 'month') return (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
  if (period === 'week') return Math.floor((last.getTime() - (first.getTime() - ((first.getUTCDay() + 6) % 7) * dayMs)) / (7 * dayMs)) + 1;
  return Math.round((last.getTime() - first.getTime()) / dayMs) + 1;
}

export const rangeSchema = z
  .object({ from: z.iso.date('vDate'), to: z.iso.date('vDate'), period: z.enum(periods) })
  .refine((r) => !untilBeforeFrom(r.from, r.to), { path: ['to'], message: 'vDateOrder' })
  .refine((r) => untilBeforeFrom(r.from, r.to) || periodCount(r) <= maxPeriods, { path: ['period'], message: 'vTooManyPeriods' });
export type RangeForm = z.input<typeof rangeSchema>;

const overTimeSchema = z.array(z.object({
  period_end: z.string(), dimension: z.enum(['tier', 'stage']), key: z.string().nullable(), label: z.string(), rank: z.number(), members: count,
}));
const conversionSchema = z.array(z.object({ metric: z.enum(['join_first_order', 'repurchase', 'sample_order']), base: count, converted: count, rate: z.number().nullable() }));
const orderValueSchema = z.array(z.object({
  tier_id: z.string().nullable(), tier_name: z.string().nullable(), tier_rank: z.number().nullable(), orders: count, revenue: z.number(), average: z.number(), currency: z.string(),
}));
const liabilitySchema = z.array(z.object({ kind: z.enum(['points', 'rebate']), expires_in: z.string().nullable(), amount: z.number(), currency: z.string().nullable() }));
const couponSchema = z.array(z.object({ coupon_id: z.uuid(), code: z.string(), issued: count, used: count, rate: z.number().nullable() }));

export interface Analytics {
  overTime: z.infer<typeof overTimeSchema>;
  conversions: z.infer<typeof conversionSchema>;
  orderValue: z.infer<typeof orderValueSchema>;
  liabilities: z.infer<typeof liabilitySchema>;
  coupons: z.infer<typeof couponSchema>;
  campaigns: CampaignResult[];
}

/** Whole UTC days: from the first day's start to the end of the last. */
export function rangeInstants(range: z.output<typeof rangeSchema>): { from: string; to: string } {
  return { from: `${range.from}T00:00:00Z`, to: new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000).toISOString() };
}

export async function loadAnalytics(storeId: string, range: z.output<typeof rangeSchema>): Promise<Result<Analytics>> {
  const { from, to } = rangeInstants(range);
  const args = { p_store_id: storeId, p_from: from, p_to: to };
  const db = supabase();
  const [overTime, conversions, orderValue, liabilities, coupons, campaigns] = await Promise.all([
    db.rpc('analytics_members_over_time', { ...args, p_period: range.period }).then((a) => parse(overTimeSchema, a)),
    db.rpc('analytics_conversions', args).then((a) => parse(conversionSchema, a)),
    db.rpc('analytics_order_value', args).then((a) => parse(orderValueSchema, a)),
    db.rpc('analytics_liabilities', { p_store_id: storeId }).then((a) => parse(liabilitySchema, a)),
    db.rpc('analytics_coupons', args).then((a) => parse(couponSchema, a)),
    campaignResults(storeId, { from, to }),
  ]);
  for (const part of [overTime, conversions, orderValue, liabilities, coupons, campaigns]) if (!part.ok) return part;
  return {
    ok: true,
    data: {
      overTime: overTime.ok ? overTime.data : [],
      conversions: conversions.ok ? conversions.data : [],
      orderValue: orderValue.ok ? orderValue.data : [],
      liabilities: liabilities.ok ? liabilities.data : [],
      coupons: coupons.ok ? coupons.data : [],
      campaigns: campaigns.ok ? campaigns.data : [],
    },
  };
}
