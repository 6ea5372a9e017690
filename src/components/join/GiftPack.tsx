/** The new-member gift pack a buyer received on joining: welcome points and gift-pack coupons; nothing for a store without one. */
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { fetchMembership, type Membership } from '../../lib/member-api.ts';
import { supabase } from '../../lib/supabase.ts';
import { useSectionText } from '../use-text.ts';

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; membership: Membership | null };

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
  const coupons = membership?.coupons.claimed.filter((coupon) => coupon.source === 'gift_pack') ?? [];
  const points = membership?.points.balance ?? 0;
  const conditions = (coupon: (typeof coupons)[number]) => [
    coupon.min_order_amount !== null && coupon.currency && t('couponMinimum', { amount: formatMoney(coupon.min_order_amount, coupon.currency, locale) }),
    coupon.valid_until && t('couponUntil', { date: formatDate(coupon.valid_until, locale) }),
  ].filter((line): line is string => Boolean(line));
  // The join form promises no pack: a store without one says nothing of it.
  if (coupons.length === 0 && points === 0) return null;
  return (
    <section class="gift-pack" aria-labelledby="gift-title">
      <h3 id="gift-title">{t('giftTitle')}</h3>
      <ul class="gift-list">
        {points > 0 && <li>{t(pluralKey('giftPoints', points, locale), { points: formatNumber(points, locale) })}</li>}
        {coupons.map((coupon) => (
          <li key={coupon.id}>
            <strong>
              {coupon.kind === 'percent'
                ? t('couponPercent', { value: formatPercent(coupon.value, locale) })
                : t('couponAmount', { value: formatMoney(coupon.value, coupon.currency ?? membership!.store.base_currency, locale) })}
            </strong>{' '}
            <code>{coupon.code}</code>
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
