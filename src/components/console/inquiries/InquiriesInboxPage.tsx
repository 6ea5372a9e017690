/** The console page of InquiriesInbox: ConsoleLayout (sign-in, store from ?s=, nav) around the screen. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import '../operations.css';
import { InquiriesInbox } from './InquiriesInbox.tsx';

export default function InquiriesInboxPage() {
  return <ConsoleLayout>{(store) => <InquiriesInbox store={store} />}</ConsoleLayout>;
}
