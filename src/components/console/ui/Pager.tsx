/**
 * Previous / next for a paged list, with "21–40 of 75" announced politely when the page changes.
 * Props: `page` (0-based), `pageSize`, `total`, `onPage(page)`, `labels` ({previous, next,
 * range: (from, to, total) => text, nav: the navigation's accessible name}).
 */
interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  labels: { previous: string; next: string; nav: string; range: (from: number, to: number, total: number) => string };
}

export function Pager({ page, pageSize, total, onPage, labels }: PagerProps) {
  if (total <= pageSize && page === 0) return null;
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav class="pager" aria-label={labels.nav}>
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {labels.previous}
      </button>
      <span aria-live="polite">{labels.range(from, to, total)}</span>
      <button type="button" disabled={to >= total} onClick={() => onPage(page + 1)}>
        {labels.next}
      </button>
    </nav>
  );
}
