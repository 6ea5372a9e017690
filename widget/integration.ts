/**
 * Astro integration that validates the portal's environment and serves the widget's files
 * (build.ts's widgetEntries) from the portal: written into the output after `astro build`, and
 * built on request (cached until a source file changes) at `/widget.js`, `/widget-panel.js` and
 * `/widget-placements.js` under `astro dev`.
 */
import fs from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { loadEnv } from 'vite';
import { parsePublicEnv, type PublicEnv } from '../src/lib/env.ts';
import { buildWidget, widgetEntries, type WidgetFile } from './build.ts';

function isWidgetFile(name: string): name is WidgetFile {
  return name in widgetEntries;
}

export function cardclubWidget(): AstroIntegration {
  let env: PublicEnv;
  return {
    name: 'cardclub-widget',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        // Read like Astro does (.env files, then the process environment) and fail here,
        // naming the variable, rather than in a visitor's browser.
        const mode = command === 'dev' ? 'development' : 'production';
        env = parsePublicEnv(loadEnv(mode, new URL('.', config.root).pathname, 'PUBLIC_'));
      },
      'astro:server:setup': ({ server, logger }) => {
        let files: Promise<Record<WidgetFile, string>> | undefined;
        server.watcher.on('change', () => {
          files = undefined;
        });
        server.middlewares.use((req, res, next) => {
          const name = new URL(req.url ?? '/', 'http://portal').pathname.slice(1);
          if (!isWidgetFile(name)) return next();
          files ??= buildWidget(env);
          files.then(
            (built) => {
              res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
              res.end(built[name]);
            },
            (error: unknown) => {
              files = undefined;
              logger.error(`The widget failed to build: ${String(error)}`);
              res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
              res.end('The widget failed to build; see the portal dev server log.');
            },
          );
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const built = await buildWidget(env);
        await Promise.all(Object.entries(built).map(([name, code]) => fs.writeFile(new URL(name, dir), code)));
        logger.info(`wrote ${Object.keys(built).join(', ')}`);
      },
    },
  };
}
