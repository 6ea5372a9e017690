/**
 * The widget's one read: a store and its tiers from PostgREST's `store_profile` RPC, with the
 * anon key and plain fetch (supabase-js would outweigh the whole widget), the merchant's text
 * already in the widget's language. Rows are checked by hand for the same reason; the portal
 * validates the same fields with zod. The loader asks (for placements, or when the panel
 * opens) and lends the answer to the panel, so a page view sends one request.
 */
import type { Locale } from '../../../src/i18n/locales.ts';
import type { TierRights } from '../../../src/lib/tier-rights.ts';

export interface PublicTiers {
  name: string;
  /** The language `name` is written in (the widget's, else the store's default, else any). */
  nameLang: string;
  slug: string;
  /** ISO 4217; tier thresholds are in this currency. */
  currency: string;
  periodDays: number;
  samplePeriodDays: number;
  /** Points per unit of `currency` paid, which a tier's points multiplier multiplies. */
  pointsPerCurrencyUnit: number;
  /** The colour saved in the console's settings (`#rrggbb`, readable under white text), or null. */
  brandColor: string | null;
  /** The owners have paused taking new members: nothing offers to join (the frame's join card says why). */
  joiningPaused: boolean;
  tiers: TierRights[];
}

type Row = Record<string, unknown>;

function toTier(row: Row): TierRights {
  const number = (key: keyof TierRights) => Number(row[key] ?? 0);
  return {
    rank: number('rank'),
    name: String(row.name),
    name_lang: String(row.name_lang),
    min_paid_orders: number('min_paid_orders'),
    min_paid_amount: number('min_paid_amount'),
    discount_percent: number('discount_percent'),
    prepay_regular_percent: number('prepay_regular_percent'),
    prepay_customized_percent: number('prepay_customized_percent'),
    sample_quota: row.sample_quota === null ? null : number('sample_quota'),
    free_freight: row.free_freight === true,
    logistics_upgrade: row.logistics_upgrade === true,
    priority_delivery: row.priority_delivery === true,
    points_multiplier: number('points_multiplier'),
    rebate_percent: number('rebate_percent'),
    perks: Array.isArray(row.perks) ? row.perks.map(String) : [],
    perks_lang: typeof row.perks_lang === 'string' ? row.perks_lang : null,
  };
}

/** The store's tiers by rank with names and perks in `locale`, or null when no store has the slug. */
async function fetchPublicTiers(slug: string, locale: Locale): Promise<PublicTiers | null> {
  const query = new URLSearchParams({ p_store_slug: slug, p_locale: locale });
  const response = await fetch(`${__CARDCLUB_SUPABASE_URL__}/rest/v1/rpc/store_profile?${query}`, {
    headers: { apikey: __CARDCLUB_ANON_KEY__, authorization: `Bearer ${__CARDCLUB_ANON_KEY__}`, accept: 'application/json' },
  });
  // store_profile answers an unknown slug with PT404, which PostgREST sends as HTTP 404.
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Cardclub: loading store "${slug}" failed with HTTP ${response.status}.`);
  const profile: unknown = await response.json();
  const store = (profile as Row | null)?.store as Row | undefined;
  if (!store || typeof store !== 'object') throw new Error('Cardclub: unexpected response from the store API.');
  const tiers = (profile as Row).tiers;
  return {
    name: String(store.name),
    nameLang: String(store.name_lang),
    slug: String(store.slug),
    currency: String(store.base_currency),
    periodDays: Number(store.statistical_period_days),
    samplePeriodDays: Number(store.sample_period_days),
    pointsPerCurrencyUnit: Number(store.points_per_currency_unit ?? 0),
    // Only a colour goes into the stylesheet brandCss builds.
    brandColor: /^#[0-9a-f]{6}$/i.test(String(store.brand_color)) ? String(store.brand_color) : null,
    joiningPaused: store.joining_paused === true,
    tiers: Array.isArray(tiers) ? (tiers as Row[]).map(toTier) : [],
  };
}

/**
 * fetchPublicTiers once per page view for the panel and every placement; a failure is retried by
 * the next caller. An unknown slug is said once in the console: the page shows the merchant nothing.
 */
export function sharedTiers(slug: string, locale: Locale, onError: (error: unknown) => void): () => Promise<PublicTiers | null> {
  let request: Promise<PublicTiers | null> | undefined;
  return () => {
    request ??= fetchPublicTiers(slug, locale).then(
      (store) => {
        if (!store) onError(`No store has the slug "${slug}": check data-store on the widget.js tag.`);
        return store;
      },
      (error: unknown) => {
        request = undefined;
        throw error;
      },
    );
    return request;
  };
}
