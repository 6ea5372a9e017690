/**
 * One throw-away local stack (migrations and seed, so the demo store `demo-wigs` exists), the
 * portal built against it and served statically, and the demo merchant page on another
 * origin loading the built widget from the portal. bundle-secrets.spec.ts scans that very
 * build for credentials.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startStack } from '../../supabase/local/stack.ts';
import { localJwtSecret, projectRoot } from '../../supabase/local/config.ts';
import { apiKeys } from '../../supabase/local/keys.ts';
import { freePort } from '../../supabase/local/ports.ts';
import { serveDemo } from '../../widget/demo/serve.ts';
import { publishEnv } from './env.ts';
import { serveStatic } from './static-server.ts';

function buildPortal(outDir: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // Astro needs Node 22.12+; the project carries Node 24 (`node` dev dependency) for its scripts.
    const node = path.join(projectRoot, 'node_modules/.bin/node');
    const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
    const child = spawn(node, [astro, 'build', '--outDir', outDir], {
      cwd: projectRoot,
      env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (${code}):\n${output}`))));
  });
}

export default async function globalSetup() {
  // The build needs only the API's address and the anon key, both known before the stack is up
  // (its port chosen here, its keys fixed): it runs while the stack starts rather than after it.
  const api = await freePort();
  const apiUrl = `http://127.0.0.1:${api}`;
  const { anonKey } = await apiKeys(localJwtSecret);
  // Inside the project: Astro prerenders into the output folder only when that is under the working
  // directory, and otherwise into the project's one .astro/.prerender, where two test runs at once
  // in one checkout deleted each other's chunks mid-build. Under node_modules, which a dev
  // server's watcher ignores.
  const cacheDir = path.join(projectRoot, 'node_modules/.cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(cacheDir, 'cardclub-portal-'));
  const [started, built] = await Promise.allSettled([
    startStack({ ports: { api } }),
    buildPortal(outDir, { PUBLIC_SUPABASE_URL: apiUrl, PUBLIC_SUPABASE_ANON_KEY: anonKey }),
  ]);
  const cleanups: (() => Promise<void> | void)[] = [() => fs.rmSync(outDir, { recursive: true, force: true })];
  if (started.status === 'fulfilled') cleanups.unshift(() => started.value.stop());
  try {
    if (started.status === 'rejected') throw started.reason;
    if (built.status === 'rejected') throw built.reason;
    const stack = started.value;
    const portal = await serveStatic(outDir);
    cleanups.unshift(() => portal.close());
    const demo = await serveDemo({ port: 0, portalUrl: portal.url, apiUrl: stack.apiUrl });
    cleanups.unshift(() => demo.close());
    publishEnv({
      portalUrl: portal.url,
      demoUrl: demo.url,
      portalDir: outDir,
      apiUrl: stack.apiUrl,
      dbUrl: stack.dbUrl,
      inboxUrl: stack.inboxUrl,
      anonKey: stack.anonKey,
      serviceRoleKey: stack.serviceRoleKey,
      jwtSecret: stack.jwtSecret,
    });
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
