/**
 * An instant as the reader's own clock shows it, in the forms date fields take: `date` inputs
 * (YYYY-MM-DD) and `datetime-local` ones (YYYY-MM-DDTHH:MM). The console's tables write the
 * same day (formatDate), so a field prefilled from a row says what the row said.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** The reader's day of `iso`, for a date field. */
export function localDateInput(iso: string): string {
  const at = new Date(iso);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The reader's day and minute of `iso`, for a datetime-local field. */
export function localDateTimeInput(iso: string): string {
  const at = new Date(iso);
  return `${localDateInput(iso)}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
