/**
 * The rule: merchant and buyer text (store, tier and product names, perks, descriptions,
 * company names, anything from the database or the address bar) is only ever rendered as
 * text, through JSX/Astro expressions or textContent, never parsed as HTML. So no source file
 * under src/ or widget/ may use a raw-HTML or code-from-string sink. If HTML from stored text
 * is ever needed, it goes through one sanitising module, listed in `allowed` below (at most
 * one), and nowhere else.
 *
 * The scan reads raw file text, comments included, so a sink cannot hide in a comment either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scannedDirs = ['src', 'widget'];
const sourceExtensions = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.astro', '.html', '.svelte', '.vue', '.mdx']);

/** Repository-relative paths allowed to use a sink: at most one sanitising module. Empty today. */
const allowed: readonly string[] = [];

/** Every sink, by name. */
const sinks: Record<string, RegExp> = {
  'set:html': /\bset:html\b/,
  dangerouslySetInnerHTML: /\bdangerouslySetInnerHTML\b/,
  // `.innerHTML = x`, `+=`, `el['outerHTML'] = x`, a JSX `innerHTML={x}` prop or an `{ innerHTML: x }` key.
  'innerHTML/outerHTML write': /\b(?:inner|outer)HTML\b['"`]?\s*\]?\s*(?:\+?=(?!=)|:)/,
  insertAdjacentHTML: /\binsertAdjacentHTML\b/,
  'document.write': /\bdocument\s*\.\s*write(?:ln)?\b/,
  'new Function': /\bnew\s+Function\s*\(/,
  'eval(': /\beval\s*\(/,
  'string timer': /\bset(?:Timeout|Interval)\s*\(\s*['"`]/,
  createContextualFragment: /\bcreateContextualFragment\b/,
  'setHTMLUnsafe/parseHTMLUnsafe': /\b(?:setHTMLUnsafe|parseHTMLUnsafe)\b/,
  srcdoc: /\bsrcdoc\b\s*(?:\+?=(?!=)|:)/i,
};

interface Finding {
  file: string;
  line: number;
  sink: string;
  text: string;
}

function scanSource(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    for (const [sink, pattern] of Object.entries(sinks)) {
      if (pattern.test(line)) findings.push({ file, line: index + 1, sink, text: line.trim() });
    }
  });
  return findings;
}

function sourceFiles(): string[] {
  return scannedDirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && sourceExtensions.has(path.extname(entry.name)))
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
  );
}

describe('raw-HTML sinks', () => {
  it('none in src/ or widget/ outside the allow-list', () => {
    const files = sourceFiles();
    // The walk really reaches the rendering code, in every kind of file that renders.
    expect(files).toEqual(
      expect.arrayContaining(['src/components/StorePage.tsx', 'src/components/TierCard.tsx', 'src/layouts/Base.astro', 'widget/src/core/mount.ts', 'widget/src/placements/placement.ts', 'widget/src/panel/Panel.tsx', 'widget/demo/index.html',
        // Posts' Markdown becomes elements from markdown-it's tokens, never an HTML string.
        'src/components/growth/Markdown.tsx', 'src/components/growth/feed/PostFeedPage.tsx']),
    );
    const findings = files
      .filter((file) => !allowed.includes(file))
      .flatMap((file) => scanSource(file, fs.readFileSync(path.join(root, file), 'utf8')));
    expect(findings, 'Render stored text as text (JSX/Astro expressions, textContent); see the comment at the top of this test').toEqual([]);
  });

  it('allows at most one module, and only one that still needs it', () => {
    expect(allowed.length).toBeLessThanOrEqual(1);
    for (const file of allowed) expect(scanSource(file, fs.readFileSync(path.join(root, file), 'utf8'))).not.toEqual([]);
  });

  describe('catches planted offences', () => {
    const planted: [string, string][] = [
      ['set:html', '<Fragment set:html={store.name} />'],
      ['dangerouslySetInnerHTML', '<p dangerouslySetInnerHTML={{ __html: perk }} />'],
      ['innerHTML/outerHTML write', 'heading.innerHTML = store.name;'],
      ['innerHTML/outerHTML write', 'list.innerHTML += `<li>${perk}</li>`;'],
      ['innerHTML/outerHTML write', "element['outerHTML'] = html;"],
      ['innerHTML/outerHTML write', '<div innerHTML={html} />'],
      ['innerHTML/outerHTML write', 'Object.assign(div, { innerHTML: html });'],
      ['insertAdjacentHTML', "root.insertAdjacentHTML('beforeend', html);"],
      ['document.write', 'document.write(html);'],
      ['document.write', 'window.document .writeln(html);'],
      ['new Function', "const f = new Function('x', body);"],
      ['eval(', 'eval(code);'],
      ['string timer', "setTimeout('run()', 10);"],
      ['createContextualFragment', 'document.createRange().createContextualFragment(html);'],
      ['setHTMLUnsafe/parseHTMLUnsafe', 'shadow.setHTMLUnsafe(html);'],
      ['srcdoc', 'frame.srcdoc = html;'],
      ['srcdoc', '<iframe srcDoc={html} />'],
    ];
    it.each(planted)('%s in `%s`', (sink, line) => {
      expect(scanSource('planted.tsx', `import x from 'y';\n${line}\n`)).toEqual([{ file: 'planted.tsx', line: 2, sink, text: line }]);
    });

    it('in a real component', () => {
      const real = fs.readFileSync(path.join(root, 'src/components/StorePage.tsx'), 'utf8');
      expect(scanSource('src/components/StorePage.tsx', real)).toEqual([]);
      const tampered = real.replace('<h1 lang={store.name_lang}>{store.name}</h1>', '<h1 lang={store.name_lang} dangerouslySetInnerHTML={{ __html: store.name }} />');
      expect(tampered).not.toBe(real);
      expect(scanSource('src/components/StorePage.tsx', tampered).map((finding) => finding.sink)).toEqual(['dangerouslySetInnerHTML']);
    });

    it('and leaves text sinks and reads alone', () => {
      const safe = [
        'heading.textContent = store.name;',
        'const html = element.innerHTML;',
        "if (element.innerHTML === '') return;",
        'const value = retrieval(x);',
        'setTimeout(() => run(), 10);',
        'const fn = new FunctionLike();',
        '<h1>{store.name}</h1>',
      ].join('\n');
      expect(scanSource('safe.tsx', safe)).toEqual([]);
    });
  });
});
