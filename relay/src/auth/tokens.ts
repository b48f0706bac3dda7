// Bearer secrets (session tokens, device tokens, share/drop/pairing auth tokens, tickets): 32 random
// bytes in base64url. The relay keeps only SHA-256 of the raw bytes, so its database can't be
// replayed as credentials. Fine for tokens because they are full-entropy; passwords never get here.
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeBase64url } from '../lib/base64url.js';
import { isToken } from '../lib/ids.js';

export function hashToken(token: string): Buffer | null {
  if (!isToken(token)) return null;
  const raw = decodeBase64url(token);
  return raw ? createHash('sha256').update(raw).digest() : null;
}

/** Compares a presented token against a stored SHA-256, in constant time. */
export function tokenMatches(token: string | undefined, storedHash: Uint8Array): boolean {
  if (token === undefined) return false;
  const hash = hashToken(token);
  return hash !== null && hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}
