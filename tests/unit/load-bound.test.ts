import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { failedLoadSentence } from '../../src/components/console/ui/refusals.ts';
import { loadBound, loadTimedOut, thrownError, withinBound } from '../../src/components/console/ui/use-load.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { ApiFailure, orThrow, parse } from '../../src/lib/console/result.ts';
import { publicRpc, publicSelect, readBound } from '../../src/lib/public-api.ts';
import { boundedReads } from '../../src/lib/supabase.ts';

describe('withinBound: a console read has loadBound to answer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('fails a read with no answer once the bound has passed, said as no answer in time', async () => {
    const stalled = withinBound(() => new Promise<never>(() => {}));
    const failed = stalled.then(() => null, thrownError);
    await vi.advanceTimersByTimeAsync(loadBound - 1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await failed).toEqual({ code: loadTimedOut, message: 'No answer within 30 s' });
  });

  it('gives an answer within the bound as it came, and leaves no timer behind', async () => {
    await expect(withinBound(() => Promise.resolve('rows'))).resolves.toBe('rows');
    await expect(withinBound(() => Promise.reject(new Error('Failed to fetch'))).catch(thrownError)).resolves.toEqual({ message: 'Failed to fetch' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('boundedReads: a stalled GET is ended once a read\'s bound has passed', () => {
  const sent: { method: string; signal: AbortSignal | null | undefined }[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    sent.length = 0;
    // A request the network never answers: it ends only when its signal is aborted.
    vi.stubGlobal('fetch', (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ method: init?.method ?? 'GET', signal: init?.signal });
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('aborts a GET or HEAD with no answer at the bound, and leaves a write and a caller\'s own signal alone', async () => {
    const read = boundedReads('https://api.test/rest/v1/coupons?select=*');
    const head = boundedReads('https://api.test/rest/v1/members', { method: 'HEAD' });
    const ended = Promise.allSettled([read, head]);
    void boundedReads('https://api.test/rest/v1/rpc/import_orders', { method: 'POST' });
    const own = new AbortController();
    void boundedReads('https://api.test/rest/v1/tiers', { signal: own.signal });
    await vi.advanceTimersByTimeAsync(loadBound - 1);
    expect(sent.map(({ signal }) => signal?.aborted ?? null)).toEqual([false, false, null, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await ended).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(sent.map(({ signal }) => signal?.aborted ?? null)).toEqual([true, true, null, false]);
    expect(sent[3]!.signal).toBe(own.signal);
  });
});

describe('the member pages\' reads (public-api.ts) end once a read\'s bound has passed', () => {
  const signals: AbortSignal[] = [];
  let answer: Response | null = null;
  beforeEach(() => {
    vi.useFakeTimers();
    signals.length = 0;
    answer = null;
    vi.stubGlobal('fetch', (_input: RequestInfo | URL, init?: RequestInit) => {
      signals.push(init!.signal!);
      if (answer) return Promise.resolve(answer);
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('fails a function\'s read or a table\'s with no answer at the bound, where the page said "Loading…" for good', async () => {
    const ended = Promise.allSettled([
      publicRpc('my_membership', { p_store_slug: 'demo-wigs' }, { token: 'a-token' }),
      publicSelect('inquiries', { token: 'a-token', params: { select: 'id' } }),
    ]);
    await vi.advanceTimersByTimeAsync(readBound - 1);
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await ended).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  it('gives an answer within the bound as it came, and leaves no timer behind', async () => {
    answer = new Response(JSON.stringify([{ id: 1 }]), { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(publicSelect('inquiries', { params: { select: 'id' } })).resolves.toEqual([{ id: 1 }]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a failed load said as what happened, in the page\'s language', () => {
  const said = (error: Parameters<typeof failedLoadSentence>[0], locale: Locale = 'en') => failedLoadSentence(error, translator(catalogues[locale].staff), locale);
  /** What a loader throws for a supabase-js answer (orThrow of parse), as useLoad keeps it. */
  const thrown = (answer: { data: unknown; error: { message: string; code?: string } | null; status: number }) => {
    try {
      orThrow(parse(z.array(z.object({ id: z.uuid() })), answer));
    } catch (error) {
      expect(error).toBeInstanceOf(ApiFailure);
      return thrownError(error);
    }
    throw new Error('the answer was read');
  };

  it('says a 5xx answer with no refusal of its own as the service\'s problem, not the connection', () => {
    // supabase-js's answer to a gateway's 502 (its text as the message) and an empty 503.
    const gateway = thrown({ data: null, error: { message: 'Bad Gateway' }, status: 502 });
    expect(gateway).toMatchObject({ status: 502 });
    expect(said(gateway)).toBe('The service had a problem. Try again in a minute.');
    expect(said(thrown({ data: null, error: {} as { message: string }, status: 503 }), 'zh-CN')).toBe('服务出了问题。请过一分钟再试。');
    expect(said(thrown({ data: null, error: {} as { message: string }, status: 503 }), 'es')).toBe('El servicio tuvo un problema. Inténtalo de nuevo dentro de un minuto.');
    // With a code the console does not know: the code too, which support needs.
    expect(said({ message: 'internal', code: 'XX000', status: 500 }, 'es')).toBe('El servicio tuvo un problema (error XX000). Inténtalo de nuevo dentro de un minuto; si vuelve a ocurrir, da el código de error al soporte.');
    expect(said({ message: 'internal', code: 'XX000', status: 500 }, 'zh-CN')).toBe('服务出了问题（错误XX000）。请过一分钟再试；如果再次出现，请把错误代码告知客服。');
  });

  it('says an answer below 500 without a code (a gateway\'s 429 or 413, an HTML 404) as the service\'s, not the connection', () => {
    expect(said(thrown({ data: null, error: { message: 'Too Many Requests' }, status: 429 }))).toBe('The service had a problem. Try again in a minute.');
    expect(said(thrown({ data: null, error: { message: '<html>Not Found</html>' }, status: 404 }), 'zh-CN')).toBe('服务出了问题。请过一分钟再试。');
  });

  it('says no answer at all as the connection, no answer in time as such, and a refusal by its words or code', () => {
    // What supabase-js answers when the fetch itself failed: status 0.
    expect(said(thrown({ data: null, error: { message: 'TypeError: Failed to fetch', code: '' }, status: 0 }))).toBe('This could not be loaded. Check your connection and try again.');
    expect(said({ code: loadTimedOut, message: 'No answer within 30 s' }, 'es')).toBe('El servidor no respondió en 30 segundos. Revisa tu conexión e inténtalo de nuevo.');
    expect(said({ code: 'PT401', message: 'Session ended', status: 401 })).toBe('Your session has ended. Sign in again.');
    expect(said({ code: 'PGRST116', message: 'JSON object requested', status: 406 })).toBe('The server refused to show this (error PGRST116). Try again; if it happens again, tell support the error code.');
  });
});
