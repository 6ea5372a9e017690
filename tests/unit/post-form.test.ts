/** The post editor's check: members are never shown a post without its text; a draft may wait for it. */
import { describe, expect, it } from 'vitest';
import { postFormSchema, postLimits, postTextLength, refusedAsEmpty, savedNoticeKey, type PostForm } from '../../src/lib/growth/posts.ts';

const form = (change: Partial<PostForm>): PostForm => ({
  kind: 'industry_news', title: 'Holiday hours', body: '', locale: 'en', visibility: 'members', min_tier_rank: 0, when: 'now', publish_at: '', ...change,
});
const fieldError = (field: keyof PostForm, change: Partial<PostForm>) => {
  const checked = postFormSchema.safeParse(form(change));
  return checked.success ? undefined : checked.error.issues.find((issue) => issue.path[0] === field)?.message;
};
const bodyError = (change: Partial<PostForm>) => fieldError('body', change);

describe('a post\'s text', () => {
  it('is asked for to publish or schedule, blank or spaces alike', () => {
    expect(bodyError({ when: 'now' })).toBe('vBodyToPublish');
    expect(bodyError({ when: 'now', body: ' \n\t' })).toBe('vBodyToPublish');
    expect(bodyError({ when: 'schedule', publish_at: '2099-01-01T10:00' })).toBe('vBodyToPublish');
  });

  // A trade-data report may be its PDF alone, added once the post was saved as a draft.
  it('is not asked for of a post that holds a file', () => {
    expect(bodyError({ when: 'now', has_attachments: true })).toBeUndefined();
    expect(bodyError({ when: 'schedule', publish_at: '2099-01-01T10:00', has_attachments: true })).toBeUndefined();
  });

  it('may stay empty in a draft, and once written passes', () => {
    expect(postFormSchema.safeParse(form({ when: 'draft' })).success).toBe(true);
    expect(postFormSchema.safeParse(form({ when: 'now', body: 'Closed on 1 May.' })).success).toBe(true);
  });
});

// The database's checks (posts_title_single_line, posts_body_text) hold the same limits.
describe('a post\'s title and text', () => {
  it('are refused over their limits, counted as the check counts them', () => {
    expect(fieldError('body', { body: 'x'.repeat(postLimits.body) })).toBeUndefined();
    expect(fieldError('body', { body: 'x'.repeat(postLimits.body + 1) })).toBe('vTooLong');
    expect(fieldError('title', { title: ` ${'x'.repeat(postLimits.title)} ` })).toBeUndefined();
    expect(fieldError('title', { title: 'x'.repeat(postLimits.title + 1) })).toBe('vTooLong');
    expect(postTextLength({ title: ` ${'x'.repeat(201)} `, body: ' x ' }, 'title')).toBe(201);
    expect(postTextLength({ title: 'x', body: ' x ' }, 'body')).toBe(3);
  });
});

describe('the time to schedule a post for', () => {
  it('is asked for when none is chosen, and refused when it is no time or past', () => {
    expect(fieldError('publish_at', { when: 'schedule', body: 'Soon.', publish_at: '' })).toBe('vRequired');
    expect(fieldError('publish_at', { when: 'schedule', body: 'Soon.', publish_at: '2099-13-45T99:00' })).toBe('vDate');
    expect(fieldError('publish_at', { when: 'schedule', body: 'Soon.', publish_at: '2020-01-01T10:00' })).toBe('vFuture');
    expect(fieldError('publish_at', { when: 'now', body: 'Now.', publish_at: '' })).toBeUndefined();
  });
});

// The database refuses the same posts (20261214000100); the editor says its refusal as its own check.
describe('the database\'s refusal of a post with neither text nor a file', () => {
  const refusal = (field: string, reason: string) => ({ code: '22023', message: `${field} ${reason}`, details: JSON.stringify({ field, reason }) });

  it('is known by its field and reason, of the body or of the last file', () => {
    expect(refusedAsEmpty(refusal('body', 'is required to publish or schedule a post without attachments: write its text, or attach a file to the draft first'))).toBe(true);
    expect(refusedAsEmpty(refusal('attachments', 'must keep at least one file while the post is published or scheduled without text: write its text first, or make it a draft'))).toBe(true);
    expect(refusedAsEmpty(refusal('body', 'must not contain control characters'))).toBe(false);
    expect(refusedAsEmpty({ code: '23514', message: 'new row for relation "posts" violates check constraint "posts_body_text"' })).toBe(false);
  });
});

describe('savedNoticeKey', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const file = [{ path: 's/p/a.pdf', name: 'a.pdf' }];
  const out = { publish_at: '2026-12-06T11:00:00Z' };
  const later = { publish_at: '2026-12-24T09:00:00Z' };

  it('says only what became of a post holding files: its files are not to be added below', () => {
    expect(savedNoticeKey({ ...out, attachments: file }, null, now)).toBe('postPublishedWithFiles');
    expect(savedNoticeKey({ ...out, attachments: file }, { publish_at: null }, now)).toBe('postPublishedWithFiles');
    expect(savedNoticeKey({ ...later, attachments: file }, null, now)).toBe('postScheduledWithFiles');
  });

  it('points a post with no file to the attachments below, and says Saved for a post out already', () => {
    expect(savedNoticeKey({ ...out, attachments: [] }, null, now)).toBe('postPublished');
    expect(savedNoticeKey({ ...later, attachments: [] }, null, now)).toBe('postScheduled');
    expect(savedNoticeKey({ ...out, attachments: file }, out, now)).toBe('postSaved');
  });

  // "Draft saved." did not say the post's readers lost it.
  it('says a post out made a draft is taken down, and a draft or a post to come kept as a draft is saved', () => {
    expect(savedNoticeKey({ publish_at: null, attachments: file }, out, now)).toBe('postUnpublished');
    expect(savedNoticeKey({ publish_at: null, attachments: [] }, { publish_at: null }, now)).toBe('postDraftSaved');
    expect(savedNoticeKey({ publish_at: null, attachments: [] }, later, now)).toBe('postDraftSaved');
    expect(savedNoticeKey({ publish_at: null, attachments: [] }, null, now)).toBe('postDraftSaved');
  });
});
