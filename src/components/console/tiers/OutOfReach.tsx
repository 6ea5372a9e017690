/**
 * Says which tiers no member reaches by orders (`outOfReach`): a tier ranked above asks for no
 * more, so whoever qualifies gets that one instead. The tiers list says it of the saved tiers, the
 * editor of the set as saving the draft would leave it, before anything is saved. A warning,
 * not a note: amber, and headed with an icon and the word (so not by colour alone).
 */
import '../operations.css';
import { isolate } from '../../../i18n/format.ts';
import { outOfReach } from '../../../lib/tier-ranks.ts';
import { useConsoleText } from '../console-text.ts';

export interface NamedThresholds {
  name: string;
  rank: number;
  min_paid_orders: number;
  min_paid_amount: number;
}

export function OutOfReach({ tiers }: { tiers: readonly NamedThresholds[] }) {
  const { t } = useConsoleText('staff');
  const found = outOfReach(tiers);
  if (found.length === 0) return null;
  return (
    <div class="notice out-of-reach">
      <p class="warning-label">
        <span aria-hidden="true">⚠ </span>
        {t('tierOutOfReachLabel')}
      </p>
      <ul>
        {found.map(({ tier, instead }) => (
          <li key={tier.name}>{t('tierOutOfReach', { tier: isolate(tier.name), instead: isolate(instead.name) })}</li>
        ))}
      </ul>
    </div>
  );
}
