/**
 * Posts' Markdown (src/components/growth/Markdown.tsx): formatting becomes elements, while raw
 * HTML stays text and links go only to web and mail addresses, whatever the post holds.
 */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../src/components/growth/Markdown.tsx';

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
});
