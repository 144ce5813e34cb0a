/**
 * Stored files (attachments of publications), content-addressed: a file's key is the SHA-256 of its
 * bytes (64 lowercase hex digits), so the same bytes are stored once however often they are attached,
 * and a key never names two different contents.
 *
 * One interface, one implementation for now: the local disk under `Config.filesDir`
 * (`<dir>/ab/cd/<sha256>`). An S3-compatible implementation can come later behind the same
 * interface (put = PUT object with the key as its name, get = GET, delete = DELETE); nothing outside
 * this folder knows where the bytes live.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  /** The storage key: the SHA-256 of the bytes, hex. */
  key: string;
  sha256: string;
  size: number;
}

export interface FileStore {
  /** Stores the bytes (atomically: nobody ever reads a half-written file) and returns their key. Storing bytes that are already there is a no-op. */
  put(bytes: Uint8Array): Promise<StoredFile>;
  /** The whole file; throws when there is none under the key. */
  get(key: string): Promise<Buffer>;
  /** The file as a stream (downloads); the stream errors when there is none under the key. */
  stream(key: string): Readable;
  /** Whether a file is stored under the key. */
  has(key: string): Promise<boolean>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
}

const keyPattern = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A key from outside (a database row) is checked before it becomes a path: nothing can point outside the store. */
export function isFileKey(key: string): boolean {
  return keyPattern.test(key);
}

function requireKey(key: string): string {
  if (!isFileKey(key)) throw new Error(`Not a file key: ${JSON.stringify(key).slice(0, 80)}`);
  return key;
}

/** Files on the local disk under `dir` (created on first write, so a deployment without attachments gets no folder). */
export function createLocalFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const pathOf = (key: string) => join(root, requireKey(key).slice(0, 2), key.slice(2, 4), key);

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const path = pathOf(sha256);
      const stored: StoredFile = { key: sha256, sha256, size: bytes.byteLength };
      try {
        const s = await stat(path);
        if (s.size === bytes.byteLength) return stored;
      } catch {
        // not there yet
      }
      await mkdir(dirname(path), { recursive: true });
      // Temp file in the same folder (same file system), then rename: readers see the old state or the whole file.
      const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, bytes, { flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      return stored;
    },
    async get(key) {
      return readFile(pathOf(key));
    },
    stream(key) {
      return createReadStream(pathOf(key));
    },
    async has(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    },
  };
}
