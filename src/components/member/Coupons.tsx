/** Coupons the company holds (usable, used, expired) and those its tier can claim now. */
import { useRef, useState } from 'preact/hooks';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { couponEnded, couponMinimum, couponValue } from '../../lib/coupon-value.ts';
import { claimCoupon, fetchMemberCoupons, type ClaimableCoupon } from '../../lib/member-api.ts';
import { supabaseClient } from '../../stores/session.ts';
import { BusyButton } from '../BusyButton.tsx';
import { focusIfLost } from '../form-focus.ts';
import { useRequestKeys } from '../request-key.ts';
import { useSectionText } from '../use-text.ts';
import { dated } from '../date-text.tsx';
import { dotted } from '../dotted.ts';
import { CopyButton } from '../CopyButton.tsx';
import { refusalMessage } from './refusals.ts';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { reload, useMemberId, useMemberResource, useMembership } from './use-member.ts';

const soonDays = 14;

export function Coupons({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const memberId = useMemberId(slug);
  const membership = useMembership(slug);
  const heldRows = useMemberResource('coupons', slug, memberId, ({ token, part }) => fetchMemberCoupons(token, part, locale));
  const [busy, setBusy] = useState(false);
  const keys = useRequestKeys();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const said = useRef<HTMLParagraphElement>(null);
  const claimable = membership.state.status === 'ready' ? (membership.state.data?.coupons.claimable ?? []) : [];

  async function claim(id: string, code: string) {
    setBusy(true);
    try {
      await claimCoupon(await supabaseClient(), id, keys.for({ coupon: id }));
      keys.done();
      setMessage({ ok: true, text: t('couponClaimed', { code }) });
      await reload('membership', 'coupons');
    } catch (error) {
      setMessage({ ok: false, text: refusalMessage(error, t, locale) });
    } finally {
      setBusy(false);
      // Claimed up to its limit, the coupon is no longer offered, its button gone: the keyboard goes to what happened.
      focusIfLost(() => said.current);
    }
  }

  /**
   * How many copies the company has of a coupon it may claim, of how many: claim_coupon counts
   * every copy it ever held (used ones too) against the coupon's per-company limit, and the
   * membership gives both numbers (`held`, and the copies `left` below that limit).
   */
  /** Its conditions before it is claimed, as the held list says them after, then how many the company may hold. */
  function limitLine(coupon: ClaimableCoupon) {
    return dotted([
      couponMinimum(coupon, locale, t),
      coupon.valid_until && dated(t('couponValidUntil'), formatDate(coupon.valid_until, locale)),
      t(coupon.held === 0 ? 'couponLimitNone' : pluralKey('couponLimit', coupon.held, locale), { held: formatNumber(coupon.held, locale), limit: formatNumber(coupon.held + coupon.left, locale) }),
    ]);
  }

  const now = Date.now();
  return (
    <Section id="coupons" title={t('couponsTitle')} state={heldRows.state} retry={heldRows.retry}>
      {(rows) => {
        const status = (row: (typeof rows)[number]) =>
          row.used_at ? 'used' : couponEnded(row.coupons, now) ? 'expired' : 'usable';
        // How to use them, said only when one is ready: "0 ready to use" under "You hold no coupons" said nothing.
        const usable = rows.filter((row) => status(row) === 'usable').length;
        return (
          <>
            {/* Present before they have anything to say: a live region inserted with its text is not read by every screen reader. */}
            <div role="status">{message?.ok && <p ref={said} class="success">{message.text}</p>}</div>
            <div role="alert">{message && !message.ok && <p ref={said} class="error">{message.text}</p>}</div>
            {claimable.length > 0 && (
              <>
                <h3>{t('couponsClaimable')}</h3>
                <ul class="row-list">
                  {claimable.map((coupon) => (
                    <li key={coupon.coupon_id}>
                      <p>
                        <strong class="code">{coupon.code}</strong> · {couponValue(coupon, locale, t)}
                      </p>
                      {coupon.description && <p lang={coupon.description_lang ?? undefined}>{coupon.description}</p>}
                      <p class="muted" id={`coupon-limit-${coupon.coupon_id}`}>{limitLine(coupon)}</p>
                      <BusyButton type="button" busy={busy} aria-describedby={`coupon-limit-${coupon.coupon_id}`}
                        onClick={() => void claim(coupon.coupon_id, coupon.code)}>
                        {t('claimCoupon', { code: coupon.code })}
                      </BusyButton>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>{t('couponsHeldTitle')}</h3>
            {/* How to use them under the heading, before the list: below the last of a long list it went unread. */}
            {usable > 0 && <p class="muted">{t(pluralKey('couponsHow', usable, locale), { count: formatNumber(usable, locale) })}</p>}
            {rows.length === 0 ? (
              <p class="muted">{t('couponsEmpty')}</p>
            ) : (
              <ul class="row-list">
                {rows.map((row) => {
                  const state = status(row);
                  const endsSoon = state === 'usable' && row.coupons.valid_until && Date.parse(row.coupons.valid_until) < now + soonDays * 86_400_000;
                  return (
                    <li key={row.id}>
                      <p>
                        <strong class="code">{row.coupons.code}</strong> · {couponValue(row.coupons, locale, t)}{' '}
                        <span class={`status status-${state}`}>{t(`coupon_${state}`)}</span>
                        {/* On the code's line, not a paragraph of its own: a long list stays as long. */}
                        {state === 'usable' && <CopyCode code={row.coupons.code} />}
                      </p>
                      {row.coupons.description && <p lang={row.coupons.text_langs?.['description'] ?? undefined}>{row.coupons.description}</p>}
                      <p class="muted">
                        {dotted([
                          couponMinimum(row.coupons, locale, t),
                          state === 'used'
                            ? dated(t('couponUsedOn', { ref: row.used_order_ref ?? '—' }), formatDate(row.used_at ?? '', locale))
                            : row.coupons.valid_until
                              ? dated(t(endsSoon ? 'couponExpiresSoon' : 'couponValidUntil'), formatDate(row.coupons.valid_until, locale))
                              : t('couponNoEnd'),
                        ])}
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        );
      }}
    </Section>
  );
}

/**
 * A usable coupon's code to the clipboard, to paste into an order or a message to the store (on
 * the code's line: a long list stays as long).
 */
function CopyCode({ code }: { code: string }) {
  const { t } = useSectionText('member');
  return <CopyButton text={code} label={t('copyCode')} detail={code} copied={t('codeCopied', { code })} failed={t('codeCopyFailed')} shown={{ within: 'li', holder: '.code' }} class="secondary" />;
}
