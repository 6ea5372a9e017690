import { describe, expect, it } from 'vitest';
import { parsePublicEnv } from '../../src/lib/env.ts';

const anonKey = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.signature';

describe('portal environment', () => {
  it('reads the URL (without a trailing slash) and the anon key', () => {
    expect(parsePublicEnv({ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co/', PUBLIC_SUPABASE_ANON_KEY: anonKey })).toEqual({
      supabaseUrl: 'https://abc.supabase.co',
      anonKey,
    });
  });

  it('names every missing variable', () => {
    expect(() => parsePublicEnv({})).toThrow(/PUBLIC_SUPABASE_URL is not set; PUBLIC_SUPABASE_ANON_KEY is not set/);
  });

  it('names a malformed one', () => {
    expect(() => parsePublicEnv({ PUBLIC_SUPABASE_URL: 'abc.supabase.co', PUBLIC_SUPABASE_ANON_KEY: anonKey })).toThrow(
      /PUBLIC_SUPABASE_URL is invalid/,
    );
  });
});
