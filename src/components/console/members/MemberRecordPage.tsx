/** The console page of MemberPage: ConsoleLayout (sign-in, store from ?s=, nav) around the screen. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import '../operations.css';
import { MemberPage } from './MemberPage.tsx';

export default function MemberRecordPage() {
  return <ConsoleLayout>{(store) => <MemberPage store={store} />}</ConsoleLayout>;
}
