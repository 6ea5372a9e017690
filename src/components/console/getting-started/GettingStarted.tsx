/** Getting started for a chosen store: the next steps. */
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useSectionText } from '../../use-text.ts';

export function GettingStarted({ store }: { store: StaffStore }) {
  const { t } = useSectionText('staff');
  return (
    <section aria-labelledby="start-title">
      <h1 id="start-title">{t('navStart')}</h1>
      <p>{store.name}</p>
    </section>
  );
}
