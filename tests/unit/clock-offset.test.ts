/**
 * Times name the reader's clock by its offset (formatDate with its time, formatTime, formatZone):
 * "GMT+0" on UTC, "GMT-6" in Chicago's winter, "GMT+5:30" in India, never a short name two places
 * share ("CST") or the server's ("UTC").
 */
import { describe, expect, it } from 'vitest';
import { onClock as on, plainSpaces as plain } from './on-clock.ts';

const onClock = (tz: string) => on(tz, () => import('../../src/i18n/format.ts'));
const winter = '2026-01-15T18:05:00Z';
const summer = '2026-07-15T18:05:00Z';

describe('a time names its clock by the offset', () => {
  it('UTC is GMT+0', async () => {
    const { formatDate, formatTime, formatZone } = await onClock('UTC');
    expect(plain(formatDate(winter, 'en', true))).toBe('Jan 15, 2026, 6:05 PM GMT+0');
    expect(plain(formatTime(winter, 'en'))).toBe('6:05 PM GMT+0');
    expect(formatZone('en', new Date(winter))).toBe('GMT+0');
    expect(formatZone('es', new Date(winter))).toBe('GMT+0');
  });

  it('Chicago is GMT-6 in winter and GMT-5 in summer, not CST or CDT', async () => {
    const { formatDate, formatTime, formatZone } = await onClock('America/Chicago');
    expect(plain(formatDate(winter, 'en', true))).toBe('Jan 15, 2026, 12:05 PM GMT-6');
    expect(plain(formatTime(summer, 'en'))).toBe('1:05 PM GMT-5');
    expect(formatZone('en', new Date(winter))).toBe('GMT-6');
    expect(formatZone('en', new Date(summer))).toBe('GMT-5');
    expect(plain(formatTime(winter, 'es'))).toBe('12:05 GMT-6');
  });

  it('India is GMT+5:30, its half hour kept, in each language', async () => {
    const { formatDate, formatTime, formatZone } = await onClock('Asia/Kolkata');
    expect(plain(formatTime(winter, 'en'))).toBe('11:35 PM GMT+5:30');
    expect(plain(formatDate(winter, 'es', true))).toBe('15 ene 2026, 23:35 GMT+5:30');
    // Chinese brackets the zone after the time, as it is written there, not between the day and the time.
    expect(plain(formatDate(winter, 'zh-CN', true))).toBe('2026年1月15日23:35（GMT+5:30）');
    expect(plain(formatTime(winter, 'zh-CN'))).toBe('23:35（GMT+5:30）');
    expect(formatZone('zh-CN', new Date(winter))).toBe('GMT+5:30');
  });
});
