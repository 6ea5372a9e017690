/** The console page of SamplesQueue: ConsoleLayout (sign-in, store from ?s=, nav) around the screen. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import '../operations.css';
import { SamplesQueue } from './SamplesQueue.tsx';

export default function SamplesQueuePage() {
  return <ConsoleLayout>{(store) => <SamplesQueue store={store} />}</ConsoleLayout>;
}
