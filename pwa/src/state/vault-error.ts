// Turns a `VaultError` (see vault-client.ts) into plain words the UI shows, and builds one. Code
// branches on `kind` only; this file is the one place that knows what each kind means to a person.
import type { VaultError, VaultErrorKind } from './vault-client.js';

export interface ErrorText {
  /** Short headline, e.g. "Wrong password". */
  readonly title: string;
  /** What happened and what to do next, in a sentence or two. */
  readonly message: string;
}

const texts: Record<VaultErrorKind, ErrorText> = {
  'wrong-password': { title: 'Wrong password', message: 'That password does not open this vault. Check the login name and try again, or use your recovery key.' },
  'wrong-recovery-key': { title: 'Recovery key not accepted', message: 'That key does not belong to this account. Check that you chose the right key file or typed every group.' },
  'login-taken': { title: 'Name already in use', message: 'Another account uses that login name. Pick a different one.' },
  'invite-required': { title: 'Invitation needed', message: 'This server only accepts new accounts with an invitation code from its administrator.' },
  'rate-limited': { title: 'Too many attempts', message: 'Wait a little before trying again.' },
  'session-expired': { title: 'Signed out', message: 'Your session ended. Log in again to continue; nothing was lost.' },
  'locked': { title: 'Vault locked', message: 'Unlock the vault to continue.' },
  'device-revoked': { title: 'Device removed', message: 'This browser was removed from the account. Log in with your password to use it again.' },
  'quota-full': { title: 'Storage full', message: 'Your storage is full. Empty the trash or delete files, then try again.' },
  'too-large': { title: 'File too large', message: 'This file is larger than the server accepts.' },
  'not-offline': { title: 'Not available offline', message: 'This file isn\'t kept on this device. Connect to open it, or make it available offline while connected.' },
  'network': { title: 'Connection lost', message: 'The server can\'t be reached. Check your connection; unfinished uploads resume when it is back.' },
  'tampered': { title: 'File can\'t be trusted', message: 'This file was changed on the server and can\'t be trusted. It was not opened.' },
  'rollback': { title: 'Server shows old data', message: 'The server showed an older state of your vault than this device has already seen. Nothing was changed; contact the server\'s administrator.' },
  'conflict': { title: 'Changed elsewhere', message: 'This item was changed on another device at the same time. Both versions were kept.' },
  'name-taken': { title: 'Name already used', message: 'Something in this folder already has that name. Pick another name.' },
  'invalid-name': { title: 'Name not allowed', message: 'Names can\'t be empty, contain "/" or be "." or "..", and a folder can\'t go inside itself.' },
  'not-found': { title: 'No longer there', message: 'This item was deleted or moved, maybe on another device.' },
  'cancelled': { title: 'Cancelled', message: 'The operation was cancelled.' },
  'unsupported': { title: 'Not supported here', message: 'This browser can\'t do that. Try a current Chrome, Edge, Firefox or Safari.' },
  'server': { title: 'Server problem', message: 'The server had a problem. Try again in a moment.' },
  'device-full': { title: 'Device storage full', message: 'This device is out of storage space: the browser refused to keep more here. Free offline copies in Settings, or make space on the device, then try again.' },
};

const kinds = new Set(Object.keys(texts));

export function isVaultError(e: unknown): e is VaultError {
  if (!(e instanceof Error)) return false;
  const kind: unknown = (e as Error & { kind?: unknown }).kind;
  return typeof kind === 'string' && kinds.has(kind);
}

/** Plain words for any thrown value; something that is not a VaultError is reported as an unexpected problem. */
export function describeError(e: unknown): ErrorText {
  if (isVaultError(e)) {
    const t = texts[e.kind];
    if (e.kind === 'rate-limited' && e.retryAfterMs) {
      const s = Math.ceil(e.retryAfterMs / 1000);
      return { title: t.title, message: `Wait ${s} second${s === 1 ? '' : 's'} before trying again.` };
    }
    return t;
  }
  if (e instanceof DOMException && e.name === 'AbortError') return texts.cancelled;
  return { title: 'Something went wrong', message: 'An unexpected problem stopped this. Try again; if it keeps happening, reload the page.' };
}

export function vaultError(kind: VaultErrorKind, message?: string, extra?: { retryAfterMs?: number; nodeId?: string }): VaultError {
  const e = new Error(message ?? texts[kind].message) as Error & { kind: VaultErrorKind; retryAfterMs?: number; nodeId?: string };
  e.name = 'VaultError';
  e.kind = kind;
  if (extra?.retryAfterMs !== undefined) e.retryAfterMs = extra.retryAfterMs;
  if (extra?.nodeId !== undefined) e.nodeId = extra.nodeId;
  return e;
}
