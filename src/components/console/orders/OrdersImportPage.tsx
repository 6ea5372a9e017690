/** The console page of OrdersImport: ConsoleLayout (sign-in, store from ?s=, nav) around the screen. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import '../operations.css';
import { OrdersImport } from './OrdersImport.tsx';

export default function OrdersImportPage() {
  return <ConsoleLayout>{(store) => <OrdersImport store={store} />}</ConsoleLayout>;
}
