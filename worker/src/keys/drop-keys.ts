// Keys of a drop, "upload from your phone" (DESIGN.md §6, docs/FORMAT.md §3 and §4.6): the secret in
// the /d/ link's fragment gives, by HKDF-SHA-256, the drop key (wraps each file key the phone makes,
// seals each item record and the drop's public label) and the upload token whose SHA-256 the relay
// keeps. The relay never sees the secret, the drop key or the token in the clear.
import { randomBytes, utf8 } from '../format/bytes.js';
import { cobblestoneDecrypt, cobblestoneEncrypt } from '../format/cobblestone.js';
import { FormatError } from '../format/format-error.js';
import { hkdf } from '../format/hkdf.js';
import { sha256Of } from '../format/sha256-hasher.js';
import { encodeContext } from './context.js';
import { KEY_BYTES } from './key-sizes.js';
import { CONTEXT_DROP_ITEM, CONTEXT_DROP_LABEL, HKDF_SALT, LABEL_DROP_AUTH, LABEL_DROP_KEY, WRAP_KEY_TYPES } from './labels.js';
import { unwrapKey, wrapKey } from './wrap.js';

/**
 * 128 bits: the floor DESIGN.md §6 sets for link secrets, and what keeps the link short enough to
 * read out or type (22 base64url characters). A drop lives 15 minutes at most and its token is
 * checked by the relay, so guessing is out of reach.
 */
export const DROP_SECRET_BYTES = 16;

export interface DropKeys {
  /** Wraps file keys (keyType `file-key/drop`, owner = drop id) and seals records bound to the drop id. */
  dropKey: Uint8Array;
  /** Sent as X-Drop-Token with every uploader call; the relay stores only SHA-256(authToken). */
  authToken: Uint8Array;
}

export function generateDropSecret(): Uint8Array {
  return randomBytes(DROP_SECRET_BYTES);
}

export async function deriveDropKeys(secret: Uint8Array): Promise<DropKeys> {
  if (!(secret instanceof Uint8Array) || secret.length < DROP_SECRET_BYTES) {
    throw new FormatError('bad-parameters', 'This drop link is incomplete: its secret is too short. Scan the code again or copy the whole link.');
  }
  const [dropKey, authToken] = await Promise.all([
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_DROP_KEY), KEY_BYTES),
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_DROP_AUTH), KEY_BYTES),
  ]);
  return { dropKey, authToken };
}

/** What the drop's creator sends as `tokenHash`. */
export function dropTokenHash(authToken: Uint8Array): Promise<Uint8Array> {
  return sha256Of(authToken);
}

export function wrapDropFileKey(dropKey: Uint8Array, fileKey: Uint8Array, dropId: string): Promise<Uint8Array> {
  return wrapKey(dropKey, fileKey, WRAP_KEY_TYPES.fileByDrop, dropId);
}

/** A wrap made for another drop, or changed on the way, fails as 'wrong-key'. */
export function unwrapDropFileKey(dropKey: Uint8Array, wrapped: Uint8Array, dropId: string): Promise<Uint8Array> {
  return unwrapKey(dropKey, wrapped, WRAP_KEY_TYPES.fileByDrop, dropId);
}

export function sealDropItem(dropKey: Uint8Array, record: Uint8Array, dropId: string): Promise<Uint8Array> {
  return cobblestoneEncrypt(dropKey, record, encodeContext(CONTEXT_DROP_ITEM, dropId));
}

export function openDropItem(dropKey: Uint8Array, sealed: Uint8Array, dropId: string): Promise<Uint8Array> {
  return cobblestoneDecrypt(dropKey, sealed, encodeContext(CONTEXT_DROP_ITEM, dropId));
}

export function sealDropLabel(dropKey: Uint8Array, label: Uint8Array, dropId: string): Promise<Uint8Array> {
  return cobblestoneEncrypt(dropKey, label, encodeContext(CONTEXT_DROP_LABEL, dropId));
}

export function openDropLabel(dropKey: Uint8Array, sealed: Uint8Array, dropId: string): Promise<Uint8Array> {
  return cobblestoneDecrypt(dropKey, sealed, encodeContext(CONTEXT_DROP_LABEL, dropId));
}

