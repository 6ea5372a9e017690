/**
 * The public store page: store name, tiers side by side with rules and rights, public products.
 * Everything the merchant wrote is rendered as text through JSX, never as HTML (the rule
 * tests/unit/raw-html-sinks.test.ts enforces), and isolated where it goes into a sentence.
 */
import { useStore } from '@nanostores/preact';
import { formatMoney, isolate } from '../i18n/format.ts';
import type { Product } from '../lib/store-api.ts';
import { $storePage, loadStorePage } from '../stores/store-page.ts';
import { TierCard } from './TierCard.tsx';
import { useText } from './use-text.ts';

export default function StorePage() {
  const state = useStore($storePage);
  const { locale, t, tiersText } = useText();

  switch (state.status) {
    case 'missing-slug':
      return <p role="alert">{t('storeMissingSlug')}</p>;
    case 'loading':
      return <p aria-busy="true">{t('loading')}</p>;
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
    case 'ready': {
      const { store, tiers, products } = state.page;
      const productKind = (product: Product) => t(product.kind === 'customized' ? 'productCustomized' : 'productRegular');
      return (
        <>
          <h1>{store.name}</h1>
          <section aria-labelledby="tiers-title">
            <h2 id="tiers-title">{t('storeTiersTitle')}</h2>
            <div class="tier-grid">
              {tiers.map((tier) => (
                <TierCard
                  key={tier.id}
                  tier={tier}
                  locale={locale}
                  t={tiersText}
                  currency={store.base_currency}
                  periodDays={store.statistical_period_days}
                />
              ))}
            </div>
            <p>
              <a class="button" href={`/login/?s=${encodeURIComponent(store.slug)}`}>
                {t('joinCta', { store: isolate(store.name) })}
              </a>
            </p>
          </section>
          <section aria-labelledby="products-title">
            <h2 id="products-title">{t('storeProductsTitle')}</h2>
            {products.length === 0 ? (
              <p>{t('storeNoProducts')}</p>
            ) : (
              <ul class="product-list">
                {products.map((product) => (
                  <li key={product.id} class="product">
                    <span class="product-name" lang={product.name_lang}>
                      {product.name}
                    </span>
                    <span class="product-kind">{productKind(product)}</span>
                    <span class="product-price">{formatMoney(product.list_price, product.currency, locale)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      );
    }
  }
}
