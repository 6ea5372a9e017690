/** Staff sign in to the console with email and password (the session lives in `$session`). */
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { signInWithPassword } from '../../stores/session.ts';
import { useSectionText, useText } from '../use-text.ts';
import { Field, FormError } from './ui/Field.tsx';
import { zodErrors, type FieldErrors } from './ui/form-errors.ts';

export function SignInForm() {
  const { t: site } = useText();
  const { t } = useSectionText('staff');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const schema = z.object({
    email: z.string().trim().email(t('errorEmail')),
    password: z.string().min(1, t('errorRequired')),
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement));
    const parsed = schema.safeParse(form);
    setErrors(parsed.success ? {} : zodErrors(parsed.error));
    if (!parsed.success) return;
    setBusy(true);
    const result = await signInWithPassword(parsed.data.email, parsed.data.password);
    setBusy(false);
    setError(result.ok ? null : result.message);
  }

  return (
    <section aria-labelledby="console-title" class="console-narrow">
      <h1 id="console-title">{site('consoleSignInTitle')}</h1>
      <p>{t('signInIntro')}</p>
      <form class="stack" onSubmit={submit} noValidate>
        <Field id="console-email" label={site('emailLabel')} error={errors.email}>
          {(aria) => <input {...aria} name="email" type="email" autocomplete="username" required />}
        </Field>
        <Field id="console-password" label={site('passwordLabel')} error={errors.password}>
          {(aria) => <input {...aria} name="password" type="password" autocomplete="current-password" required />}
        </Field>
        <FormError message={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? site('signingIn') : site('consoleSignIn')}
        </button>
      </form>
    </section>
  );
}
