/**
 * Where the keyboard goes after a form is refused, in the member and join forms alike: to the
 * first field to correct, else to the form's alert. The button that sent the form is disabled
 * while it is busy, which drops focus to the page's body; a screen-reader user would be left
 * there, hearing the alert once and not knowing where they are.
 */

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
 * focus is left where it is: the first error of the whole page may be another form's.
 */
export function focusRefusal(scope: Element | null): void {
  requestAnimationFrame(() => {
    if (!scope?.isConnected) return;
    const target = scope.querySelector<HTMLElement>('[aria-invalid="true"]') ?? scope.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.matches('input, select, textarea')) target.tabIndex = -1;
    target.focus();
  });
}
