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

/*
 * [Note: Ids of a batch side by side]
 * Ids index the relay's tables (blobs, the pack index), and random ones scatter a batch's inserts over
 * the whole B-tree: 256 blobs of one POST /blobs/batch touched nearly every leaf page of each index, so
 * SQLite wrote ~400 pages to its WAL per batch at 10,000 blobs, and more as the tables grow. The ids of
 * one batch share their first BATCH_PREFIX_BYTES, random per batch, so its inserts land side by side;
 * each id keeps 96 random bits of its own, far beyond guessing even for one who knows a sibling.
 */
const BATCH_PREFIX_BYTES = 4;

/** `count` ids for one batch of rows ([Note: Ids of a batch side by side]). */
export function newBatchIds(count: number): string[] {
  const bytes = randomBytes(BATCH_PREFIX_BYTES + count * (ID_BYTES - BATCH_PREFIX_BYTES));
  const id = Buffer.alloc(ID_BYTES);
  bytes.copy(id, 0, 0, BATCH_PREFIX_BYTES);
  return Array.from({ length: count }, (_, i) => {
    const at = BATCH_PREFIX_BYTES + i * (ID_BYTES - BATCH_PREFIX_BYTES);
    bytes.copy(id, BATCH_PREFIX_BYTES, at, at + ID_BYTES - BATCH_PREFIX_BYTES);
    return id.toString('base64url');
  });
}

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}
