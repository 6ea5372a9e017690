/**
 * Signed URLs: a caller who may read an object gets a token bound to `bucket/name`, and
 * anyone holding it may download that object until it expires, without an API key.
 * Tokens are HS256 JWTs `{ url, scope: "download", iat, exp }` signed with the JWT secret,
 * as Storage signs them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, jwtVerify, SignJWT } from 'jose';
import { sendJson } from '../http.ts';
import { readJson, stringArray, type StorageContext } from './context.ts';
import { asCaller, objectColumns, type ObjectRow } from './db.ts';
import { invalidJwt, invalidRequest, invalidSignature, noSuchKey } from './errors.ts';
import { identify } from './identity.ts';
import { bucketAndName, bucketFromPath } from './names.ts';
import { sendObject } from './serve.ts';

const downloadScope = 'download';

function expiresInOf(body: Record<string, unknown>): number {
  const value = body.expiresIn;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalidRequest('expiresIn must be a positive whole number of seconds');
  }
  return value;
}

async function signUrl(ctx: StorageContext, bucket: string, name: string, expiresIn: number): Promise<string> {
  const url = `${bucket}/${name}`;
  const token = await new SignJWT({ url, scope: downloadScope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(ctx.secret);
  return `/object/sign/${url}?token=${token}`;
}

/** POST /object/sign/{bucket}/{name} -> { signedURL } for an object the caller may select. */
export async function signOne(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const { bucket, name } = bucketAndName(rest);
  const expiresIn = expiresInOf(await readJson(req));
  const visible = await asCaller(ctx.pool, identity, (db) =>
    db.query('select 1 from storage.objects where bucket_id = $1 and name = $2', [bucket, name]),
  );
  if (visible.rowCount === 0) throw noSuchKey();
  sendJson(res, 200, { signedURL: await signUrl(ctx, bucket, name, expiresIn) });
}

/** POST /object/sign/{bucket} { expiresIn, paths } -> one entry per path, with an error for those not visible. */
export async function signMany(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, bucketParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const bucket = bucketFromPath(bucketParam);
  const body = await readJson(req);
  const expiresIn = expiresInOf(body);
  const paths = stringArray(body.paths, 'paths');
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2)', [bucket, paths]),
  );
  const visible = new Set(rows.map((r) => r.name));
  const results = await Promise.all(
    paths.map(async (path) =>
      visible.has(path)
        ? { error: null, path, signedURL: await signUrl(ctx, bucket, path, expiresIn) }
        : { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null },
    ),
  );
  sendJson(res, 200, results);
}

async function verifyUrlToken(ctx: StorageContext, token: string, url: string): Promise<void> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, ctx.secret, { algorithms: ['HS256'] }));
  } catch (error) {
    throw invalidJwt(error instanceof errors.JOSEError ? error.message : 'Invalid JWT');
  }
  // A user's access token is signed with the same secret: only a download token for this
  // very object opens it.
  if (payload.scope !== downloadScope || payload.url !== url) throw invalidSignature();
}

/** GET /object/sign/{bucket}/{name}?token= — no API key, no user: the token is the permission. */
export async function downloadSigned(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const { bucket, name } = bucketAndName(rest);
  const token = new URL(req.url ?? '/', 'http://storage').searchParams.get('token');
  if (!token) throw invalidRequest("querystring must have required property 'token'");
  await verifyUrlToken(ctx, token, `${bucket}/${name}`);
  // The signer was allowed to read it; the token now stands in for them, as in Storage.
  const { rows } = await ctx.pool.query<ObjectRow>(
    `select ${objectColumns} from storage.objects where bucket_id = $1 and name = $2`,
    [bucket, name],
  );
  if (!rows[0]) throw noSuchKey();
  await sendObject(req, res, ctx.files, rows[0]);
}
