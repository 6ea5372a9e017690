/**
 * Analytics' UTC days said on the staff member's clock (utcDaySentence): ahead of UTC a day starts
 * that morning, behind it the evening before, on UTC itself at midnight; a range over a change of
 * the clock says when days start on the other offset too. In each console language.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { utcDaySentence } from '../../src/components/growth/analytics/day-clock.ts';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { loadSections } from '../../src/i18n/sections.ts';

beforeAll(() => Promise.all((['en', 'zh-CN', 'es'] as const).map((locale) => loadSections(locale, ['growth']))));

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

// The space before AM and PM as ICU writes it (narrow no-break in Chromium's, plain in Node's): read as a space.
const said = (from: string, to: string, locale: Locale) => utcDaySentence(from, to, locale, consoleTranslator(locale, 'growth')).replace(/[\u202f\u00a0]/g, ' ');

describe('analytics days on the reader\'s clock', () => {
  it('ahead of UTC, from that morning to the next, the zone by its offset', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(said('2026-09-01', '2026-09-30', 'en')).toBe('Each day runs from 8:00 AM to 8:00 AM the next day, your time (GMT+8).');
    expect(said('2026-09-01', '2026-09-30', 'zh-CN')).toBe('每天按你的时间（GMT+8）从8:00到次日8:00。');
    expect(said('2026-09-01', '2026-09-30', 'es')).toBe('Cada día va de 8:00 a 8:00 del día siguiente, en tu hora (GMT+8).');
  });

  it('behind UTC, from the evening before; on UTC, midnight to midnight', () => {
    process.env.TZ = 'America/Mexico_City';
    expect(said('2026-09-01', '2026-09-30', 'en')).toBe('Each day runs from 6:00 PM the day before to 6:00 PM, your time (GMT-6).');
    process.env.TZ = 'UTC';
    expect(said('2026-09-01', '2026-09-30', 'es')).toBe('Cada día va de medianoche a medianoche, en tu hora (GMT+0).');
  });

  it('a range over summer time says when days start on each offset, the first day\'s first', () => {
    process.env.TZ = 'Europe/Madrid';
    expect(said('2026-03-01', '2026-04-30', 'en')).toBe('Each day runs from 1:00 AM to 1:00 AM the next day, your time (GMT+1). On days your clock is at GMT+2, from 2:00 AM instead.');
    expect(said('2026-07-01', '2026-07-31', 'zh-CN')).toBe('每天按你的时间（GMT+2）从2:00到次日2:00。');
    // Winter to winter through a summer: both offsets, each once.
    expect(said('2026-01-01', '2026-12-31', 'es')).toBe('Cada día va de 1:00 a 1:00 del día siguiente, en tu hora (GMT+1). Los días en que tu reloj está en GMT+2, desde 2:00.');
  });
});
