/** The console page of CouponsScreen: ConsoleLayout (sign-in, store from ?s=, nav) around the screen. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import '../operations.css';
import { CouponsScreen } from './CouponsScreen.tsx';

export default function CouponsScreenPage() {
  return <ConsoleLayout>{(store) => <CouponsScreen store={store} />}</ConsoleLayout>;
}
