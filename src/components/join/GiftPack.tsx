/**
 * The new-member gift pack: what a buyer gets on joining (welcome points and gift-pack coupons),
 * shown on the join card before they join (as the store advertises it) and after it (the coupons
 * they now hold, with their codes); nothing for a store without one.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { fetchMembership, type Membership } from '../../lib/member-api.ts';
import type { GiftPackOffer } from '../../lib/store-api.ts';
import { supabase } from '../../lib/supabase.ts';
import { useSectionText } from '../use-text.ts';

/** A coupon of the pack; `code` only once the buyer's company holds it. */
type GiftCoupon = GiftPackOffer['coupons'][number] & { code?: string };

interface GiftPackContentsProps {
  title: string;
  points: number;
  coupons: GiftCoupon[];
  /** The store's base currency, for an amount coupon without its own. */
  baseCurrency: string;
}

/** The pack under its title: points, then each coupon's value, code, description and conditions. */
export function GiftPackContents({ title, points, coupons, baseCurrency }: GiftPackContentsProps) {
  const { t, locale } = useSectionText('join');
  const titleId = useId();
  const conditions = (coupon: GiftCoupon) => [
    coupon.min_order_amount !== null && coupon.currency && t('couponMinimum', { amount: formatMoney(coupon.min_order_amount, coupon.currency, locale) }),
    coupon.valid_until && t('couponUntil', { date: formatDate(coupon.valid_until, locale) }),
  ].filter((line): line is string => Boolean(line));
  // A store without a pack is not said to have one.
  if (coupons.length === 0 && points === 0) return null;
  return (
    <section class="gift-pack" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <ul class="gift-list">
        {points > 0 && <li>{t(pluralKey('giftPoints', points, locale), { points: formatNumber(points, locale) })}</li>}
        {coupons.map((coupon, index) => (
          <li key={index}>
            <strong>
              {coupon.kind === 'percent'
                ? t('couponPercent', { value: formatPercent(coupon.value, locale) })
                : t('couponAmount', { value: formatMoney(coupon.value, coupon.currency ?? baseCurrency, locale) })}
            </strong>
            {coupon.code && (
              <>
                {' '}
                <code>{coupon.code}</code>
              </>
            )}
            {/* The merchant's sentence, then the system's conditions on their own line: after its
                full stop, " · on orders from…" read as a broken-off sentence. */}
            {coupon.description && <p lang={coupon.description_lang ?? undefined}>{coupon.description}</p>}
            {conditions(coupon).length > 0 && <p class="muted">{conditions(coupon).join(' · ')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; membership: Membership | null };

/** The pack the buyer received on joining, from their membership. */
export function GiftPack({ slug }: { slug: string }) {
  const { t, locale } = useSectionText('join');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  function fetch() {
    setLoad({ status: 'loading' });
    // The session supabase-js holds (refreshed if due), whose token the summary's reads take.
    supabase()
      .auth.getSession()
      .then(({ data }) => fetchMembership(data.session?.access_token ?? '', slug, locale))
      .then(
      (membership) => setLoad({ status: 'ready', membership }),
      () => setLoad({ status: 'failed' }),
    );
  }
  useEffect(fetch, [slug, locale]);

  if (load.status === 'loading') return <p class="muted" role="status">{t('loading')}</p>;
  if (load.status === 'failed') {
    return (
      <div role="alert">
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={fetch}>
          {t('retry')}
        </button>
      </div>
    );
  }
  const { membership } = load;
  if (!membership) return null;
  return (
    <GiftPackContents
      title={t('giftTitle')}
      points={membership.points.balance}
      coupons={membership.coupons.claimed.filter((coupon) => coupon.source === 'gift_pack')}
      baseCurrency={membership.store.base_currency}
    />
  );
}
