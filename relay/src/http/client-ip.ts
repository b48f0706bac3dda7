// The caller's IP for rate limits: the socket's address, or the first X-Forwarded-For hop when the
// operator says a trusted reverse proxy sits in front (--trust-proxy).
import { nodeBindings, type AppContext } from './types.js';

export function clientIp(c: AppContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return nodeBindings(c).incoming?.socket?.remoteAddress ?? 'local';
}
