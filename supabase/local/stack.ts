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
import { isSetUp, migrateDatabase, setUpDatabase, type MigrationReport } from './database.ts';
import { startGateway } from './gateway.ts';
import { apiKeys } from './keys.ts';
import { freePort } from './ports.ts';
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
  log?: (line: string) => void;
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
  stop(): Promise<void>;
}

async function pickPorts(fixed: Partial<StackPorts> = {}): Promise<StackPorts> {
  return {
    api: fixed.api ?? (await freePort()),
    db: fixed.db ?? (await freePort()),
    inbox: fixed.inbox ?? (await freePort()),
    rest: fixed.rest ?? (await freePort()),
  };
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
  const postgres = new LocalPostgres({ dataDir: postgresDir, port: ports.db, log });
  await postgres.start();
  const postgrest = new LocalPostgrest({ dbPort: ports.db, port: ports.rest, adminPort: await freePort(), jwtSecret, log });
  let migrations: MigrationReport = { applied: [], edited: [] };
  try {
    if (await isSetUp(dbUrl(ports.db))) migrations = await migrateDatabase(dbUrl(ports.db));
    else await setUpDatabase(dbUrl(ports.db));
    await postgrest.start();
  } catch (error) {
    // A broken migration must not leave a postgres behind holding the port for the next try.
    await postgrest.stop();
    await postgres.stop();
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const authPool = new pg.Pool({ connectionString: dbUrl(ports.db, 'supabase_auth_admin'), max: 10 });
  const storagePool = new pg.Pool({ connectionString: dbUrl(ports.db, 'supabase_storage_admin'), max: 10 });
  // A restarting database drops pooled connections; the pools reconnect on next use.
  authPool.on('error', () => undefined);
  storagePool.on('error', () => undefined);

  const inbox = createInbox();
  const inboxServer = http.createServer((req, res) => {
    inbox.handler(req, res, new URL(req.url ?? '/', 'http://inbox').pathname).catch(() => res.destroy());
  });
  await listen(inboxServer, ports.inbox);

  const gateway = await startGateway({
    port: ports.api,
    restUrl: postgrest.url,
    apiKeys: [keys.anonKey, keys.serviceRoleKey],
    auth: createAuth({ pool: authPool, jwtSecret, issuer: `${apiUrl}/auth/v1`, mailer: inbox, ...options.auth }),
    storage: createStorage({ pool: storagePool, jwtSecret, rootDir: path.join(dataDir, 'storage') }),
  });

  return {
    apiUrl,
    dbUrl: dbUrl(ports.db),
    inboxUrl: `http://127.0.0.1:${ports.inbox}`,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    jwtSecret,
    dataDir,
    migrations,
    async restart(service) {
      if (service === 'db') await postgres.restart();
      else {
        await postgrest.stop();
        await postgrest.start();
      }
    },
    async stop() {
      const closed = Promise.all([new Promise((r) => gateway.close(r)), new Promise((r) => inboxServer.close(r))]);
      gateway.closeAllConnections();
      inboxServer.closeAllConnections();
      await closed;
      await postgrest.stop();
      await Promise.all([authPool.end(), storagePool.end()]);
      await postgres.stop();
      if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { defaultPorts };
