/** Response headers of file downloads (attachments, case files, generated letters): pure string rules, no I/O. */

/**
 * `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 8187): browsers
 * take filename* and show the Chinese name; old clients get an ASCII name with the right extension.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const stem = (dot > 0 ? name.slice(0, dot) : name).replace(/[^\x20-\x7e]|["\\%;]/g, '_').replace(/_+/g, '_');
  const fallback = `${/[A-Za-z0-9]/.test(stem) ? stem : 'attachment'}${ext}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The headers of a stored file sent to its owner: type, Chinese file name, no sniffing, never cached by proxies. */
export function privateFileHeaders(name: string, mime: string): Record<string, string> {
  return { 'content-type': mime || 'application/octet-stream', 'content-disposition': contentDisposition(name), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' };
}
