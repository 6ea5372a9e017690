/**
 * Two members of staff editing one record: the console's editors save it only while it is still
 * as they read it, so that the second save never overwrites unseen what the first saved. A row
 * written through its table carries `updated_at`, which the database moves on every change
 * (private.touch_updated_at, migration 20261219000700); its editor keeps the time it read and
 * updates the row by its id and that time (savedAsRead), or inserts one read as none (addedAsRead).
 * A product, saved by save_product, compares its fields as read in the database instead
 * (20261219000500); the store's settings, saved whole by save_store_settings (the period with the
 * rest, in one transaction), take the store's updated_at as read (20261222000100). The merchant's
 * card and its logo, one row edited on two screens, each have a time of their own (`updated_at`,
 * `logo_updated_at`; 20261221000300).
 *
 * Refused, the editor offers to read the record again and fills its form field by field
 * (fieldChanges, lib/read-again.ts): someone else's change where staff typed nothing, staff's typed
 * value where they changed it, and it says which fields are which (RereadNote).
 */
import { z } from 'zod';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { changedSinceRead, goneSinceRead } from '../read-again.ts';
import { parse, type Result } from './result.ts';

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
