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
    expect(line('en', senior)).toBe('For members on the Senior tier and above.');
    expect(line('es', senior)).toBe('Solo para el nivel Senior o superior.');
    expect(line('zh-CN', senior)).toBe('Senior及以上等级专享。');
  });

  it('without it at the store\'s highest tier', () => {
    const vip = { visibility: 'tier', tier_name: 'VIP', tier_top: true } as const;
    expect(line('en', vip)).toBe('Only for members on the VIP tier.');
    expect(line('es', vip)).toBe('Solo para el nivel VIP.');
    expect(line('zh-CN', vip)).toBe('VIP专享。');
  });

  it('reads as well with a name that says "member" itself, as a new store\'s Spanish and Chinese ones do', () => {
    const name = (tier_name: string) => ({ visibility: 'tier', tier_name, tier_top: true }) as const;
    expect(line('en', name('VIP Member'))).toBe('Only for members on the VIP Member tier.');
    expect(line('es', name('Miembro VIP'))).toBe('Solo para el nivel Miembro VIP.');
    expect(line('zh-CN', name('VIP会员'))).toBe('VIP会员专享。');
  });

  it('members only for a post that is not gated at a tier', () => {
    expect(teaserKey({ visibility: 'members', tier_name: null, tier_top: null })).toBe('lockedMembers');
  });
});
