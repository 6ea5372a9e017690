/**
 * Where the keyboard goes after a form is refused, in the member and join forms alike: to the
 * first field to correct, else to the form's alert. A button disabled while its form is busy
 * (BusyButton is not) drops focus to the page's body; a screen-reader user would be left there,
 * hearing the alert once and not knowing where they are. Likewise where an action takes
 * its own button away (a coupon claimed up to its limit, signing in, leaving the store): to what
 * took its place.
 */
import { useEffect, useRef } from 'preact/hooks';

/**
 * The part of the page the reader acts in — the form, or a step's group such as a review —
 * taken when the form is sent, before its disabled button drops the focus; not another form of
 * the page still showing an earlier error.
 */
export function refusalScope(): Element | null {
  return document.activeElement?.closest('form, [role="group"]') ?? null;
}

/**
 * Once the refusal is rendered, focuses its first field to correct, else its alert, within
 * `scope`. Without one (a mouse click that focused nothing, as in Safari) or once it is gone, the
 * focus is left where it is: the first error of the whole page may be another form's. With
 * `sentFrom` (what had the focus when the form was sent), only while the focus is still there or
 * lost: a reader already typing in another field is not pulled away from it.
 */
/**
 * A field's own reason as its form's alert says it when it alone is refused: only where the keyboard
 * stays, on that field already (Enter in it) or on nothing in the form (no `scope`: a click that
 * focused nothing, as in Safari), where nothing reads it again. Taken to the field from the button
 * (focusRefusal), the reader hears it as the field's description, and an alert besides said it twice.
 */
export function reasonForTheEar(field: string, reason: string, scope: Element | null): string | null {
  return !scope || document.activeElement?.getAttribute('name') === field ? reason : null;
}

/** What in `scope` says why it was refused: its first field to correct, else its alert. */
export function refusalIn(scope: Element | null | undefined): HTMLElement | null {
  return scope?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? scope?.querySelector<HTMLElement>('[role="alert"]') ?? null;
}

export function focusRefusal(scope: Element | null, sentFrom?: Element | null): void {
  requestAnimationFrame(() => {
    if (!scope?.isConnected) return;
    if (sentFrom !== undefined && document.activeElement !== sentFrom && !focusLost()) return;
    const target = refusalIn(scope);
    if (target) focusOn(target);
  });
}

/**
 * Focuses `target`; one that is no control (a heading, an alert, a status line) by script only.
 * One with a tabindex of its own (a table's row) keeps it.
 */
export function focusOn(target: HTMLElement): void {
  if (!target.matches('input, select, textarea, button, a[href], [tabindex]')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
  showWithLabel(target);
}

/**
 * Scrolls `target` into view with its label (and hint) above it: a browser brings a focused field
 * to the screen's very edge, its label above out of sight, so the reader saw a box and an error
 * without the question. Its scroll margin is what its label takes above it, and a little air.
 */
function showWithLabel(target: HTMLElement): void {
  const label = (target as Partial<HTMLInputElement>).labels?.[0];
  const above = label ? Math.max(0, target.getBoundingClientRect().top - label.getBoundingClientRect().top) : 0;
  target.style.scrollMarginBlockStart = `calc(${Math.ceil(above)}px + 0.75rem)`;
  target.scrollIntoView({ block: 'nearest' });
}

/** `element` is still on the page and could have the focus again (not disabled, not inert, not hidden). */
export function canTakeFocus(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement) || element === document.body || !element.isConnected || element.matches(':disabled') || element.closest('[inert]')) return false;
  // checkVisibility from Safari 17.4: before it, boxes drawn at all.
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : element.getClientRects().length > 0;
}

/** Nothing has the focus: what had it is gone (or a click focused nothing, as in Safari). */
function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * Once what an action changed is drawn, focuses `target` (the line saying what happened, the row
 * acted on) if the action took the focused button away; never taken from where the reader is.
 * `leaving`: the control, or the part (a form), the action removes or hides, still drawn when the
 * frame comes (a list read anew on a busy machine): focus on it or in it moves on too. Only
 * Chromium drops the focus from a field hidden under it; elsewhere it stayed there, unseen.
 */
export function focusIfLost(target: () => HTMLElement | null | undefined, leaving?: Element | null): void {
  // What a write's reload changed is drawn a timer later (@nanostores/preact's useStore re-renders
  // from a setTimeout): a frame alone, on a busy machine, came first, found the pressed button
  // still there, and the focus fell to the page when the new data took it away.
  setTimeout(() =>
    requestAnimationFrame(() => {
      const element = target();
      if (element?.isConnected && (focusLost() || leaving?.contains(document.activeElement))) focusOn(element);
    }),
  );
}

/**
 * A page or step that shows one `view` at a time (null while loading): each time it changes under
 * the reader (a step sent, signed in or out, a store joined or left), the control they used is
 * gone, and `target` (the new view's heading, or its line saying what happened) takes the focus
 * if it was lost. Not for the first view a page load draws, unless `first` (it follows an action
 * in this page, e.g. signing in, which swapped the whole island).
 */
export function useFocusOnViewChange(view: string | null, target: () => HTMLElement | null | undefined, first = false): void {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (view === null || view === shown.current) return;
    const initial = shown.current === null;
    shown.current = view;
    if (!initial || first) focusIfLost(target);
  }, [view]);
}

/**
 * Where the keyboard goes in a form a button just opened: its first field, to type in straight
 * away, when the button was pressed from the keyboard (a click event's `detail` is 0) or on a
 * screen pointed at with a mouse; tapped on a touch screen, the form itself, which a screen reader
 * names: a field focused after a tap pops up a phone's keyboard over half the panel.
 */
export function focusOpened(form: HTMLElement | null | undefined, byKeyboard: boolean): void {
  const field = byKeyboard || !matchMedia('(pointer: coarse)').matches ? form?.querySelector<HTMLElement>('input, select, textarea') : null;
  if (field) field.focus();
  else if (form) focusOn(form);
}

/** How long `keepInView` holds a part in view while what is above it loads. */
const keepFor = 5000;

/** Ends the keeping in view of the part kept last (keepInView). */
let stopKeeping = () => {};

/**
 * Focuses `focused` and keeps `part` (what it belongs to, whole) in view: sections above it still
 * drawing or loading (My membership draws them all once the keyboard moves; the frame's summary
 * after joining) pushed it out of sight after the focus had scrolled to it. Until the reader
 * scrolls (wheel, touch, a key), presses anywhere or moves focus, every change of the page's
 * layout or the window's size brings it back — for `keepFor` at most: a reader scrolling from a
 * host page's scroll bar, or reading on with a screen reader, makes none of those events here,
 * and a late change must not pull them back. One part at a time.
 * A `focused` not shown yet (the frame's My membership holds back what follows a section on its
 * first read: a summary tile's section) is focused once shown, the reader having done none of
 * those meanwhile: what they asked for, done once it can be, and `keepFor` from then.
 */
export function keepInView(part: HTMLElement, focused: HTMLElement, block: ScrollLogicalPosition): void {
  stopKeeping();
  let ends: ReturnType<typeof setTimeout> | undefined;
  const focus = () => {
    if (ends !== undefined || !focused.checkVisibility()) return;
    document.removeEventListener('focusin', stop, true);
    focused.focus({ preventScroll: true });
    focused.addEventListener('blur', stop);
    ends = setTimeout(stop, keepFor);
  };
  const bringBack = () => {
    if (!part.isConnected) return stop();
    focus();
    if (ends !== undefined) part.scrollIntoView({ block });
  };
  const layout = new ResizeObserver(bringBack);
  const inputs = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;
  const stop = () => {
    clearTimeout(ends);
    layout.disconnect();
    window.removeEventListener('resize', bringBack);
    for (const input of inputs) document.removeEventListener(input, stop, true);
    document.removeEventListener('focusin', stop, true);
    focused.removeEventListener('blur', stop);
    stopKeeping = () => {};
  };
  stopKeeping = stop;
  focus();
  // Until it is shown, focus moved elsewhere (a screen reader's cursor) is the reader gone on.
  if (ends === undefined) document.addEventListener('focusin', stop, { capture: true, passive: true });
  // Observed, the body reports its size at once: the first bringing into view.
  layout.observe(document.body);
  window.addEventListener('resize', bringBack);
  for (const input of inputs) document.addEventListener(input, stop, { capture: true, passive: true });
}
