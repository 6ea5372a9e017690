/**
 * The second step of joining and of signing in: the 6-digit code e-mailed to `email`. Signs in
 * (supabase-js keeps the session on the portal's origin only) and then calls `onVerified`.
 */
import { useEffect, useRef } from 'preact/hooks';
import { z } from 'zod';
import { isolate } from '../../i18n/format.ts';
import { verifyEmailCode } from '../../stores/session.ts';
import { authRefusal } from '../member/refusals.ts';
import { useSectionText } from '../use-text.ts';
import { codeSchema } from './card-schema.ts';
import { FormAlert, TextField, useJoinForm, valuesOf } from './form.tsx';

const schema = z.object({ code: codeSchema });

export interface CodeStepProps {
  email: string;
  /** The button's label: "Confirm and join" or "Sign in". */
  submitLabel: string;
  onVerified: () => Promise<void>;
  onChangeEmail: () => void;
  /** 1 where the step is its document's title (the widget frame), 2 under a page's h1. */
  headingLevel?: 1 | 2;
}

export function CodeStep({ email, submitLabel, onVerified, onChangeEmail, headingLevel = 2 }: CodeStepProps) {
  const { t } = useSectionText('join');
  const form = useJoinForm(schema, ['code']);
  const heading = useRef<HTMLHeadingElement>(null);
  const Title = `h${headingLevel}` as const;
  useEffect(() => heading.current?.focus(), []);

  function submit(event: SubmitEvent) {
    const values = form.check(valuesOf(event));
    if (!values) return;
    void form.run(async () => {
      const result = await verifyEmailCode(email, values.code);
      if (!result.ok) throw authRefusal(result);
      await onVerified();
    });
  }

  return (
    <section aria-labelledby="code-title">
      <Title id="code-title" ref={heading} tabIndex={-1}>
        {t('codeTitle')}
      </Title>
      <p role="status">{t('codeSent', { email: isolate(email) })}</p>
      <form class="stack" onSubmit={submit} noValidate>
        <TextField
          id="join-code"
          name="code"
          label={t('code')}
          state={form.state}
          inputMode="numeric"
          autocomplete="one-time-code"
          maxLength={6}
          required
        />
        <FormAlert state={form.state} />
        <button type="submit" disabled={form.busy}>
          {form.busy ? t('verifying') : submitLabel}
        </button>
        <button type="button" class="link-button" onClick={onChangeEmail}>
          {t('changeEmail')}
        </button>
      </form>
    </section>
  );
}
