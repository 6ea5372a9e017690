/**
 * The e-mails the auth stand-in sends, from the subjects and templates of supabase/config.toml
 * — the ones `supabase config push` installs on a hosted project — carrying the code, in text
 * and HTML.
 */
import type { EmailTemplate } from './settings.ts';

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

/** What GoTrue's templates may name: the code, the user's address and the address asked for. */
export interface TemplateValues {
  Token: string;
  Email: string;
  NewEmail?: string;
}

/** As Go's html/template does for text in HTML: a quote or bracket in an address stays text. */
const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

const decodeEntities = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The plain-text part: the template without tags, one paragraph per line. */
function plainText(html: string): string {
  return decodeEntities(html.replace(/<\/(h\d|p)>/g, '\n').replace(/<[^>]+>/g, '').replace(/\n{2,}/g, '\n').trim()) + '\n';
}

export function templateEmail(to: string, template: EmailTemplate, values: TemplateValues): OutgoingMail {
  const html = template.content.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    return value === undefined ? whole : escapeHtml(value);
  });
  return { to, subject: template.subject, text: plainText(html), html };
}
