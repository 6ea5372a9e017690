/** The /console/segments/ island: the segments screen inside the console shell. */
import ConsoleLayout from '../../console/ConsoleLayout.tsx';
import { SegmentsScreen } from './SegmentsScreen.tsx';

export default function SegmentsPage() {
  return <ConsoleLayout>{(store) => <SegmentsScreen store={store} />}</ConsoleLayout>;
}
