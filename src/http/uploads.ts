/**
 * File uploads (multipart/form-data) for the few back-office forms that take files.
 *
 * @fastify/multipart parses every multipart request: its text fields become `req.body` exactly as a
 * url-encoded form's would (so CSRF checking, which reads `req.body._csrf`, works unchanged), and
 * its files are collected here — only for routes that declare `config: { uploads: true }` and only
 * for a signed-in user (or, with `uploads: 'public'`, for anyone); anything else is read and thrown away without being kept in memory.
 * A file over the size limit is cut at the limit and marked `truncated` (the service refuses it
 * with a message naming the limit, and the form is shown again with what was typed). At most
 * `maxFiles` files of one request are kept; further ones are counted but not kept.
 * A multipart request to any other route, or from a visitor who is not signed in, is refused with 415
 * before its body is read (the parser would otherwise hold its fields in memory before CSRF is checked).
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

/** Route option for a route whose form carries files (signed-in staff). */
export const acceptsUploads = { config: { uploads: true } };
/**
 * Route option for a public form with files (a citizen's application or correction: no account, Art. 29).
 * Such routes must be rate-limited; the size and count limits hold as for staff.
 */
export const acceptsPublicUploads = { config: { uploads: 'public' } };

async function drain(part: MultipartFile): Promise<void> {
  for await (const chunk of part.file) void chunk;
}

function routeTakesUploads(req: FastifyRequest): boolean {
  const mode = (req.routeOptions.config as { uploads?: boolean | 'public' } | undefined)?.uploads;
  return mode === 'public' || (mode === true && !!req.ctx?.principal);
}

export async function registerUploads(app: FastifyInstance, opts: { maxBytes: number; maxFiles: number }): Promise<void> {
  app.addHook('preParsing', async (req, reply) => {
    if (!/^multipart\//i.test(req.headers['content-type'] ?? '') || routeTakesUploads(req)) return;
    return reply.code(415).type('text/plain; charset=utf-8').send(req.ctx?.t ? req.ctx.t('error.unsupportedMedia') : 'Unsupported Media Type');
  });
  const files = Math.max(50, opts.maxFiles * 2);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: opts.maxBytes, files, fields: 200, fieldSize: 1024 * 1024, parts: files + 200 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      if (!routeTakesUploads(this)) return drain(part);
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
