/**
 * Returning members sign in with an e-mail code: the address, then the code. `onSignedIn` runs
 * once the session exists; the caller decides what a member or a non-member sees next. The
 * address's form and what it leads to (useCodeRequest, EmailCodeForm) are /login's too, under
 * that page's own heading.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { sendEmailCode } from '../../stores/session.ts';
import { BusyButton } from '../BusyButton.tsx';
import { focusRefusal, refusalScope } from '../form-focus.ts';
import { authRefusal } from '../member/refusals.ts';
import { useSectionText } from '../use-text.ts';
import { emailSchema } from './card-schema.ts';
import { CodeStep } from './CodeStep.tsx';
import { FormAlert, SentCodeOffer, TextField, useJoinForm, valuesOf } from './form.tsx';
import { refusedCodeSentAt } from './code-timing.ts';

const schema = z.object({ email: emailSchema });

/** An address a code went to, and when: the code step's. */
export interface SentCode {
  email: string;
  at: number;
}

/** Asking for a code: the address's form, the code sent (null while none is), and the code already sent a refusal offers. */
export function useCodeRequest() {
  const form = useJoinForm(schema, ['email']);
  const [sent, setSent] = useState<SentCode | null>(null);
  /** A new code refused for the address (one a minute): the code sent before still signs in. */
  const [offer, setOffer] = useState<SentCode | null>(null);

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

  function enterOffered() {
    setSent(offer);
    setOffer(null);
  }

  return { form, sent, setSent, offer, submit, enterOffered };
}

/** The address's form of a code request; `children` after its button (another way in). */
export function EmailCodeForm({ request, id, sendLabel, children }: {
  request: ReturnType<typeof useCodeRequest>;
  id: string;
  sendLabel: string;
  children?: ComponentChildren;
}) {
  const { t } = useSectionText('join');
  const { form, offer, submit, enterOffered } = request;
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <TextField id={id} name="email" type="email" label={t('email')} state={form.state} autocomplete="email" required />
      <FormAlert state={form.state} />
      {offer && <SentCodeOffer email={offer.email} onEnter={enterOffered} />}
      <BusyButton type="submit" busy={form.busy}>
        {form.busy ? t('sending') : sendLabel}
      </BusyButton>
      {children}
    </form>
  );
}

export function EmailSignIn({ onSignedIn, onJoinInstead, headingLevel = 2 }: {
  onSignedIn: () => Promise<void>;
  onJoinInstead?: () => void;
  /** 1 where the sign-in is its document's title (the widget frame), 2 under a page's h1. */
  headingLevel?: 1 | 2;
}) {
  const { t } = useSectionText('join');
  const request = useCodeRequest();
  const { sent, setSent } = request;
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

  return (
    <section aria-labelledby="sign-in-title">
      <Title id="sign-in-title" ref={heading} tabIndex={-1}>
        {t('signInTitle')}
      </Title>
      <p>{t('signInIntro')}</p>
      <EmailCodeForm request={request} id="sign-in-email" sendLabel={t('sendCode')}>
        {onJoinInstead && (
          <button type="button" class="link-button" onClick={onJoinInstead}>
            {t('joinInstead')}
          </button>
        )}
      </EmailCodeForm>
    </section>
  );
}
