/**
 * The console's orders page: the store's orders (OrdersList), the changes made to paid ones
 * (OrderChangesList), then their import from a CSV file (OrdersImport), which refreshes both lists
 * once it ran, as a Change from the orders list refreshes the changes. ConsoleLayout (sign-in,
 * store from ?s=, nav) around them.
 */
import { useState } from 'preact/hooks';
import ConsoleLayout from '../ConsoleLayout.tsx';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useOpsText } from '../ops-text.ts';
import '../operations.css';
import { OrderChangesList } from './OrderChangesList.tsx';
import { OrdersImport } from './OrdersImport.tsx';
import { OrdersList } from './OrdersList.tsx';

function Orders({ store }: { store: StaffStore }) {
  const { t } = useOpsText();
  const [imports, setImports] = useState(0);
  const [changes, setChanges] = useState(0);
  return (
    <section aria-labelledby="orders-title" class="ops-page">
      <h1 id="orders-title">{t('ordersTitle')}</h1>
      <OrdersList store={store} imports={imports} onChanged={() => setChanges((count) => count + 1)} />
      <OrderChangesList store={store} reload={imports + changes} />
      <OrdersImport store={store} onImported={() => setImports((count) => count + 1)} />
    </section>
  );
}

export default function OrdersImportPage() {
  return <ConsoleLayout>{(store) => <Orders store={store} />}</ConsoleLayout>;
}
