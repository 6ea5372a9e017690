/**
 * The gift pack a buyer received on joining, from their membership: the points and the gift-pack
 * coupons they now hold, with their codes (GiftPackContents shows it).
 */
import { useEffect, useState } from 'preact/hooks';
import { fetchMembership, type Membership } from '../../lib/member-api.ts';
import { supabase } from '../../lib/supabase.ts';
import { useSectionText } from '../use-text.ts';
import { GiftPackContents } from './GiftPackContents.tsx';

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; membership: Membership | null };

/** The pack the buyer received on joining, from their membership; its title at `headingLevel` (GiftPackContents). */
export function GiftPack({ slug, headingLevel }: { slug: string; headingLevel: 2 | 3 }) {
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
      headingLevel={headingLevel}
    />
  );
}
