/** A form's values as strings by name (a checkbox: present or not), for the member and join forms alike. */

/** The values as they stand (the join card keeps them as typed, before it is sent). */
export function currentValues(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
}

/** The values of a submitted form, which the page handles instead of the browser. */
export function valuesOf(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  return currentValues(event.currentTarget as HTMLFormElement);
}
