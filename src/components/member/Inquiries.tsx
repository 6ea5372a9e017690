/** The company's inquiries with the merchant's answers, and a new general inquiry. */
import { useId, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber } from '../../i18n/format.ts';
import { fetchInquiries } from '../../lib/member-api.ts';
import { useSectionText } from '../use-text.ts';
import { answerChanged } from '../../lib/inquiry-answer.ts';
import { dated, dateText } from '../date-text.tsx';
import { InquiryForm } from './Catalogue.tsx';
import { useOpener } from './forms.tsx';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { useMemberId, useMemberResource, useMembership } from './use-member.ts';

export function Inquiries({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const memberId = useMemberId(slug);
  const { state: membership } = useMembership(slug);
  // A general inquiry's target price is in the store's currency (send_inquiry).
  const currency = membership.status === 'ready' ? membership.data?.store.base_currency : undefined;
  const inquiries = useMemberResource('inquiries', slug, memberId, ({ token, part }) => fetchInquiries(token, part, locale));
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const opener = useOpener();
  const openerId = useId();
  const close = () => {
    opener.closed();
    setOpen(false);
  };
  const intro = (
    <>
      {/* Present before it has anything to say: a live region inserted with its text is not read by every screen reader. */}
      <div role="status">{sent && <p class="success">{t('inquirySentHere')}</p>}</div>
      {/* Usable once the currency is known: an expanded button over no form would mislead a screen reader. */}
      <button id={openerId} type="button" class="secondary" aria-expanded={open && currency !== undefined} disabled={currency === undefined} onClick={(event) => { opener.opened(event); setOpen(!open); }}>
        {t('newInquiry')}
      </button>
      {/* The sent form is gone: the keyboard goes back to the button that opened it. */}
      {open && currency && <InquiryForm slug={slug} productId={null} currency={currency} byKeyboard={opener.byKeyboard()} onDone={() => { setSent(true); close(); }} onCancel={close} />}
    </>
  );
  return (
    <Section
      id="inquiries"
      title={t('inquiriesTitle')}
      state={inquiries.state}
      retry={inquiries.retry}
      isEmpty={(rows) => rows.length === 0}
      empty={t('inquiriesEmpty')}
      intro={intro}
    >
      {(rows) => (
        <ul class="row-list">
          {rows.map((inquiry) => (
            <li key={inquiry.id}>
              <p>
                <span class={`status status-${inquiry.status}`}>{t(`inquiry_${inquiry.status}`)}</span>{' '}
                <span class="muted">{formatDate(inquiry.created_at, locale)}</span>
                {inquiry.products?.name && <strong> · {inquiry.products.name}</strong>}
              </p>
              <p class="pre-line">{inquiry.message}</p>
              {(inquiry.quantity !== null || inquiry.target_price !== null) && (
                <p class="muted">
                  {inquiry.quantity !== null && t('inquiryQuantity', { count: formatNumber(inquiry.quantity, locale) })}
                  {inquiry.quantity !== null && inquiry.target_price !== null && ' · '}
                  {inquiry.target_price !== null && inquiry.currency &&
                    t('inquiryTarget', { amount: formatMoney(inquiry.target_price, inquiry.currency, locale) })}
                </p>
              )}
              {inquiry.answer && (
                <blockquote class="answer">
                  <p class="muted">
                    {answerChanged(inquiry)
                      ? dated(t('merchantAnsweredEdited'), formatDate(inquiry.first_answered_at, locale), { edited: dateText('edited', formatDate(inquiry.answered_at, locale)) })
                      : dated(t('merchantAnswered'), formatDate(inquiry.answered_at ?? inquiry.created_at, locale))}
                  </p>
                  <p class="pre-line">{inquiry.answer}</p>
                </blockquote>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
