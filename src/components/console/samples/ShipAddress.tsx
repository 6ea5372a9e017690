/**
 * A ship-to address (a sample claim's, a reward's) as staff copy it onto a label: a line of text
 * each (the buyer typed them: never read as markup), and a button copying them as lines. A buyer
 * who left took the address with them (the country alone is kept): none is shown, the screen says why.
 */
import { postalLines } from '../../../i18n/postal.ts';
import type { ShipTo } from '../../../lib/console/samples.ts';
import { CopyButton } from '../../CopyButton.tsx';
import { useConsoleText } from '../console-text.ts';
import { useOpsText } from '../ops-text.ts';

interface Addressed {
  ship_to: ShipTo;
  member: { company_name: string; left_at: string | null } | null;
}

/** Whether there is an address to ship to: every one is given with a city; a reward redeemed before addresses has none. */
export const hasAddress = (row: { ship_to: ShipTo | null }) => Boolean(row.ship_to?.city);

export function ShipAddress({ claim }: { claim: Addressed }) {
  const { t, locale, company } = useOpsText();
  const staff = useConsoleText('staff').t;
  const lines = postalLines(claim.ship_to, locale);
  return (
    <div class="ship-address">
      <address>
        {/* A phone number whole: "+1 404 555 / 0101" broke it where the address may break anywhere. */}
        {lines.map((line, index) => <span key={index} class={line === claim.ship_to.phone ? 'nowrap' : undefined}>{line}</span>)}
      </address>
      <CopyButton text={lines.join('\n')} label={t('copyAddress')}
        detail={claim.ship_to.line1 ? t('copyAddressOf', { company: company(claim.member), street: claim.ship_to.line1 }) : company(claim.member)} copied={staff('copied')} failed={staff('copyFailed')}
        shown={{ within: '.ship-address', holder: 'address' }} />
    </div>
  );
}
