import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { failedLoadSentence } from '../../src/components/console/ui/refusals.ts';
import { loadBound, loadTimedOut, thrownError, withinBound } from '../../src/components/console/ui/use-load.ts';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { translator } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { ApiFailure, orThrow, parse } from '../../src/lib/console/result.ts';

describe('withinBound: a console read has loadBound to answer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('fails a read with no answer once the bound has passed, said as no answer in time', async () => {
    const stalled = withinBound(new Promise<never>(() => {}));
    const failed = stalled.then(() => null, thrownError);
    await vi.advanceTimersByTimeAsync(loadBound - 1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await failed).toEqual({ code: loadTimedOut, message: 'No answer within 30 s' });
  });

  it('gives an answer within the bound as it came, and leaves no timer behind', async () => {
    await expect(withinBound(Promise.resolve('rows'))).resolves.toBe('rows');
    await expect(withinBound(Promise.reject(new Error('Failed to fetch'))).catch(thrownError)).resolves.toEqual({ message: 'Failed to fetch' });
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
    expect(said({ message: 'internal', code: 'XX000', status: 500 }, 'es')).toBe('El servicio tuvo un problema. Inténtalo de nuevo en un minuto.');
  });

  it('says no answer at all as the connection, no answer in time as such, and a refusal by its words or code', () => {
    // What supabase-js answers when the fetch itself failed: status 0.
    expect(said(thrown({ data: null, error: { message: 'TypeError: Failed to fetch', code: '' }, status: 0 }))).toBe('This could not be loaded. Check your connection and try again.');
    expect(said({ code: loadTimedOut, message: 'No answer within 30 s' }, 'es')).toBe('El servidor no respondió en 30 segundos. Revisa tu conexión e inténtalo de nuevo.');
    expect(said({ code: 'PT401', message: 'Session ended', status: 401 })).toBe('Your session has ended. Sign in again.');
    expect(said({ code: 'PGRST116', message: 'JSON object requested', status: 406 })).toBe('The server refused to show this (error PGRST116). Try again; if it happens again, tell support the error code.');
  });
});
