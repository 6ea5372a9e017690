/**
 * Finds credentials in built browser files: every JWT-looking string is decoded, and
 * anything but the anon key (role "anon") is a leak, as is the JWT secret itself.
 */
import fs from 'node:fs';
import path from 'node:path';

const jwtPattern = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g;

export interface Finding {
  file: string;
  problem: string;
}

function decodePayload(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function scanText(file: string, text: string, forbidden: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const [token] of text.matchAll(jwtPattern)) {
    const role = decodePayload(token)?.role;
    if (role !== 'anon') findings.push({ file, problem: `JWT with role ${JSON.stringify(role)}` });
  }
  for (const secret of forbidden) if (text.includes(secret)) findings.push({ file, problem: 'contains a secret value' });
  return findings;
}

export function scanDirectory(dir: string, forbidden: string[]): { files: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let files = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files += 1;
    findings.push(...scanText(path.relative(dir, file), fs.readFileSync(file, 'latin1'), forbidden));
  }
  return { files, findings };
}
