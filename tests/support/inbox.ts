/** Reads the dev inbox through Mailpit's JSON API, exactly as a script would against `supabase start`. */
import { stack } from './clients.ts';

interface MessageSummary {
  ID: string;
  To: { Address: string }[];
  Subject: string;
  Created: string;
}

/** The newest message to `email`, waiting briefly for it to arrive. */
export async function latestMessageTo(email: string, timeoutMs = 5_000): Promise<{ Subject: string; Text: string; HTML: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = (await (await fetch(`${stack().inboxUrl}/api/v1/messages`)).json()) as { messages: MessageSummary[] };
    const found = list.messages
      .filter((m) => m.To.some((to) => to.Address.toLowerCase() === email.toLowerCase()))
      .sort((a, b) => b.Created.localeCompare(a.Created))[0];
    if (found) return (await fetch(`${stack().inboxUrl}/api/v1/message/${found.ID}`)).json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No message to ${email} within ${timeoutMs} ms`);
}

/** The 6-digit code in the newest message to `email`. */
export async function latestOtpFor(email: string): Promise<string> {
  const message = await latestMessageTo(email);
  const code = /\b(\d{6})\b/.exec(message.Text)?.[1];
  if (!code) throw new Error(`No 6-digit code in "${message.Subject}"`);
  return code;
}
