/**
 * The second step of joining and of signing in: the 6-digit code e-mailed to `email`. Signs in
 * (supabase-js keeps the session on the portal's origin only) and then calls `onVerified`. A new
 * code may be asked for here once the auth server's minute since the last one has passed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { formatNumber, interpolateParts } from '../../i18n/format.ts';
import { BusyButton } from '../BusyButton.tsx';
import { pluralKey } from '../../i18n/plural.ts';
import { verifyEmailCode } from '../../stores/session.ts';
import { emailAddress } from '../email-address.tsx';
import { authRefusal, refusalMessage } from '../member/refusals.ts';
import { useSectionText } from '../use-text.ts';
import { codeSchema } from './card-schema.ts';
import { FormAlert, TextField, useJoinForm, valuesOf } from './form.tsx';
import { clearForNewCode, ResendCode, useCodeResend } from '../ResendCode.tsx';

const schema = z.object({ code: codeSchema });

export interface CodeStepProps {
  email: string;
  /** When the last code to `email` went out (ms since the epoch): a new one may be asked for a minute after. */
  sentAt: number;
  /** A newer code went out at `at`: sent from here, or one the auth server's refusal says another tab sent. */
  onSent: (at: number) => void;
  /** The button's label: "Confirm and join" or "Sign in". */
  submitLabel: string;
  onVerified: () => Promise<void>;
  onChangeEmail: () => void;
  /** 1 where the step is its document's title (the widget frame), 2 under a page's h1. */
  headingLevel?: 1 | 2;
}

export function CodeStep({ email, sentAt, onSent, submitLabel, onVerified, onChangeEmail, headingLevel = 2 }: CodeStepProps) {
  const { t, locale } = useSectionText('join');
  const member = useSectionText('member').t;
  const form = useJoinForm(schema, ['code']);
  const heading = useRef<HTMLHeadingElement>(null);
  const Title = `h${headingLevel}` as const;
  /** Codes sent from this step: each one's sentence is announced anew, though the words repeat. */
  const [resent, setResent] = useState(0);
  const section = useRef<HTMLElement>(null);
  const { wait, resending, refusal: resendRefusal, resend } = useCodeResend({
    email,
    sentAt,
    onSent,
    onResent() {
      form.reset();
      setResent((count) => count + 1);
      clearForNewCode(section.current?.querySelector<HTMLInputElement>('input[name="code"]'), section.current);
    },
    refusals: {
      wait: (seconds) => interpolateParts(t(pluralKey('resendRefused', seconds, locale)), { email: emailAddress('email', email), seconds: formatNumber(seconds, locale) }),
      refused: (result) => refusalMessage(authRefusal(result), member, locale),
      failed: (error) => refusalMessage(error, member, locale),
    },
  });
  // The step's heading takes the focus once drawn: the form the reader acted in is gone, and the
  // status line below, drawn already filled, is seldom announced; the heading says where they are.
  useEffect(() => {
    heading.current?.focus();
  }, []);

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
    <section aria-labelledby="code-title" ref={section}>
      <Title id="code-title" ref={heading} tabIndex={-1}>
        {t('codeTitle')}
      </Title>
      <p role="status">
        <span key={resent}>{interpolateParts(t(resent ? 'codeResent' : 'codeSent'), { email: emailAddress('email', email) })}</span>
      </p>
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
        {/* Not while a new code is on its way: the one typed is about to stop working. */}
        <BusyButton type="submit" busy={form.busy || resending}>
          {form.busy ? t('verifying') : submitLabel}
        </BusyButton>
        <ResendCode
          id="resend-wait"
          wait={wait}
          waitHint={t(pluralKey('resendWait', wait, locale), { seconds: formatNumber(wait, locale) })}
          resending={resending}
          busy={form.busy}
          label={t('resendCode')}
          sendingLabel={t('sending')}
          refusal={resendRefusal}
          onResend={() => void resend()}
        />
        <button type="button" class="link-button" onClick={onChangeEmail}>
          {t('changeEmail')}
        </button>
      </form>
    </section>
  );
}
