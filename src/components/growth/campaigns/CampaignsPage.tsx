/** The /console/campaigns/ island: the campaigns screen inside the console shell. */
import ConsoleLayout from '../../console/ConsoleLayout.tsx';
import { CampaignsScreen } from './CampaignsScreen.tsx';

export default function CampaignsPage() {
  return <ConsoleLayout>{(store) => <CampaignsScreen store={store} />}</ConsoleLayout>;
}
