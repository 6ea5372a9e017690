/**
 * The console's orders page: the store's orders (OrdersList), one recorded by hand (OrderRecord),
 * the changes made to paid ones (OrderChangesList), then their import from a CSV file
 * (OrdersImport); a recorded order or an import refreshes both lists, as a Change from the orders
 * list refreshes the changes. A store with no order yet has no changes to list or filter: that
 * list is left out until the orders list has read one (a new store's page is the empty list, the
 * form and the import). A change's order opens in the
 * orders list above without leaving the page (the changes list keeps its period, kind and page),
 * the address saying it (`?order=REF`, so Back and a link opened elsewhere give the same list).
 * ConsoleLayout (sign-in, store from ?s=, nav) around them.
 */
import { useEffect, useState } from 'preact/hooks';
import ConsoleLayout from '../ConsoleLayout.tsx';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useOpsText } from '../ops-text.ts';
import '../operations.css';
import { OrderChangesList } from './OrderChangesList.tsx';
import { OrderRecord } from './OrderRecord.tsx';
import { OrdersImport } from './OrdersImport.tsx';
import { OrdersList } from './OrdersList.tsx';

/** The order the address asks for (`?order=`), exactly as written; null for none. */
const addressedOrder = () => (typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('order'));

function Orders({ store }: { store: StaffStore }) {
  const { t } = useOpsText();
  const [imports, setImports] = useState(0);
  const [changes, setChanges] = useState(0);
  const [order, setOrder] = useState(addressedOrder);
  // Unknown (null) until the orders list is read: the changes list then appears or not, never both.
  const [storeEmpty, setStoreEmpty] = useState<boolean | null>(null);
  const reread = () => setImports((count) => count + 1);
  useEffect(() => {
    const followHistory = () => setOrder(addressedOrder());
    window.addEventListener('popstate', followHistory);
    return () => window.removeEventListener('popstate', followHistory);
  }, []);
  // A link followed is a step Back returns from; a filter removed only rewrites the address.
  function showOrder(ref: string | null, step: boolean) {
    const address = new URL(window.location.href);
    if (ref === null) address.searchParams.delete('order');
    else address.searchParams.set('order', ref);
    if (step) window.history.pushState(null, '', address);
    else window.history.replaceState(null, '', address);
    setOrder(ref);
  }
  return (
    <section aria-labelledby="orders-title" class="ops-page">
      <h1 id="orders-title">{t('ordersTitle')}</h1>
      <OrdersList
        store={store}
        imports={imports}
        onChanged={() => setChanges((count) => count + 1)}
        order={order}
        onOrder={(ref) => showOrder(ref, false)}
        onStoreEmpty={setStoreEmpty}
      />
      <OrderRecord store={store} onRecorded={reread} />
      {storeEmpty === false && <OrderChangesList store={store} reload={imports + changes} onOpenOrder={(ref) => showOrder(ref, true)} />}
      <OrdersImport store={store} onImported={reread} />
    </section>
  );
}

export default function OrdersImportPage() {
  return <ConsoleLayout>{(store) => <Orders store={store} />}</ConsoleLayout>;
}
