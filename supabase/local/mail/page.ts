/**
 * A plain page listing the dev inbox. Message content is untrusted: every value is escaped,
 * bodies are shown as text only (never the HTML part), and the page allows no scripts.
 */
import type { StoredMessage } from './inbox.ts';

export const pageSecurityHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

function messageItem(message: StoredMessage): string {
  const to = message.To.map((a) => a.Address).join(', ');
  return `<li>
  <details>
    <summary><strong>${escapeHtml(message.Subject)}</strong> — to ${escapeHtml(to)},
      <time datetime="${escapeHtml(message.Created)}">${escapeHtml(message.Created)}</time></summary>
    <p>From ${escapeHtml(message.From.Name)} &lt;${escapeHtml(message.From.Address)}&gt;</p>
    <pre>${escapeHtml(message.Text)}</pre>
  </details>
</li>`;
}

export function inboxPage(messages: readonly StoredMessage[]): string {
  const list = messages.length === 0 ? '<p>No messages yet.</p>' : `<ol>\n${messages.map(messageItem).join('\n')}\n</ol>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev inbox (${messages.length})</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
  li { margin-block: 0.75rem; }
  summary { cursor: pointer; }
  pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.75rem; }
  :focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>Dev inbox</h1>
<p>E-mails the local stack has sent, newest first. Mailpit's JSON API is at <code>/api/v1/messages</code>.</p>
${list}
</main>
</body>
</html>
`;
}
