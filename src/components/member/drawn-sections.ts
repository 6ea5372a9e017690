/**
 * Which sections of a long page are drawn yet. A big buyer's My membership is ten sections of
 * lists and tables; drawn all at once after the first screen, they held a phone's main thread for
 * a third of a second or more. Until drawn, a section is its own heading in the loading state,
 * kept a screen tall (global.css), so the page's length, the section links' targets and the
 * heading outline stay as they will be.
 *
 * A section is drawn when:
 * - it comes within a screen of the visible part of the page (scrolling, or a screen reader's
 *   cursor moving to its heading, which scrolls it into view);
 * - the address names it (`#points`, on arrival or from a section link): at once, ahead of the
 *   others, and brought into view on arrival (the browser looked for it before it existed);
 * - a keyboard moves focus on the page: then every section is drawn, in order, so Tab goes
 *   through each of them instead of jumping from the first screen to the footer.
 * One section is drawn per task, the browser painting and handling input in between.
 *
 * A section the address names (followed from a link, or on arrival) gives its heading the keyboard
 * once drawn: the browser scrolled to it but left the focus on the page's body, and a screen reader
 * said nothing. A link to a section that is always drawn (the summary) does the same at once.
 *
 * A section that changes height wholly above the screen (drawn, or its data arriving, while the
 * reader is below it after a section link) moves the page by as much, so what the reader sees
 * stays where it is. The browser's own scroll anchoring did not hold it in Chromium on this page
 * (why was not found), and Safari has none: it is switched off while these sections are shown,
 * so the two never add up. The page is moved in the task that changed the section, as its DOM
 * changes are done (a MutationObserver): moved only when the browser next painted (a
 * ResizeObserver), a press that came in between landed on the section's new place and its
 * release beside the button, which lost the click. The ResizeObserver stays for what changes
 * size without changing the DOM (an image or a font arriving, the window's width).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Resolves in a later task: after the browser has had its turn (input, paint). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

function hashTarget(ids: readonly string[]): string | null {
  const id = decodeURIComponent(window.location.hash.slice(1));
  return ids.includes(id) ? id : null;
}

/** Without scrolling: the section is where the link or the address put it. */
function focusHeading(id: string): void {
  document.getElementById(`${id}-title`)?.focus({ preventScroll: true });
}

/**
 * `shown`: whether a drawn section can be shown (MemberDashboard's views load after the first
 * screen). Until then the sections nearing the screen wait in line, to be drawn one per task once
 * it turns (drawn together as the code came, they held a phone's main thread as long as the page
 * drawn at once did); one the address names is drawn at once, its placeholder until shown.
 */
export function useDrawnSections(ids: readonly string[], shown: boolean): ReadonlySet<string> {
  const [drawn, setDrawn] = useState<ReadonlySet<string>>(() => {
    const target = hashTarget(ids);
    return new Set(target ? [target] : []);
  });
  // The latest drawn set, for the listeners set up once below.
  const current = useRef(drawn);
  current.current = drawn;
  const observer = useRef<IntersectionObserver | null>(null);
  const resizes = useRef<ResizeObserver | null>(null);
  const canShow = useRef(shown);
  canShow.current = shown;
  const drainQueue = useRef(() => {});
  // The section whose heading takes the keyboard once it is drawn and shown.
  const landing = useRef<string | null>(hashTarget(ids));

  useLayoutEffect(() => {
    const queue: string[] = [];
    let draining = false;
    let stopped = false;
    const draw = (id: string) => setDrawn((before) => (before.has(id) ? before : new Set(before).add(id)));
    const drain = async () => {
      if (draining || !canShow.current) return;
      draining = true;
      while (queue.length > 0 && !stopped) {
        const id = queue.shift()!;
        if (current.current.has(id)) continue;
        draw(id); // Preact renders it in this task's microtasks, before the next task.
        await nextTask();
      }
      draining = false;
    };
    drainQueue.current = () => void drain();
    const want = (wanted: string[]) => {
      for (const id of wanted) if (!queue.includes(id)) queue.push(id);
      void drain();
    };
    // A screen above and below the visible part: a section is drawn, and its data requested,
    // before it scrolls into sight, and its height settles out of sight.
    observer.current = new IntersectionObserver(
      (entries) => want(entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target.id)),
      { rootMargin: '100% 0px' },
    );
    const land = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (ids.includes(id) && !(current.current.has(id) && canShow.current)) landing.current = id;
      else focusHeading(id);
    };
    const onHash = () => {
      land();
      const target = hashTarget(ids);
      if (!target) return;
      draw(target);
      // Chromium left the page where an earlier #section put it, not scrolling to this one at all
      // (seen since My membership has its Contact section; why was not found): shown here.
      document.getElementById(target)?.scrollIntoView();
    };
    // Followed again, a link to the section the address already names changes no hash, and the
    // browser, scrolling to it, took the focus from the heading given it here: scrolled here instead.
    // Only a section's: the skip link's #main, pressed again, was left with the keyboard on it, the
    // browser's own focusing of <main> prevented.
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      if (event.defaultPrevented || !link?.hash || link.href !== window.location.href) return;
      const id = decodeURIComponent(link.hash.slice(1));
      if (!ids.includes(id) && !document.getElementById(`${id}-title`)) return;
      event.preventDefault();
      document.getElementById(id)?.scrollIntoView();
      land();
    };
    const onFocus = (event: FocusEvent) => {
      // Keyboard focus only (a click focuses a button too, but a pointer scrolls to what it wants).
      if (event.target instanceof Element && event.target.matches(':focus-visible')) want([...ids]);
    };
    // Each section's last height, by id: a placeholder and the section drawn in its place count
    // as one.
    const heights = new Map<string, number>();
    // The first section on screen as the last call left it, and where its top was then.
    let onScreen: { id: string; top: number } | null = null;
    const settle = () => {
      // In the page's order, the positions read after every change since the last call: a
      // section's top is moved down by the changes above it, and where it ended before them is
      // `top - above`. (Read as it is, a section just above the screen whose neighbour further up
      // grew too counted as on screen, and the page moved by the neighbour's growth.)
      let above = 0;
      const boxes: [string, DOMRect][] = [];
      for (const id of ids) {
        const box = document.getElementById(id)?.getBoundingClientRect();
        if (!box) continue;
        boxes.push([id, box]);
        const before = heights.get(id);
        heights.set(id, box.height);
        if (before !== undefined && box.top - above + before <= 0) above += box.height - before;
      }
      // Unless the page was moved back already, the first section on screen where it was: after a
      // section link Chromium held the #section in place itself while the sections above were
      // drawn (its fragment anchor, lasting since My membership has its Contact section; why was
      // not found), and the two together moved the page twice as far, the section 92 px out.
      const moved = onScreen ? (boxes.find(([id]) => id === onScreen!.id)?.[1].top ?? onScreen.top + above) - onScreen.top : above;
      const by = above !== 0 && Math.abs(moved) >= 1 ? above : 0;
      if (by !== 0) window.scrollBy(0, by);
      const first = boxes.find(([, box]) => box.bottom - by > 0);
      onScreen = first ? { id: first[0], top: first[1].top - by } : null;
    };
    resizes.current = new ResizeObserver(settle);
    const changes = new MutationObserver(settle);
    // Their parent: it stays while the sections in it are replaced as they are drawn.
    const parent = document.getElementById(ids[0]!)?.parentElement;
    if (parent) changes.observe(parent, { childList: true, subtree: true, attributes: true, characterData: true });
    const root = document.documentElement;
    const anchoring = root.style.overflowAnchor;
    root.style.overflowAnchor = 'none';
    window.addEventListener('hashchange', onHash);
    document.addEventListener('click', onClick);
    document.addEventListener('focusin', onFocus);
    // Arriving with #section: the browser looked for it before the island had drawn it.
    const arrival = hashTarget(ids);
    if (arrival) document.getElementById(arrival)?.scrollIntoView();
    return () => {
      stopped = true;
      observer.current?.disconnect();
      resizes.current?.disconnect();
      changes.disconnect();
      root.style.overflowAnchor = anchoring;
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('click', onClick);
      document.removeEventListener('focusin', onFocus);
    };
  }, []);

  useEffect(() => {
    if (shown) drainQueue.current();
  }, [shown]);

  // The sections not drawn yet are watched for nearing the screen, every section for its height,
  // by their elements as now rendered (before the browser paints them): each section drawn, or
  // shown, is a new element, and so is the heading a link led to.
  useLayoutEffect(() => {
    const target = landing.current;
    if (target && drawn.has(target) && shown) {
      landing.current = null;
      focusHeading(target);
    }
    const near = observer.current;
    const sized = resizes.current;
    if (!near || !sized) return;
    near.disconnect();
    sized.disconnect();
    for (const id of ids) {
      const element = document.getElementById(id);
      if (!element) continue;
      sized.observe(element, { box: 'border-box' });
      if (!drawn.has(id)) near.observe(element);
    }
  }, [drawn, shown]);

  return drawn;
}
