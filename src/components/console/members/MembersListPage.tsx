/** The console page of MembersList: ConsoleLayout (sign-in, store from ?s=, nav) around the screen. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import '../operations.css';
import { MembersList } from './MembersList.tsx';

export default function MembersListPage() {
  return <ConsoleLayout>{(store) => <MembersList store={store} />}</ConsoleLayout>;
}
