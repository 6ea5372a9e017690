/** The dev inbox the auth stand-in mails codes to: Mailpit's JSON API and a page safe for untrusted mail. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInbox } from '../../supabase/local/mail/index.ts';
import { parseSearch, MessageStore } from '../../supabase/local/mail/inbox.ts';

describe('inbox search', () => {
  const store = new MessageStore();
  const ana = store.add({ to: 'ana@example.test', subject: 'Your Magic Link', text: 'Your code is 123456', html: '' });
  const bo = store.add({ to: 'bo@example.test', subject: 'Confirm Your Signup', text: 'Your code is 654321', html: '' });
  const search = (query: string) => store.all().filter(parseSearch(query)).map((m) => m.ID);

  it('matches to:, subject: with quotes, bare words, and every term at once', () => {
    expect(search('to:ana@example.test')).toEqual([ana.ID]);
    expect(search('subject:"Confirm Your"')).toEqual([bo.ID]);
    expect(search('654321')).toEqual([bo.ID]);
    expect(search('to:example.test magic')).toEqual([ana.ID]);
    expect(search('')).toEqual([bo.ID, ana.ID]);
  });
});

describe('inbox over HTTP', () => {
  const inbox = createInbox();
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => void inbox.handler(req, res, new URL(req.url ?? '/', 'http://inbox').pathname));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  // Each test counts from an empty inbox, whichever test ran before it.
  beforeEach(async () => {
    await fetch(`${base}/api/v1/messages`, { method: 'DELETE' });
  });

  it("answers Mailpit's list, message and delete calls", async () => {
    inbox.deliver({ to: 'a@example.test', subject: 'One', text: 'Your code is 111111', html: '<p>111111</p>' });
    inbox.deliver({ to: 'b@example.test', subject: 'Two', text: 'Your code is 222222', html: '<p>222222</p>' });

    const list = await (await fetch(`${base}/api/v1/messages`)).json();
    expect(list).toMatchObject({ total: 2, messages_count: 2, count: 2 });
    expect(list.messages[0]).toMatchObject({ Subject: 'Two', To: [{ Name: '', Address: 'b@example.test' }], Snippet: 'Your code is 222222' });
    expect(list.messages[0].From).toEqual({ Name: 'Admin', Address: 'admin@email.com' });
    expect(list.messages[0]).not.toHaveProperty('Text');

    const found = await (await fetch(`${base}/api/v1/search?query=${encodeURIComponent('to:a@example.test')}`)).json();
    expect(found.messages.map((m: { Subject: string }) => m.Subject)).toEqual(['One']);
    const message = await (await fetch(`${base}/api/v1/message/${found.messages[0].ID}`)).json();
    expect(message).toMatchObject({ Subject: 'One', Text: 'Your code is 111111', HTML: '<p>111111</p>', Read: true });

    const removeOne = await fetch(`${base}/api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [found.messages[0].ID] }) });
    expect(removeOne.status).toBe(200);
    expect(inbox.messages().map((m) => m.Subject)).toEqual(['Two']);
    expect((await fetch(`${base}/api/v1/messages`, { method: 'DELETE', body: '{' })).status).toBe(400);
    await fetch(`${base}/api/v1/messages`, { method: 'DELETE' });
    expect(inbox.messages()).toEqual([]);
    expect((await fetch(`${base}/api/v1/message/nope`)).status).toBe(404);
  });

  it('escapes message content on the page and forbids scripts', async () => {
    inbox.deliver({ to: 'x@example.test', subject: '<script>alert(1)</script>', text: '<img src=x onerror=alert(1)>', html: '<b>hi</b>' });
    const response = await fetch(`${base}/`);
    const page = await response.text();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>hi</b>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toMatch(/<html lang="en">/);
  });
});
