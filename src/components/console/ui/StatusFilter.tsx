/**
 * A queue's status filter: a labelled select of the statuses, then "All" (value ''), calling
 * `onChange` with the chosen one. Props: `id`, `value`, `statuses`, `label(status)` naming each.
 */
import { useConsoleText } from '../console-text.ts';

export function StatusFilter<Status extends string>({
  id,
  value,
  statuses,
  label,
  onChange,
}: {
  id: string;
  value: Status | '';
  statuses: readonly Status[];
  label: (status: Status) => string;
  onChange: (status: Status | '') => void;
}) {
  const { t } = useConsoleText('operations');
  return (
    <div class="filters">
      <label for={id}>{t('filterStatus')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as Status | '')}>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {label(status)}
          </option>
        ))}
        <option value="">{t('filterAll')}</option>
      </select>
    </div>
  );
}
