/**
 * Two members of staff editing one record: the console's editors save it only while it is still
 * as they read it, so that the second save never overwrites unseen what the first saved. A row
 * written through its table carries `updated_at`, which the database moves on every change
 * (private.touch_updated_at, migration 20261219000700); its editor keeps the time it read and
 * updates the row by its id and that time (savedAsRead), or inserts one read as none (addedAsRead).
 * A product, saved by save_product, compares its fields as read in the database instead
 * (20261219000500); the statistical period, saved by set_statistical_period, takes the store's
 * updated_at as read (20261220000100). The merchant's card and its logo, one row edited on two
 * screens, each have a time of their own (`updated_at`, `logo_updated_at`; 20261221000300).
 *
 * Refused, the editor offers to read the record again and fills its form field by field
 * (fieldChanges): someone else's change where staff typed nothing, staff's typed value where they
 * changed it, and it says which fields are which (RereadNote).
 */
import { z } from 'zod';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { parse, type Result } from './result.ts';

/** The code of a save refused because someone else changed the row since it was read: nothing was written. */
export const changedSinceRead = 'changed_since_read';
/** The code of a save refused because someone else deleted the row since it was read: nothing was written. */
export const goneSinceRead = 'gone_since_read';

type Answer = { data: unknown; error: ApiError | null; status?: number };

/**
 * A row's update made over the row as read: `answer` is that of the update filtered by the row's
 * id and its updated_at as read (`asRead`; a logo's, its logo_updated_at), its row selected with
 * `maybeSingle()`. No row back: nothing was written, and `readAgain` (that time selected as
 * `updated_at` by the row's id alone, `maybeSingle()`) tells why: the row changed since, went, or
 * is as read, its update hidden by row security (a member of staff whose role changed), which is
 * said as row security says it (42501).
 */
export async function savedAsRead<S extends z.ZodType>(schema: S, asRead: string, answer: Answer, readAgain: () => PromiseLike<Answer>): Promise<Result<z.infer<S>>> {
  const saved = parse(schema.nullable(), answer);
  if (!saved.ok) return saved;
  if (saved.data !== null) return { ok: true, data: saved.data };
  const there = parse(z.object({ updated_at: z.string() }).nullable(), await readAgain());
  if (!there.ok) return there;
  return {
    ok: false,
    error: there.data === null ? { code: goneSinceRead, message: 'Nothing was saved: someone else deleted it since it was read' }
      : there.data.updated_at !== asRead ? { code: changedSinceRead, message: 'Nothing was saved: someone else changed it since it was read' }
      : { code: '42501', message: 'Nothing was saved: row-level security hid the row from the update' },
  };
}

/**
 * A row's insert made over none read, in a table whose one unique key is the key read absent (the
 * store's merchant card): refused by that key (23505), someone else added the row since, and it is
 * said as a change since read: read again, the editor shows theirs. Else the insert's answer, its
 * row selected with `single()`.
 */
export function addedAsRead<S extends z.ZodType>(schema: S, answer: Answer): Result<z.infer<S>> {
  if (answer.error?.code === '23505') return { ok: false, error: { code: changedSinceRead, message: 'Nothing was saved: someone else added it since none was read' } };
  return parse(schema, answer);
}

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
