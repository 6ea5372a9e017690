/**
 * Builds the widget's two files, each one classic-script IIFE with the portal's public
 * Supabase URL and anon key inlined:
 * - widget.js, the loader merchants embed (it must find itself through
 *   document.currentScript, which module scripts do not have);
 * - widget-panel.js, the Preact panel the loader adds on the launcher's first click.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import type { PublicEnv } from '../src/lib/env.ts';

const widgetRoot = fileURLToPath(new URL('.', import.meta.url));

export const widgetEntries = {
  'widget.js': fileURLToPath(new URL('./src/core/main.ts', import.meta.url)),
  'widget-panel.js': fileURLToPath(new URL('./src/panel/main.tsx', import.meta.url)),
} as const;

export type WidgetFile = keyof typeof widgetEntries;

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
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
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
  return chunks[0]!.code;
}

/** Every widget file by name, e.g. `{ 'widget.js': '(function(){…' }`. */
export async function buildWidget(env: PublicEnv): Promise<Record<WidgetFile, string>> {
  const [loader, panel] = await Promise.all([buildFile('widget.js', env), buildFile('widget-panel.js', env)]);
  return { 'widget.js': loader, 'widget-panel.js': panel };
}
