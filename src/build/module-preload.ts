/**
 * Astro integration: after `astro build`, each page lists every module its islands and scripts
 * import statically in `<link rel="modulepreload">` tags. Astro loads an island by importing its
 * component, whose imports the browser only discovers as each module arrives: four round trips
 * deep on My membership before its first API request could start. Listed in the page, they load
 * in one. Dynamic imports (a language's strings, supabase-js where it loads on demand) stay lazy.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { init, parse } from 'es-module-lexer';

/**
 * Module addresses an HTML page loads: module scripts first, then island components and
 * renderers. A page's scripts are small and start what its islands then use (the language's
 * strings, My membership's first requests): over HTTP/1.1's six connections per host, the
 * modules listed first arrive first.
 */
function entryModules(html: string): string[] {
  const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((match) => match[1]!);
  const islands = [...html.matchAll(/\b(?:component-url|renderer-url)="([^"]+)"/g)].map((match) => match[1]!);
  return [...scripts, ...islands].filter((url) => url.startsWith('/') && url.endsWith('.js'));
}

/**
 * The static import graph under `entries`, as site-absolute addresses: each entry's whole graph
 * before the next entry's, so a small script's modules are not queued behind an island's.
 */
async function staticGraph(outDir: string, entries: string[], cache: Map<string, string[]>): Promise<string[]> {
  const seen = new Set<string>();
  for (const entry of entries) await addGraph(outDir, entry, seen, cache);
  return [...seen];
}

/** Adds the modules `entry` imports statically, breadth first, to `seen`. */
async function addGraph(outDir: string, entry: string, seen: Set<string>, cache: Map<string, string[]>): Promise<void> {
  const queue = [entry];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    let imports = cache.get(url);
    if (!imports) {
      const code = await fs.readFile(path.join(outDir, url), 'utf8');
      // Static imports only (`d === -1`): the dynamic ones load when needed, on purpose.
      imports = parse(code)[0]
        .filter((entry) => entry.d === -1 && entry.n !== undefined && entry.n.startsWith('.'))
        .map((entry) => new URL(entry.n!, `http://site${url}`).pathname);
      cache.set(url, imports);
    }
    queue.push(...imports);
  }
}

export function modulePreload(): AstroIntegration {
  return {
    name: 'cardclub-module-preload',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await init;
        const outDir = fileURLToPath(dir);
        const cache = new Map<string, string[]>();
        const pages = (await fs.readdir(outDir, { recursive: true })).filter((name) => name.endsWith('.html'));
        for (const page of pages) {
          const file = path.join(outDir, page);
          const html = await fs.readFile(file, 'utf8');
          const entries = entryModules(html);
          if (entries.length === 0 || !html.includes('</head>')) continue;
          const listed = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]));
          const links = (await staticGraph(outDir, entries, cache))
            .filter((url) => !listed.has(url))
            .map((url) => `<link rel="modulepreload" href="${url}">`)
            .join('');
          await fs.writeFile(file, html.replace('</head>', `${links}</head>`));
        }
        logger.info(`listed the island modules of ${pages.length} pages for preloading`);
      },
    },
  };
}
