/**
 * /console/products/: every product of the store (inactive and exclusive ones included), each
 * opening in the editor below the table, found by SKU or name, its tiers' own prices named under
 * its price; new products; deactivating (confirmed) and reactivating. Opened from Getting started's
 * steps, it leads back to them.
 */
import { useState } from 'preact/hooks';
import { consoleHref } from '../links.ts';
import { BackLink } from '../../BackLink.tsx';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { loadProducts, productMatches, signedImageUrls, type ProductRow } from '../../../lib/console/products.ts';
import { loadTiers, type TierRow } from '../../../lib/console/tiers.ts';
import { shownRank } from '../../../lib/tier-ranks.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { formatListParts, formatMoney, formatNumber, interpolateParts, isolate } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';
import ConsoleLayout from '../ConsoleLayout.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Field } from '../ui/Field.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';
import { ScreenOutcomeLine, useEditorCloser, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { ProductEditor } from './ProductEditor.tsx';

interface ProductsData {
  products: ProductRow[];
  tiers: TierRow[];
  images: Map<string, string>;
}

async function loadProductsData(storeId: string): Promise<ProductsData> {
  const [products, tiers] = await Promise.all([loadProducts(storeId), loadTiers(storeId)]);
  const images = await signedImageUrls(products.flatMap((product) => (product.image_path ? [product.image_path] : [])));
  return { products, tiers, images };
}

function Products({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('staff');
  const state = useLoad(() => loadProductsData(store.id), [store.id]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const searched = search.trim();
  const outcome = useScreenOutcome();
  // Opened from Getting started's steps (`?from=start`): the way back to the next ones.
  const [fromStart] = useState(() => new URLSearchParams(window.location.search).get('from') === 'start');

  function open(target: string | 'new') {
    if (target === 'new') again('new', () => open('new'));
    outcome.say(null);
    setEditing(target);
    requestAnimationFrame(() => document.getElementById('product-editor-title')?.focus());
  }

  const { closer, again } = useEditorCloser(editing, () => setEditing(null), outcome, state.reloadAfterWrite);

  const visibilityText = (product: ProductRow, tiers: TierRow[]) => {
    if (product.visibility === 'public') return t('visibilityPublic');
    if (product.visibility === 'members') return t('visibilityMembers');
    const tier = tiers.find((row) => row.rank === product.min_tier_rank);
    return t('visibilityTierShort', { tier: isolate(tier?.name_local ?? `#${shownRank(product.min_tier_rank)}`) });
  };

  /**
   * The tiers with a price of their own for the product (product_tier_prices), lowest first, each
   * with that price in the product's currency, kept whole; null when none has.
   */
  const ownPricesText = (product: ProductRow, tiers: TierRow[]) => {
    const named = tiers.flatMap((tier) => product.tier_prices.filter((own) => own.tier_id === tier.id).map((own) => ({ tier, price: own.price })));
    if (!named.length) return null;
    const list = formatListParts(named.map(({ tier }) => tier.name_local ?? `#${shownRank(tier.rank)}`), locale, (name, index) => (
      <span key={index}>
        {interpolateParts(t('ownPriceOf'), { tier: isolate(name), price: <span class="nowrap">{formatMoney(named[index]!.price, product.currency, locale)}</span> })}
      </span>
    ));
    return interpolateParts(t('ownPricesFor'), { tiers: list });
  };

  return (
    <>
      {fromStart && (
        <p>
          <BackLink href={consoleHref('/console/', store.slug)}>{t('navStart')}</BackLink>
        </p>
      )}
      <h1>{t('productsTitle')}</h1>
      <ScreenOutcomeLine outcome={outcome} />
      <LoadState state={state}>
        {({ products, tiers, images }) => {
          const found = searched ? products.filter((product) => productMatches(product, searched)) : products;
          return (
          <>
            {/* Inside LoadState: held with the rows while they are out of date. */}
            <div class="stack">
              <div class="actions">
                <BusyButton type="button" class="primary" onClick={() => open('new')}>
                  {t('addProduct')}
                </BusyButton>
              </div>
              {products.length > 0 && (
                <div role="search">
                  <Field id="products-search" label={t('productsSearch')} hint={t('productsSearchHint')}>
                    {(aria) => <input {...aria} type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />}
                  </Field>
                  {/* On the page from the start, so that each count is heard as the list narrows. */}
                  <p role="status" class="field-hint">
                    {searched && t(pluralKey('productsFound', found.length, locale), { count: found.length, total: products.length, search: isolate(searched) })}
                  </p>
                </div>
              )}
            </div>
            <DataTable
              caption={t('productsCaption', { count: found.length })}
              rows={found}
              rowKey={(product) => product.id}
              selectedKey={editing}
              onActivate={(product) => open(product.id)}
              empty={searched ? t('productsNoMatch', { search: isolate(searched) }) : t('productsNone')}
              columns={[
                { key: 'sku', header: t('colSku'), nowrap: true, cell: (product) => product.sku },
                {
                  key: 'name',
                  header: t('colName'),
                  primary: true,
                  // The thumbnail inside the name's cell: a column of its own, blank for products
                  // without an image, squeezed the names on a phone.
                  cell: (product) => {
                    const url = product.image_path ? images.get(product.image_path) : undefined;
                    return (
                      <>
                        {url && <img class="thumb" src={url} alt="" width={48} height={48} />}
                        <span lang={product.text_langs?.name ?? undefined}>{product.name_local}</span>
                      </>
                    );
                  },
                },
                { key: 'kind', header: t('colKind'), cell: (product) => (product.kind === 'customized' ? t('kindCustomized') : t('kindRegular')) },
                {
                  key: 'price',
                  header: t('colPrice'),
                  numeric: true,
                  cell: (product) => {
                    const own = ownPricesText(product, tiers);
                    return (
                      <>
                        {formatMoney(product.price, product.currency, locale)}
                        {own && <div class="muted">{own}</div>}
                      </>
                    );
                  },
                },
                { key: 'moq', header: t('colMoq'), numeric: true, cell: (product) => formatNumber(product.moq, locale) },
                { key: 'visibility', header: t('colVisibility'), cell: (product) => visibilityText(product, tiers) },
                { key: 'status', header: t('colStatus'), cell: (product) => (product.active ? t('statusActive') : <span class="badge">{t('statusInactive')}</span>) },
                {
                  key: 'edit',
                  header: <span class="visually-hidden">{t('colActions')}</span>,
                  cell: (product) => (
                    <BusyButton type="button" onClick={() => open(product.id)}>
                      {t('edit')}
                      <span class="visually-hidden"> {product.sku}</span>
                    </BusyButton>
                  ),
                },
              ]}
            />
            {editing !== null && (
              <ProductEditor
                key={editing}
                store={store}
                tiers={tiers}
                product={editing === 'new' ? null : (products.find((product) => product.id === editing) ?? null)}
                imageUrl={(path) => images.get(path)}
                onClose={closer(editing)}
              />
            )}
          </>
          );
        }}
      </LoadState>
    </>
  );
}

export default function ProductsPage() {
  return <ConsoleLayout>{(store) => <Products key={store.id} store={store} />}</ConsoleLayout>;
}
