/**
 * Updates: what the store did for the buyer's company (my_updates), newest first, one sentence
 * each with its date, so a buyer coming back after weeks sees what changed without checking every
 * section. Those after the contact last saw the feed are marked New in words; the feed counts as
 * seen (mark_updates_seen, up to the newest shown) once its newest row has been on screen, and the
 * labels stay for this view: they clear on the next visit, on any of the contact's devices.
 * On /me/ a page at a time; in the widget frame the newest few and a link to the rest.
 */
import { useEffect, useRef } from 'preact/hooks';
import { formatDate, formatNumber, sentenceGap } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { markUpdatesSeen } from '../../lib/member-api.ts';
import { supabaseClient } from '../../stores/session.ts';
import { useSectionText } from '../use-text.ts';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { sentences } from './update-sentences.tsx';
import { compactPage, useFeed } from './updates-feed.ts';

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
  const feed = useFeed(slug, compact);
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
