/** What every measure gets: the stack's addresses and keys, the run's config and fixtures. */
import type { BenchConfig } from './config.ts';
import type { Fixtures, Login } from './fixtures.ts';
import type { Caller } from './http.ts';

export interface BenchContext {
  apiUrl: string;
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  config: BenchConfig;
  fx: Fixtures;
}

export const as = (ctx: BenchContext, login: Login): Caller => ({ apiKey: ctx.anonKey, token: login.accessToken });
export const asService = (ctx: BenchContext): Caller => ({ apiKey: ctx.serviceRoleKey, token: ctx.serviceRoleKey });
