/** What the stack's child processes (postgres, postgrest) share: stopping, and supervision. */
import type { ChildProcess } from 'node:child_process';

/** Signals a child and resolves once it has exited; a child already gone resolves at once. */
export function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A service the stack runs as a child process; start resolves with it once it serves. */
export interface Service {
  readonly name: string;
  start(): Promise<ChildProcess>;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  report: (line: string) => void;
  /** Called once the service has died too often to go on restarting it. */
  giveUp: (error: Error) => void;
}

// A service that stays up for a minute has recovered, and its count starts over; failed
// restarts never reset it. The backoff outlasts what a killed postgres leaves behind: its
// busy backends hold the old shared memory until their statement ends (the API's statement
// timeout is 8 s), and postgres refuses to start until they have gone.
const recoveredAfterMs = 60_000;
const maxDeaths = 6;
const firstDelayMs = 500;
const maxDelayMs = 4_000;

/**
 * Restarts a service whose process dies on its own, as hosted Supabase and `supabase start`
 * do, with doubling backoff; a failed restart counts as another death. An exit asked for
 * through stop() or restart() is not a death.
 */
export class Supervisor {
  private readonly service: Service;
  private readonly options: SupervisorOptions;
  private current: ChildProcess | undefined;
  private upSince: number | undefined;
  private wanted = false;
  private timer: NodeJS.Timeout | undefined;
  private deaths = 0;

  constructor(service: Service, options: SupervisorOptions) {
    this.service = service;
    this.options = options;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  async start(): Promise<void> {
    this.wanted = true;
    this.watch(await this.service.start());
  }

  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.timer);
    this.current = undefined;
    await this.service.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private watch(child: ChildProcess): void {
    this.current = child;
    this.upSince = Date.now();
    child.once('exit', (code, signal) => {
      if (this.current === child) this.died(`exited (${signal ? `signal ${signal}` : `code ${code}`})`);
    });
  }

  /** `what` happened to the service: it exited, or a restart failed. */
  private died(what: string): void {
    const { name } = this.service;
    if (this.upSince !== undefined && Date.now() - this.upSince >= recoveredAfterMs) this.deaths = 0;
    this.current = undefined;
    this.upSince = undefined;
    const attempt = ++this.deaths;
    if (attempt >= maxDeaths) {
      this.wanted = false;
      const error = new Error(`${name} ${what}, ${attempt} times without staying up for a minute; stopping the stack`);
      this.options.report(error.message);
      this.options.giveUp(error);
      return;
    }
    const delayMs = Math.min(firstDelayMs * 2 ** (attempt - 1), maxDelayMs);
    this.options.report(`${name} ${what}; restarting in ${delayMs / 1000} s (attempt ${attempt})`);
    this.timer = setTimeout(() => void this.revive(), delayMs);
  }

  private async revive(): Promise<void> {
    try {
      const child = await this.service.start();
      // stop() during the start stops its process: watching it would count that exit as a death.
      if (!this.wanted) return;
      this.watch(child);
      this.options.report(`${this.service.name} restarted`);
    } catch (error) {
      if (!this.wanted) return;
      // A start that timed out can leave its process running.
      await this.service.stop();
      this.died(`failed to start (${(error as Error).message.split('\n')[0]})`);
    }
  }
}
