/** A locked post's teaser in the feed: "and above" only when a tier ranks above the one named. */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { interpolate } from '../../src/i18n/format.ts';
import { teaserKey, type FeedPost } from '../../src/lib/growth/posts.ts';

const line = (locale: 'en' | 'es' | 'zh-CN', post: Pick<FeedPost, 'visibility' | 'tier_name' | 'tier_top'>) =>
  interpolate(catalogues[locale].growth[teaserKey(post)], { tier: post.tier_name ?? '' });

describe('a teaser names the tier that opens a post', () => {
  it('with "and above" below the highest tier', () => {
    const senior = { visibility: 'tier', tier_name: 'Senior', tier_top: false } as const;
    expect(line('en', senior)).toBe('For Senior members and above.');
    expect(line('zh-CN', senior)).toBe('Senior及以上等级专享。');
  });

  it('without it at the store\'s highest tier', () => {
    const vip = { visibility: 'tier', tier_name: 'VIP', tier_top: true } as const;
    expect(line('en', vip)).toBe('For VIP members only.');
    expect(line('es', vip)).toBe('Solo para el nivel VIP.');
    expect(line('zh-CN', vip)).toBe('VIP专享。');
  });

  it('members only for a post that is not gated at a tier', () => {
    expect(teaserKey({ visibility: 'members', tier_name: null, tier_top: null })).toBe('lockedMembers');
  });
});
