/**
 * The built portal (pages, `_astro/` bundles, widget.js and widget-panel.js) carries no
 * credential: every JWT-looking string in it decodes to role "anon", and neither the
 * service-role key, the JWT secret nor a database URL appears. This scans the very build the
 * other browser tests run against (global-setup.ts), built with the stack's real keys in the
 * environment, so a leak through configuration or code shows up here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { scanDirectory, scanText } from '../support/secret-scan.ts';
import { testEnv } from './env.ts';

const jwtLike = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g;
/** A connection string with credentials, e.g. postgresql://postgres:password@host/db. */
const connectionString = /postgres(?:ql)?:\/\/[^\s"'`/@]+:[^\s"'`/@]+@/;
/** Supabase's newer secret API keys (the publishable ones, sb_publishable_…, are fine). */
const secretApiKey = /\bsb_secret_[A-Za-z0-9_-]{8,}/;

function builtFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), fs.readFileSync(file, 'latin1'));
  }
  return files;
}

const role = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')).role as unknown;

test.describe('built bundles', () => {
  test('carry the anon key and no other credential', () => {
    const { portalDir, anonKey, serviceRoleKey, jwtSecret, dbUrl } = testEnv();
    const forbidden = [serviceRoleKey, jwtSecret, dbUrl];
    expect(role(anonKey)).toBe('anon');
    expect(role(serviceRoleKey)).toBe('service_role');

    const { files, findings } = scanDirectory(portalDir, forbidden);
    expect(findings).toEqual([]);

    // Not vacuous: the scan covered the pages, the portal's bundles and the widget's files…
    const built = builtFiles(portalDir);
    expect(files).toBe(built.size);
    const names = [...built.keys()];
    expect(names).toEqual(expect.arrayContaining(['index.html', 'store/index.html', 'widget.js', 'widget-panel.js', 'widget-placements.js']));
    expect(names.filter((name) => name.startsWith('_astro/') && name.endsWith('.js')).length).toBeGreaterThan(0);

    // …and found the anon key where the browser needs it, as the only JWT.
    const withAnonKey = names.filter((name) => built.get(name)!.includes(anonKey));
    expect(withAnonKey).toContain('widget.js');
    expect(withAnonKey.some((name) => name.startsWith('_astro/'))).toBe(true);
    const jwts = new Set([...built.values()].flatMap((text) => [...text.matchAll(jwtLike)].map(([jwt]) => jwt)));
    expect([...jwts]).toEqual([anonKey]);

    // Other shapes of credential the JWT scan would not see.
    const otherSecrets = names.filter((name) => connectionString.test(built.get(name)!) || secretApiKey.test(built.get(name)!));
    expect(otherSecrets).toEqual([]);
  });

  test('the scan flags a service-role key or the JWT secret planted in a real bundle', () => {
    const { portalDir, serviceRoleKey, jwtSecret, dbUrl } = testEnv();
    const panel = fs.readFileSync(path.join(portalDir, 'widget-panel.js'), 'latin1');
    const forbidden = [serviceRoleKey, jwtSecret, dbUrl];
    expect(scanText('widget-panel.js', panel, forbidden)).toEqual([]);
    expect(scanText('widget-panel.js', `${panel}\nconst k="${serviceRoleKey}";`, forbidden).map((f) => f.problem)).toEqual([
      'JWT with role "service_role"',
      'contains a secret value',
    ]);
    expect(scanText('widget-panel.js', `${panel}\nconst s="${jwtSecret}";`, forbidden)).toHaveLength(1);
    expect(connectionString.test(`${panel}\nconst u="${dbUrl}";`)).toBe(true);
  });
});
