/**
 * `npm run dev`: the local stack on Supabase's default ports with persistent data, the
 * portal (Astro dev server) and a demo merchant page on another origin carrying the
 * widget's script tag. Prints what `supabase status` prints, then serves until stopped.
 *
 *   --reset  rebuild the database from migrations and seed (`npm run db:reset`)
 *   --exit   stop after setting up (with --reset: reset only)
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { defaultPorts, projectRoot, supabaseDir } from './config.ts';
import { LocalPostgres } from './postgres.ts';
import { isFree } from './ports.ts';
import { startStack } from './stack.ts';

const args = new Set(process.argv.slice(2));
const portalPort = Number(process.env.PORTAL_PORT ?? 4321);
const demoPort = Number(process.env.DEMO_PORT ?? 4322);

for (const [name, port] of Object.entries({ ...defaultPorts, portal: portalPort, demo: demoPort })) {
  if (!(await isFree(port))) {
    console.error(`Port ${port} (${name}) is in use. Is another \`npm run dev\` running? Stop it first.`);
    process.exit(1);
  }
}

const dataDir = LocalPostgres.dataDirFor(
  path.join(supabaseDir, '.local'),
  `cardclub-${createHash('sha256').update(projectRoot).digest('hex').slice(0, 12)}`,
);
const stack = await startStack({ dataDir, ports: defaultPorts, reset: args.has('--reset') });
for (const file of stack.migrations.applied) console.log(`Applied new migration ${file}.`);
if (stack.migrations.edited.length > 0) {
  console.warn(`These migrations changed after they were applied here: ${stack.migrations.edited.join(', ')}.\n` +
    'Run `npm run db:reset` to rebuild the database from migrations and seed (local data is lost).');
}

if (args.has('--exit')) {
  await stack.stop();
  console.log(`Database ${args.has('--reset') ? 'reset from migrations and seed' : 'ready'} (${dataDir}).`);
  process.exit(0);
}

// The portal reads these at build time; only the anon key ever reaches a browser bundle.
process.env.PUBLIC_SUPABASE_URL = stack.apiUrl;
process.env.PUBLIC_SUPABASE_ANON_KEY = stack.anonKey;
const { dev } = await import('astro');
const portal = await dev({ root: projectRoot, server: { port: portalPort, host: '127.0.0.1' }, logLevel: 'warn' });
const portalUrl = `http://localhost:${portalPort}`;
const { serveDemo } = await import('../../widget/demo/serve.ts');
const demo = await serveDemo({ port: demoPort, portalUrl, apiUrl: stack.apiUrl });

const status: [string, string][] = [
  ['API URL', stack.apiUrl],
  ['REST URL', `${stack.apiUrl}/rest/v1`],
  ['DB URL', stack.dbUrl],
  ['Mailpit URL', stack.inboxUrl],
  ['Portal URL', portalUrl],
  ['Demo store URL', demo.url],
  ['JWT secret', stack.jwtSecret],
  ['anon key', stack.anonKey],
  ['service_role key', stack.serviceRoleKey],
];
const width = Math.max(...status.map(([label]) => label.length));
console.log('\nCardclub local development setup is running.\n');
for (const [label, value] of status) console.log(`${label.padStart(width)}: ${value}`);
console.log(`\nDemo logins: staff@demo-wigs.test / cardclub-staff (console); members sign in with an e-mail code from the Mailpit URL.`);
console.log(`Data: ${dataDir}. Stop with Ctrl+C.`);

let stopping = false;
async function shutdown(exitCode: number) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([portal.stop(), demo.close()]);
  await stack.stop();
  process.exit(exitCode);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
// The stack has said which service kept dying; without it nothing here can work.
void stack.failed.then(() => shutdown(1));
