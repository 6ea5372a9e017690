/**
 * Where a member company stands toward the tiers, as My membership tells its buyers, for staff
 * asked "why am I not VIP?": the period's paid orders and amount, what the next tier needs, what
 * keeps the tier and until when (with an override, also what the orders alone reach), the counted
 * orders leaving the period soonest, the sample quota's use and the points expiring soonest. The
 * sentences are the portal's (src/lib/standing-text.ts), said of the company.
 */
import { formatNumber, isolate, joinSentences } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { Standing as StandingData } from '../../../lib/console/members.ts';
import { dateInText, expiringByDay, nextTierNeeds, periodSentence, whatKeepsTier } from '../../../lib/standing-text.ts';
import { useOpsText } from '../ops-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { OrderAmount } from '../../OrderAmount.tsx';

/** Days of expiring points listed one by one; later ones are summed in a line. */
const expiryDays = 3;

export function Standing({ standing, tierName }: {
  standing: StandingData;
  tierName: (id: string) => string;
}) {
  const { t, locale, date } = useOpsText();
  const { samples, override, currency } = standing;
  // Held by the override only when it is above what the orders earn: at or below, it is a floor not in use.
  const overridden = override !== null && standing.tier.id !== standing.orders_tier.id;
  const keeps = joinSentences([
    standing.paid_orders > 0 && whatKeepsTier(standing, tierName, t, locale, dateInText),
    overridden && t('standingOverride', { tier: isolate(tierName(override.tier_id)), date: date(override.expires_at), orders: isolate(tierName(standing.orders_tier.id)) }),
  ], locale);
  const quota = samples.quota === null
    ? t('samplesQuotaUnlimited', { used: formatNumber(samples.used, locale) })
    : samples.quota === 0
      ? t('standingSamplesNone')
      : `${t('samplesQuotaOf', { used: formatNumber(samples.used, locale), quota: formatNumber(samples.quota, locale) })} · ${t(pluralKey('standingSamplesLeft', samples.left ?? 0, locale), { count: formatNumber(samples.left ?? 0, locale) })}`;
  const days = expiringByDay(standing.points_expiring, (expiry) => expiry.points, locale);
  const later = days.slice(expiryDays);
  const laterPoints = later.reduce((sum, day) => sum + day.points, 0);

  return (
    <div class="panel standing">
      <h2 id="standing-title" tabIndex={-1}>{t('standingTitle')}</h2>
      <dl class="ops-facts">
        <dt>{t('standingPaid')}</dt>
        <dd>{periodSentence(standing, standing.period_days, currency, t, locale, dateInText)}</dd>
        <dt>{t('standingNext')}</dt>
        <dd>
          {standing.next_tier
            ? nextTierNeeds(standing.next_tier, tierName(standing.next_tier.id), currency, t, locale)
            : t('standingTopTier', { tier: isolate(tierName(standing.tier.id)) })}
        </dd>
        {keeps && (
          <>
            <dt>{t('standingKeeps')}</dt>
            <dd>{keeps}</dd>
          </>
        )}
        <dt>{t(pluralKey('standingSamples', samples.period_days, locale, true), { days: formatNumber(samples.period_days, locale) })}</dt>
        <dd>{quota}</dd>
        <dt>{t('standingPoints')}</dt>
        <dd>
          {days.length === 0 ? t('standingPointsNone') : (
            <ul class="plain">
              {days.slice(0, expiryDays).map((day) => (
                <li key={day.date}>{t(pluralKey('expiringLine', day.points, locale), { points: formatNumber(day.points, locale), date: day.date })}</li>
              ))}
              {later.length > 0 && (
                <li>{t(pluralKey('standingPointsMore', laterPoints, locale), { points: formatNumber(laterPoints, locale), date: later[later.length - 1]!.date })}</li>
              )}
            </ul>
          )}
        </dd>
      </dl>
      {standing.orders.length > 0 && (
        <DataTable
          caption={t('standingLeaving')}
          rows={standing.orders}
          rowKey={(order) => order.id}
          empty={null}
          columns={[
            { key: 'ref', header: t('colOrderRef'), nowrap: true, cell: (order) => order.external_ref },
            { key: 'placed', header: t('colPlaced'), nowrap: true, cell: (order) => date(order.placed_at) },
            { key: 'amount', header: t('colAmount'), numeric: true, cell: (order) => <OrderAmount order={{ ...order, status: 'paid' }} baseCurrency={currency} section="operations" /> },
            { key: 'leaves', header: t('colLeaves'), nowrap: true, cell: (order) => date(order.leaves_at) },
          ]}
        />
      )}
    </div>
  );
}
