/**
 * A section of My membership says it has loaded only to the reader who waited for it there, so
 * the sections a page draws and reads as it scrolls do not each speak.
 */
import { describe, expect, it } from 'vitest';
import { loadedLine } from '../../src/components/member/loaded-line.ts';

describe('a section’s polite line', () => {
  it('names the section once the read the reader waited for in it has loaded', () => {
    expect(loadedLine(null, 'loading', 'ready', 'Inquiries')).toBe('Inquiries');
  });

  it('says nothing of a section loading while the reader is elsewhere, nor of a failure (its alert says it)', () => {
    expect(loadedLine(null, 'loading', 'ready', null)).toBeNull();
    expect(loadedLine(null, 'loading', 'failed', 'Inquiries')).toBeNull();
  });

  it('is cleared as a read begins (Try again), so the same words are said again after it', () => {
    const cleared = loadedLine('Inquiries', 'failed', 'loading', 'Inquiries');
    expect(cleared).toBeNull();
    expect(loadedLine(cleared, 'loading', 'ready', 'Inquiries')).toBe('Inquiries');
  });

  it('keeps what it said while nothing is read (the section drawn anew, a page of rows shown)', () => {
    expect(loadedLine('Inquiries', 'ready', 'ready', 'Inquiries')).toBe('Inquiries');
    expect(loadedLine(null, 'ready', 'ready', 'Inquiries')).toBeNull();
  });
});
