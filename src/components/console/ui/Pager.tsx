/**
 * Previous / next for a paged list, with "21–40 of 75" announced politely when the page changes.
 * Props: `page` (0-based), `pageSize`, `total`, `onPage(page)`, `labels` ({previous, next,
 * range: (from, to, total) => text, nav: the navigation's accessible name}).
 *
 * The button pressed onto the last (or first) page is disabled under the keyboard: the focus goes
 * to the other one, not to the page's body. A page the list no longer reaches (rows gone since it
 * was opened: "26–25 of 25") asks for the last one there is.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  labels: { previous: string; next: string; nav: string; range: (from: number, to: number, total: number) => string };
}

export function Pager({ page, pageSize, total, onPage, labels }: PagerProps) {
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const pressed = useRef<HTMLButtonElement | null>(null);
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  const first = page === 0;
  const last = to >= total;
  const beyond = total > 0 && from > total;
  useLayoutEffect(() => {
    const button = pressed.current;
    if (button === null || !button.disabled) return;
    pressed.current = null;
    const focused = document.activeElement;
    if (focused !== null && focused !== document.body && focused !== button) return;
    (button === next.current ? previous : next).current?.focus();
  }, [first, last]);
  useLayoutEffect(() => {
    if (beyond) onPage(Math.ceil(total / pageSize) - 1);
  }, [beyond, total]);
  function press(button: HTMLButtonElement, to: number) {
    pressed.current = button;
    onPage(to);
  }
  if (total <= pageSize && first) return null;
  return (
    <nav class="pager" aria-label={labels.nav}>
      <button type="button" ref={previous} disabled={first} onClick={(event) => press(event.currentTarget, page - 1)}>
        {labels.previous}
      </button>
      <span aria-live="polite">{beyond ? '' : labels.range(from, to, total)}</span>
      <button type="button" ref={next} disabled={last} onClick={(event) => press(event.currentTarget, page + 1)}>
        {labels.next}
      </button>
    </nav>
  );
}
