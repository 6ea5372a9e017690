/**
 * The products the member's tier unlocks, with images, their own price after the tier's
 * discount, the prepayment ratio for the product's kind and the MOQ; from a product a member
 * claims a free sample (with a shipping address) or sends an inquiry.
 */
import { useState } from 'preact/hooks';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format.ts';
import {
  claimSample,
  fetchCatalogue,
  inquirySchema,
  sendInquiry,
  shipToSchema,
  type CatalogueProduct,
} from '../../lib/member-api.ts';
import { supabase } from '../../lib/supabase.ts';
import { z } from 'zod';
import { useSectionText } from '../use-text.ts';
import { Field, FormMessage, formValues, optionalNumber, useForm } from './forms.tsx';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { reload, useMemberResource } from './use-member.ts';

export function Catalogue({ slug }: MemberSectionProps) {
  const { t } = useSectionText('member');
  const catalogue = useMemberResource('catalogue', slug, 'exclusive', ({ client, locale }) =>
    fetchCatalogue(client, slug, locale, { exclusiveOnly: true }),
  );
  return (
    <Section
      id="catalogue"
      title={t('catalogueTitle')}
      state={catalogue.state}
      retry={catalogue.retry}
      isEmpty={(products) => products.length === 0}
      empty={t('catalogueEmpty')}
    >
      {(products) => (
        <ul class="card-list">
          {products.map((product) => (
            <ProductCard key={product.id} product={product} slug={slug} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function ProductCard({ product, slug }: { product: CatalogueProduct; slug: string }) {
  const { t, locale } = useSectionText('member');
  const [open, setOpen] = useState<'sample' | 'inquiry' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingId = `product-${product.id}`;
  const price = product.member_price ?? product.list_price;
  return (
    <li class={product.image_url ? 'product-card with-image' : 'product-card'} aria-labelledby={headingId}>
      {product.image_url && (
        <div class="product-image">
          <img src={product.image_url} alt="" width={96} height={96} loading="lazy" />
        </div>
      )}
      <div class="product-body">
        <h3 id={headingId} lang={product.name_lang}>
          {product.name}
        </h3>
        {product.description && (
          <p class="muted" lang={product.description_lang ?? undefined}>
            {product.description}
          </p>
        )}
        <dl class="facts">
          <div>
            <dt>{t('yourPrice')}</dt>
            <dd data-testid="member-price">
              <strong>{formatMoney(price, product.currency, locale)}</strong>
              {product.member_price !== null && product.member_price < product.list_price && (
                <>
                  {' '}
                  <s>
                    <span class="visually-hidden">{t('listPrice')} </span>
                    {formatMoney(product.list_price, product.currency, locale)}
                  </s>
                </>
              )}
            </dd>
          </div>
          {product.prepay_percent !== null && (
            <div>
              <dt>{t('prepay')}</dt>
              <dd>
                {formatPercent(product.prepay_percent, locale)} · {t(product.kind === 'customized' ? 'kindCustomized' : 'kindRegular')}
              </dd>
            </div>
          )}
          {product.moq !== null && (
            <div>
              <dt>{t('moq')}</dt>
              <dd>{formatNumber(product.moq, locale)}</dd>
            </div>
          )}
        </dl>
        {done && (
          <p role="status" class="success">
            {done}
          </p>
        )}
        <div class="actions">
          {product.sample_eligible && (
            <button type="button" aria-expanded={open === 'sample'} onClick={() => setOpen(open === 'sample' ? null : 'sample')}>
              {t('claimSample')}
            </button>
          )}
          <button type="button" class="secondary" aria-expanded={open === 'inquiry'} onClick={() => setOpen(open === 'inquiry' ? null : 'inquiry')}>
            {t('askAbout')}
          </button>
        </div>
        {open === 'sample' && (
          <SampleForm productId={product.id} onDone={() => { setOpen(null); setDone(t('sampleClaimed')); }} />
        )}
        {open === 'inquiry' && (
          <InquiryForm slug={slug} productId={product.id} onDone={() => { setOpen(null); setDone(t('inquirySent')); }} />
        )}
      </div>
    </li>
  );
}

const sampleFormSchema = shipToSchema.extend({ quantity: z.number().int().min(1).max(10) });
const addressFields = ['name', 'company', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone'] as const;

function SampleForm({ productId, onDone }: { productId: string; onDone: () => void }) {
  const { t } = useSectionText('member');
  const form = useForm(sampleFormSchema, [...addressFields, 'quantity']);
  const required = new Set(['name', 'line1', 'city', 'country', 'phone']);
  const onSubmit = (event: SubmitEvent) => {
    const values = formValues(event);
    void form
      .submit({ ...values, quantity: optionalNumber(values.quantity) ?? 1 }, async ({ quantity, ...shipTo }) => {
        await claimSample(supabase(), productId, shipTo, quantity);
        await reload('claims', 'membership', 'catalogue');
      })
      .then((ok) => ok && onDone());
  };
  return (
    <form class="stack inline-form" onSubmit={onSubmit} aria-label={t('claimSample')} noValidate>
      <Field id={`q-${productId}`} name="quantity" label={t('quantity')} type="number" min={1} max={10} defaultValue="1" errors={form.errors} />
      {addressFields.map((field) => (
        <Field
          key={field}
          id={`${field}-${productId}`}
          name={field}
          label={t(`ship_${field}`)}
          required={required.has(field)}
          autocomplete={field === 'phone' ? 'tel' : field === 'country' ? 'country' : undefined}
          maxLength={field === 'country' ? 2 : undefined}
          errors={form.errors}
        />
      ))}
      <FormMessage errors={form.errors} />
      <button type="submit" disabled={form.busy}>
        {t('sendClaim')}
      </button>
    </form>
  );
}

export function InquiryForm({ slug, productId, onDone }: { slug: string; productId: string | null; onDone: () => void }) {
  const { t } = useSectionText('member');
  const form = useForm(inquirySchema, ['message', 'quantity', 'target_price']);
  const idPart = productId ?? 'general';
  const onSubmit = (event: SubmitEvent) => {
    const values = formValues(event);
    void form
      .submit(
        { message: values.message ?? '', quantity: optionalNumber(values.quantity), target_price: optionalNumber(values.target_price) },
        async (input) => {
          await sendInquiry(supabase(), slug, productId, input);
          await reload('inquiries');
        },
      )
      .then((ok) => ok && onDone());
  };
  return (
    <form class="stack inline-form" onSubmit={onSubmit} aria-label={t('askAbout')} noValidate>
      <Field id={`message-${idPart}`} name="message" label={t('inquiryMessage')} multiline required maxLength={5000} errors={form.errors} />
      <Field id={`iq-${idPart}`} name="quantity" label={t('quantity')} type="number" min={1} errors={form.errors} />
      <Field id={`tp-${idPart}`} name="target_price" label={t('targetPrice')} type="number" min={0} step="0.01" errors={form.errors} />
      <FormMessage errors={form.errors} />
      <button type="submit" disabled={form.busy}>
        {t('sendInquiry')}
      </button>
    </form>
  );
}
