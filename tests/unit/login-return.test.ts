/** The login's way back to the store's news: the post a locked post's sign-in link names, and never an address. */
import { describe, expect, it } from 'vitest';
import { loginFromNews, newsReturn } from '../../src/lib/login-return.ts';

const post = '0b6f3c1e-5d2a-4c8e-9f1a-7e3d2b1c0a99';
/** The login's query as the feed's link writes it, with the store and language the link adds. */
const linked = (extra: Record<string, string>) => `?${new URLSearchParams({ s: 'demo-wigs', ...extra, lang: 'zh-CN' })}`;

describe('the login opened from the store\'s news goes back', () => {
  it('to the post a post\'s own page named', () => {
    expect(newsReturn(linked(loginFromNews(post)))).toEqual({ post });
  });

  it('to the feed from the feed', () => {
    expect(newsReturn(linked(loginFromNews()))).toEqual({ post: null });
  });

  it('to the feed, never elsewhere, when `p` is no post\'s id', () => {
    for (const p of ['https://evil.example/', '//evil.example', '/me/?s=demo-wigs', 'javascript:alert(1)', `${post}/../../x`, `${post} `, post.slice(1), '']) {
      expect(newsReturn(linked({ from: 'news', p }))).toEqual({ post: null });
    }
  });
});

describe('the login opened from anywhere else', () => {
  it('goes back to no news, even with a post', () => {
    expect(newsReturn(linked({}))).toBeNull();
    expect(newsReturn(linked({ p: post }))).toBeNull();
    for (const from of ['post', 'https://evil.example/', 'News', '']) expect(newsReturn(linked({ from, p: post }))).toBeNull();
  });
});
