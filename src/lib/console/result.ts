/**
 * What the console's data layers hand their screens: a parsed value or the API's error as
 * supabase-js gives it (message, code, `details` with `{field, reason, row?}`), so a form can put
 * the reason next to its field (`apiErrors` in components/console/ui/form-errors.ts).
 * Every answer is checked with zod: a shape the screen does not expect is an error, never data.
 */
import { z } from 'zod';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { readTyped } from '../numbers.ts';

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * The code of an answer that is not of the shape the screen expects (no code of PostgREST's or the
 * engine's): the server was reached, so the screen must not say to check the connection.
 */
export const unexpectedAnswer = 'unexpected_answer';

/**
 * The code of a Storage object that is not there (Storage's 400 whose body says 404, "Object not
 * found"): a refusal of its own, not the service's problem.
 */
export const fileGone = 'file_gone';

/**
 * A supabase-js answer, parsed with `schema`. A refusal keeps the HTTP status it came with (`status`,
 * 0 when nothing answered): a gateway's 502 or an unavailable API's 503 has no code of its own, and
 * only the status tells it from a request that never reached the server.
 */
export function parse<S extends z.ZodType>(schema: S, answer: { data: unknown; error: ApiError | null; status?: number }): Result<z.infer<S>> {
  if (answer.error) return { ok: false, error: answer.status ? { ...answer.error, status: answer.status } : answer.error };
  const parsed = schema.safeParse(answer.data);
  if (!parsed.success) return { ok: false, error: { code: unexpectedAnswer, message: `Unexpected answer from the server: ${z.prettifyError(parsed.error)}` } };
  return { ok: true, data: parsed.data };
}

/** Postgres numeric columns arrive as JSON numbers; bigint counts too (PostgREST), sometimes as strings. */
export const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** A one-line text as the API's clean_line takes it: no control or line-separator characters. */
export const oneLine = (max: number) => z.string().trim().max(max, 'vTooLong').regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'vSingleLine');

/** A text of several lines as the API's clean_text takes it: tab, LF and CR are the only control characters. */
export const textBlock = (max: number) =>
  z.string().trim().max(max, 'vTooLong').regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/, 'vControl');

/**
 * An optional input: blank (or spaces) is null, anything else must pass `schema`, whose message is
 * the one shown. Not a z.union with z.literal(''): when the other branch fails inside a transform,
 * the union answers zod's own "Invalid input", in English, and the field's rule is lost.
 */
export const blankOr = <S extends z.ZodType<unknown, string>>(schema: S) => z.preprocess((text: string) => (text.trim() === '' ? null : text), schema.nullable());

/**
 * A number typed in the console language `locale` as plain text ("1.234,5" in es → "1234.5",
 * numbers.ts), for the field's own rule; what is no number is left as typed for that rule to refuse.
 * Left blank it is refused with `required` (the operations catalogue's key, or a screen's own
 * text): the field's rule said "write a number in digits, such as 1,234.50", as if the figure
 * were mistyped. An optional number is blankOr(…) of it, blank there being none.
 */
export const typedNumber = (locale: Locale, required = 'vRequired') => z.string().trim().min(1, required).transform((text) => readTyped(text, locale) ?? text);

/**
 * Plain number text (typedNumber's, or a CSV value read by readFileNumber) as an amount with at most
 * two decimals, above 0 (or from 0), below the numeric(14,2) columns' 10^12; refused with what is
 * wrong. A `percent` is at most 100, and a number mistyped there is shown a percentage as example.
 */
export const plainAmount = (from: 'above0' | 'zero' = 'above0', of: 'amount' | 'percent' = 'amount') =>
  z.string().transform((text, context) => {
    const amount = Number(text);
    const fault = !/^-?\d+(\.\d+)?$/.test(text) ? (of === 'percent' ? 'vPercentNumber' : 'vNumber')
      : /\.\d{3,}$/.test(text) ? 'vDecimals'
      : from === 'zero' && amount < 0 ? 'vAmountOrZero'
      : from === 'above0' && amount <= 0 ? 'vAmount'
      : of === 'percent' && amount > 100 ? 'vPercent'
      : amount >= 1e12 ? 'vAmountMax' : undefined;
    if (fault) context.addIssue({ code: 'custom', message: fault });
    return amount;
  });

/** An amount typed in the console language: see typedNumber and plainAmount. */
export const amountText = (locale: Locale, from?: 'above0' | 'zero', of?: 'amount' | 'percent') => typedNumber(locale).pipe(plainAmount(from, of));

/** A whole number typed in the console language (points, counts), refused with `message` otherwise. */
export const wholeText = (locale: Locale, message: string, required?: string) => typedNumber(locale, required).pipe(z.string().regex(/^-?\d+$/, message).transform(Number));

/**
 * A form's rule across some of its `fields` (an end after its start), for the form's `.check()`:
 * run once those fields pass their own rules, whatever the other fields do, so that every mistake
 * is said in one pass. zod skips a refine on the whole form after any field's refusal that stops
 * the parse (a transform's, as amountText's): its mistake came in a second round, after the others
 * were mended and saved again.
 */
export function crossCheck<T extends object, K extends keyof T & string>(fields: readonly K[], rule: (values: Pick<T, K>, context: z.core.$RefinementCtx<T>) => void) {
  return z.superRefine<T>(rule, {
    // An issue without a path refuses the whole value (not an object): nothing to read.
    when: ({ issues }) => !issues.some((issue) => !issue.path?.length || (fields as readonly PropertyKey[]).includes(issue.path[0]!)),
  });
}

/** A merchant text map (`{"en": "…", "es": "…"}`) as stored. */
export const textMap = z.record(z.string(), z.string());

/** The arguments without their undefined ones, so the RPC's own defaults apply. */
export function defined<T extends object>(args: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * The API's error thrown whole, code and details kept, for `useLoad`: its screen says which
 * refusal it is in the page's language, where the server's sentence alone is English.
 */
export class ApiFailure extends Error {
  readonly api: ApiError;

  constructor(api: ApiError) {
    super(api.message);
    this.api = api;
  }
}

/** The data, or the API's error thrown (for `useLoad`, which says it with a retry). */
export function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiFailure(result.error);
  return result.data;
}
