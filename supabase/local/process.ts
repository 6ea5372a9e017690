/** What the stack's child processes (postgres, postgrest) share. */
import type { ChildProcess } from 'node:child_process';

/** Signals a child and resolves once it has exited; a child already gone resolves at once. */
export function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
