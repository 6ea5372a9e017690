/** The /console/analytics/ island: the analytics screen inside the console shell. */
import ConsoleLayout from '../../console/ConsoleLayout.tsx';
import { AnalyticsScreen } from './AnalyticsScreen.tsx';

export default function AnalyticsPage() {
  return <ConsoleLayout>{(store) => <AnalyticsScreen store={store} />}</ConsoleLayout>;
}
