// The service worker's answer to /media/<token>: a file's plaintext by HTTP Range for <video> and
// <audio>, so a player that seeks gets a 206 for just the bytes it asks for, and the crypto worker
// reads only the chunks under them (worker/src/client/file-range.ts). 200 for a request without Range.
import { parseByteRange } from './byte-range.js';
import { goneResponse, TRANSFER_HEADERS } from './download-route.js';
import { streamFromPort } from './port-stream.js';
import type { TransferRegistry } from './transfer-registry.js';

export function mediaResponse(registry: TransferRegistry, token: string, request: Request): Response {
  const entry = registry.take('media', token);
  if (!entry || entry.size === null) return goneResponse('preview');
  const size = entry.size;
  const headers: Record<string, string> = {
    ...TRANSFER_HEADERS,
    'Content-Type': entry.mediaType || 'application/octet-stream',
    'Accept-Ranges': 'bytes',
  };
  const range = parseByteRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  const span = range ?? { start: 0, end: size };
  headers['Content-Length'] = String(span.end - span.start);
  if (range) headers['Content-Range'] = `bytes ${span.start}-${span.end - 1}/${size}`;
  const body = request.method === 'HEAD' || span.end === span.start ? null : streamFromPort(entry.open(span.start, span.end));
  return new Response(body, { status: range ? 206 : 200, headers });
}
