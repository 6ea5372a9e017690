/**
 * The whole local Supabase stand-in: Postgres, PostgREST, the auth and storage stand-ins,
 * the dev inbox and the gateway in front of them. `npm run dev` starts one on Supabase's
 * default ports with persistent data; tests start a throw-away one on free ports.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dbUrl, defaultPorts, localJwtSecret, type StackPorts } from './config.ts';
import { LocalPostgres } from './postgres.ts';
import { LocalPostgrest } from './postgrest.ts';
import { Supervisor } from './process.ts';
import { isSetUp, migrateDatabase, setUpDatabase, type MigrationReport } from './database.ts';
import { startGateway } from './gateway.ts';
import { apiKeys } from './keys.ts';
import { freePorts } from './ports.ts';
import { createAuth } from './auth/index.ts';
import { createStorage } from './storage/index.ts';
import { createInbox } from './mail/index.ts';

export interface StackOptions {
  /** Where Postgres data and stored files live; a fresh temporary folder when omitted. */
  dataDir?: string;
  /** Fixed ports (dev); free ports are picked for any left out. */
  ports?: Partial<StackPorts>;
  /** Drop existing data and rebuild from migrations and seed. */
  reset?: boolean;
  /** Auth tuning for tests (short OTP expiry, no resend interval). */
  auth?: { otpTtlSeconds?: number; otpIntervalSeconds?: number; accessTokenTtlSeconds?: number };
  /** Postgres' and PostgREST's own output. */
  log?: (line: string) => void;
  /** Where the stack says that a service died and is being restarted (default: stderr). */
  report?: (line: string) => void;
}

export interface Stack {
  apiUrl: string;
  dbUrl: string;
  inboxUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  dataDir: string;
  /** On a reused data directory: migrations applied now, and applied ones edited since. */
  migrations: MigrationReport;
  /** Stops and starts one service, for fault tests: the gateway stays up throughout. */
  restart(service: 'db' | 'rest'): Promise<void>;
  /** A service's process id, for fault tests that kill it; undefined while it is down. */
  pid(service: 'db' | 'rest'): number | undefined;
  /** Resolves, once the stack has stopped itself, if a service kept dying: the reason. */
  failed: Promise<Error>;
  stop(): Promise<void>;
}

/** The stack's ports and PostgREST's admin port, those not fixed picked together so no two are the same. */
async function pickPorts(fixed: Partial<StackPorts> = {}): Promise<StackPorts & { restAdmin: number }> {
  const [api, db, inbox, rest, restAdmin] = await freePorts(5);
  return { api: fixed.api ?? api!, db: fixed.db ?? db!, inbox: fixed.inbox ?? inbox!, rest: fixed.rest ?? rest!, restAdmin: restAdmin! };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const ports = await pickPorts(options.ports);
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cardclub-stack-'));
  if (temporary) fs.chmodSync(dataDir, 0o755);
  const log = options.log;
  const jwtSecret = localJwtSecret;
  const keys = await apiKeys(jwtSecret);
  const apiUrl = `http://127.0.0.1:${ports.api}`;

  const postgresDir = path.join(dataDir, 'postgres');
  if (options.reset) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  let giveUp!: (error: Error) => void;
  const gaveUp = new Promise<Error>((resolve) => (giveUp = resolve));
  const supervision = { report: options.report ?? ((line: string) => console.warn(line)), giveUp };
  const postgres = new Supervisor(new LocalPostgres({ dataDir: postgresDir, port: ports.db, log }), supervision);
  const rest = new LocalPostgrest({ dbPort: ports.db, port: ports.rest, adminPort: ports.restAdmin, jwtSecret, log });
  const postgrest = new Supervisor(rest, supervision);
  // However this process ends, even by an exit that skips stop() (Vite exits on SIGTERM before
  // `npm run dev` has stopped the stack), the services must not outlive it holding the ports.
  // Exit handlers cannot wait, but stop() signals the process before its first await.
  const stopOnExit = () => void Promise.all([postgrest.stop(), postgres.stop()]);
  process.once('exit', stopOnExit);
  let migrations: MigrationReport = { applied: [], edited: [] };
  const authPool = standInPool(dbUrl(ports.db, 'supabase_auth_admin'));
  const storagePool = standInPool(dbUrl(ports.db, 'supabase_storage_admin'));
  const inbox = createInbox();
  const inboxServer = http.createServer((req, res) => {
    inbox.handler(req, res, new URL(req.url ?? '/', 'http://inbox').pathname).catch(() => res.destroy());
  });
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    await postgres.start();
    if (await isSetUp(dbUrl(ports.db))) migrations = await migrateDatabase(dbUrl(ports.db));
    else await setUpDatabase(dbUrl(ports.db));
    await postgrest.start();
    await listen(inboxServer, ports.inbox);
    gateway = await startGateway({
      port: ports.api,
      restUrl: rest.url,
      apiKeys: [keys.anonKey, keys.serviceRoleKey],
      auth: createAuth({ pool: authPool, jwtSecret, issuer: `${apiUrl}/auth/v1`, mailer: inbox, ...options.auth }),
      storage: createStorage({ pool: storagePool, jwtSecret, rootDir: path.join(dataDir, 'storage') }),
    });
  } catch (error) {
    // A broken migration, or a port taken meanwhile, must not leave a postgres or a PostgREST
    // behind holding their ports for the next try (a test run's left both running).
    if (inboxServer.listening) await new Promise((r) => inboxServer.close(r));
    await postgrest.stop();
    await Promise.all([authPool.end(), storagePool.end()]);
    await postgres.stop();
    process.off('exit', stopOnExit);
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = Promise.all([new Promise((r) => gateway.close(r)), new Promise((r) => inboxServer.close(r))]);
      gateway.closeAllConnections();
      inboxServer.closeAllConnections();
      await closed;
      await postgrest.stop();
      await Promise.all([authPool.end(), storagePool.end()]);
      await postgres.stop();
      process.off('exit', stopOnExit);
      if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    })());

  return {
    apiUrl,
    dbUrl: dbUrl(ports.db),
    inboxUrl: `http://127.0.0.1:${ports.inbox}`,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    jwtSecret,
    dataDir,
    migrations,
    restart: (service) => (service === 'db' ? postgres : postgrest).restart(),
    pid: (service) => (service === 'db' ? postgres : postgrest).pid,
    failed: gaveUp.then(async (error) => {
      await stop();
      return error;
    }),
    stop,
  };
}

/**
 * A pool for a stand-in. When Postgres goes away every connection errors: idle ones are
 * dropped by the pool, and checked-out ones need a listener too, or the error event would
 * crash the process; their query fails instead, and release() discards them.
 */
function standInPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export { defaultPorts };
