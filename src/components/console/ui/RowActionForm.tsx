/**
 * A small form opened below a list for one of its rows (ship a sample, mark a reward sent): its
 * title, focused as it opens (the reader is taken there), the fields, the refusal, then the action
 * and Cancel. The values are checked with `schema` before `send`; a refusal of the API lands on its
 * field among `fields`, or under them. `onDone(doneMessage)` once sent, `onDone(null)` on Cancel.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Result } from '../../../lib/console/result.ts';
import { useOpsText } from '../ops-text.ts';
import { FormError } from './Field.tsx';
import { apiErrors, noErrors, zodErrors, type FieldErrors, type FormErrors } from './form-errors.ts';
import { CheckedForm } from './CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

interface RowActionFormProps<S extends z.ZodType> {
  id: string;
  title: string;
  schema: S;
  fields: readonly string[];
  send: (values: z.infer<S>) => Promise<Result<unknown>>;
  submitLabel: string;
  doneMessage: string;
  onDone: (message: string | null) => void;
  /** The fields, given their errors. */
  children: (errors: FieldErrors) => ComponentChildren;
}

export function RowActionForm<S extends z.ZodType>({ id, title, schema, fields, send, submitLabel, doneMessage, onDone, children }: RowActionFormProps<S>) {
  const { t } = useOpsText();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = schema.safeParse(Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)));
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setBusy(true);
    const result = await send(parsed.data);
    setBusy(false);
    if (!result.ok) return setErrors(apiErrors(result.error, fields));
    onDone(doneMessage);
  }

  return (
    <CheckedForm check={errors} class="panel stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>{title}</h2>
      {children(errors.fields)}
      <FormError message={errors.form} />
      <div class="actions">
        <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : submitLabel}</BusyButton>
        <button type="button" onClick={() => onDone(null)} disabled={busy}>{t('cancel')}</button>
      </div>
    </CheckedForm>
  );
}
