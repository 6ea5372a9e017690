/**
 * The exchange in progress, kept in the portal origin's localStorage so that neither the card as
 * typed nor the code step is lost when the page goes: phones reload a tab the buyer left for the
 * mail app, and a buyer coming back from WeChat or the mail app often opens the shop in a new tab;
 * the code in the inbox could then be entered nowhere (a new one is refused for a minute) and the
 * card would be typed again. Kept per store on the portal's origin — in the widget, the frame's,
 * where the session lives too, never the merchant's page (docs/security.md) — for as long as the
 * code lives, and dropped once the buyer has joined or signs out (pending-key.ts).
 */
import { z } from 'zod';
import { cardFields, cardSchema, type Card } from './card-schema.ts';
import { codeLifetimeMs } from './code-timing.ts';
import { pendingKey } from './pending-key.ts';

const storedSchema = z.object({
  /** When this was last written, in ms since the epoch. */
  savedAt: z.number(),
  /** The card's fields as typed, by name; the consent "yes" when ticked (FormData's shape). */
  draft: z.partialRecord(z.enum(cardFields), z.string()),
  /** The last code sent for this exchange; `waiting` while the buyer is on its step. */
  sent: z.object({ email: z.string(), at: z.number(), waiting: z.boolean() }).nullable(),
});

export type Pending = Omit<z.infer<typeof storedSchema>, 'savedAt'>;
export type Draft = Pending['draft'];
export type Sent = NonNullable<Pending['sent']>;

/** The form's strings as the card schema reads them. */
export const cardInput = (draft: Draft) => ({ ...draft, contact_consent: draft.contact_consent === 'yes' });

/**
 * The exchange in progress at `slug` in this browser, without a code that has expired; null when
 * none is. One left alone past the code's lifetime, or unreadable, is dropped.
 */
export function readPending(slug: string, now = Date.now()): Pending | null {
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(pendingKey(slug)) ?? 'null');
  } catch {
    // Storage refused (a frame given none), or not JSON.
    stored = undefined;
  }
  const parsed = storedSchema.safeParse(stored);
  if (!parsed.success || parsed.data.savedAt + codeLifetimeMs <= now) {
    clearPending(slug);
    return null;
  }
  const { draft, sent } = parsed.data;
  return { draft, sent: sent && sent.at + codeLifetimeMs > now ? sent : null };
}

export function savePending(slug: string, pending: Pending): void {
  try {
    localStorage.setItem(pendingKey(slug), JSON.stringify({ ...pending, savedAt: Date.now() }));
  } catch {
    // Storage refused: the exchange still works, it only does not outlive the page.
  }
}

export function clearPending(slug: string): void {
  try {
    localStorage.removeItem(pendingKey(slug));
  } catch {
    // Nothing was kept.
  }
}

/** The card whose code the buyer was waiting for, to show its step again; null when there is none. */
export function waitingCard({ draft, sent }: Pending): Card | null {
  if (!sent?.waiting) return null;
  const card = cardSchema.safeParse(cardInput(draft));
  return card.success && sameAddress(card.data.email, sent.email) ? card.data : null;
}

/** Whether `sent` is a code, still alive, to `email`. */
export function codeLivesFor(sent: Sent | null, email: string, now = Date.now()): sent is Sent {
  return !!sent && sent.at + codeLifetimeMs > now && sameAddress(sent.email, email);
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
