/** What the global setup hands every database test: the stack's URLs and keys. */
export interface StackInfo {
  apiUrl: string;
  dbUrl: string;
  inboxUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}
