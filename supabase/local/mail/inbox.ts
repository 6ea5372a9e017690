/**
 * The dev inbox's store: every e-mail the local stack sends, newest first, in memory,
 * described with Mailpit's field names so scripts written for `supabase start` read it.
 */
import { randomBytes } from 'node:crypto';

export interface Address {
  Name: string;
  Address: string;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  from?: Address;
}

export interface StoredMessage {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  To: Address[];
  Subject: string;
  Created: string;
  Text: string;
  HTML: string;
  Size: number;
}

/** Who local auth e-mails come from in `supabase start`. */
const defaultSender: Address = { Name: 'Admin', Address: 'admin@email.com' };

/** Enough for any dev session or test run; older messages are dropped first. */
const capacity = 1000;

const snippetLength = 250;

export class MessageStore {
  #messages: StoredMessage[] = [];

  add(message: OutgoingMessage): StoredMessage {
    const id = randomBytes(16).toString('base64url');
    const stored: StoredMessage = {
      ID: id,
      MessageID: `${id}@cardclub.local`,
      Read: false,
      From: message.from ?? defaultSender,
      To: [{ Name: '', Address: message.to }],
      Subject: message.subject,
      Created: new Date().toISOString(),
      Text: message.text,
      HTML: message.html,
      Size: Buffer.byteLength(message.text) + Buffer.byteLength(message.html),
    };
    this.#messages.unshift(stored);
    this.#messages.length = Math.min(this.#messages.length, capacity);
    return stored;
  }

  /** Newest first. */
  all(): readonly StoredMessage[] {
    return this.#messages;
  }

  get(id: string): StoredMessage | undefined {
    return this.#messages.find((m) => m.ID === id);
  }

  /** Deletes the given messages, or all of them when no ids are given. */
  delete(ids?: readonly string[]): void {
    this.#messages = ids ? this.#messages.filter((m) => !ids.includes(m.ID)) : [];
  }
}

/** Mailpit's message summary: everything but the bodies, plus a plain-text snippet. */
export function summary(message: StoredMessage): Record<string, unknown> {
  const { Text, HTML, ...rest } = message;
  return {
    ...rest,
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    Tags: [],
    Attachments: 0,
    Snippet: Text.replace(/\s+/g, ' ').trim().slice(0, snippetLength),
  };
}

/** Mailpit's full message. */
export function detail(message: StoredMessage): Record<string, unknown> {
  return {
    ...message,
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    ReturnPath: message.From.Address,
    Date: message.Created,
    Tags: [],
    Inline: [],
    Attachments: [],
  };
}

type Filter = (message: StoredMessage) => boolean;

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());
const addresses = (list: Address[]) => list.map((a) => `${a.Name} <${a.Address}>`).join(' ');

/**
 * The part of Mailpit's search syntax scripts use: `to:`, `from:`, `subject:`, `is:read`,
 * `is:unread` and bare words, values optionally "quoted"; every term must match.
 */
export function parseSearch(query: string): Filter {
  const filters: Filter[] = [];
  for (const [, key, quoted, plain] of query.matchAll(/(?:(\w+):)?(?:"([^"]*)"|(\S+))/g)) {
    const value = quoted ?? plain ?? '';
    switch (key?.toLowerCase()) {
      case 'to':
        filters.push((m) => contains(addresses(m.To), value));
        break;
      case 'from':
        filters.push((m) => contains(addresses([m.From]), value));
        break;
      case 'subject':
        filters.push((m) => contains(m.Subject, value));
        break;
      case 'is':
        filters.push((m) => (value.toLowerCase() === 'read' ? m.Read : !m.Read));
        break;
      default: {
        const word = key ? `${key}:${value}` : value;
        filters.push((m) => contains(`${m.Subject} ${m.Text} ${addresses(m.To)} ${addresses([m.From])}`, word));
      }
    }
  }
  return (message) => filters.every((matches) => matches(message));
}
