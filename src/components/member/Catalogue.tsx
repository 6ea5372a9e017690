/**
 * The products the member's tier unlocks, with images, their own price after the tier's
 * discount, the prepayment ratio for the product's kind and the MOQ; from a product a member
 * requests a free sample (a shipping address, then a review to confirm) or sends an inquiry.
 * One line above the products says how much of the sample quota is left (the quota is the
 * company's, the same for every product), and when it is used up, why no request is offered.
 * In the widget the products of the merchant's page (its product placements) come first, with
 * the same card: the page's products are mostly public ones, which the exclusive list leaves out.
 * On /me/, "Find a product" finds any product the member may see by name or SKU, with that card.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { currencySymbol, formatDate, formatMoney, formatNumber, formatPercent, isolate, sentenceGap } from '../../i18n/format.ts';
import { postalLines } from '../../i18n/postal.ts';
import { pluralKey } from '../../i18n/plural.ts';
import {
  claimSample,
  fetchCatalogue,
  fetchSampleClaims,
  inquirySchema,
  MemberApiError,
  productSearchSchema,
  sendInquiry,
  shipToSchema,
  type CatalogueProduct,
  type Membership,
  type SampleClaim,
} from '../../lib/member-api.ts';
import { supabaseClient } from '../../stores/session.ts';
import * as z from 'zod/mini';
import { BusyButton } from '../BusyButton.tsx';
import { dated } from '../date-text.tsx';
import { focusIfLost, focusOpened, keepInView } from '../form-focus.ts';
import { useRequestKeys } from '../request-key.ts';
import { useSectionText } from '../use-text.ts';
import { escapeCancels, Field, FormButtons, FormMessage, formValues, optionalTypedNumber, useForm, useOpener } from './forms.tsx';
import { addressFields, ShipToFields } from './ShipToFields.tsx';
import { Section } from './Section.tsx';
import { useStoreTiers, useSummary, type MemberSectionProps } from './Summary.tsx';
import { refusalMessage } from './refusals.ts';
import { hasRoom, nextSampleFreesAt, offersSamples, quotaRefusal } from './sample-quota.ts';
import { fewRows, reload, useMemberResource, useMembership, usePagedResource } from './use-member.ts';
import { revalidate, sampleClaimed, type Resource } from '../../stores/member.ts';

/** The quota as the claim controls show it; null until the summary is in. */
interface QuotaView {
  samples: Membership['samples'];
  freesAt: string | null;
  /** The company's claims, newest first (empty until read): each product card names its open one. */
  claims: SampleClaim[];
  /** Some tier of the store gives free samples: a tier without them is then the member's tier's lack, not the store's. */
  storeOffersSamples: boolean;
}

/**
 * The quota as drawn (`shown`), and as its reads hold it `now`: right after a reload, `shown` is
 * the answer before it until the section draws again (a timer later), and a request judged by it
 * opened a review offering Confirm for a quota already used.
 */
function useQuota(slug: string): { shown: QuotaView | null; now: () => QuotaView | null } {
  const { locale } = useSectionText('member');
  const membership = useMembership(slug);
  const memberId = membership.state.status === 'ready' ? (membership.state.data?.member.id ?? null) : null;
  // The same request as the Samples section's list (one atom), read only to date a used-up quota.
  const claims = useMemberResource('claims', slug, memberId, ({ token, part }) => fetchSampleClaims(token, part, locale));
  const tiers = useStoreTiers(slug);
  return {
    shown: quotaView(membership.state, claims.state, tiers.state),
    now: () => quotaView(membership.current(), claims.current(), tiers.current()),
  };
}

function quotaView(
  membership: Resource<Membership | null>,
  claims: Resource<SampleClaim[]>,
  tiers: ReturnType<typeof useStoreTiers>['state'],
): QuotaView | null {
  const data = membership.status === 'ready' ? membership.data : null;
  // Read only to say whose lack a tier without samples is; a failed read says it is the tier's.
  if (!data || (data.samples.quota === 0 && tiers.status === 'loading')) return null;
  const rows = claims.status === 'ready' ? claims.data : [];
  const storeOffersSamples = tiers.status !== 'ready' || offersSamples(tiers.data.tiers);
  return { samples: data.samples, freesAt: nextSampleFreesAt(data.samples, rows, data.store.sample_period_days), claims: rows, storeOffersSamples };
}

/** `compact`: in the widget frame, the first few products (fewRows). */
export function Catalogue({ slug, compact = false }: MemberSectionProps & { compact?: boolean }) {
  const { t } = useSectionText('member');
  const catalogue = usePagedResource('catalogue', slug, 'exclusive', 12, ({ token, locale, limit }) =>
    fetchCatalogue(token, slug, locale, { exclusiveOnly: true, limit }), compact ? fewRows : undefined);
  return (
    <Section
      id="catalogue"
      title={t('catalogueTitle')}
      state={catalogue.state}
      retry={catalogue.retry}
      isEmpty={(products) => products.length === 0}
      empty={t('catalogueEmpty')}
      more={catalogue.more && { ...catalogue.more, label: t('catalogueMore') }}
    >
      {(products) => <ProductList products={products} slug={slug} />}
    </Section>
  );
}

/**
 * The products named by SKU (the page's product placements) as the member's tier sees them:
 * one request, read by the frame's section below and by the terms it sends the placements.
 * Keyed by `tierId`, the summary's tier: an answer is then one asked for once the summary named
 * that tier, never one read beside the summary that found it changed and taken for the old tier's
 * (a new tier is a new request, asked once the summary says so). Nothing is asked for without
 * SKUs or a tier (the state stays loading).
 */
export function useProductsBySku(slug: string, skus: readonly string[], tierId: string | null) {
  return useMemberResource('catalogue', slug, skus.length > 0 && tierId ? `sku:${tierId}:${skus.join('\n')}` : null, ({ token, locale }) =>
    fetchCatalogue(token, slug, locale, { skus }),
  );
}

/**
 * Focuses the heading of the page's product with `sku` in "On this page", if shown, and keeps its
 * whole card in view from its top (keepInView): the focus alone may leave the heading at the
 * panel's bottom edge while the frame's height settles. False when it is not shown (nor while the
 * frame holds "On this page" back for the summary above it: _embed.css).
 */
export function focusPageProduct(sku: string): boolean {
  const heading = document.querySelector<HTMLElement>(`#page-products [data-sku="${CSS.escape(sku)}"] h3`);
  if (!heading?.checkVisibility()) return false;
  keepInView(heading.closest('li')!, heading, 'start');
  return true;
}

interface PageProductsProps extends MemberSectionProps {
  skus: readonly string[];
  /** The product a placement's button asked for (`asked` counts the requests): focused once shown. */
  focus: { sku: string; asked: number } | null;
}

/** The widget's "On this page": the page's products, with the member's terms and the sample and inquiry actions. */
export function PageProducts({ slug, skus, focus }: PageProductsProps) {
  const { t } = useSectionText('member');
  const membership = useMembership(slug).state;
  const products = useProductsBySku(slug, skus, membership.status === 'ready' ? (membership.data?.tier.id ?? null) : null);
  // Placements that come and go (a shop's endless list) ask anew: the cards shown stay meanwhile,
  // with any form open in them.
  const shown = useRef<CatalogueProduct[] | null>(null);
  if (products.state.status === 'ready') shown.current = products.state.data;
  const state = products.state.status === 'loading' && shown.current ? { status: 'ready' as const, data: shown.current } : products.state;
  const rows = state.status === 'ready' ? state.data : null;
  // Shown once the summary above is whole on its first read (_embed.css holds what follows a section
  // on its first read; focusPageProduct finds it hidden until then): asked again as it ends.
  const above = useSummary(slug).busy;
  // The view took focus to its heading while the products loaded; the product the buyer came for
  // takes it once per request, when shown (the frame focuses it itself when it was shown already),
  // never again when the list reloads under a buyer busy elsewhere.
  const focused = useRef<number | null>(null);
  useEffect(() => {
    if (!rows || !focus || focused.current === focus.asked || !document.hasFocus()) return;
    if (focusPageProduct(focus.sku)) focused.current = focus.asked;
  }, [rows, above, focus?.sku, focus?.asked]);
  return (
    <Section
      id="page-products"
      title={t('pageProductsTitle')}
      state={state}
      retry={products.retry}
      isEmpty={(rows) => rows.length === 0}
      empty={t('pageProductsEmpty')}
    >
      {(rows) => <ProductList products={rows} slug={slug} />}
    </Section>
  );
}

/**
 * /me/'s "Chosen product": the one a member picked on the store page (`?product=<id>`), with the
 * same card and actions, focused once shown: the store page lists the public products, which the
 * exclusive catalogue leaves out.
 */
export function ChosenProduct({ slug, productId }: MemberSectionProps & { productId: string }) {
  const { t } = useSectionText('member');
  const products = useMemberResource('catalogue', slug, `id:${productId}`, ({ token, locale }) => fetchCatalogue(token, slug, locale, { ids: [productId] }));
  const ready = products.state.status === 'ready';
  useEffect(() => {
    if (ready) document.querySelector<HTMLElement>('#chosen-product h3')?.focus();
  }, [ready]);
  return (
    <Section
      id="chosen-product"
      title={t('chosenProductTitle')}
      state={products.state}
      retry={products.retry}
      isEmpty={(rows) => rows.length === 0}
      empty={t('chosenProductEmpty')}
    >
      {(rows) => <ProductList products={rows} slug={slug} />}
    </Section>
  );
}

/**
 * /me/'s "Find a product": any product the member may see (the public ones, which the exclusive
 * catalogue leaves out, and those their tier unlocks) by SKU or part of its name, a page at a time,
 * with the same card and actions. The keyboard stays in the search; the line below it says how
 * many were found (a live region).
 */
export function ProductSearch({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const uid = useId();
  const form = useForm(productSearchSchema, ['search']);
  const [search, setSearch] = useState<string | null>(null);
  const found = usePagedResource('catalogue', slug, search === null ? null : `search:${search}`, 12, ({ token, locale, limit }) =>
    fetchCatalogue(token, slug, locale, { search: search ?? '', limit }),
  );
  const state = search === null ? { status: 'ready' as const, data: [] } : found.state;
  const onSubmit = (event: SubmitEvent) => {
    void form.submit(formValues(event), async (values) => setSearch(values.search));
  };
  // Said once the answer is in (the section says it is loading meanwhile, and a failure with a retry).
  const rows = search === null || state.status !== 'ready' ? null : state.data;
  const count = formatNumber(rows?.length ?? 0, locale);
  const quoted = isolate(search ?? '');
  const outcome = !rows
    ? ''
    : rows.length === 0
      ? t('findNone', { search: quoted })
      : found.more
        ? t('findFirst', { count, search: quoted })
        : t(pluralKey('findCount', rows.length, locale), { count, search: quoted });
  return (
    <Section
      id="find-product"
      title={t('findTitle')}
      state={state}
      retry={found.retry}
      more={found.more && { ...found.more, label: t('catalogueMore') }}
      intro={
        <>
          <form class="stack inline-form" role="search" aria-label={t('findTitle')} onSubmit={onSubmit} noValidate>
            <Field id={`${uid}-search`} name="search" label={t('findLabel')} hint={t('findHint')} type="search" maxLength={100} autocomplete="off" errors={form.errors} />
            {/* Never held while a search loads: the member may send another meanwhile. */}
            <button type="submit">{t('findButton')}</button>
          </form>
          <p role="status" data-testid="find-outcome">
            {outcome}
          </p>
        </>
      }
    >
      {(rows) => rows.length > 0 && <ProductList products={rows} slug={slug} />}
    </Section>
  );
}

/** The quota line and the product cards below it. */
function ProductList({ products, slug }: { products: CatalogueProduct[]; slug: string }) {
  const quota = useQuota(slug).shown;
  // Two lists can share a view (the page's products above the exclusive ones), and a product both.
  const quotaLineId = useId();
  // How many of the cards say why the quota refuses a request (their request's refusal).
  const [refusing, setRefusing] = useState(0);
  const onRefusal = (shown: boolean) => setRefusing((count) => count + (shown ? 1 : -1));
  return (
    <>
      {quota && <QuotaLine id={quotaLineId} quota={quota} saidInCard={refusing > 0} />}
      <ul class="card-list">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} slug={slug} quota={quota} quotaLineId={quotaLineId} onRefusal={onRefusal} />
        ))}
      </ul>
    </>
  );
}

/**
 * What the company's free samples allow now: how many are left, unlimited, none with the tier or
 * the store, or used up until when. Said once for the list, as information (no warning: nothing
 * is wrong), and not again on each card whose request button it explains. While a card says why
 * its request is refused (`saidInCard`), where the buyer is, the line says only the count: the
 * same sentence stood twice, one under the other, above a list's first card.
 */
function QuotaLine({ id, quota, saidInCard }: { id: string; quota: QuotaView; saidInCard: boolean }) {
  const { t, locale } = useSectionText('member');
  const { samples, freesAt } = quota;
  const refusal = saidInCard ? null : quotaRefusal(samples, freesAt, t, locale, quota.storeOffersSamples);
  return (
    <p id={id} class={refusal ? undefined : 'muted'} data-testid="sample-quota">
      {refusal ??
        (samples.quota === null
          ? t('samplesUnlimitedHint')
          : t(pluralKey('catalogueSamplesLeft', samples.left ?? 0, locale), { left: formatNumber(samples.left ?? 0, locale), quota: formatNumber(samples.quota, locale) }))}
    </p>
  );
}

interface ProductCardProps {
  product: CatalogueProduct;
  slug: string;
  quota: QuotaView | null;
  /** The quota line's id, which each sample request button names as its description. */
  quotaLineId: string;
  /** Told when the card's request starts (true) and stops (false) saying why the quota refuses it. */
  onRefusal: (shown: boolean) => void;
}

function ProductCard({ product, slug, quota, quotaLineId, onRefusal }: ProductCardProps) {
  const { t, locale } = useSectionText('member');
  const [open, setOpen] = useState<'sample' | 'inquiry' | null>(null);
  const [done, setDone] = useState<'sample' | 'inquiry' | null>(null);
  // While the sample request's review is open, its product's buttons are not offered: pressed,
  // they closed the request (or swapped it for the inquiry) and the review was lost.
  const [reviewing, setReviewing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useOpener();
  const toggle = (what: 'sample' | 'inquiry', event: MouseEvent) => {
    opener.opened(event);
    setOpen(open === what ? null : what);
  };
  const cancel = () => {
    opener.closed();
    setOpen(null);
  };
  // The product's sample request still under way, as the data says: cancelled from Samples, it is gone from here too.
  const claim = quota?.claims.find((row) => row.product_id === product.id && (row.status === 'requested' || row.status === 'approved' || row.status === 'shipped'));
  const message = done === 'inquiry' ? t('inquirySent') : done === 'sample' && claim ? t('sampleClaimed') : null;
  // The focus goes back to the heading (finish), which on a phone leaves the line below it out of the panel's sight:
  // brought into view once it speaks, the focus staying where it is.
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) status.current?.scrollIntoView({ block: 'nearest' });
  }, [message]);
  // The form the keyboard was in is gone once sent: it goes to the product, whose live line below says what happened.
  const finish = (what: 'sample' | 'inquiry') => {
    setOpen(null);
    setDone(what);
    heading.current?.focus();
  };
  // Whether a request fits the quota: the summary's, read anew by every claim, reopening and
  // opened request; the catalogue's own flag only until the summary is in (it was read once, and
  // went on offering requests a colleague's had used the quota up for).
  const offered = quota ? hasRoom(quota.samples) : product.sample_eligible;
  // Past the quota the request button goes: the card says why where it was (a buyer sent here from the page's placement lands past the line above the list).
  const usedUp = !offered && quota?.samples.quota ? quota.samples.quota : null;
  const uid = useId();
  const headingId = `${uid}-product`;
  const price = product.member_price ?? product.list_price;
  // Each card's buttons say which product they act on to a screen reader listing a page's buttons
  // (a list of "Request a free sample" ×12 tells nothing); the visible text starts the name.
  const productOfButton = (
    <span class="visually-hidden" lang={product.name_lang}>
      {sentenceGap(locale)}
      {product.name}
    </span>
  );
  return (
    <li class={product.image_url ? 'product-card with-image' : 'product-card'} aria-labelledby={headingId} data-sku={product.sku ?? undefined}>
      {product.image_url && (
        <div class="product-image">
          <img src={product.image_url} alt="" width={96} height={96} loading="lazy" />
        </div>
      )}
      <div class="product-body">
        <h3 id={headingId} ref={heading} tabIndex={-1} lang={product.name_lang}>
          {product.name}
        </h3>
        {/* The name is in the reader's language; the SKU is the one the merchant's page shows, the same product whatever the words. */}
        {product.sku && (
          <p class="muted product-sku" data-testid="product-sku">
            {t('productSku', { sku: isolate(product.sku) })}
          </p>
        )}
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
                {t('prepayValue', {
                  percent: formatPercent(product.prepay_percent, locale),
                  kind: t(product.kind === 'customized' ? 'kindCustomized' : 'kindRegular'),
                })}
              </dd>
            </div>
          )}
          {product.moq !== null && (
            <div>
              <dt>{t('moq')}</dt>
              <dd>{t(pluralKey('moqValue', product.moq, locale), { count: formatNumber(product.moq, locale) })}</dd>
            </div>
          )}
        </dl>
        {/* Present before it has anything to say: a live region inserted with its text is not read by every screen reader. */}
        <div role="status" ref={status}>{message && <p class="success">{message}</p>}</div>
        {/* Beside an inquiry's "sent" too: only a request just made says the same thing in its own words. */}
        {claim && done !== 'sample' && (
          <p class="muted" data-testid="open-sample-claim">
            {/* The status inside a sentence, lower-case after its colon (Spanish: "…: solicitada."). */}
            {dated(t('sampleOpen', { status: t(`claim_${claim.status}`).toLocaleLowerCase(locale) }), formatDate(claim.created_at, locale))}
          </p>
        )}
        {!reviewing && (
          <div class="actions">
            {offered && (
              <button
                type="button"
                id={`${uid}-sample`}
                aria-expanded={open === 'sample'}
                aria-describedby={quota ? quotaLineId : undefined}
                onClick={(event) => toggle('sample', event)}
              >
                {t('claimSample')}
                {productOfButton}
              </button>
            )}
            {/* Without a sample request, its question says why, from the line above the list: a buyer
                sent to this card from the page's placement lands past that line. */}
            <button
              type="button"
              id={`${uid}-inquiry`}
              class="secondary"
              aria-expanded={open === 'inquiry'}
              aria-describedby={quota && !offered ? quotaLineId : undefined}
              onClick={(event) => toggle('inquiry', event)}
            >
              {t('askAbout')}
              {productOfButton}
            </button>
          </div>
        )}
        {usedUp !== null && !open && (
          <p class="muted" data-testid="card-quota">
            {t(pluralKey('catalogueSamplesLeft', 0, locale), { left: formatNumber(0, locale), quota: formatNumber(usedUp, locale) })}
          </p>
        )}
        {open === 'sample' && (
          <SampleClaim
            slug={slug}
            product={product}
            byKeyboard={opener.byKeyboard()}
            onReview={setReviewing}
            onRefusal={onRefusal}
            onDone={() => finish('sample')}
            // The request button is gone with the quota: the keyboard stays on this product.
            onClose={() => { setOpen(null); heading.current?.focus(); }}
            onCancel={cancel}
          />
        )}
        {open === 'inquiry' && (
          <InquiryForm slug={slug} productId={product.id} currency={product.currency} byKeyboard={opener.byKeyboard()} onDone={() => finish('inquiry')} onCancel={cancel} />
        )}
      </div>
    </li>
  );
}

const sampleFormSchema = z.extend(shipToSchema, { quantity: z.int().check(z.minimum(1), z.maximum(10)) });

/**
 * A sample claim in two steps, so one click (or a click tricked through an overlay on a page
 * showing the widget) never claims: the ship-to form, checked with zod, then a review naming the
 * product, the address and what it uses of the quota, where only Confirm calls `claim_sample`.
 * The form stays mounted (hidden) during the review, so Back finds every value as it was. The
 * quota is read anew as the form opens and as it is sent: used up (a colleague's requests), the
 * form gives way to why, before any address is typed for nothing or any review offers Confirm.
 * When Confirm is refused for it (a colleague's request came first), the review says only that,
 * under its heading. Either way the refusal is said once, whole, and takes the focus (no alert
 * besides: a focused alert is read twice), and Back closes the request (`onClose`): there is
 * nothing left to send.
 */
function SampleClaim(props: {
  slug: string;
  product: CatalogueProduct;
  /** Opened by a key (focusOpened). */
  byKeyboard: boolean;
  /** Told when the review opens (true) and closes (false). */
  onReview: (open: boolean) => void;
  /** Told when the refusal is said (true) and when it goes, with the request (false). */
  onRefusal: (shown: boolean) => void;
  onDone: () => void;
  onClose: () => void;
  /** The form's Cancel: closed before anything is asked, the keyboard back on the button that opened it. */
  onCancel: () => void;
}) {
  const { slug, product, byKeyboard, onReview, onRefusal, onDone, onClose, onCancel } = props;
  const { t, locale } = useSectionText('member');
  const quota = useQuota(slug).now;
  // A product can be on the page twice (the page's products and the exclusive ones): ids per form.
  const uid = useId();
  const productId = product.id;
  const fields: readonly string[] = [...addressFields, 'quantity'];
  const form = useForm(sampleFormSchema, fields);
  const keys = useRequestKeys();
  // What the review shows; `left`, what the request uses, as the quota was read when it opened: a
  // refusal afterwards (the quota reloads) must not rewrite what the member confirmed.
  const [review, setReview] = useState<(z.output<typeof sampleFormSchema> & { left: string | null }) | null>(null);
  // The product's buttons above go in the same render as the review comes (onReview): told from an
  // effect, they went after its heading had taken the focus, and moved it up out of sight.
  const showReview = (shown: typeof review) => {
    setReview(shown);
    onReview(shown !== null);
  };
  // Why the quota refuses the request, as read once every read of the quota settled: drawn from a
  // summary newer than its claims, it lost its date while spoken, and was said again with it.
  const [refusal, setRefusal] = useState<ComponentChildren | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const reviewGroup = useRef<HTMLDivElement>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const refusalLine = useRef<HTMLParagraphElement>(null);
  /** The refusal the quota read just now gives, if any. */
  const refused = () => {
    const now = quota();
    return now && quotaRefusal(now.samples, now.freesAt, t, locale, now.storeOffersSamples);
  };

  // Focus follows the step: the form as it opens (focusOpened), the review's heading when it
  // opens, the form's first field on Back (or the field the server refused), the refusal once said.
  // The review comes where the long form began, above the screen or at its top edge when the form
  // was sent from its foot: it is brought into view, whole, and kept there while sections above draw.
  const [focusField, setFocusField] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (review && reviewGroup.current && reviewHeading.current) keepInView(reviewGroup.current, reviewHeading.current, 'nearest');
  }, [review !== null]);
  useEffect(() => {
    focusOpened(formRef.current, byKeyboard);
    // Unasked, as a reopening's, unless just read: a failed read leaves the form as it is, and Send reads it again.
    void revalidate(5_000, 'membership:', 'claims:').then(() => {
      const why = refused();
      if (why) setRefusal(why);
    });
    return () => onReview(false);
  }, []);
  // The form or Confirm the keyboard was on gives way to the refusal, which takes it.
  useEffect(() => {
    if (refusal) focusIfLost(() => refusalLine.current, formRef.current);
  }, [refusal]);
  const saying = refusal !== null;
  useEffect(() => {
    if (!saying) return;
    onRefusal(true);
    return () => onRefusal(false);
  }, [saying]);
  useEffect(() => {
    if (review || !focusField) return;
    formRef.current?.querySelector<HTMLElement>(`[name="${focusField}"]`)?.focus();
    setFocusField(null);
  }, [review, focusField]);

  const onSubmit = (event: SubmitEvent) => {
    const values = formValues(event);
    // Checked here so the review shows only what claim_sample will accept from the form.
    // The quota is read anew first: a colleague's requests since the page loaded made "uses 1 of the 3 you have left" wrong.
    void form.submit({ ...values, quantity: optionalTypedNumber(values.quantity, locale) ?? 1 }, async (checked) => {
      await reload('membership', 'claims');
      const why = refused();
      if (why) setRefusal(why);
      else showReview({ ...checked, left: usesLine() });
    });
  };
  const back = (field = 'quantity') => {
    if (refusal) return onClose();
    showReview(null);
    setFocusField(field);
  };
  const confirm = () => {
    if (!review) return;
    void form
      .submit(review, async ({ quantity, ...shipTo }) => {
        try {
          await claimSample(await supabaseClient(), productId, shipTo, quantity, keys.for({ productId, quantity, shipTo }));
          keys.done();
        } catch (error) {
          const field = error instanceof MemberApiError ? error.field?.split('.').at(-1) : undefined;
          // Refused for the quota: read anew first, so the review can say until when.
          if (field === 'quota') {
            await reload('membership', 'claims');
            setRefusal(refused() ?? refusalMessage(error, t, locale));
          }
          // A refused address field is shown next to it, back in the form.
          else if (field && fields.includes(field)) back(field);
          throw error;
        }
        await reload('claims', 'membership');
        // Told here only: a count grown by colleagues' requests, found by a read, is no claim of this page's.
        sampleClaimed.set(sampleClaimed.get() + 1);
      })
      .then((ok) => ok && onDone());
  };

  function usesLine(): string | null {
    const now = quota();
    if (!now) return null;
    if (now.samples.quota === null) return t('reviewUnlimited');
    const left = now.samples.left ?? 0;
    return left === 1 ? t('reviewUsesLast') : t('reviewUses', { left: formatNumber(left, locale) });
  }

  const quotaRefused = review !== null && refusal !== null;
  // The refusal, focused by script: no alert (focused, it was read twice).
  const refusalText = (
    <p class="error" ref={refusalLine} tabIndex={-1} data-testid="quota-refused">
      {refusal}
    </p>
  );
  return (
    <>
      {/* A plain wrapper takes `hidden`: the form's own classes set its display. */}
      <div hidden={review !== null || refusal !== null}>
        <form ref={formRef} class="stack inline-form" onSubmit={onSubmit} onKeyDown={escapeCancels(onCancel, form.busy)} aria-label={t('claimSample')} noValidate>
          <Field id={`${uid}-quantity`} name="quantity" label={t('quantity')} inputMode="numeric" defaultValue="1" errors={form.errors} />
          <ShipToFields slug={slug} uid={uid} errors={form.errors} />
          <FormMessage errors={form.errors} />
          <FormButtons label={t('sendClaim')} busy={form.busy} onCancel={onCancel} />
        </form>
      </div>
      {refusal !== null && !review && (
        <div class="confirm stack">
          {refusalText}
          <div class="actions">
            <button type="button" class="secondary" onClick={onClose}>
              {t('back')}
            </button>
          </div>
        </div>
      )}
      {review && (
        <div ref={reviewGroup} class="confirm stack" role="group" aria-labelledby={`${uid}-review`}>
          <h4 id={`${uid}-review`} ref={reviewHeading} tabIndex={-1}>
            {t('reviewTitle')}
          </h4>
          {/* Refused, the request can no longer be sent: no question is put that the buyer cannot
              answer, and the refusal comes first, in sight (the address below can run past the
              panel's bottom on a phone). One message instead of what the request would have used:
              the quota as it is now. */}
          {quotaRefused ? (
            refusalText
          ) : (
            <p>{t('reviewQuestion')}</p>
          )}
          {/* One line each: in a sentence, commas in a product's name ("Body Wave, 20\"") ran into the address's. */}
          <dl class="facts card-lines">
            <div>
              <dt>{t('reviewProduct')}</dt>
              <dd lang={product.name_lang}>{product.name}</dd>
            </div>
            <div>
              <dt>{t('quantity')}</dt>
              <dd>{formatNumber(review.quantity, locale)}</dd>
            </div>
            <div>
              <dt>{t('reviewShipTo')}</dt>
              <dd class="pre-line">{postalLines(review, locale).join('\n')}</dd>
            </div>
          </dl>
          {!quotaRefused && (
            <>
              {review.left && <p>{review.left}</p>}
              <FormMessage errors={form.errors} />
            </>
          )}
          <div class="actions">
            {/* Once the quota has no room (a refusal reloads it), there is nothing to confirm. */}
            {!quotaRefused && (
              <BusyButton type="button" busy={form.busy} onClick={confirm}>
                {t('confirmClaim')}
              </BusyButton>
            )}
            <BusyButton type="button" class="secondary" busy={form.busy} onClick={() => back()}>
              {t('back')}
            </BusyButton>
          </div>
        </div>
      )}
    </>
  );
}

/**
 * An inquiry about a product, or a general one (`productId` null); `currency`: the one send_inquiry
 * records its target price in (the product's, else the store's); `byKeyboard`: its button was
 * pressed from the keyboard (focusOpened); `onCancel`: its Cancel, closing it (useOpener).
 */
export function InquiryForm({ slug, productId, currency, byKeyboard, onDone, onCancel }: {
  slug: string;
  productId: string | null;
  currency: string;
  byKeyboard: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useSectionText('member');
  const uid = useId();
  const form = useForm(inquirySchema, ['message', 'quantity', 'target_price']);
  // Opened by its button, the message box takes the focus, or the form itself after a tap on a touch
  // screen (focusOpened); the button stays behind it.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => focusOpened(formRef.current, byKeyboard), []);
  const onSubmit = (event: SubmitEvent) => {
    const values = formValues(event);
    void form
      .submit(
        { message: values.message ?? '', quantity: optionalTypedNumber(values.quantity, locale), target_price: optionalTypedNumber(values.target_price, locale) },
        async (input) => {
          await sendInquiry(await supabaseClient(), slug, productId, input);
          await reload('inquiries');
        },
      )
      .then((ok) => ok && onDone());
  };
  return (
    <form ref={formRef} class="stack inline-form" onSubmit={onSubmit} onKeyDown={escapeCancels(onCancel, form.busy)} aria-label={t(productId ? 'askAbout' : 'newInquiry')} noValidate>
      <Field id={`${uid}-message`} name="message" label={t('inquiryMessage')} multiline required maxLength={4000} errors={form.errors} />
      <Field id={`${uid}-quantity`} name="quantity" label={t('quantityOptional')} inputMode="numeric" errors={form.errors} />
      <Field id={`${uid}-target-price`} name="target_price" label={t('targetPrice', { currency: currencySymbol(currency, locale) })} inputMode="decimal" errors={form.errors} />
      <FormMessage errors={form.errors} />
      <FormButtons label={t('sendInquiry')} busy={form.busy} onCancel={onCancel} />
    </form>
  );
}
