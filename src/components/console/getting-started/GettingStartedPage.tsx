/** /console/: sign-in, store picker or creation (ConsoleLayout), then getting started for the store. */
import ConsoleLayout from '../ConsoleLayout.tsx';
import { GettingStarted } from './GettingStarted.tsx';

export default function GettingStartedPage() {
  return <ConsoleLayout>{(store) => <GettingStarted store={store} />}</ConsoleLayout>;
}
