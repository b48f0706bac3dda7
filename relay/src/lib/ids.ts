// Shapes of every identifier and token the relay accepts, and their generators. An id is 16 random
// bytes in canonical base64url (22 chars); a token is 32 random bytes (43 chars). Validating the exact
// shape up front is what keeps ids out of path traversal and SQL surprises.
import { randomBytes } from 'node:crypto';

/** 128-bit id: 21 free base64url characters and a last one whose low 2 bits are zero (canonical). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
/** 256-bit token: 42 free characters and a last one whose low 4 bits are zero (canonical). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export const ID_BYTES = 16;
export const TOKEN_BYTES = 32;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

export function newId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}
