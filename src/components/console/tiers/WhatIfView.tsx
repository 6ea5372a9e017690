/**
 * A what-if's answer: members per tier now and after, how many move up and down, and who moves
 * (a page at a time). `tierName(index)` names the proposed tier at that position of the set;
 * `fromName(id)` names a member's tier today.
 */
import type { WhatIf } from '../../../lib/console/tiers.ts';
import { whatIfPageSize } from '../../../lib/console/tiers.ts';
import { formatMoney, formatNumber } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { useConsoleText } from '../console-text.ts';
import type { StaffText } from '../ui/refusals.ts';
import { DataTable } from '../ui/DataTable.tsx';

interface WhatIfViewProps {
  /** What would be saved (default: new thresholds). */
  title?: string;
  result: WhatIf;
  offset: number;
  currency: string;
  tierName: (index: number) => string;
  fromName: (tierId: string | null) => string;
  onPage: (offset: number) => void;
  busy: boolean;
}

/**
 * "Of 4 members, 0 would move up and 1 down.": each count takes its own form, as Spanish verbs
 * agree with theirs ("1 bajaría", "2 bajarían").
 */
export function whatIfSummary(result: Pick<WhatIf, 'members' | 'moved_up' | 'moved_down'>, t: StaffText, locale: Locale): string {
  const part = (key: 'whatIfMembers' | 'whatIfUp' | 'whatIfDown', count: number) => t(pluralKey(key, count, locale), { count });
  return t('whatIfSummary', { members: part('whatIfMembers', result.members), up: part('whatIfUp', result.moved_up), down: part('whatIfDown', result.moved_down) });
}

export function WhatIfView({ title, result, offset, currency, tierName, fromName, onPage, busy }: WhatIfViewProps) {
  const { t, locale } = useConsoleText('staff');
  const arrow = { up: t('directionUp'), down: t('directionDown'), across: t('directionAcross') } as const;
  return (
    <section aria-labelledby="what-if-title" class="panel what-if" tabIndex={-1} id="what-if">
      <h3 id="what-if-title">{title ?? t('whatIfTitle')}</h3>
      <p>{whatIfSummary(result, t, locale)}</p>
      <DataTable
        caption={t('whatIfPerTier')}
        rows={result.tiers}
        rowKey={(row) => String(row.index)}
        empty={t('whatIfNoTiers')}
        columns={[
          { key: 'tier', header: t('colTier'), cell: (row) => tierName(row.index) },
          { key: 'now', header: t('colMembersNow'), numeric: true, cell: (row) => formatNumber(row.members_now, locale) },
          { key: 'after', header: t('colMembersAfter'), numeric: true, cell: (row) => formatNumber(row.members, locale) },
        ]}
      />
      <DataTable
        caption={t('whatIfMoves')}
        rows={result.moves}
        rowKey={(row) => row.member_id}
        empty={t('whatIfNoMoves')}
        columns={[
          { key: 'company', header: t('colCompany'), cell: (row) => row.company_name },
          { key: 'orders', header: t('colPaidOrders'), numeric: true, cell: (row) => formatNumber(row.paid_orders, locale) },
          { key: 'amount', header: t('colPaidAmount'), numeric: true, cell: (row) => formatMoney(row.paid_amount, currency, locale) },
          { key: 'from', header: t('colFrom'), cell: (row) => fromName(row.from_tier_id) },
          { key: 'to', header: t('colTo'), cell: (row) => tierName(row.to_index) },
          { key: 'direction', header: t('colDirection'), cell: (row) => <>{arrow[row.direction]}{row.overridden && <> · {t('overridden')}</>}</> },
        ]}
      />
      {(offset > 0 || result.moves.length === whatIfPageSize) && (
        <div class="actions">
          <button type="button" disabled={busy || offset === 0} onClick={() => onPage(Math.max(0, offset - whatIfPageSize))}>
            {t('pagePrevious')}
          </button>
          <span>{t('pageRange', { from: offset + 1, to: offset + result.moves.length })}</span>
          <button type="button" disabled={busy || result.moves.length < whatIfPageSize} onClick={() => onPage(offset + whatIfPageSize)}>
            {t('pageNext')}
          </button>
        </div>
      )}
    </section>
  );
}
