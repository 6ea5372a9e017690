/** Reads the dev inbox through Mailpit's JSON API, exactly as a script would against `supabase start`. */
import { readAuthSettings } from '../../supabase/local/auth/settings.ts';
import { sql, stack } from './clients.ts';

interface MessageSummary {
  ID: string;
  To: { Address: string }[];
  Subject: string;
  Created: string;
}

export interface Message {
  Subject: string;
  Text: string;
  HTML: string;
}

/** Every message to `email`, newest first (Mailpit's search, so other tests' mail cannot crowd it out). */
export async function messagesTo(email: string, inboxUrl = stack().inboxUrl): Promise<MessageSummary[]> {
  const query = encodeURIComponent(`to:${email}`);
  const list = (await (await fetch(`${inboxUrl}/api/v1/search?query=${query}&limit=1000`)).json()) as { messages: MessageSummary[] };
  return list.messages
    .filter((m) => m.To.some((to) => to.Address.toLowerCase() === email.toLowerCase()))
    .sort((a, b) => b.Created.localeCompare(a.Created));
}

/** The newest message to `email` (with this subject, if given), waiting briefly for it to arrive. */
export async function latestMessageTo(email: string, options: { subject?: string | undefined; timeoutMs?: number } = {}): Promise<Message> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await messagesTo(email)).find((m) => options.subject === undefined || m.Subject === options.subject);
    if (found) return (await fetch(`${stack().inboxUrl}/api/v1/message/${found.ID}`)).json() as Promise<Message>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No message${options.subject ? ` "${options.subject}"` : ''} to ${email} within ${timeoutMs} ms`);
}

/** The code in a message: in every language the templates set it in bold, `<strong>123456</strong>`. */
export function codeIn(message: Message): string {
  const code = /<strong>(\d{6,10})<\/strong>/.exec(message.HTML)?.[1];
  if (!code) throw new Error(`No code in "${message.Subject}"`);
  return code;
}

/** The code in the newest message to `email` (with this subject, if given). */
export async function latestOtpFor(email: string, subject?: string): Promise<string> {
  return codeIn(await latestMessageTo(email, { subject }));
}

const { maxFrequencySeconds } = readAuthSettings().email;

/**
 * Lets the next code to `email` be requested at once instead of after max_frequency: moves back
 * the times GoTrue checks (confirmation_sent_at and the like), as if the last one were older.
 */
export async function allowNextCode(email: string): Promise<void> {
  const back = `make_interval(secs => ${maxFrequencySeconds + 1})`;
  await sql(
    `update auth.users set confirmation_sent_at = confirmation_sent_at - ${back}, recovery_sent_at = recovery_sent_at - ${back},
       email_change_sent_at = email_change_sent_at - ${back}, reauthentication_sent_at = reauthentication_sent_at - ${back}
     where email = $1 or email_change = $1`,
    [email],
  );
}
