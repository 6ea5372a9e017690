/**
 * A record read again over a save refused because someone else changed it since it was read
 * (lib/console/changed-since.ts for the console's editors; My membership's company card,
 * member-api.ts updateCompany): the refusals' codes, and the form filled field by field with
 * someone else's changes where nothing was typed and what was typed everywhere else. Apart from
 * the console's saves, which bring zod and its answers' parsing, so that a member's page loads
 * only this.
 */

/** The code of a save refused because someone else changed the row since it was read: nothing was written. */
export const changedSinceRead = 'changed_since_read';
/** The code of a save refused because someone else deleted the row since it was read: nothing was written. */
export const goneSinceRead = 'gone_since_read';

/** Equal as saved: texts by language, prices by tier, objects by their fields, in any order. */
export const same = (a: unknown, b: unknown): boolean => {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const entries = (value: object) => Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(entries(a)) === JSON.stringify(entries(b));
};

/** Which fields someone else changed: now shown as they saved them (`taken`), or kept as staff typed them (`kept`). */
export interface FieldChanges<Field extends string> {
  taken: Field[];
  kept: Field[];
}

/**
 * A save refused because someone else changed the record since it was read, the record read
 * again: `weigh` takes each field as the editor names it (one input, or several saved as one),
 * as staff would have saved it (`mine`), as read (`before`) and as saved now (`theirs`), and
 * answers whether staff changed it, in which case the form shows what they typed, else what is
 * saved now: so that Save neither puts back unseen what someone else changed nor loses what was
 * typed. It notes each field someone else changed in `taken` (staff changed it not) or `kept`
 * (staff changed it otherwise: what they typed replaces theirs on Save).
 */
export function fieldChanges<Field extends string>() {
  const changes: FieldChanges<Field> = { taken: [], kept: [] };
  const weigh = (field: Field, mine: unknown, before: unknown, theirs: unknown): boolean => {
    const changed = !same(mine, before);
    if (same(theirs, before)) return changed;
    if (!changed) changes.taken.push(field);
    else if (!same(mine, theirs)) changes.kept.push(field);
    return changed;
  };
  return { weigh, changes };
}

/**
 * A form whose every field is one input, read again (fieldChanges): `before` and `theirs` are the
 * form as the record read and as read now fill it, `mine` as staff left it; each field compared as
 * `said` gives it (a text typed and cleared again says nothing). The form to show next, and which
 * fields someone else changed.
 */
export function rereadForm<Form extends object>(before: Form, theirs: Form, mine: Form, said: (form: Form) => Form = (form) => form) {
  const form = { ...theirs };
  const [was, now, typed] = [said(before), said(theirs), said(mine)];
  const { weigh, changes } = fieldChanges<Extract<keyof Form, string>>();
  for (const field of Object.keys(form) as Extract<keyof Form, string>[]) {
    if (weigh(field, typed[field], was[field], now[field])) form[field] = mine[field];
  }
  return { form, ...changes };
}
