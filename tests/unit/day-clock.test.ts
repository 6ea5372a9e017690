/**
 * Analytics' UTC days said on the staff member's clock (utcDaySentence): ahead of UTC a day starts
 * that morning, behind it the evening before, on UTC itself at midnight; a range over a change of
 * the clock says when days start on the other offset too. In each console language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import { onClock as on, plainSpaces } from './on-clock.ts';

beforeAll(() => Promise.all((['en', 'zh-CN', 'es'] as const).map((locale) => loadSections(locale, ['growth']))));

/** The sentences on `tz`'s clock (the zone named by format.ts's formatters: on-clock.ts). */
async function onClock(tz: string) {
  const { utcDaySentence } = await on(tz, () => import('../../src/components/growth/analytics/day-clock.ts'));
  return (from: string, to: string, locale: Locale) => plainSpaces(utcDaySentence(from, to, locale, consoleTranslator(locale, 'growth')));
}

describe('analytics days on the reader\'s clock', () => {
  it('ahead of UTC, from that morning to the next, the zone by its offset', async () => {
    const said = await onClock('Asia/Shanghai');
    expect(said('2026-09-01', '2026-09-30', 'en')).toBe('Each day runs from 8:00 AM to 8:00 AM the next day, your time (GMT+8).');
    expect(said('2026-09-01', '2026-09-30', 'zh-CN')).toBe('每天按你的时间（GMT+8）从8:00到次日8:00。');
    expect(said('2026-09-01', '2026-09-30', 'es')).toBe('Cada día va de las 8:00 a las 8:00 del día siguiente, en tu hora (GMT+8).');
  });

  it('behind UTC, from the evening before; on UTC, midnight to midnight', async () => {
    const mexico = await onClock('America/Mexico_City');
    expect(mexico('2026-09-01', '2026-09-30', 'en')).toBe('Each day runs from 6:00 PM the day before to 6:00 PM, your time (GMT-6).');
    expect(mexico('2026-09-01', '2026-09-30', 'es')).toBe('Cada día va de las 18:00 del día anterior a las 18:00, en tu hora (GMT-6).');
    const utc = await onClock('UTC');
    expect(utc('2026-09-01', '2026-09-30', 'es')).toBe('Cada día va de medianoche a medianoche, en tu hora (GMT+0).');
  });

  it('a range over summer time says when days start on each offset, the first day\'s first', async () => {
    const said = await onClock('Europe/Madrid');
    expect(said('2026-03-01', '2026-04-30', 'en')).toBe('Each day runs from 1:00 AM to 1:00 AM the next day, your time (GMT+1). On days your clock is at GMT+2, from 2:00 AM instead.');
    expect(said('2026-07-01', '2026-07-31', 'zh-CN')).toBe('每天按你的时间（GMT+2）从2:00到次日2:00。');
    // Winter to winter through a summer: both offsets, each once.
    // Spanish says the hour with its article: "la 1:00", "las 2:00".
    expect(said('2026-01-01', '2026-12-31', 'es')).toBe('Cada día va de la 1:00 a la 1:00 del día siguiente, en tu hora (GMT+1). Los días en que tu reloj está en GMT+2, cada día empieza a las 2:00.');
  });
});
