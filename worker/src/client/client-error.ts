// The client core's one error class: every operation rejects with a ClientError whose `kind` is one of
// the VaultErrorKind strings of pwa/src/state/vault-client.ts (repeated here because worker/ imports
// nothing of ours). `toClientError` is the one place that turns relay, format and platform failures into
// kinds; see [Note: Error kinds across the worker boundary].

/*
 * [Note: Error kinds across the worker boundary]
 * comlink serialises a thrown Error as name + message (+ stack) only, so `kind` would be lost on the
 * way to the page. The worker therefore never lets an error cross as is: worker.ts catches, and sends
 * `{ kind, message, retryAfterMs?, nodeId? }` as a rejected plain object (serializeClientError); the
 * page side (pwa/src/data/vault-error-from-worker.ts) rebuilds a VaultError from it.
 */
import { isFormatError } from '../format/format-error.js';
import { RelayError } from './relay-error.js';

export type ClientErrorKind =
  | 'wrong-password' | 'wrong-recovery-key' | 'login-taken' | 'invite-required' | 'rate-limited'
  | 'session-expired' | 'locked' | 'device-revoked' | 'quota-full' | 'too-large' | 'network'
  | 'tampered' | 'rollback' | 'not-offline' | 'conflict' | 'name-taken' | 'invalid-name' | 'not-found'
  | 'cancelled' | 'unsupported' | 'server' | 'device-full';

export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly kind: ClientErrorKind,
    message: string,
    readonly extra: { retryAfterMs?: number; nodeId?: string; cause?: unknown } = {},
  ) {
    super(message);
  }
  get retryAfterMs(): number | undefined { return this.extra.retryAfterMs; }
  get nodeId(): string | undefined { return this.extra.nodeId; }
}

export function isClientError(value: unknown, kind?: ClientErrorKind): value is ClientError {
  return value instanceof ClientError && (kind === undefined || value.kind === kind);
}

/** What a ClientError looks like on the wire (structured-clone safe). */
export interface SerializedClientError { __clientError: true; kind: ClientErrorKind; message: string; retryAfterMs?: number; nodeId?: string }

export function serializeClientError(error: ClientError): SerializedClientError {
  return {
    __clientError: true, kind: error.kind, message: error.message,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.nodeId !== undefined ? { nodeId: error.nodeId } : {}),
  };
}

const RELAY_CODES: Readonly<Record<string, ClientErrorKind>> = {
  invalid_credentials: 'wrong-password',
  invite_required: 'invite-required',
  invite_invalid: 'invite-required',
  session_expired: 'session-expired',
  unauthenticated: 'session-expired',
  quota_exceeded: 'quota-full',
  storage_full: 'quota-full',
  blob_too_large: 'too-large',
  version_conflict: 'conflict',
  node_not_found: 'not-found',
  node_deleted: 'not-found',
  blob_not_found: 'not-found',
  upload_not_found: 'not-found',
  device_not_found: 'not-found',
  network: 'network',
  not_offline: 'not-offline',
};

export const DEVICE_FULL_MESSAGE = 'This device is out of storage space: the browser refused to keep more here. Free offline copies in Settings, or make space on the device, then try again.';

/**
 * True for the browser's "no space left for this site": a QuotaExceededError DOMException, as
 * IndexedDB raises it, or as Dexie wraps it (`inner`, a BulkError's `failures`, a transaction's
 * AbortError whose `inner` is the real cause), or as a `cause`.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  const failures = Array.isArray(e.failures) ? e.failures : e.failures && typeof e.failures === 'object' ? Object.values(e.failures) : [];
  return isQuotaExceeded(e.inner, depth + 1) || isQuotaExceeded(e.cause, depth + 1) || failures.some((f) => isQuotaExceeded(f, depth + 1));
}

/** Maps anything thrown to a ClientError; `context` names what was being done, for the message. */
export function toClientError(error: unknown, context: { nodeId?: string } = {}): ClientError {
  if (error instanceof ClientError) return error;
  const nodeId = context.nodeId;
  if (error instanceof RelayError) {
    if (error.status === 429) return new ClientError('rate-limited', error.message, { retryAfterMs: error.retryAfterMs, cause: error });
    const kind = RELAY_CODES[error.code] ?? (error.status === 401 ? 'session-expired' : 'server');
    return new ClientError(kind, error.message, { nodeId, cause: error });
  }
  if (isFormatError(error)) {
    if (error.kind === 'bad-recovery-key') return new ClientError('wrong-recovery-key', error.message, { cause: error });
    // A relay that asks for weak password hashing is refused, not obeyed; the user can't fix it.
    if (error.kind === 'bad-parameters') return new ClientError('server', error.message, { cause: error });
    return new ClientError('tampered', error.message, { nodeId, cause: error });
  }
  // Before the AbortError case: a transaction aborted for lack of space is not a cancellation.
  if (isQuotaExceeded(error)) return new ClientError('device-full', DEVICE_FULL_MESSAGE, { nodeId, cause: error });
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new ClientError('cancelled', 'The operation was cancelled.', { nodeId, cause: error });
  }
  return new ClientError('server', `Unexpected failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { nodeId, cause: error });
}
