/**
 * The public store page: store name and a link to its news, the signed-in member's standing, the
 * join call to action (the business-card exchange, shared with the widget), tiers side by side
 * with rules, rights and how many exclusive products each unlocks (the member's own marked),
 * public products (a member's own price labelled; to a visitor, how much less members pay), and
 * the merchant's card. Title, description and Open Graph tags follow the store once it has
 * loaded (a static page can only carry generic ones for crawlers, see docs/api.md).
 * Everything the merchant wrote is rendered as text through JSX, never as HTML (the rule
 * tests/unit/raw-html-sinks.test.ts enforces), and isolated where it goes into a sentence.
 * The join card and the merchant's card load on their own, so a visitor's first paint does
 * not wait for (or download up front) supabase-js and the QR code.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney, formatNumber, formatPercent, interpolateParts, isolate } from '../i18n/format.ts';
import { pluralKey } from '../i18n/plural.ts';
import type { Product, StorePage as StorePageData } from '../lib/store-api.ts';
import { $moreProducts, $storePage, loadMoreProducts, loadStorePage } from '../stores/store-page.ts';
import { consoleHref } from './console/links.ts';
import { GiftPackContents } from './join/GiftPackContents.tsx';
import { hasPending } from './join/pending-key.ts';
import { merchantName } from './merchant-name.tsx';
import { TierCard } from './TierCard.tsx';
import { useLazyModule } from './use-lazy-module.ts';
import { useSectionText, useText } from './use-text.ts';

export default function StorePage() {
  const state = useStore($storePage);
  const { t } = useText();

  switch (state.status) {
    case 'missing-slug':
      return <p role="alert">{t('storeMissingSlug')}</p>;
    case 'loading':
      return <p role="status">{t('loading')}</p>;
    case 'not-found':
      return <p role="alert">{t('storeNotFound', { slug: isolate(state.slug) })}</p>;
    case 'failed':
      return (
        <div role="alert">
          <p>{t('storeLoadFailed')}</p>
          <button type="button" onClick={() => void loadStorePage()}>
            {t('retry')}
          </button>
        </div>
      );
    case 'ready':
      return <Ready page={state.page} />;
  }
}

/** Sets a `<meta>`'s content, creating the tag if the page has none. */
function setMeta(attribute: 'name' | 'property', key: string, content: string) {
  let tag = document.head.querySelector<HTMLMetaElement>(`meta[${attribute}="${key}"]`);
  if (!tag) {
    tag = document.createElement('meta');
    tag.setAttribute(attribute, key);
    document.head.append(tag);
  }
  tag.content = content;
}

function useStoreMeta(page: StorePageData) {
  const { t } = useSectionText('member');
  useEffect(() => {
    const title = t('storeMetaTitle', { store: page.store.name });
    const description = page.card?.introduction ?? t('storeMetaDescription', { store: page.store.name, tiers: page.tiers.length });
    document.title = title;
    setMeta('name', 'description', description);
    setMeta('property', 'og:title', title);
    setMeta('property', 'og:description', description);
    setMeta('property', 'og:url', window.location.href);
    setMeta('property', 'og:type', 'website');
  }, [page, t]);
}

function Ready({ page }: { page: StorePageData }) {
  const { locale, t, tiersText } = useText();
  const member = useSectionText('member').t;
  const { store, tiers, products, teasers, membership } = page;
  useStoreMeta(page);
  const productKind = (product: Product) => t(product.kind === 'customized' ? 'productCustomized' : 'productRegular');
  // Joined here: the exchange's welcome (the gift pack, the merchant's card) stays while the page
  // reloads as the member's around it, and holds the one merchant's card of the page.
  const [welcomed, setWelcomed] = useState(false);
  const joined = () => {
    setWelcomed(true);
    void loadStorePage();
  };
  // Signed in from the join card: the page reads the login's standing, which, a member's, takes
  // the focus from the card it replaces (the card is told whether it is replaced).
  const [signedInHere, setSignedInHere] = useState(false);
  const signedIn = async () => {
    setSignedInHere(true);
    await loadStorePage();
    const state = $storePage.get();
    return state.status === 'ready' && !!state.page.membership;
  };
  return (
    <>
      <h1 lang={store.name_lang}>{store.name}</h1>
      {/* The merchant's own words about the store, from its card (Getting started), as written: its line breaks kept. */}
      {page.card?.introduction && (
        <p class="store-introduction pre-line" lang={page.card.introduction_lang ?? undefined}>
          {page.card.introduction}
        </p>
      )}
      <p class="store-links">
        <a href={consoleHref('/posts/', store.slug)}>{member('postsLink')}</a>
      </p>
      {membership && <MemberStanding tierName={membership.tierName} tierNameLang={membership.tierNameLang} href={consoleHref('/me/', store.slug)} focus={signedInHere} />}
      {(!membership || welcomed) && <JoinCallToAction page={page} onJoined={joined} onSignedIn={signedIn} />}
      <section aria-labelledby="tiers-title">
        <h2 id="tiers-title">{t('storeTiersTitle')}</h2>
        <div class="tier-grid">
          {tiers.map((tier) => {
            const exclusive = teasers.get(tier.rank) ?? 0;
            return (
              <TierCard
                key={tier.id}
                tier={tier}
                locale={locale}
                t={tiersText}
                currency={store.base_currency}
                periodDays={store.statistical_period_days}
                joiningPaused={store.joining_paused}
                samplePeriodDays={store.sample_period_days}
                pointsPerCurrencyUnit={store.points_per_currency_unit}
                current={tier.id === membership?.tierId}
              >
                {exclusive > 0 && <p class="teaser">{member(pluralKey('storeTeaser', exclusive, locale), { count: formatNumber(exclusive, locale) })}</p>}
              </TierCard>
            );
          })}
        </div>
      </section>
      <section aria-labelledby="products-title">
        <h2 id="products-title">{t('storeProductsTitle')}</h2>
        {products.length === 0 ? (
          <p>{t('storeNoProducts')}</p>
        ) : (
          <>
            {!membership && <MembersPayLess page={page} />}
            <ul class="product-list">
              {products.map((product) => (
                <li key={product.id} class={product.image_path ? 'product with-image' : 'product'}>
                  {/* Its box is there from the first render (the path came with the row), so the photo moves nothing when it loads. */}
                  {product.image_path && (
                    <div class="product-image">{product.image_url && <img src={product.image_url} alt="" width={56} height={56} loading="lazy" />}</div>
                  )}
                  <span class="product-name" id={`product-${product.id}`} lang={product.name_lang}>
                    {product.name}
                  </span>
                  <span class="product-kind">{productKind(product)}</span>
                  {product.member_price !== null && product.member_price < product.list_price ? (
                    <span class="product-price">
                      <span class="price-label">{member('memberPrice')}</span>{' '}
                      {formatMoney(product.member_price, product.currency, locale)}{' '}
                      <s class="list-price">
                        <span class="visually-hidden">{member('listPrice')} </span>
                        {formatMoney(product.list_price, product.currency, locale)}
                      </s>
                    </span>
                  ) : (
                    <span class="product-price">{formatMoney(product.list_price, product.currency, locale)}</span>
                  )}
                  {/* A member asks for a sample of a public product, or about it, on their own page. */}
                  {membership && (
                    <a class="product-action" href={consoleHref('/me/', store.slug, { product: product.id })} aria-describedby={`product-${product.id}`}>
                      {member('productActions')}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {page.moreProducts && <MoreProducts />}
      </section>
      {!welcomed && <LazyMerchantCard page={page} />}
    </>
  );
}

/**
 * "You are a member here. Your tier: Senior. Open My membership": the sentence, its punctuation
 * and spacing as the language writes them (no space after Chinese punctuation), the tier's name
 * and the link as their own elements. The name is isolated (<bdi>): direction controls a tier
 * name saved before the engine refused them would otherwise reorder the sentence and the link.
 */
function MemberStanding({ tierName, tierNameLang, href, focus }: { tierName: string; tierNameLang: string; href: string; focus: boolean }) {
  const { t } = useSectionText('member');
  const line = useRef<HTMLParagraphElement>(null);
  // Drawn after a sign-in from the join card, which it replaces: the keyboard goes on from here.
  useEffect(() => {
    if (focus) line.current?.focus();
  }, []);
  return (
    <p class="notice notice-ok member-standing" ref={line} tabIndex={-1}>
      {interpolateParts(t('storeYouAreMember'), {
        tier: <strong key="tier" lang={tierNameLang}><bdi>{tierName}</bdi></strong>,
        link: <a key="link" href={href}>{t('storeOpenMembership')}</a>,
      })}
    </p>
  );
}

/**
 * To a visitor (or a login that is not a member), whose prices are all list prices: members pay
 * less, as much as the store's best tier discount. Every product takes its tier's discount
 * (store_catalogue), so one line above the list says it for each of them.
 */
function MembersPayLess({ page }: { page: StorePageData }) {
  const { t, locale } = useSectionText('member');
  const discounts = page.tiers.map((tier) => tier.discount_percent);
  const best = Math.max(0, ...discounts);
  if (best === 0) return null;
  const percent = formatPercent(best, locale);
  return <p class="muted">{t(Math.min(...discounts) === best ? 'storeMembersPayLess' : 'storeMembersPayUpTo', { percent })}</p>;
}

/** The next page of products, appended below the ones shown (focus stays on the button). */
function MoreProducts() {
  const { t } = useText();
  const more = useStore($moreProducts);
  return (
    <div class="more-products">
      <button type="button" aria-busy={more === 'loading'} onClick={() => void loadMoreProducts()}>
        {t(more === 'failed' ? 'retry' : 'storeMoreProducts')}
      </button>
      {more === 'failed' && (
        <p role="alert" class="error">
          {t('storeMoreFailed')}
        </p>
      )}
    </div>
  );
}

/**
 * "Join": opens the widget's business-card exchange (loaded on demand, with its sign-in for a
 * returning member), which ends on the welcome the widget shows; `onJoined` then.
 */
function JoinCallToAction({ page, onJoined, onSignedIn }: { page: StorePageData; onJoined: () => void; onSignedIn: () => Promise<boolean> }) {
  const { t } = useSectionText('member');
  const join = useSectionText('join').t;
  // Reloaded mid-exchange (a phone back from the mail app with the code), it opens where it was;
  // a store taking no new members has the join card say so (with its sign-in) in place of the offer.
  const paused = page.store.joining_paused;
  const [wanted, setWanted] = useState(() => paused || hasPending(page.store.slug));
  const store = useLazyModule(() => import('./join/StoreJoin.tsx'), wanted);
  const Join = store.module?.StoreJoin;
  const failed = store.failed;
  const open = () => (store.failed ? store.retry() : setWanted(true));
  // Open, the join card is its own titled section (the same one the widget shows).
  if (Join) {
    return (
      <div class="join-cta">
        {/* Opened with the page for a paused store, its title takes no focus: no press led there. */}
        <Join slug={page.store.slug} onJoined={onJoined} onSignedIn={onSignedIn} focusOnOpen={!paused} />
      </div>
    );
  }
  if (paused) {
    if (!failed) return null;
    // Its card not loaded: what it would have said, and the retry, never the offer to join.
    return (
      <div class="join-cta">
        <p class="notice">{interpolateParts(join('joiningPaused'), { store: merchantName('store', page.store.name, page.store.name_lang) })}</p>
        <div role="alert">
          <p>{t('loadFailed')}</p>
          <button type="button" onClick={open}>
            {t('retry')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <section class="join-cta" aria-labelledby="join-cta-title">
      <h2 id="join-cta-title">{t('storeJoinTitle')}</h2>
      <p>{t('storeJoinIntro')}</p>
      {/* What joining gives, as the join card shows it; nothing for a store without a pack, and to
          a login that had it, why none (join_store gives it once per person). */}
      {page.gift_pack && (page.gift_pack_received_before ? (
        <p class="notice">{join('giftReceivedBefore')}</p>
      ) : (
        <GiftPackContents
          points={page.gift_pack.points}
          coupons={page.gift_pack.coupons}
        />
      ))}
      <button type="button" onClick={open}>
        {t('storeJoinButton')}
      </button>
      {failed && (
        <p role="alert" class="error">
          {t('loadFailed')}
        </p>
      )}
    </section>
  );
}

/** The merchant's card, loaded after the page (it carries the vCard and QR code). */
function LazyMerchantCard({ page }: { page: StorePageData }) {
  const Card = useLazyModule(() => import('./join/MerchantCard.tsx'), page.card !== null).module?.MerchantCard;
  if (!page.card) return null;
  return <div class="merchant-card-slot">{Card && <Card storeName={page.store.name} storeNameLang={page.store.name_lang} storeSlug={page.store.slug} card={page.card} />}</div>;
}
