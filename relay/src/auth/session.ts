// Who is asking: resolves the session cookie or `Authorization: Bearer` token to an account, and
// starts and ends sessions. Tokens are random; the store keeps only their SHA-256 (tokens.ts).
// Cookie-authenticated requests from another origin are refused (SameSite=Strict does most of it;
// the Origin check covers older browsers and WebSocket handshakes).
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HttpError } from '../http/http-error.js';
import type { AppContext, AppEnv, Deps } from '../http/types.js';
import { newToken } from '../lib/ids.js';
import { hashToken } from './tokens.js';

export const SESSION_COOKIE = 'vb_session';
/** Last-seen times are written at most this often per session. */
const TOUCH_INTERVAL_MS = 60_000;

function presentedToken(c: AppContext): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header);
    if (!m) throw new HttpError(401, 'unauthenticated', 'The Authorization header must be "Bearer <token>".');
    return { token: m[1], via: 'bearer' };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

function crossOrigin(c: AppContext): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  try {
    // The Host header, not the URL: WebSocket upgrades are routed with a placeholder URL.
    return new URL(origin).host !== (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}

/** Requires a live session or device token; sets `c.var.auth`. */
export function requireAuth(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const presented = presentedToken(c);
    if (!presented) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
    const tokenHash = hashToken(presented.token);
    const session = tokenHash ? await deps.meta.getSession(tokenHash) : null;
    if (!tokenHash || !session) throw new HttpError(401, 'unauthenticated', 'The session is not valid; sign in again.');
    const now = deps.config.now();
    if (session.expiresAt !== null && session.expiresAt <= now) {
      await deps.meta.deleteSession(tokenHash);
      throw new HttpError(401, 'session_expired', 'The session expired; sign in again.');
    }
    if (presented.via === 'cookie' && crossOrigin(c)) {
      throw new HttpError(403, 'bad_origin', 'Requests with the session cookie must come from the relay\'s own origin.');
    }
    if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
      await deps.meta.touchSession(tokenHash, now);
      await deps.meta.touchAccount(session.accountId, now);
    }
    c.set('auth', { accountId: session.accountId, tokenHash, deviceId: session.deviceId, via: presented.via });
    await next();
  };
}

export type SessionMode = 'cookie' | 'bearer';

/** Starts a login session. Cookie mode sets the HttpOnly cookie; bearer mode returns the token. */
export async function startSession(c: AppContext, deps: Deps, accountId: string, mode: SessionMode): Promise<{ token?: string; expiresAt: number }> {
  const token = newToken();
  const now = deps.config.now();
  const expiresAt = now + deps.config.sessionTtlMs;
  await deps.meta.createSession({ tokenHash: hashToken(token)!, accountId, deviceId: null, createdAt: now, expiresAt, lastSeenAt: now });
  await deps.meta.touchAccount(accountId, now);
  if (mode === 'bearer') return { token, expiresAt };
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Strict', secure: deps.config.secureCookies, path: '/',
    maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
  });
  return { expiresAt };
}

export function clearSessionCookie(c: AppContext, deps: Deps): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.config.secureCookies, httpOnly: true, sameSite: 'Strict' });
}
