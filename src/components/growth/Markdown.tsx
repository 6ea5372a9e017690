/**
 * A post's Markdown as elements. markdown-it parses it with raw HTML disabled (`<script>` in a
 * post is text), and its tokens become Preact elements here, so no HTML string is ever parsed:
 * every text goes in as a text node, only tags from the list below are made, and links keep
 * only http(s) and mailto addresses. Headings move one level down under the page's own title.
 * Images are shown as links to them: a post cannot make the reader's browser fetch a
 * third-party address by being opened.
 */
import MarkdownIt from 'markdown-it';
import { h, type ComponentChildren, type VNode } from 'preact';
import { useMemo } from 'preact/hooks';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
type Token = ReturnType<typeof markdown.parse>[number];

const blockTags = new Set(['p', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'em', 'strong', 's', 'a']);
const headings: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6', h6: 'h6' };

function safeHref(value: string | number | null): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const href = value;
  try {
    const url = new URL(href, 'https://invalid.example/');
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) && !href.startsWith('/') ? href : undefined;
  } catch {
    return undefined;
  }
}

interface Frame {
  tag: string;
  props: Record<string, unknown>;
  children: ComponentChildren[];
}

function build(tokens: Token[], root: ComponentChildren[]): ComponentChildren[] {
  const stack: Frame[] = [{ tag: '', props: {}, children: root }];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    // Paragraphs inside tight lists are hidden: their text belongs to the item itself.
    if (token.hidden && token.nesting !== 0) continue;
    if (token.nesting === 1) {
      const tag = headings[token.tag] ?? (blockTags.has(token.tag) ? token.tag : 'span');
      const props: Record<string, unknown> = {};
      if (tag === 'a') {
        props.href = safeHref(token.attrGet('href'));
        props.rel = 'noopener noreferrer nofollow';
      }
      if (tag === 'ol' && token.attrGet('start')) props.start = Number(token.attrGet('start'));
      stack.push({ tag, props, children: [] });
    } else if (token.nesting === -1) {
      const frame = stack.pop()!;
      top().children.push(h(frame.tag, frame.props, ...frame.children));
    } else {
      const into = top().children;
      switch (token.type) {
        case 'inline':
          build(token.children ?? [], into);
          break;
        case 'text':
        case 'html_inline':
        case 'html_block':
          into.push(token.content);
          break;
        case 'softbreak':
          into.push('\n');
          break;
        case 'hardbreak':
          into.push(h('br', null));
          break;
        case 'code_inline':
          into.push(h('code', null, token.content));
          break;
        case 'fence':
        case 'code_block':
          into.push(h('pre', null, h('code', null, token.content)));
          break;
        case 'hr':
          into.push(h('hr', null));
          break;
        case 'image': {
          const href = safeHref(token.attrGet('src'));
          const alt = token.children?.map((c) => c.content).join('') || href || '';
          into.push(href ? h('a', { href, rel: 'noopener noreferrer nofollow' }, alt) : alt);
          break;
        }
        default:
          if (token.content) into.push(token.content);
      }
    }
  }
  return root;
}

/** The text of each block of words (a paragraph, a list item, a cell; headings and code blocks none). */
function textBlocks(tokens: Token[]): string[] {
  const blocks: string[] = [];
  let heading = false;
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') heading = token.nesting === 1;
    else if (token.type === 'inline' && !heading) {
      const words = (token.children ?? []).map((child) =>
        child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : '');
      const text = words.join('').replace(/\s+/g, ' ').trim();
      if (text) blocks.push(text);
    }
  }
  return blocks;
}

/**
 * A post's opening as plain text, for the feed: its blocks run on, apart by " · " where one does
 * not end with a stop (list items, a line without one); its first `max` characters (code points:
 * an emoji is never cut in two), ended at a word where the text has spaces, then "…". The title
 * heads the card, so the post's own headings are left out.
 */
export function markdownExcerpt(source: string, max: number): string {
  const text = textBlocks(markdown.parse(source, {})).reduce((run, block) => {
    if (run === '') return block;
    // Full-width stops take no space after them; Latin ones one.
    if (/[。！？：；]$/.test(run)) return run + block;
    return /[.!?:;…]$/.test(run) ? `${run} ${block}` : `${run} · ${block}`;
  }, '');
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Markdown source as elements (exported for the unit test). */
export function markdownNodes(source: string): ComponentChildren[] {
  return build(markdown.parse(source, {}), []);
}

export function Markdown({ source, lang }: { source: string; lang?: string | undefined }): VNode {
  const nodes = useMemo(() => markdownNodes(source), [source]);
  return <div class="markdown" lang={lang}>{nodes}</div>;
}
