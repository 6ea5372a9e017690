/**
 * Returning members sign in with an e-mail code: the address, then the code. `onSignedIn` runs
 * once the session exists; the caller decides what a member or a non-member sees next.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { sendEmailCode } from '../../stores/session.ts';
import { focusRefusal, refusalScope } from '../form-focus.ts';
import { authRefusal } from '../member/refusals.ts';
import { useSectionText } from '../use-text.ts';
import { emailSchema } from './card-schema.ts';
import { CodeStep } from './CodeStep.tsx';
import { FormAlert, SentCodeOffer, TextField, useJoinForm, valuesOf } from './form.tsx';
import { refusedCodeSentAt } from './pending.ts';

const schema = z.object({ email: emailSchema });

export function EmailSignIn({ onSignedIn, onJoinInstead, headingLevel = 2 }: {
  onSignedIn: () => Promise<void>;
  onJoinInstead?: () => void;
  /** 1 where the sign-in is its document's title (the widget frame), 2 under a page's h1. */
  headingLevel?: 1 | 2;
}) {
  const { t } = useSectionText('join');
  const form = useJoinForm(schema, ['email']);
  /** The address a code went to, and when: the code step's. */
  const [sent, setSent] = useState<{ email: string; at: number } | null>(null);
  /** A new code refused for the address (one a minute): the code sent before still signs in. */
  const [offer, setOffer] = useState<{ email: string; at: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const Title = `h${headingLevel}` as const;
  const signingIn = sent !== null;
  useEffect(() => {
    if (!signingIn) heading.current?.focus();
  }, [signingIn]);

  if (sent !== null) {
    return (
      <CodeStep
        headingLevel={headingLevel}
        email={sent.email}
        sentAt={sent.at}
        onSent={(at) => setSent({ email: sent.email, at })}
        submitLabel={t('verify')}
        onVerified={onSignedIn}
        onChangeEmail={() => setSent(null)}
      />
    );
  }

  function submit(event: SubmitEvent) {
    const values = form.check(valuesOf(event));
    if (!values) return;
    setOffer(null);
    const scope = refusalScope();
    void form.run(async () => {
      const result = await sendEmailCode(values.email);
      if (!result.ok && result.code === 'over_email_send_rate_limit') {
        // As the join card does: not a dead end when the inbox holds a code for this address.
        setOffer({ email: values.email, at: refusedCodeSentAt(result) });
        focusRefusal(scope);
        return;
      }
      if (!result.ok) throw authRefusal(result);
      setSent({ email: values.email, at: Date.now() });
    });
  }

  return (
    <section aria-labelledby="sign-in-title">
      <Title id="sign-in-title" ref={heading} tabIndex={-1}>
        {t('signInTitle')}
      </Title>
      <p>{t('signInIntro')}</p>
      <form class="stack" onSubmit={submit} noValidate>
        <TextField id="sign-in-email" name="email" type="email" label={t('email')} state={form.state} autocomplete="email" required />
        <FormAlert state={form.state} />
        {offer && <SentCodeOffer email={offer.email} onEnter={() => { setOffer(null); setSent(offer); }} />}
        <button type="submit" disabled={form.busy}>
          {form.busy ? t('sending') : t('sendCode')}
        </button>
        {onJoinInstead && (
          <button type="button" class="link-button" onClick={onJoinInstead}>
            {t('joinInstead')}
          </button>
        )}
      </form>
    </section>
  );
}
