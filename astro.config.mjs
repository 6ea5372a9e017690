// @ts-check
import { defineConfig } from 'astro/config';
import preact from '@astrojs/preact';
import { cardclubWidget } from './widget/integration.ts';

// One static build serves every store: pages take the store from `?s=` and fetch it client-side.
export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [preact(), cardclubWidget()],
});
