// @ts-check
import { defineConfig } from 'astro/config';
import preact from '@astrojs/preact';
import { modulePreload } from './src/build/module-preload.ts';
import { cardclubWidget } from './widget/integration.ts';

// One static build serves every store: pages take the store from `?s=` and fetch it client-side.
export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  // The stylesheet is small: inlined, it no longer holds the first paint for a round trip.
  build: { inlineStylesheets: 'always' },
  integrations: [preact(), cardclubWidget(), modulePreload()],
  // Dev only: the toolbar is no part of what the product shows, and inside the widget's frame on a
  // merchant's page it covered the frame's text at 360 px.
  devToolbar: { enabled: false },
  vite: {
    // Dev only: every library the browser code imports, pre-bundled at start. Found one by one as
    // pages were first visited (islands are imported on hydration, which Vite's start-up scan does
    // not follow), each made Vite re-bundle its dependencies and answer the pages already open with
    // 504 (Outdated Optimize Dep): the console's posts and analytics stayed on "Loading…".
    optimizeDeps: {
      include: ['preact', 'preact/hooks', 'zod', 'zod/mini', 'nanostores', '@nanostores/preact', '@supabase/supabase-js', 'markdown-it', 'uplot', 'papaparse', 'uqr'],
    },
    build: {
      rolldownOptions: {
        output: {
          // Preact and nanostores, which every island needs, in one chunk: as several small
          // chunks importing each other, the browser found them one round trip after another.
          codeSplitting: { groups: [{ name: 'ui', test: /node_modules[\\/](preact|@preact|nanostores|@nanostores)[\\/]/ }] },
        },
      },
    },
  },
});
