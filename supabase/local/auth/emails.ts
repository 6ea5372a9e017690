/**
 * The e-mails the auth stand-in sends, worded like Supabase's default templates
 * ("Confirm Your Signup", "Your Magic Link") and carrying the 6-digit code in text and HTML.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where sign-in e-mails go: the dev inbox locally, any transport elsewhere. */
export interface Mailer {
  deliver(mail: OutgoingMail): void | Promise<void>;
}

/** What a code signs the user into: a new address is confirmed, a known one signs in. */
export type CodePurpose = 'signup' | 'magiclink';

const subjects: Record<CodePurpose, string> = {
  signup: 'Confirm Your Signup',
  magiclink: 'Your Magic Link',
};

const headings: Record<CodePurpose, string> = {
  signup: 'Confirm your signup',
  magiclink: 'Your sign-in code',
};

export function codeEmail(to: string, purpose: CodePurpose, code: string, ttlSeconds: number): OutgoingMail {
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  const validity = `It expires in ${minutes} minute${minutes === 1 ? '' : 's'} and works once.`;
  // `code` is six digits generated here, the only variable part of the HTML.
  return {
    to,
    subject: subjects[purpose],
    text: `${headings[purpose]}\n\nYour code is ${code}\n\n${validity} If you did not ask for it, ignore this e-mail.\n`,
    html:
      `<h2>${headings[purpose]}</h2>\n<p>Your code is <strong>${code}</strong></p>\n` +
      `<p>${validity} If you did not ask for it, ignore this e-mail.</p>\n`,
  };
}
