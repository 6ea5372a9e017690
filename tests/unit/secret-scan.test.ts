import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { scanText } from '../support/secret-scan.ts';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');
const token = (role: string) => new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).sign(secret);

describe('secret scan of built bundles', () => {
  it('accepts the anon key', async () => {
    expect(scanText('a.js', `const key = "${await token('anon')}";`, [])).toEqual([]);
  });

  it('flags a service-role key and any other role', async () => {
    const text = `x="${await token('service_role')}";y='${await token('authenticated')}'`;
    expect(scanText('a.js', text, []).map((f) => f.problem)).toEqual([
      'JWT with role "service_role"',
      'JWT with role "authenticated"',
    ]);
  });

  it('flags the JWT secret itself', () => {
    expect(scanText('a.js', 'const s = "top-secret-value"', ['top-secret-value'])).toHaveLength(1);
  });
});
