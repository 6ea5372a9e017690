/**
 * The top of My membership: the effective tier, progress to the next one, which orders keep the
 * current one and until when, a note when the tier changed since the last visit, and the
 * headline balances. Everything comes from `my_membership`, `membership_standing` and
 * `tier_changes`, read as the member under RLS.
 */
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber, isolate } from '../../i18n/format.ts';
import { fetchStanding, fetchTierChanges, type Membership, type StoreTier, type TierChange } from '../../lib/member-api.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { keepRows, lastVisit, recordVisit } from '../../lib/member-summary.ts';
import type { TierMove } from '../../lib/order-changes.ts';
import { nextTierNeeds, periodSentence, whatKeepsTier } from '../../lib/standing-text.ts';
import { $session } from '../../stores/session.ts';
import { useSectionText } from '../use-text.ts';
import { keepInView } from '../form-focus.ts';
import { OrderAmount } from '../OrderAmount.tsx';
import { dated } from '../date-text.tsx';
import { offersSamples, quotaLeft } from './sample-quota.ts';
import { DataTable } from '../console/ui/DataTable.tsx';
import { combine, StateView, useFirstLoad, useShownRowsFocus } from './Section.tsx';
import { tierMoveSentence } from './tier-move.tsx';
import { fewRows, useMemberResource, useMembership, useStoreTiers } from './use-member.ts';
import { figureFit } from '../figure-fit.ts';

export interface MemberSectionProps {
  /** The store's slug; the section reads the signed-in member's data there. */
  slug: string;
}

// The sections' one import for their summary's hooks; the sign-in page reads it from use-member alone.
export { useStoreTiers };

/**
 * The tier's changes since this browser last showed the summary (the history is read from then on:
 * lastVisit), the joining left out; the visit is recorded once they are shown.
 */
function useChangesSinceLastVisit(slug: string, changes: TierChange[] | null): TierChange[] {
  const userId = useStore($session)?.user.id;
  const shown = changes !== null;
  useEffect(() => {
    if (shown && userId) recordVisit(slug, userId);
  }, [shown, userId, slug]);
  return (changes ?? []).filter((change) => change.reason !== 'join');
}

/**
 * Everything the summary shows, as one request state: the top of the page appears in one piece,
 * so nothing on screen moves as parts arrive (the dashboard waits for it too).
 */
export function useSummary(slug: string) {
  const { locale } = useSectionText('member');
  const membership = useMembership(slug);
  const memberId = membership.state.status === 'ready' ? (membership.state.data?.member.id ?? null) : null;
  // Only a member may read which orders hold the tier: asked before the page knows, a login that is
  // none (an invitation's landing) got a refusal in the console on a normal path.
  const standing = useMemberResource('standing', slug, memberId && 'first', ({ token }) => fetchStanding(token, slug, keepRows));
  const tiers = useStoreTiers(slug);
  const history = useMemberResource('tier-changes', slug, '', ({ token, userId }) => {
    const since = lastVisit(slug, userId);
    return since ? fetchTierChanges(token, userId, slug, locale, since) : Promise.resolve([]);
  });
  // The counted orders (`standing`) come apart: for a big buyer they are the longest answer of
  // the page, and the rest of the summary need not wait for them. `busy` until both are in (what
  // follows the summary waits for it: /me/'s sections, the frame's).
  const top = combine({ membership, tiers, history });
  const busy = top.state.status === 'loading' || (top.state.status === 'ready' && memberId !== null && standing.state.status === 'loading');
  return { top, standing, busy, history: history.state.status === 'ready' ? history.state.data : null };
}

/**
 * `headingHidden`: under a view's own heading (the widget's "My membership"), where "Summary" would only repeat it; screen readers still hear it.
 * `compact`: in the widget frame, the first few counted orders (fewRows).
 */
export function Summary({ slug, headingHidden = false, compact = false }: MemberSectionProps & { headingHidden?: boolean; compact?: boolean }) {
  const say = useSectionText('member');
  const { t, locale } = say;
  const [allOrders, setAllOrders] = useState(false);
  const { top, standing, busy, history } = useSummary(slug);
  // Every counted order, read only once asked for; the first ones stay on screen meanwhile.
  const every = useMemberResource('standing', slug, allOrders ? 'all' : null, ({ token }) => fetchStanding(token, slug));
  const news = useChangesSinceLastVisit(slug, history);
  const keeps = useRef<HTMLDivElement>(null);
  const showing = useShownRowsFocus(() => keeps.current?.querySelector('tbody')?.children, every.state.status === 'loading');
  const firstLoad = useFirstLoad(busy);

  return (
    <section id="summary" class="member-section summary" aria-labelledby="summary-title" aria-busy={busy} data-first-load={firstLoad || undefined}>
      {/* Focusable: the section menu's link gives it the keyboard (drawn-sections.ts). */}
      <h2 id="summary-title" class={headingHidden ? 'visually-hidden' : undefined} tabIndex={-1}>
        {t('summaryTitle')}
      </h2>
      <StateView state={top.state} retry={top.retry} loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
        {({ membership: data, tiers: { tiers: all } }) => {
          if (!data) return null;
          const tierName = (id: string | undefined) => all.find((tier) => tier.id === id)?.name ?? '';
          return (
            <>
              {news.length > 0 && (
                <div class="notice" role="status">
                  {news.map((change) => {
                    // A move for the reason `orders` follows new orders or the import's change of one
                    // ("This follows your latest paid orders" read wrong after a refund lowered the
                    // tier): the row's orders_changed and changed_order_ref tell which; moved_order_refs
                    // names the orders it paid or refunded.
                    const note = t('tierChangedNote', { from: isolate(change.from_tier_name ?? '—'), to: isolate(change.to_tier_name ?? '—') });
                    const reason = tierMoveSentence({ ...change, reason: change.reason as TierMove['reason'] }, say);
                    return <p key={change.id}>{dated(note, formatDate(change.changed_at, locale), { reason })}</p>;
                  })}
                </div>
              )}
              <TierHeadline data={data} />
              <Figures data={data} storeOffersSamples={offersSamples(all)} storeOffersRebates={all.some((tier) => tier.rebate_percent > 0)} inFrame={compact} />
              <Progress data={data} tiers={all} />
              {/* No paid order counts: Progress already says so, and there is nothing that keeps the tier to list. */}
              {data.progress.paid_orders > 0 && (
                <div class="keeps" ref={keeps}>
                  <h3>{t('keepsTitle')}</h3>
                  <StateView state={standing.state} retry={standing.retry} loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
                    {(keep) => {
                      if (keep.orders.length === 0) return null;
                      const first = compact ? keep.orders.slice(0, fewRows) : keep.orders;
                      return (
                        <>
                          <p>{whatKeepsTier(keep, tierName, t, locale, dated)}</p>
                          {/* Stacked on a phone, a row's amount beside its label (DataTable): scrolled sideways, the amount was out of sight. */}
                          <DataTable
                            caption={t(pluralKey('keepsCaption', keep.period_days, locale), { days: formatNumber(keep.period_days, locale) })}
                            rows={every.state.status === 'ready' ? every.state.data.orders : first}
                            rowKey={(order) => order.id}
                            empty={null}
                            columns={[
                              // A reference keeps one line ("LUM-2026-0233" broke at each hyphen).
                              { key: 'ref', header: t('orderRef'), nowrap: true, cell: (order) => order.external_ref },
                              { key: 'placed', header: t('orderPlaced'), nowrap: true, cell: (order) => formatDate(order.placed_at, locale) },
                              { key: 'amount', header: t('orderAmount'), numeric: true, cell: (order) => <OrderAmount order={{ ...order, status: 'paid' }} baseCurrency={keep.currency} /> },
                              { key: 'leaves', header: t('orderLeaves'), nowrap: true, cell: (order) => formatDate(order.leaves_at, locale) },
                            ]}
                          />
                          {every.state.status !== 'ready' && keep.paid_orders > first.length && (
                            <p>
                              <button type="button" class="secondary" aria-busy={allOrders && every.state.status === 'loading'}
                                onClick={() => {
                                  showing();
                                  if (every.state.status === 'failed') every.retry();
                                  else setAllOrders(true);
                                }}>
                                {t('keepsShowAll', { count: formatNumber(keep.paid_orders, locale) })}
                              </button>
                              {every.state.status === 'failed' && <span role="alert"> {t('loadFailed')}</span>}
                            </p>
                          )}
                        </>
                      );
                    }}
                  </StateView>
                </div>
              )}
            </>
          );
        }}
      </StateView>
    </section>
  );
}

function TierHeadline({ data }: { data: Membership }) {
  const { t, locale } = useSectionText('member');
  // The sentence around the name as the language writes it ("Your tier: ", "您的等级："); the name is its own element,
  // isolated (<bdi>) so that direction controls in an older name cannot reorder the sentence.
  const [label, after] = t('yourTier').split('{tier}');
  return (
    <div class="tier-headline">
      <p class="tier-badge" data-rank={data.tier.rank}>
        <span class="muted">{label}</span>
        <strong lang={data.tier.name_lang} data-testid="effective-tier">
          <bdi>{data.tier.name}</bdi>
        </strong>
        {after}
      </p>
      <p class="muted">
        {t('companyLine', { company: isolate(data.member.company_name), name: isolate(data.contact.full_name) })}
      </p>
      {/* An override below what the orders reach holds nothing now: said as the floor it is, not as the tier above. */}
      {data.override && (
        <p>
          {dated(t(data.override.tier_id === data.tier.id ? 'overrideNote' : 'overrideFloorNote', { tier: isolate(data.override.tier_name) }), formatDate(data.override.expires_at, locale))}
        </p>
      )}
    </div>
  );
}

/**
 * The headline figures, each a link to its section (a long page's way to it), read as one: "Points
 * 200". `inFrame`: the widget frame's own page is as tall as its content and the panel around it
 * scrolls, so the link brings the section into the panel and gives its heading the keyboard itself.
 */
function Figures({ data, storeOffersSamples, storeOffersRebates, inFrame }: { data: Membership; storeOffersSamples: boolean; storeOffersRebates: boolean; inFrame: boolean }) {
  const { t, locale } = useSectionText('member');
  const points = formatNumber(data.points.balance, locale);
  const samples = quotaLeft(data.samples, t, locale, storeOffersSamples);
  // An empty wallet of a tier that earns nothing says so in words, as the samples' tile does:
  // "US$0.00" read as rebates to come (the wallet's section says which tier earns them).
  const rebate = data.rebates.balance === 0 && data.tier.rebate_percent === 0
    ? t(storeOffersRebates ? 'rebatesNoneWithTier' : 'rebatesNoneInStore')
    : formatMoney(data.rebates.balance, data.rebates.currency, locale);
  // The figure's class beside figureFit's own ('figure-long').
  const fitted = (text: string) => {
    const fit = figureFit(text);
    return { ...fit, class: fit.class ? `figure ${fit.class}` : 'figure' };
  };
  const tile = (section: string, label: string, figure: ComponentChildren) => (
    <li>
      <a href={`#${section}`} onClick={inFrame ? (event) => goToSection(event, section) : undefined}>
        {/* The space between label and figure is read, not drawn. */}
        <span class="figure-label">{label}</span> {figure}
      </a>
    </li>
  );
  // The wallet's tile after the samples': where its figure takes a row of two tiles (the frame, a
  // phone), Points and Free samples share the row above it, drawn in the order they are read.
  return (
    <ul class="figures" role="list">
      {tile('points', t('pointsBalance'), <span {...fitted(points)}>{points}</span>)}
      {tile('samples', t('samplesLeft'), (
        // The note under the figure is said after it ("3 of 3 left this period").
        <span class="figure" data-testid="samples-left">
          {samples.figure}
          {samples.note && <> <span class="figure-note">{samples.note}</span></>}
        </span>
      ))}
      {tile('rebates', t('rebateBalance'), <span {...fitted(rebate)} data-testid="rebate-figure">{rebate}</span>)}
      {tile('coupons', t('couponsHeld'), <span class="figure">{formatNumber(data.coupons.claimed.length, locale)}</span>)}
    </ul>
  );
}

/**
 * In the frame: the section's heading takes the keyboard, its section brought to the panel's top;
 * held back below a section on its first read (_embed.css), once it is shown (keepInView waits).
 */
function goToSection(event: MouseEvent, id: string) {
  const section = document.getElementById(id);
  const heading = document.getElementById(`${id}-title`);
  event.preventDefault();
  if (section && heading) keepInView(section, heading, 'start');
}

function Progress({ data, tiers }: { data: Membership; tiers: StoreTier[] }) {
  const { t, locale } = useSectionText('member');
  const { progress } = data;
  const next = progress.next_tier;
  const nextName = next ? (tiers.find((tier) => tier.id === next.id)?.name ?? next.name) : '';
  // The share of the way there: the further-off of the two thresholds decides.
  const shares = next
    ? [
        next.min_paid_orders > 0 ? progress.paid_orders / next.min_paid_orders : 1,
        next.min_paid_amount > 0 ? progress.paid_amount / next.min_paid_amount : 1,
      ]
    : [1];
  const share = Math.max(0, Math.min(1, Math.min(...shares)));
  return (
    <div class="progress">
      <p>
        {periodSentence(progress, data.store.statistical_period_days, progress.currency, t, locale, dated)}
      </p>
      {next ? (
        <>
          <label for="tier-progress">{t('progressTo', { tier: isolate(nextName) })}</label>
          <progress id="tier-progress" max={100} value={Math.round(share * 100)}>
            {Math.round(share * 100)} %
          </progress>
          <p>{nextTierNeeds(next, nextName, progress.currency, t, locale)}</p>
        </>
      ) : (
        <p>{t('topTier')}</p>
      )}
    </div>
  );
}
