// Streams a stored blob to the client, with single-range support (206 / 416), for the owner's
// download and for share readers alike. Under Node the bytes go from the file to the socket through
// the blob store's `sendTo` fast path when it has one.
import { parseRange } from '../http/range.js';
import { HttpError } from '../http/http-error.js';
import { blobStoreUnavailable } from '../http/errors.js';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { sendStream } from '../http/streams.js';
import { nodeBindings, type AppContext, type Deps } from '../http/types.js';
import type { BlobRecord } from '../store/meta-records.js';
import { StorageError } from '../store/storage-error.js';

export async function serveBlob(c: AppContext, deps: Deps, blob: BlobRecord): Promise<Response> {
  const range = parseRange(c.req.header('range'), blob.size);
  if (range === 'unsatisfiable') {
    throw new HttpError(416, 'range_not_satisfiable', `The blob has ${blob.size} bytes.`, { size: blob.size }, { 'Content-Range': `bytes */${blob.size}` });
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${blob.size}`;
    headers['Content-Length'] = String(range.end - range.start + 1);
  } else {
    headers['Content-Length'] = String(blob.size);
  }
  const status = range ? 206 : 200;
  const outgoing = nodeBindings(c).outgoing;
  try {
    if (outgoing && deps.blobs.sendTo && c.req.method !== 'HEAD') {
      await deps.blobs.sendTo(blob.id, range ?? undefined, outgoing, () => outgoing.writeHead(status, { ...deps.responseHeaders, ...headers }));
      return RESPONSE_ALREADY_SENT;
    }
    return sendStream(c, { status, headers, body: await deps.blobs.read(blob.id, range ?? undefined) }, deps.responseHeaders);
  } catch (error) {
    if (error instanceof StorageError && error.kind === 'missing') throw new HttpError(404, 'blob_not_found', 'The blob is gone.');
    if (error instanceof StorageError && error.kind === 'unavailable') throw blobStoreUnavailable();
    throw error;
  }
}
