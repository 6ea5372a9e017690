import { describe, expect, it } from 'vitest';
import { answerChanged } from '../../src/lib/inquiry-answer.ts';
import { newerAnswer, type Inquiry } from '../../src/lib/console/inquiries.ts';

describe('an inquiry’s answer', () => {
  it('is changed once its time is after the first answer’s, by the instant the API writes (microseconds, any offset)', () => {
    const first = '2026-12-07T15:18:00.123456+00:00';
    expect(answerChanged({ first_answered_at: first, answered_at: first })).toBe(false);
    expect(answerChanged({ first_answered_at: first, answered_at: '2026-12-07T15:18:01.5+00:00' })).toBe(true);
    // The same instant written in another offset is the same answer.
    expect(answerChanged({ first_answered_at: first, answered_at: '2026-12-07T16:18:00.123456+01:00' })).toBe(false);
    expect(answerChanged({ first_answered_at: null, answered_at: null })).toBe(false);
  });
});

describe('the inquiry a panel shows', () => {
  const listed = { id: 'a', answer: 'Old', answered_at: '2026-12-07T15:18:00+00:00' } as Inquiry;
  it('is the one it wrote until the list read again holds that answer or a later one', () => {
    const written = { ...listed, answer: 'New', answered_at: '2026-12-08T09:00:00+00:00' };
    expect(newerAnswer(listed, written)).toBe(written);
    expect(newerAnswer({ ...listed, answer: 'New', answered_at: written.answered_at }, written).answer).toBe('New');
    const colleagues = { ...listed, answer: 'Theirs', answered_at: '2026-12-08T09:05:00+00:00' };
    expect(newerAnswer(colleagues, written)).toBe(colleagues);
    expect(newerAnswer(listed, null)).toBe(listed);
  });

  it('is the one written over one the list read unanswered', () => {
    const open = { ...listed, answer: null, answered_at: null };
    expect(newerAnswer(open, listed)).toBe(listed);
  });
});
