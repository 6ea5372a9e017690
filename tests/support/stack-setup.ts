/** Vitest global setup for database tests: one throw-away local stack per run, on free ports. */
import type { TestProject } from 'vitest/node';
import { startStack } from '../../supabase/local/stack.ts';
import type { StackInfo } from './stack-info.ts';

export default async function setup(project: TestProject) {
  const stack = await startStack();
  const info: StackInfo = {
    apiUrl: stack.apiUrl,
    dbUrl: stack.dbUrl,
    inboxUrl: stack.inboxUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    jwtSecret: stack.jwtSecret,
  };
  project.provide('stack', info);
  return () => stack.stop();
}
