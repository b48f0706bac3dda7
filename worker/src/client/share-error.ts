// The share reader's one error class: what can go wrong when someone without an account opens a
// share link, as kinds the share page words for people (expired, revoked, used up, mistyped link,
// wrong password, tampered data…). Like ClientError it crosses the worker boundary as a plain object
// ([Note: Error kinds across the worker boundary] in client-error.ts); the page side is
// pwa/src/data/worker-share-client.ts. Messages never carry the secret, the password or a name.
import { isFormatError } from '../format/format-error.js';
import { ClientError } from './client-error.js';
import { RelayError } from './relay-error.js';

export type ShareErrorKind =
  | 'not-found' | 'expired' | 'revoked' | 'exhausted' | 'locked'
  | 'password-required' | 'password-wrong' | 'tampered' | 'rate-limited' | 'network' | 'cancelled' | 'unsupported' | 'server';

export class ShareError extends Error {
  override readonly name = 'ShareError';
  constructor(readonly kind: ShareErrorKind, message: string, readonly extra: { attemptsLeft?: number; retryAfterMs?: number } = {}) {
    super(message);
  }
}

export interface SerializedShareError { __shareError: true; kind: ShareErrorKind; message: string; attemptsLeft?: number; retryAfterMs?: number }

export function serializeShareError(error: ShareError): SerializedShareError {
  return { __shareError: true, kind: error.kind, message: error.message, ...error.extra };
}

const CODES: Readonly<Record<string, ShareErrorKind>> = {
  share_not_found: 'not-found',
  share_expired: 'expired',
  share_revoked: 'revoked',
  share_exhausted: 'exhausted',
  share_locked: 'locked',
  share_password_required: 'password-required',
  share_password_wrong: 'password-wrong',
  blob_not_found: 'not-found',
  network: 'network',
  rate_limited: 'rate-limited',
};

export function toShareError(error: unknown): ShareError {
  if (error instanceof ShareError) return error;
  // The shared ZIP runs through folder-zip.ts, which reports ClientErrors: judge by what caused them.
  if (error instanceof ClientError) {
    if (error.extra.cause !== undefined) return toShareError(error.extra.cause);
    if (error.kind === 'tampered' || error.kind === 'cancelled' || error.kind === 'network') return new ShareError(error.kind, error.message);
    return new ShareError('server', error.message);
  }
  if (error instanceof RelayError) {
    const attempts = error.details.attemptsLeft;
    return new ShareError(CODES[error.code] ?? 'server', error.message, {
      ...(typeof attempts === 'number' ? { attemptsLeft: attempts } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    });
  }
  if (isFormatError(error)) {
    if (error.kind === 'bad-parameters') return new ShareError('server', error.message);
    return new ShareError('tampered', 'A shared file was changed on the server and can\'t be trusted; nothing unverified was saved.');
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return new ShareError('cancelled', 'The download was cancelled.');
  return new ShareError('server', `Unexpected failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}
