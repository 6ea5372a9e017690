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
 * - `checkErrors(error)` — a form's zod check failed: `zodErrors` as the form's errors.
 *
 * Both name, in `locales`, the language a merchant text's error is about where the check or the
 * server names one (`name.es`), for LocalizedTextField's `errorLocale`: only that box is wrong.
 *
 * The server refuses in English; both say its refusals in the page's language (refusals.ts):
 * beside a field what is wrong with it, as the form's sentence the whole refusal. A request that
 * met no refusal is said as what happened: nothing answered (the connection; `apiErrors` adds that
 * what was typed stays in the form), or the service's problem.
 */
import type { z } from 'zod';
import { locales, type Locale } from '../../../i18n/locales.ts';
import { $locale } from '../../../stores/locale.ts';
import { pageRefusals } from './refusals.ts';

export type FieldErrors = Partial<Record<string, string>>;

export interface FormErrors {
  fields: FieldErrors;
  form: string | null;
  /** The language box a text field's error is about, by field; a field absent is wrong as a whole. */
  locales?: Partial<Record<string, Locale>>;
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

const localeOf = (part: unknown): Locale | undefined => locales.find((locale) => locale === part);

/**
 * A failed check as the form's errors: each field's first message, and the language of a text
 * whose first issue names one (textMapSchema's missing default language).
 */
export function checkErrors(error: z.ZodError): FormErrors {
  const firstParts = new Map<string, unknown>();
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!firstParts.has(key)) firstParts.set(key, issue.path[1]);
  }
  const named = [...firstParts].flatMap(([key, part]) => (localeOf(part) ? [[key, localeOf(part)] as const] : []));
  return { fields: zodErrors(error), form: null, ...(named.length ? { locales: Object.fromEntries(named) } : {}) };
}

/** The language whose box a server refusal of `field` is about (it names `name.es`); null when none. */
export function refusedLocale(error: ApiError, field: string): Locale | null {
  const named = parseDetails(error)?.field;
  return locales.find((locale) => named === `${field}.${locale}`) ?? null;
}

/** The shape of a PostgREST error as supabase-js hands it over. */
export interface ApiError {
  message: string;
  code?: string;
  details?: string | null;
  hint?: string | null;
  /** The answer's HTTP status, where the reader keeps it (result.ts `parse`); absent or 0: no answer. */
  status?: number;
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
    if (target) {
      const locale = refusedLocale(error, target);
      return { fields: { [target]: say.reason(error) }, form: null, ...(locale ? { locales: { [target]: locale } } : {}) };
    }
  }
  if (error.code === '23514') {
    const constraint = /constraint "([^"]+)"/.exec(error.message)?.[1] ?? '';
    const column = [...fields].sort((a, b) => b.length - a.length).find((field) => constraint.includes(`_${field}_`));
    if (column) return { fields: { [column]: say.reason(error) }, form: null };
  }
  return { fields: {}, form: say.form(error) };
}

/** A refused action (no form fields to place it beside) said in the page's language. */
export function apiMessage(error: ApiError): string {
  return pageRefusals($locale.get()).sentence(error);
}
