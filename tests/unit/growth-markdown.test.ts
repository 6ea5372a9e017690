/**
 * Posts' Markdown (src/components/growth/Markdown.tsx): formatting becomes elements, while raw
 * HTML stays text and links go only to web and mail addresses, whatever the post holds.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Markdown, markdownExcerpt } from '../../src/components/growth/Markdown.tsx';

const render = (source: string) => renderToString(h(Markdown, { source, lang: 'en' }));

describe('post Markdown', () => {
  it('renders formatting, headings a level below the page title, lists and links', () => {
    const html = render('# Q3\n\n**Imports** rose *12 %*.\n\n- lace\n- wigs\n\n[Report](https://example.com/q3)');
    expect(html).toBe(
      '<div class="markdown" lang="en"><h2>Q3</h2><p><strong>Imports</strong> rose <em>12 %</em>.</p><ul><li>lace</li><li>wigs</li></ul>' +
        '<p><a href="https://example.com/q3" rel="noopener noreferrer nofollow">Report</a></p></div>',
    );
  });

  it('keeps raw HTML as text', () => {
    const html = render('<script>alert(1)</script>\n\nHi <img src=x onerror="alert(2)"> there');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;> there');
  });

  it('drops links that are not web or mail addresses, and shows images as links', () => {
    const html = render('[a](javascript:alert(1)) [b](data:text/html,x) [c](/relative) [d](mailto:sales@example.com) ![chart](https://cdn.example.com/c.png)');
    expect(html).not.toMatch(/href="(javascript|data|\/relative)/);
    expect(html).toContain('[a](javascript:alert(1))');
    expect(html).toContain('href="mailto:sales@example.com"');
    expect(html).toContain('<a href="https://cdn.example.com/c.png" rel="noopener noreferrer nofollow">chart</a>');
    expect(html).not.toContain('<img');
  });

  it('opens a post in the feed as plain text without its headings, blocks apart, cut at a word, never inside an emoji', () => {
    expect(markdownExcerpt('# Q3\n\n**Imports** rose *12 %*.\n\n- lace\n- wigs\n\n![chart](https://cdn.example.com/c.png) `HS 6704`\n\n```\ncode\n```', 200))
      .toBe('Imports rose 12 %. lace · wigs · HS 6704');
    expect(markdownExcerpt('价格如下：\n\n- 蕾丝：+3 %\n- 发帘：不变', 200)).toBe('价格如下：蕾丝：+3 % · 发帘：不变');
    expect(markdownExcerpt('Lace fronts are back in stock in every length from ten to thirty inches.', 30)).toBe('Lace fronts are back in stock…');
    expect(markdownExcerpt('蕾丝头套全部长度现已到货，欢迎询价。', 8)).toBe('蕾丝头套全部长度…');
    expect(markdownExcerpt('😀😀😀', 2)).toBe('😀😀…');
    expect(markdownExcerpt('<script>alert(1)</script>', 50)).toBe('<script>alert(1)</script>');
  });
});
