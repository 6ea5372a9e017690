/**
 * The e-mails the auth stand-in sends, from the subjects and templates of supabase/config.toml
 * — the ones `supabase config push` installs on a hosted project — rendered as GoTrue renders
 * them (./go-template.ts), carrying the code, in text and HTML.
 */
import { renderTemplate, type TemplateData } from './go-template.ts';
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

/**
 * What GoTrue gives these templates, less what the stand-in has no value for (SiteURL,
 * ConfirmationURL, RedirectTo: ./go-template.ts refuses them). `Data` is the user's
 * user_metadata; TokenHash is given for sign-up, magic-link and e-mail change codes only.
 */
export interface TemplateValues {
  Token: string;
  TokenHash?: string;
  Email: string;
  NewEmail?: string;
  /** E-mail change: the address this one of the two messages goes to. */
  SendingTo?: string;
  Data: Record<string, unknown>;
}

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#43;/g, '+')
    .replace(/&amp;/g, '&');

/** The plain-text part: the template without tags, one paragraph per line. */
function plainText(html: string): string {
  return decodeEntities(html.replace(/<\/(h\d|p)>/g, '\n').replace(/<[^>]+>/g, '').replace(/\n{2,}/g, '\n').trim()) + '\n';
}

/**
 * The subject and HTML body as GoTrue renders them (hosted GoTrue sends the HTML only; the text
 * part is the dev inbox's convenience). A template GoTrue would fail to render throws here too.
 */
export function templateEmail(to: string, template: EmailTemplate, values: TemplateValues): OutgoingMail {
  const data = values as unknown as TemplateData;
  const html = renderTemplate(template.parsed.content, data);
  return { to, subject: renderTemplate(template.parsed.subject, data), text: plainText(html), html };
}
