// Turns anything thrown in a handler into the JSON error shape; unknown errors become a bare 500
// whose message and log line carry no request data (no tokens, no bodies, no stack to the client).
import type { Context } from 'hono';
import { HttpError } from './http-error.js';
import { isPgUnavailable } from '../store/postgres/connection.js';
import { StorageError } from '../store/storage-error.js';

export function errorResponse(c: Context, err: HttpError): Response {
  return c.json(err.toJSON(), err.status as 400, err.headers);
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) return errorResponse(c, err);
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return errorResponse(c, new HttpError(507, 'storage_full', 'The relay\'s disk is full; nothing was changed. Try again later, or tell the operator.'));
  }
  // [Note: Store unavailable] in store/postgres/connection.ts: a store that can't be reached is a 503
  // the client retries, not a relay failure.
  if (isPgUnavailable(err)) {
    console.error(`relay: metadata store unavailable on ${c.req.method} ${routeOf(c)}: ${String(code)}`);
    return errorResponse(c, new HttpError(503, 'store_unavailable', 'The relay can\'t reach its database right now; nothing was changed. Try again in a moment.', undefined, { 'Retry-After': '5' }));
  }
  if (err instanceof StorageError && err.kind === 'unavailable') {
    console.error(`relay: blob store unavailable on ${c.req.method} ${routeOf(c)}`);
    return errorResponse(c, blobStoreUnavailable());
  }
  console.error(`relay: internal error on ${c.req.method} ${routeOf(c)}: ${err.name}`);
  return errorResponse(c, new HttpError(500, 'internal_error', 'The relay failed; try again. If it keeps failing, the operator has to look at the relay log.'));
}

export function onNotFound(c: Context): Response {
  return errorResponse(c, new HttpError(404, 'not_found', 'No such route; see docs/API.md.'));
}

// The matched route pattern, not the concrete path: concrete paths can hold share or drop ids.
function routeOf(c: Context): string {
  return c.req.routePath || '(unmatched)';
}

/** S3 (or another blob back end) can't be reached: stored files are safe, the client retries. */
export function blobStoreUnavailable(): HttpError {
  return new HttpError(503, 'blob_store_unavailable', 'The relay can\'t reach its file storage right now; nothing was lost. Try again in a moment.', undefined, { 'Retry-After': '5' });
}
