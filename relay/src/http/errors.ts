// Turns anything thrown in a handler into the JSON error shape; unknown errors become a bare 500
// whose message and log line carry no request data (no tokens, no bodies, no stack to the client).
import type { Context } from 'hono';
import { HttpError } from './http-error.js';

export function errorResponse(c: Context, err: HttpError): Response {
  return c.json(err.toJSON(), err.status as 400, err.headers);
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) return errorResponse(c, err);
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return errorResponse(c, new HttpError(507, 'storage_full', 'The relay\'s disk is full; nothing was changed. Try again later, or tell the operator.'));
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
