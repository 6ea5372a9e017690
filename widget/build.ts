/**
 * Builds the widget's three files, each one classic-script IIFE with the portal's public
 * Supabase URL and anon key inlined:
 * - widget.js, the loader merchants embed (it must find itself through
 *   document.currentScript, which module scripts do not have): the launcher and the page API;
 * - widget-panel.js, the Preact panel the loader adds on the launcher's first click;
 * - widget-placements.js, the placements, which the loader adds when the page has one.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import type { Locale } from '../src/i18n/locales.ts';
import { widget as en } from '../src/i18n/widget/en.ts';
import { widget as es } from '../src/i18n/widget/es.ts';
import { widget as zhCN } from '../src/i18n/widget/zh-CN.ts';
import type { PublicEnv } from '../src/lib/env.ts';

const widgetRoot = fileURLToPath(new URL('.', import.meta.url));

export const widgetEntries = {
  'widget.js': fileURLToPath(new URL('./src/core/main.ts', import.meta.url)),
  'widget-panel.js': fileURLToPath(new URL('./src/panel/main.tsx', import.meta.url)),
  'widget-placements.js': fileURLToPath(new URL('./src/placements/main.ts', import.meta.url)),
} as const;

/**
 * The launcher's two strings in every language, from the widget's catalogues: the loader
 * inlines these rather than bundling the catalogues, whose other strings only the panel and
 * the placements show.
 */
const launcherText = Object.fromEntries(
  Object.entries({ en, 'zh-CN': zhCN, es } satisfies Record<Locale, typeof en>).map(([locale, text]) => [locale, { launcher: text.launcher, loadFailed: text.loadFailed }]),
);

export type WidgetFile = keyof typeof widgetEntries;

/**
 * The loader runs every function it has as the page loads (the rest is in the other files), and
 * the placements' file, which loads only on a page with a placement, runs nearly all of its own
 * as it renders them: Chromium's explicit compile hint compiles them while the script streams
 * in, off the page's main thread, instead of one by one on it as each is first called (0.7 ms of
 * the loader's 2.4 ms there, unthrottled; about 3 ms of script at 4x CPU throttling for the
 * placements on the demo page). Other browsers read a comment. The panel runs a fraction of its
 * code for any one view, so it compiles lazily.
 */
const compileHint = '//# allFunctionsCalledOnLoad\n';
const banners: Partial<Record<WidgetFile, string>> = { 'widget.js': compileHint, 'widget-placements.js': compileHint };

async function buildFile(file: WidgetFile, env: PublicEnv): Promise<string> {
  const result = await build({
    configFile: false,
    envDir: false,
    root: widgetRoot,
    publicDir: false,
    logLevel: 'warn',
    define: {
      __CARDCLUB_SUPABASE_URL__: JSON.stringify(env.supabaseUrl),
      __CARDCLUB_ANON_KEY__: JSON.stringify(env.anonKey),
      __CARDCLUB_LAUNCHER_TEXT__: JSON.stringify(launcherText),
    },
    // What ships whatever NODE_ENV says: under vitest (NODE_ENV=test) the JSX was compiled for
    // development, each element carrying its file and line, and the size test measured that.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
    build: {
      write: false,
      target: 'es2020',
      modulePreload: false,
      rolldownOptions: { input: widgetEntries[file], output: { format: 'iife', entryFileNames: file } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((output) => output.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`${file} must build to one file, got ${chunks.map((c) => c.fileName).join(', ')}.`);
  // After minification, which drops comments.
  return (banners[file] ?? '') + chunks[0]!.code;
}

/** Every widget file by name, e.g. `{ 'widget.js': '(function(){…' }`. */
export async function buildWidget(env: PublicEnv): Promise<Record<WidgetFile, string>> {
  const names = Object.keys(widgetEntries) as WidgetFile[];
  const files = await Promise.all(names.map((name) => buildFile(name, env)));
  return Object.fromEntries(names.map((name, i) => [name, files[i]!])) as Record<WidgetFile, string>;
}
