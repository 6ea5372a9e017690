/**
 * Object bytes on local disk. Files are named by the object's version (a fresh uuid per
 * upload), never by the object's name, so no name can reach outside the root and an
 * upsert never overwrites bytes a committed row still points at. A new version is written
 * to tmp/ and moved into objects/ only after its metadata row has committed.
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { entityTooLarge } from './errors.ts';

export class PendingFile {
  readonly version = randomUUID();
  readonly tmpPath: string;
  readonly #finalPath: string;
  readonly #limit: number;
  readonly #hash: Hash = createHash('md5');
  #handle: fsp.FileHandle | undefined;
  size = 0;

  constructor(files: ObjectFiles, limit: number) {
    this.tmpPath = path.join(files.tmpDir, this.version);
    this.#finalPath = files.pathOf(this.version);
    this.#limit = limit;
  }

  /** Appends a chunk, refusing to grow past the limit (the caller then discards the file). */
  async write(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    if (this.size > this.#limit) throw entityTooLarge();
    this.#hash.update(chunk);
    this.#handle ??= await fsp.open(this.tmpPath, 'wx');
    await this.#handle.write(chunk);
  }

  /** Closes the file; returns Storage's quoted-MD5 ETag. */
  async finish(): Promise<string> {
    this.#handle ??= await fsp.open(this.tmpPath, 'wx');
    await this.#handle.close();
    return `"${this.#hash.digest('hex')}"`;
  }

  /** Moves the finished file to where committed versions live. */
  async commit(): Promise<void> {
    await fsp.rename(this.tmpPath, this.#finalPath);
  }

  async discard(): Promise<void> {
    await this.#handle?.close().catch(() => undefined);
    await fsp.rm(this.tmpPath, { force: true });
  }
}

export class ObjectFiles {
  readonly tmpDir: string;
  readonly #objectsDir: string;

  constructor(rootDir: string) {
    this.tmpDir = path.join(rootDir, 'tmp');
    this.#objectsDir = path.join(rootDir, 'objects');
    fs.mkdirSync(this.tmpDir, { recursive: true });
    fs.mkdirSync(this.#objectsDir, { recursive: true });
  }

  pathOf(version: string): string {
    return path.join(this.#objectsDir, version);
  }

  pending(limit: number): PendingFile {
    return new PendingFile(this, limit);
  }

  /** A new version holding a copy of an existing one (object copy). */
  async copyOf(version: string): Promise<PendingFile> {
    const copy = new PendingFile(this, Number.POSITIVE_INFINITY);
    await fsp.copyFile(this.pathOf(version), copy.tmpPath);
    return copy;
  }

  /** Deletes versions whose rows are gone; a leftover file is harmless, so failures are ignored. */
  async remove(versions: (string | null)[]): Promise<void> {
    await Promise.all(versions.map((v) => (v ? fsp.rm(this.pathOf(v), { force: true }) : undefined)));
  }
}
