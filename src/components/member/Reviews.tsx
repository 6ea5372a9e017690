/**
 * Delivered orders the member can rate; a first review earns the store's review points, said
 * above them (staff set them to encourage reviews; the history alone showed them afterwards).
 */
import { useRef, useState } from 'preact/hooks';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { fetchDeliveredOrders, fetchReviewPoints, reviewOrder, reviewSchema, type DeliveredOrder } from '../../lib/member-api.ts';
import { supabaseClient } from '../../stores/session.ts';
import { BusyButton } from '../BusyButton.tsx';
import { focusIfLost } from '../form-focus.ts';
import { useSectionText } from '../use-text.ts';
import { dated } from '../date-text.tsx';
import { Field, FormMessage, formValues, useForm } from './forms.tsx';
import { OrderAmount } from '../OrderAmount.tsx';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { reload, useMemberId, useMemberResource, useMembership, usePagedResource } from './use-member.ts';

export function Reviews({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const memberId = useMemberId(slug);
  const orders = usePagedResource('orders', slug, memberId, 10, ({ token, part, limit }) => fetchDeliveredOrders(token, part, limit));
  const membership = useMembership(slug);
  const baseCurrency = membership.state.status === 'ready' ? membership.state.data?.store.base_currency : undefined;
  const storeId = membership.state.status === 'ready' ? (membership.state.data?.store.id ?? null) : null;
  const reward = useMemberResource('review-points', slug, storeId, ({ token, part }) => fetchReviewPoints(token, part));
  const points = reward.state.status === 'ready' ? reward.state.data : 0;
  return (
    <Section
      id="reviews"
      title={t('reviewsTitle')}
      state={orders.state}
      retry={orders.retry}
      isEmpty={(rows) => rows.length === 0}
      empty={t('reviewsEmpty')}
      more={orders.more && { ...orders.more, label: t('reviewsMore') }}
      intro={points > 0 && <p>{t(pluralKey('reviewsEarn', points, locale), { points: formatNumber(points, locale) })}</p>}
    >
      {(rows) => (
        <ul class="row-list">
          {rows.map((order) => (
            <ReviewRow key={order.id} order={order} baseCurrency={baseCurrency} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function ReviewRow({ order, baseCurrency }: { order: DeliveredOrder; baseCurrency: string | undefined }) {
  const { t, locale } = useSectionText('member');
  const [open, setOpen] = useState(false);
  const form = useForm(reviewSchema, ['rating', 'body']);
  const review = order.order_reviews;
  const row = useRef<HTMLLIElement>(null);
  const onSubmit = (event: SubmitEvent) => {
    const values = formValues(event);
    void form
      .submit({ rating: Number(values.rating), body: values.body ?? '' }, async (input) => {
        await reviewOrder(await supabaseClient(), order.id, input);
        await reload('orders', 'points', 'membership');
      })
      .then((ok) => {
        if (!ok) return;
        setOpen(false);
        // The form is gone, the review in its place: the keyboard goes to the order's row that shows it.
        focusIfLost(() => row.current);
      });
  };
  return (
    <li ref={row}>
      <p>
        <strong>{order.external_ref}</strong> · <OrderAmount order={order} baseCurrency={baseCurrency} /> ·{' '}
        <span class="muted">{dated(t('deliveredOn'), formatDate(order.delivered_at, locale))}</span>
      </p>
      {review ? (
        <p>
          {t('reviewed', { rating: review.rating })} <span class="muted">{review.body}</span>
        </p>
      ) : open ? (
        <form class="stack inline-form" onSubmit={onSubmit} noValidate aria-label={t('reviewOrder', { ref: order.external_ref })}>
          <fieldset>
            <legend>{t('rating')}</legend>
            <div class="rating">
              {[5, 4, 3, 2, 1].map((value) => (
                <label key={value}>
                  <input type="radio" name="rating" value={value} defaultChecked={value === 5} /> {t('stars', { count: value })}
                </label>
              ))}
            </div>
          </fieldset>
          <Field id={`review-${order.id}`} name="body" label={t('reviewBody')} multiline required maxLength={4000} errors={form.errors} />
          <FormMessage errors={form.errors} />
          <BusyButton type="submit" busy={form.busy}>
            {t('sendReview')}
          </BusyButton>
        </form>
      ) : (
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          {t('reviewOrder', { ref: order.external_ref })}
        </button>
      )}
    </li>
  );
}
