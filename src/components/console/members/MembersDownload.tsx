/**
 * "Download the list (CSV)": every member the list's filters find, not only the page shown, with
 * the figures a finance lead reconciles (the period's paid orders and amount, points and rebate
 * balances), read a page of 500 at a time with the count said as it goes. The member id comes
 * first: it is what the orders import takes to find a company.
 */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { formatNumber, parenthetical, regionName } from '../../../i18n/format.ts';
import { BusyButton } from '../../BusyButton.tsx';
import { pluralKey } from '../../../i18n/plural.ts';
import { csvAmount, csvDay, downloadText, tableCsv } from '../../../lib/growth/download.ts';
import { listAllMembers, type filterSchema } from '../../../lib/console/members.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useOpsText } from '../ops-text.ts';
import { apiMessage } from '../ui/form-errors.ts';

export function MembersDownload({ store, filters }: { store: StaffStore; filters: z.output<typeof filterSchema> }) {
  const { t, locale, company } = useOpsText();
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  async function download() {
    setDone(null);
    setFailed(null);
    setProgress({ read: 0, total: 0 });
    const rows = await listAllMembers(store.id, filters, (read, total) => setProgress({ read, total }));
    setProgress(null);
    if (!rows.ok) return setFailed(apiMessage(rows.error));
    const days = { days: store.statistical_period_days };
    const period = (key: 'colOrdersInPeriod' | 'colAmountInPeriod') => t(pluralKey(key, store.statistical_period_days, locale, true), days);
    const header = [
      t('colMemberId'), t('colCompany'), t('colCountry'), t('colTier'), t('colStage'), t('colChurn'), t('colLastOrder'),
      period('colOrdersInPeriod'), period('colAmountInPeriod') + parenthetical(store.base_currency, locale), t('colPoints'),
      t('colRebate') + parenthetical(store.base_currency, locale), t('colLeftOn'),
    ];
    const cells = rows.data.map((row) => [
      row.member_id, company(row), row.country ? regionName(row.country, locale) : null, row.tier_name,
      row.left_at ? null : t(`stage_${row.stage}`), row.left_at ? null : t(row.churn_risk ? 'churnYes' : 'churnNo'), csvDay(row.last_order_at),
      row.paid_orders_in_period, csvAmount(row.paid_amount_in_period, store.base_currency), row.points_balance,
      csvAmount(row.rebate_balance, store.base_currency), csvDay(row.left_at),
    ]);
    const file = `${store.slug}-members-${new Date().toLocaleDateString('sv-SE')}.csv`;
    downloadText(file, tableCsv(header, cells, locale));
    setDone(t(pluralKey('membersDownloaded', rows.data.length, locale), { count: formatNumber(rows.data.length, locale), file }));
  }

  return (
    <div class="actions">
      <BusyButton type="button" busy={progress !== null} onClick={() => void download()}>
        {t('membersDownload')}
      </BusyButton>
      <p role="status" class="muted">
        {progress ? t('membersReading', { read: formatNumber(progress.read, locale), total: progress.total ? formatNumber(progress.total, locale) : '…' }) : done}
      </p>
      {failed && (
        <p role="alert" class="error">
          {failed}
        </p>
      )}
    </div>
  );
}
