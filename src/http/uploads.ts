/**
 * File uploads (multipart/form-data) for the few back-office forms that take files.
 *
 * @fastify/multipart parses every multipart request: its text fields become `req.body` exactly as a
 * url-encoded form's would (so CSRF checking, which reads `req.body._csrf`, works unchanged), and
 * its files are collected here — only for routes that declare `config: { uploads: true }` and only
 * for a signed-in user; anything else is read and thrown away without being kept in memory.
 * A file over the size limit is cut at the limit and marked `truncated` (the service refuses it
 * with a message naming the limit, and the form is shown again with what was typed). At most
 * `maxFiles` files of one request are kept; further ones are counted but not kept.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';

export interface Upload {
  field: string;
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}

const uploads = new WeakMap<FastifyRequest, Upload[]>();
const dropped = new WeakMap<FastifyRequest, number>();

/** The files of this request (empty file inputs left out). */
export function uploadsOf(req: FastifyRequest): Upload[] {
  return uploads.get(req) ?? [];
}
/** Files sent beyond the number kept. */
export function droppedUploads(req: FastifyRequest): number {
  return dropped.get(req) ?? 0;
}

/** Route option for a route whose form carries files. */
export const acceptsUploads = { config: { uploads: true } };

async function drain(part: MultipartFile): Promise<void> {
  for await (const chunk of part.file) void chunk;
}

export async function registerUploads(app: FastifyInstance, opts: { maxBytes: number; maxFiles: number }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: opts.maxBytes, files: Math.max(50, opts.maxFiles * 2), fields: 500, fieldSize: 2 * 1024 * 1024, parts: 1000 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const wanted = (this.routeOptions.config as { uploads?: boolean } | undefined)?.uploads === true && !!this.ctx?.principal;
      if (!wanted) return drain(part);
      const list = uploads.get(this) ?? [];
      uploads.set(this, list);
      if (list.length >= opts.maxFiles) {
        await drain(part);
        dropped.set(this, (dropped.get(this) ?? 0) + 1);
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      // An empty file input sends a part with no name and no bytes.
      if (!part.filename && bytes.length === 0) return;
      list.push({ field: part.fieldname, filename: part.filename ?? '', bytes, truncated: part.file.truncated });
    },
  });
}
