// Streams a stored blob to the client, with single-range support (206 / 416), for the owner's
// download and for share readers alike.
import { parseRange } from '../http/range.js';
import { HttpError } from '../http/http-error.js';
import { sendStream } from '../http/streams.js';
import type { AppContext, Deps } from '../http/types.js';
import type { BlobRecord } from '../store/meta-records.js';
import { StorageError } from '../store/storage-error.js';

export async function serveBlob(c: AppContext, deps: Deps, blob: BlobRecord): Promise<Response> {
  const range = parseRange(c.req.header('range'), blob.size);
  if (range === 'unsatisfiable') {
    throw new HttpError(416, 'range_not_satisfiable', `The blob has ${blob.size} bytes.`, { size: blob.size }, { 'Content-Range': `bytes */${blob.size}` });
  }
  let body;
  try {
    body = await deps.blobs.read(blob.id, range ?? undefined);
  } catch (error) {
    if (error instanceof StorageError && error.kind === 'missing') throw new HttpError(404, 'blob_not_found', 'The blob is gone.');
    throw error;
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
  return sendStream(c, { status: range ? 206 : 200, headers, body }, deps.responseHeaders);
}
