// The headers every response carries (DESIGN.md §7), API, static files and streamed blobs alike.
// CORS stays closed: no Access-Control-* header is ever sent, so other origins can't read answers.
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'",
  "img-src 'self' blob: data:", "media-src 'self' blob:", "style-src 'self'", "manifest-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(tls: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
  if (tls) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}

/** Marks a response that a handler already wrote straight to the socket (see send-stream.ts). */
export const ALREADY_SENT_HEADER = 'x-hono-already-sent';

export function securityHeadersMiddleware(tls: boolean): MiddlewareHandler {
  const headers = Object.entries(securityHeaders(tls));
  return async (c, next) => {
    await next();
    if (c.res.headers.has(ALREADY_SENT_HEADER)) return;
    for (const [name, value] of headers) c.res.headers.set(name, value);
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
