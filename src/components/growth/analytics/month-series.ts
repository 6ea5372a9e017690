/**
 * Amounts by calendar month (`YYYY-MM-01`, as the analytics RPCs return them) laid out as a
 * chart's categories: every month from the first to the last, a month without rows at 0, so
 * that bars evenly spaced on the axis are also a month apart (Mar 2027 then Jul 2027 side by
 * side read as consecutive).
 */
export function everyMonth(rows: readonly { month: string; amount: number }[]): { month: string; amount: number }[] {
  if (rows.length === 0) return [];
  const byMonth = new Map<string, number>();
  for (const row of rows) byMonth.set(row.month.slice(0, 7), (byMonth.get(row.month.slice(0, 7)) ?? 0) + row.amount);
  const keys = [...byMonth.keys()].sort();
  const [firstYear, firstMonth] = keys[0]!.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = keys.at(-1)!.split('-').map(Number) as [number, number];
  const months: { month: string; amount: number }[] = [];
  for (let index = firstYear * 12 + firstMonth - 1; index <= lastYear * 12 + lastMonth - 1; index++) {
    const key = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    months.push({ month: `${key}-01`, amount: byMonth.get(key) ?? 0 });
  }
  return months;
}
