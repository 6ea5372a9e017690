/**
 * The new-member gift pack under its title (welcome points and gift-pack coupons): what the store
 * advertises to a buyer before joining (the store page's invitation, the join card) and what they
 * received after it (GiftPack, with the codes); nothing for a store without one.
 */
import { useId } from 'preact/hooks';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { couponMinimum, couponValue } from '../../lib/coupon-value.ts';
import type { GiftPackOffer } from '../../lib/store-api.ts';
import { dated } from '../date-text.tsx';
import { dotted } from '../dotted.ts';
import { useSectionText } from '../use-text.ts';

/** A coupon of the pack; `code` only once the buyer's company holds it. */
type GiftCoupon = GiftPackOffer['coupons'][number] & { code?: string };

interface GiftPackContentsProps {
  /** Default: the offer before joining ("Your gift pack when you join"). */
  title?: string;
  points: number;
  coupons: GiftCoupon[];
  /** Its title's level: 3 under a section of a page (the default), 2 under the widget frame's h1. */
  headingLevel?: 2 | 3;
}

/** The pack under its title: points, then each coupon's value, code, description and conditions. */
export function GiftPackContents({ title, points, coupons, headingLevel = 3 }: GiftPackContentsProps) {
  const { t, locale } = useSectionText('join');
  // A coupon's value and least order in My membership's words (every page that shows a pack loads
  // that section too).
  const member = useSectionText('member').t;
  const titleId = useId();
  const Title = `h${headingLevel}` as const;
  // The offer says the pack is given once per login: a buyer who had it and rejoins gets none.
  const offer = title === undefined;
  title ??= t('giftOfferTitle');
  const conditions = (coupon: GiftCoupon) => [
    couponMinimum(coupon, locale, member),
    coupon.valid_until && dated(t('couponUntil'), formatDate(coupon.valid_until, locale)),
  ];
  // A store without a pack is not said to have one.
  if (coupons.length === 0 && points === 0) return null;
  return (
    <section class="gift-pack" aria-labelledby={titleId}>
      <Title id={titleId}>{title}</Title>
      {/* Under its title, before the items: a buyer who had the pack reads that it is not theirs
          again before the list, not after it (signed out, the card cannot tell them apart). */}
      {offer && <p class="muted gift-once">{t('giftOncePerPerson')}</p>}
      <ul class="gift-list">
        {/* In bold as each coupon's value is: the pack's items read as one list. */}
        {points > 0 && (
          <li>
            <strong>{t(pluralKey('giftPoints', points, locale), { points: formatNumber(points, locale) })}</strong>
          </li>
        )}
        {coupons.map((coupon, index) => (
          <li key={index}>
            <strong>{couponValue(coupon, locale, member)}</strong>
            {coupon.code && (
              <>
                {' '}
                <code>{coupon.code}</code>
              </>
            )}
            {/* The merchant's sentence, then the system's conditions on their own line: after its
                full stop, " · on orders from…" read as a broken-off sentence. */}
            {coupon.description && <p lang={coupon.description_lang ?? undefined}>{coupon.description}</p>}
            {conditions(coupon).some(Boolean) && <p class="muted">{dotted(conditions(coupon))}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
