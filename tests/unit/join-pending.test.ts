/**
 * The exchange in progress as the browser keeps it across a reload or a new tab
 * (src/components/join/pending.ts, code-timing.ts): read back only in the shape written and only while the code
 * lives, the code step given back only for the card its code went to, forgotten on sign-out; a
 * new code asked for once the auth server's minute since the last is over.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeIntervalMs, codeLifetimeMs, refusedCodeSentAt, resendWaitSeconds } from '../../src/components/join/code-timing.ts';
import { codeLivesFor, readPending, savePending, waitingCard, type Pending } from '../../src/components/join/pending.ts';
import { forgetPendingJoins, hasPending, pendingKey } from '../../src/components/join/pending-key.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { formatDuration, interpolate } from '../../src/i18n/format.ts';
import { locales, type Locale } from '../../src/i18n/locales.ts';
import { readAuthSettings } from '../../supabase/local/auth/settings.ts';

/** The origin's localStorage: what the browser keeps, a string per key. */
class OriginStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key = (index: number) => [...this.items.keys()][index] ?? null;
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, String(value));
  removeItem = (key: string) => void this.items.delete(key);
}

const draft = { full_name: 'Ana García', company_name: 'Salon Supply S.L.', email: 'Ana@Salon.example', whatsapp: '+34 600 123 456', country: 'ES', product_categories: '', contact_consent: 'yes' };
const sentAt = Date.parse('2026-12-04T10:00:00Z');
const waiting: Pending = { draft, sent: { email: 'Ana@Salon.example', at: sentAt, waiting: true } };

let storage: OriginStorage;
beforeEach(() => {
  storage = new OriginStorage();
  vi.stubGlobal('localStorage', storage);
  vi.useFakeTimers({ now: sentAt, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the exchange kept across a reload or a new tab', () => {
  it('lives as long as supabase/config.toml says a code does', () => {
    expect(codeLifetimeMs).toBe(readAuthSettings().email.otpExpirySeconds * 1000);
    // As the console's code step says it ("It works for 1 hour"): "a few minutes" sent codes of an hour.
    const said = (locale: Locale) => interpolate(catalogues[locale].site.loginCodeSent, { email: 'ana@salon.example', duration: formatDuration(codeLifetimeMs, locale) });
    expect(locales.map(said)).toEqual(['We sent a code to ana@salon.example. It works for 1 hour.', '验证码已发送至ana@salon.example，1小时内有效。', 'Enviamos un código a ana@salon.example. Es válido durante 1 hora.']);
  });

  it('gives the code step back with the card as typed, consent included', () => {
    savePending('demo-wigs', waiting);
    expect(hasPending('demo-wigs')).toBe(true);
    expect(hasPending('other-store')).toBe(false);
    const read = readPending('demo-wigs', sentAt + 5 * 60_000);
    expect(read).toEqual(waiting);
    expect(waitingCard(read!)).toMatchObject({ full_name: 'Ana García', email: 'Ana@Salon.example', contact_consent: true, product_categories: [] });
  });

  it('keeps a card typed but not sent, with no code step', () => {
    savePending('demo-wigs', { draft: { full_name: 'Ana' }, sent: null });
    const read = readPending('demo-wigs');
    expect(read).toEqual({ draft: { full_name: 'Ana' }, sent: null });
    expect(waitingCard(read!)).toBeNull();
  });

  it('gives no code step once its code has expired, keeping the card typed since', () => {
    savePending('demo-wigs', waiting);
    vi.setSystemTime(sentAt + codeLifetimeMs - 60_000);
    savePending('demo-wigs', { ...waiting, draft: { ...draft, industry: 'Salons' } });
    const read = readPending('demo-wigs', sentAt + codeLifetimeMs);
    expect(read).toEqual({ draft: { ...draft, industry: 'Salons' }, sent: null });
  });

  it('drops a card left alone for the code\'s lifetime', () => {
    savePending('demo-wigs', waiting);
    expect(readPending('demo-wigs', sentAt + codeLifetimeMs - 1)).not.toBeNull();
    expect(readPending('demo-wigs', sentAt + codeLifetimeMs)).toBeNull();
    expect(storage.items.has(pendingKey('demo-wigs'))).toBe(false);
  });

  it('drops what is not in the shape it writes', () => {
    const stored = { savedAt: sentAt, draft, sent: waiting.sent };
    for (const written of [
      '{not json',
      JSON.stringify({ ...stored, savedAt: String(sentAt) }),
      JSON.stringify({ ...stored, draft: { ...draft, password: 'x' } }),
      JSON.stringify({ ...stored, draft: { ...draft, full_name: 42 } }),
      JSON.stringify({ ...stored, sent: { email: draft.email, at: sentAt } }),
      JSON.stringify([stored]),
    ]) {
      storage.items.set(pendingKey('demo-wigs'), written);
      expect(readPending('demo-wigs'), written).toBeNull();
      expect(storage.items.has(pendingKey('demo-wigs')), written).toBe(false);
    }
  });

  it('gives the code step only for a card that still checks and went to the address the code did', () => {
    expect(waitingCard({ ...waiting, sent: { ...waiting.sent!, waiting: false } })).toBeNull();
    expect(waitingCard({ ...waiting, sent: { ...waiting.sent!, email: 'other@salon.example' } })).toBeNull();
    expect(waitingCard({ ...waiting, draft: { ...draft, country: 'Spain' } })).toBeNull();
    expect(waitingCard({ ...waiting, sent: { ...waiting.sent!, email: ' ana@salon.EXAMPLE' } })).not.toBeNull();
  });

  it('knows a code still alive for an address, however it is spelled', () => {
    expect(codeLivesFor(waiting.sent, 'ana@salon.example ', sentAt + 60_000)).toBe(true);
    expect(codeLivesFor(waiting.sent, 'ana@salon.example', sentAt + codeLifetimeMs)).toBe(false);
    expect(codeLivesFor(waiting.sent, 'other@salon.example', sentAt + 60_000)).toBe(false);
    expect(codeLivesFor(null, 'ana@salon.example')).toBe(false);
  });

  it('works on without storage where the browser refuses it', () => {
    const refused = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { get length() { return refused(); }, key: refused, getItem: refused, setItem: refused, removeItem: refused });
    expect(() => savePending('demo-wigs', waiting)).not.toThrow();
    expect(readPending('demo-wigs')).toBeNull();
    expect(hasPending('demo-wigs')).toBe(false);
    expect(() => forgetPendingJoins()).not.toThrow();
  });

  it('forgets every store\'s exchange on sign-out, and nothing else the origin keeps', () => {
    savePending('demo-wigs', waiting);
    savePending('other-store', { draft: { full_name: 'Ana' }, sent: null });
    storage.setItem('sb-127-auth-token', '{}');
    storage.setItem('cardclub.posts.seen.demo-wigs', '2026-12-01T00:00:00Z');
    forgetPendingJoins();
    expect([...storage.items.keys()]).toEqual(['sb-127-auth-token', 'cardclub.posts.seen.demo-wigs']);
    expect(readPending('demo-wigs')).toBeNull();
  });
});

describe('a new code on the code step', () => {
  const refused = (message: string) => ({ ok: false as const, message, code: 'over_email_send_rate_limit', status: 429 });

  it('waits as long as supabase/config.toml says between two codes to an address', () => {
    expect(codeIntervalMs).toBe(readAuthSettings().email.maxFrequencySeconds * 1000);
  });

  it('counts the wait down in whole seconds from the last code sent, to none', () => {
    expect(resendWaitSeconds(sentAt, sentAt)).toBe(60);
    expect(resendWaitSeconds(sentAt, sentAt + 1)).toBe(60);
    expect(resendWaitSeconds(sentAt, sentAt + 59_001)).toBe(1);
    expect(resendWaitSeconds(sentAt, sentAt + 60_000)).toBe(0);
    expect(resendWaitSeconds(sentAt, sentAt + 3_600_000)).toBe(0);
  });

  it('dates the code a refusal stands behind from the wait the auth server names, else from now', () => {
    const now = sentAt + 10_000;
    const behind = refusedCodeSentAt(refused('For security purposes, you can only request this after 42 seconds.'), now);
    expect(behind).toBe(now - 18_000);
    expect(resendWaitSeconds(behind, now)).toBe(42);
    // The project's e-mails spent for the hour: the same error code, no wait named.
    expect(refusedCodeSentAt(refused('email rate limit exceeded'), now)).toBe(now);
  });
});
