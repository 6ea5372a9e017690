/**
 * Turns validation failures into per-field messages for `Field`:
 *
 * - `zodErrors(error)` — a zod error's issues by field path (`name`, `tiers.1.rank` → the first
 *   segment unless `deep`), first message per field.
 * - `apiMessage(error)` — a refused action's sentence, for screens without a form to place it in.
 * - `apiErrors(error, fields)` — a PostgREST/RPC error: the API puts `{field, reason, row?}` as a
 *   JSON string in `details` (docs/api.md "Errors"); when `field` (or its part before `.` / `[`)
 *   is one of `fields`, the reason goes next to that field, otherwise the message is the form's
 *   sentence. A CHECK constraint (`23514`, named `<table>_<column>_…`) is mapped to its column the
 *   same way. Returns `{fields: {name: reason}, form: message | null}`.
 *
 * The server refuses in English; both say its refusals in the page's language (refusals.ts):
 * beside a field what is wrong with it, as the form's sentence the whole refusal.
 */
import type { z } from 'zod';
import { $locale } from '../../../stores/locale.ts';
import { pageRefusals } from './refusals.ts';

export type FieldErrors = Partial<Record<string, string>>;

export interface FormErrors {
  fields: FieldErrors;
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/** The first message per field of a zod error; paths joined with `.` (`perks.0`). */
export function zodErrors(error: z.ZodError, { deep = false } = {}): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = deep ? issue.path.map(String).join('.') : String(issue.path[0] ?? '');
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The shape of a PostgREST error as supabase-js hands it over. */
export interface ApiError {
  message: string;
  code?: string;
  details?: string | null;
  hint?: string | null;
}

export interface ApiErrorDetails {
  field?: string;
  reason?: string;
  row?: number;
  /** A refused default language: every text lacking it, as `table.column`. */
  missing?: string[];
}

/** `details` parsed when it is the API's JSON object; null for PostgREST's own plain-text details. */
export function parseDetails(error: ApiError): ApiErrorDetails | null {
  if (!error.details) return null;
  try {
    const parsed: unknown = JSON.parse(error.details);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ApiErrorDetails) : null;
  } catch {
    return null;
  }
}

/** `name.es` → `name`, `tiers[1].rank` → `tiers`. */
function rootField(field: string): string {
  return field.split(/[.[]/)[0] ?? field;
}

/**
 * Maps an API error onto the form's fields. `aliases` maps API field names to form field names
 * where they differ (`{p_email: 'email'}`); `constraintColumns` lets a 23514 constraint name
 * (`products_price_is_a_number`) find its field among `fields`.
 */
export function apiErrors(
  error: ApiError,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormErrors {
  const say = pageRefusals($locale.get());
  const details = parseDetails(error);
  if (details?.field) {
    const exact = aliases[details.field] ?? details.field;
    const root = aliases[rootField(details.field)] ?? rootField(details.field);
    const target = fields.includes(exact) ? exact : fields.includes(root) ? root : null;
    if (target) return { fields: { [target]: say.reason(error) }, form: null };
  }
  if (error.code === '23514') {
    const constraint = /constraint "([^"]+)"/.exec(error.message)?.[1] ?? '';
    const column = [...fields].sort((a, b) => b.length - a.length).find((field) => constraint.includes(`_${field}_`));
    if (column) return { fields: { [column]: say.reason(error) }, form: null };
  }
  return { fields: {}, form: say.sentence(error) };
}

/** A refused action (no form fields to place it beside) said in the page's language. */
export function apiMessage(error: ApiError): string {
  return pageRefusals($locale.get()).sentence(error);
}
