/** The post editor's check: members are never shown a post without its text; a draft may wait for it. */
import { describe, expect, it } from 'vitest';
import { postFormSchema, type PostForm } from '../../src/lib/growth/posts.ts';

const form = (change: Partial<PostForm>): PostForm => ({
  kind: 'industry_news', title: 'Holiday hours', body: '', locale: 'en', visibility: 'members', min_tier_rank: 0, when: 'now', publish_at: '', ...change,
});
const bodyError = (change: Partial<PostForm>) => {
  const checked = postFormSchema.safeParse(form(change));
  return checked.success ? undefined : checked.error.issues.find((issue) => issue.path[0] === 'body')?.message;
};

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
