import { readFileSync } from 'node:fs';

/**
 * The e-mails the auth stand-in sends, with Supabase's default subjects
 * ("Confirm Your Signup", "Your Magic Link") and the project's templates carrying the 6-digit
 * code, in text and HTML.
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

/**
 * The same templates `supabase config push` installs on a hosted project
 * (supabase/templates), so local mail reads as production mail does.
 */
const templates: Record<CodePurpose, string> = {
  signup: readFileSync(new URL('../../templates/confirmation.html', import.meta.url), 'utf8'),
  magiclink: readFileSync(new URL('../../templates/magic_link.html', import.meta.url), 'utf8'),
};

/** The plain-text part: the template without tags, one paragraph per line. */
function plainText(html: string): string {
  return html.replace(/<\/(h\d|p)>/g, '\n').replace(/<[^>]+>/g, '').replace(/\n{2,}/g, '\n').trim() + '\n';
}

export function codeEmail(to: string, purpose: CodePurpose, code: string): OutgoingMail {
  // `code` is six digits generated here, the only variable part of the HTML.
  const html = templates[purpose].replaceAll('{{ .Token }}', code);
  return { to, subject: subjects[purpose], text: plainText(html), html };
}
