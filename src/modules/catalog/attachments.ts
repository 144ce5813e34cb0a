/** Pure rules of attachments: file names as shown and downloaded, sizes in words, download headers. */
import { contentDisposition } from '../../kernel/downloads.ts';
import type { AttachmentType } from './attachment-content.ts';

/** The extension a downloaded file gets when its name does not already end in one that fits its type. */
export const attachmentExtension: Record<AttachmentType, string> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', png: 'png', jpeg: 'jpg', gif: 'gif', webp: 'webp' };
const fitting: Record<AttachmentType, string[]> = { pdf: ['pdf'], docx: ['docx'], xlsx: ['xlsx'], png: ['png'], jpeg: ['jpg', 'jpeg'], gif: ['gif'], webp: ['webp'] };

/** The label of a type as readers know it (the same in both languages). */
export const attachmentTypeLabel: Record<AttachmentType, string> = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel', png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP' };

/**
 * The name of an uploaded file as it is kept and shown: the last path segment (some browsers send
 * C:\…\name), without control characters, at most 200 characters (the extension kept); never empty.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  if (name === '.' || name === '..') name = '';
  // Counted in code points, never cutting a surrogate pair (a lone half makes encodeURIComponent throw).
  name = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const chars = Array.from(name);
  if (chars.length > 200) {
    const dot = chars.lastIndexOf('.');
    const ext = dot > 0 && chars.length - dot <= 10 ? chars.slice(dot) : [];
    name = [...chars.slice(0, 200 - ext.length), ...ext].join('');
  }
  return name || 'attachment';
}

/** The name a download gets: the uploaded name, plus the type's extension when its own does not fit the content. */
export function downloadName(name: string, type: AttachmentType): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return fitting[type].includes(ext) ? name : `${name}.${attachmentExtension[type]}`;
}

/** 1.5 MB, 320 KB, 12 B — binary units, one decimal below 10. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** The public address of a file of a published item: /xxgk/{id}/attachments/{attachmentId}/{name}. */
export function publicAttachmentPath(publicationId: string, a: { id: string; name: string; type: AttachmentType }): string {
  return `/xxgk/${encodeURIComponent(publicationId)}/attachments/${encodeURIComponent(a.id)}/${encodeURIComponent(downloadName(a.name, a.type))}`;
}

/** The response headers of a file download (public or staff): its type, its name, and no sniffing by browsers. */
export function downloadHeaders(a: { name: string; type: AttachmentType; mime: string }): Record<string, string> {
  return { 'content-type': a.mime, 'content-disposition': contentDisposition(downloadName(a.name, a.type)), 'x-content-type-options': 'nosniff' };
}
