/** /console/settings/: the store's settings, whether it takes new members, and its logo (owners edit, staff read), and deleting the store (owners). */
import ConsoleLayout from '../ConsoleLayout.tsx';
import { DeleteStore } from './DeleteStore.tsx';
import { JoiningPause } from './JoiningPause.tsx';
import { LogoSettings } from './LogoSettings.tsx';
import { StoreSettingsForm } from './StoreSettingsForm.tsx';
import { useConsoleText } from '../console-text.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';

function Settings({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('staff');
  return (
    <>
      <h1>{t('settingsTitle')}</h1>
      <StoreSettingsForm store={store} />
      <JoiningPause store={store} />
      <LogoSettings store={store} />
      <DeleteStore store={store} />
    </>
  );
}

export default function SettingsPage() {
  return <ConsoleLayout>{(store) => <Settings key={store.id} store={store} />}</ConsoleLayout>;
}
