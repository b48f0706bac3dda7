// The service worker's answer to /download/<token>/<name>: the registered stream as an attachment, so
// the browser saves it with its own download UI, streamed to disk as the crypto worker decrypts
// (DESIGN.md §6, for browsers without showSaveFilePicker). Single use: the token is gone once asked for.
import { streamFromPort } from './port-stream.js';
import type { TransferRegistry } from './transfer-registry.js';

/** RFC 6266 / RFC 8187: a plain-ASCII fallback name and the exact name as UTF-8. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'download';
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/**
 * Headers every transfer answer carries: never cached, and nothing in it may run if it were ever shown
 * as a page. Not CSP `sandbox`: Chromium refuses downloads from a sandboxed response.
 */
export const TRANSFER_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'",
};

export function goneResponse(what: string): Response {
  return new Response(`This ${what} link is no longer valid. Start it again from Veilbox.\n`, {
    status: 404, headers: { ...TRANSFER_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export function downloadResponse(registry: TransferRegistry, token: string): Response {
  const entry = registry.take('download', token);
  if (!entry) return goneResponse('download');
  const headers: Record<string, string> = {
    ...TRANSFER_HEADERS,
    'Content-Type': entry.mediaType || 'application/octet-stream',
    'Content-Disposition': contentDisposition(entry.fileName),
  };
  if (entry.size !== null) headers['Content-Length'] = String(entry.size);
  return new Response(streamFromPort(entry.open(0, entry.size ?? 0)), { status: 200, headers });
}
