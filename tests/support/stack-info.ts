/** What the global setup hands every database test: the stack's URLs and keys. */
import type { Stack } from '../../supabase/local/stack.ts';

export type StackInfo = Pick<Stack, 'apiUrl' | 'dbUrl' | 'inboxUrl' | 'anonKey' | 'serviceRoleKey' | 'jwtSecret'>;

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}
