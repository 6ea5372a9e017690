/**
 * Updates: what the store did for the buyer's company (my_updates), newest first, one sentence
 * each with its date, so a buyer coming back after weeks sees what changed without checking every
 * section. Those after the contact last saw the feed are marked New in words; the feed counts as
 * seen (mark_updates_seen, up to the newest shown) once its newest row has been on screen, and the
 * labels stay for this view: they clear on the next visit, on any of the contact's devices.
 * On /me/ a page at a time; in the widget frame the newest few and a link to the rest.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber, formatSignedMoney, formatSignedNumber, interpolateParts, sentenceGap } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { fetchUpdates, markUpdatesSeen, type Update } from '../../lib/member-api.ts';
import { changedAmounts, refundedPart } from '../../lib/order-changes.ts';
import { supabaseClient } from '../../stores/session.ts';
import { useSectionText } from '../use-text.ts';
import { Section } from './Section.tsx';
import { tierMoveSentence } from './tier-move.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { useCursorPages } from './use-member.ts';

/** Updates shown at first and added by "Show more". */
const updatesPage = 20;

/** The widget frame's few: the newest, then a link to the portal for the rest. */
const compactPage = 5;

type Say = ReturnType<typeof useSectionText<'member'>>;

/** A merchant's text in the language it came in; a name that is gone reads as `missing`. */
function named(key: string, text: string | null, lang: string | null, missing: string) {
  return text === null ? missing : <span key={key} lang={lang ?? undefined}>{text}</span>;
}

/** What a change of orders moved in the company's points and rebate (store currency), signed; null when nothing. */
function moved(points: number | null, rebate: number | null, currency: string, { t, locale }: Say): string | null {
  const signedPoints = points ? formatSignedNumber(points, locale) : null;
  const signedRebate = rebate ? formatSignedMoney(rebate, currency, locale) : null;
  return signedPoints && signedRebate ? t('updateMovedBoth', { points: signedPoints, amount: signedRebate })
    : signedPoints ? t('updateMovedPoints', { points: signedPoints })
    : signedRebate ? t('updateMovedRebate', { amount: signedRebate })
    : null;
}

/** What the update says: its sentence (names as their own elements), then what else it tells. */
function sentences(update: Update, say: Say): { main: ComponentChildren[]; more: ComponentChildren[] } {
  const { t, locale } = say;
  const product = (missing: string) => named('product', 'product_name' in update ? update.product_name : null, 'product_name_lang' in update ? update.product_name_lang : null, missing);
  switch (update.kind) {
    case 'sample_approved':
    case 'sample_shipped':
    case 'sample_rejected': {
      const tracking = update.kind === 'sample_shipped' && (update.carrier || update.tracking_number)
        ? t('tracking', { carrier: update.carrier ?? '—', number: update.tracking_number ?? '—' })
        : null;
      const reason = update.kind === 'sample_rejected' && update.note ? t('rejectedBecause', { reason: update.note }) : null;
      return { main: interpolateParts(t(`update_${update.kind}`), { product: product(t('productGone')) }), more: [tracking, reason] };
    }
    case 'inquiry_answered':
      return {
        main: update.product_name === null ? [t('updateInquiryAnsweredGeneral')] : interpolateParts(t('update_inquiry_answered'), { product: product('—') }),
        more: [],
      };
    case 'tier_changed': {
      const key = update.up === null ? 'updateTierChanged' : update.up ? 'updateTierUp' : 'updateTierDown';
      return {
        main: interpolateParts(t(key), {
          from: named('from', update.from_tier, update.from_tier_lang, '—'),
          to: named('to', update.to_tier, update.to_tier_lang, '—'),
        }),
        more: [tierMoveSentence(update, say)],
      };
    }
    case 'coupon_given':
    case 'coupon_taken_back':
      return {
        main: [
          ...interpolateParts(t(`update_${update.kind}`), { code: <span key="code" class="code">{update.code}</span> }),
          update.name && <span key="name" class="muted" lang={update.name_lang ?? undefined}> · {update.name}</span>,
        ],
        more: [],
      };
    case 'reward_sent':
      return { main: interpolateParts(t('update_reward_sent'), { reward: named('reward', update.name, update.name_lang, '—') }), more: [update.note] };
    case 'rebate_credited':
    case 'rebate_corrected':
      return { main: [t(`update_${update.kind}`, { amount: formatMoney(update.amount, update.currency, locale) })], more: [update.note] };
    case 'points_adjusted': {
      const points = Math.abs(update.points);
      const key = pluralKey(update.points < 0 ? 'updatePointsTaken' : 'updatePointsAdded', points, locale);
      return { main: [t(key, { points: formatNumber(points, locale) })], more: [update.note] };
    }
    case 'order_corrected':
    case 'order_refunded_in_part': {
      const ref = <span key="ref" class="nowrap">{update.order_ref}</span>;
      // Amounts keep one line each: "US$1,200.00" broke after its symbol at 360 px.
      const values = update.kind === 'order_corrected' ? changedAmounts(update, locale) : refundedPart(update, locale);
      const parts = Object.fromEntries(Object.entries(values).map(([key, text]) => [key, <span key={key} class="nowrap">{text}</span>]));
      return {
        main: interpolateParts(t(`update_${update.kind}`), { ref, ...parts }),
        more: [moved(update.points, update.rebate, update.base_currency, say)],
      };
    }
    case 'orders_rerated':
      return {
        main: [t(pluralKey('updateOrdersRerated', update.orders, locale), { count: formatNumber(update.orders, locale) })],
        more: [moved(update.points, update.rebate, update.base_currency, say)],
      };
    case 'order_refunded': {
      const ref = <span key="ref" class="nowrap">{update.order_ref}</span>;
      const points = update.points ? formatNumber(update.points, locale) : null;
      const amount = update.amount && update.currency ? formatMoney(update.amount, update.currency, locale) : null;
      const took = points && amount
        ? t(pluralKey('updateTookBoth', update.points!, locale), { points, amount })
        : points ? t(pluralKey('updateTookPoints', update.points!, locale), { points })
        : amount ? t('updateTookRebate', { amount })
        : null;
      return { main: interpolateParts(t(update.order_status === 'cancelled' ? 'updateOrderCancelled' : 'updateOrderRefunded'), { ref }), more: [took] };
    }
  }
}

/**
 * The newest shown update is seen once the list's first row has been on screen (not when the
 * section is drawn, a screen ahead of it); `through` is null when nothing shown is new.
 */
function useSeenOnScreen(list: { current: HTMLElement | null }, slug: string, through: string | null) {
  useEffect(() => {
    const first = list.current?.firstElementChild;
    if (!through || !first) return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      // Not marked, the updates are new again next visit: nothing for the reader to do.
      supabaseClient().then((client) => markUpdatesSeen(client, slug, through)).catch(console.error);
    });
    observer.observe(first);
    return () => observer.disconnect();
  }, [through, slug]);
}

/**
 * New in this view: after the contact's last visit as the first page read it (`seen_at`). An
 * earlier page is read once the feed may already be marked seen, when the server would call none
 * of it new; the labels stay for the view. Instants compared to the microsecond, as Postgres
 * keeps them (Date keeps milliseconds).
 */
function newSince(seenAt: string, happenedAt: string): boolean {
  const instant = (at: string) => [Date.parse(at), Number(`${/\.(\d+)/.exec(at)?.[1] ?? ''}000000`.slice(3, 6))] as const;
  const [atMs, atMicro] = instant(happenedAt);
  const [seenMs, seenMicro] = instant(seenAt);
  return atMs > seenMs || (atMs === seenMs && atMicro > seenMicro);
}

export function Updates({ slug, compact = false }: MemberSectionProps & { compact?: boolean }) {
  const say = useSectionText('member');
  const { t, locale } = say;
  const feed = useCursorPages(
    'updates',
    slug,
    compact ? compactPage : updatesPage,
    ({ token, locale: reading, limit, before }) => fetchUpdates(token, slug, reading, { limit, before }),
    (answer) => answer.updates,
    (update) => update.happened_at,
  );
  const list = useRef<HTMLOListElement>(null);
  const newest = feed.state.status === 'ready' ? feed.state.data.rows[0] : undefined;
  useSeenOnScreen(list, slug, newest?.is_new ? newest.happened_at : null);
  const gap = sentenceGap(locale);
  return (
    <Section
      id="updates"
      title={t('updatesTitle')}
      state={feed.state}
      retry={feed.retry}
      isEmpty={({ rows }) => rows.length === 0}
      empty={t('updatesEmpty')}
      more={!compact && feed.more ? { ...feed.more, label: t('updatesMore') } : null}
    >
      {({ first, rows }) => (
        <>
          {/* The count stops past 100 (my_updates' new_more): it says so rather than a number it did not count. */}
          {first.new_count > 0 && <p>{t(first.new_more ? 'updatesNewMore' : pluralKey('updatesNew', first.new_count, locale), { count: formatNumber(first.new_count, locale) })}</p>}
          <ol class="row-list updates" ref={list}>
            {(compact ? rows.slice(0, compactPage) : rows).map((update, index) => {
              const { main, more } = sentences(update, say);
              return (
                <li key={`${update.happened_at}:${index}`}>
                  <p>
                    {newSince(first.seen_at, update.happened_at) && <><span class="new-count">{t('updateNew')}</span>{' '}</>}
                    {main}
                    {more.filter(Boolean).map((text) => [gap, text])}
                  </p>
                  <p class="muted">
                    <time dateTime={update.happened_at}>{formatDate(update.happened_at, locale)}</time>
                  </p>
                </li>
              );
            })}
          </ol>
          {compact && (
            <p>
              <a href={`/me/?s=${encodeURIComponent(slug)}&lang=${locale}#updates`} target="_blank" rel="noopener">
                {t('updatesAll')}
              </a>
            </p>
          )}
        </>
      )}
    </Section>
  );
}
