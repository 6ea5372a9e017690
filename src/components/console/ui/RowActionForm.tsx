/**
 * A small form opened under one of a list's rows, in DataTable's detail (ship a sample, mark a
 * reward sent, change an order): its title, focused as it opens (the reader is taken there), the
 * fields, the refusal, then the action and Cancel. The values are checked with `schema` before
 * `send`; a refusal of the API lands on its field among `fields`, or under them.
 * `onDone(doneMessage)` once sent, `onDone(null)` on Cancel or Escape. With `review`, the checked values are
 * shown in a confirmation (what is about to change) and sent only once it is confirmed; a refusal
 * closes it, for the field it names to be corrected. `unchanged(values)`: what the form says, sending
 * nothing (no review either), when the values change nothing; null when they do.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Result } from '../../../lib/console/result.ts';
import { useOpsText } from '../ops-text.ts';
import { FormError } from './Field.tsx';
import { apiErrors, noErrors, zodErrors, type FieldErrors, type FormErrors } from './form-errors.ts';
import { CheckedForm, escapeCancels } from './CheckedForm.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { refusalIn } from '../../form-focus.ts';

interface RowActionFormProps<S extends z.ZodType, T> {
  id: string;
  title: string;
  schema: S;
  fields: readonly string[];
  send: (values: z.infer<S>) => Promise<Result<T>>;
  submitLabel: string;
  /** Said once sent; from the answer where it tells what was done. */
  doneMessage: string | ((answer: T, values: z.infer<S>) => string);
  review?: { title: string; confirmLabel: string; body: (values: z.infer<S>) => ComponentChildren };
  unchanged?: (values: z.infer<S>) => string | null;
  onDone: (message: string | null) => void;
  /** The fields, given their errors. */
  children: (errors: FieldErrors) => ComponentChildren;
}

export function RowActionForm<S extends z.ZodType, T>({ id, title, schema, fields, send, submitLabel, doneMessage, review, unchanged, onDone, children }: RowActionFormProps<S, T>) {
  const { t } = useOpsText();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // The checked values under review, and how the review ends: sent (true) or cancelled.
  const [pending, setPending] = useState<{ values: z.infer<S>; settle: (sent: boolean) => void } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Whether the review closed on a refusal: the keyboard goes to what it names, not back to the button.
  const refused = useRef(false);

  async function sendValues(values: z.infer<S>) {
    setBusy(true);
    const result = await send(values);
    setBusy(false);
    // Closed in the same render as the refusal is drawn: the modal review would keep the focus from its field.
    setPending(null);
    refused.current = !result.ok;
    if (!result.ok) {
      setErrors(apiErrors(result.error, fields));
      return false;
    }
    onDone(typeof doneMessage === 'string' ? doneMessage : doneMessage(result.data, values));
    return true;
  }

  // The submit settles once the review ends, so that CheckedForm takes a refusal's focus to its field then.
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = schema.safeParse(Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)));
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    const same = unchanged?.(parsed.data);
    if (same) return setErrors({ fields: {}, form: same });
    if (!review) return sendValues(parsed.data);
    setErrors(noErrors);
    refused.current = false;
    return new Promise<boolean>((settle) => setPending({ values: parsed.data, settle }));
  }

  async function confirm() {
    if (pending) pending.settle(await sendValues(pending.values));
  }

  return (
    <CheckedForm check={errors} class="panel stack" onSubmit={submit} onKeyDown={escapeCancels(() => onDone(null), busy)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>{title}</h2>
      {children(errors.fields)}
      <FormError message={errors.form} />
      <div class="actions">
        <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : submitLabel}</BusyButton>
        <button type="button" onClick={() => onDone(null)} disabled={busy}>{t('cancel')}</button>
      </div>
      {review && (
        <ConfirmDialog
          open={pending !== null}
          title={review.title}
          confirmLabel={review.confirmLabel}
          cancelLabel={t('cancel')}
          tone="primary"
          busy={busy}
          onConfirm={() => void confirm()}
          returnFocus={() => (refused.current ? refusalIn(heading.current?.closest('form')) : null)}
          onCancel={() => {
            pending?.settle(false);
            setPending(null);
          }}
        >
          {pending && review.body(pending.values)}
        </ConfirmDialog>
      )}
    </CheckedForm>
  );
}
