// Key wrapping (DESIGN.md §4): a wrapped key is a Cobblestone-256 message of the key under a KEK,
// with context "veilbox/v1/wrap" ‖ keyType ‖ ownerId, so a wrap made for one purpose or owner
// fails the commitment anywhere else.
import { cobblestoneDecrypt, cobblestoneEncrypt } from '../format/cobblestone.js';
import type { CobblestoneOptions } from '../format/cobblestone-options.js';
import { FormatError } from '../format/format-error.js';
import { encodeContext } from './context.js';
import { KEY_BYTES } from './key-sizes.js';
import { CONTEXT_WRAP, type WrapKeyType } from './labels.js';
import { checkKey } from './vault-key.js';

export function wrapContext(keyType: WrapKeyType, ownerId: string): Uint8Array {
  return encodeContext(CONTEXT_WRAP, keyType, ownerId);
}

export async function wrapKey(
  kek: Uint8Array, key: Uint8Array, keyType: WrapKeyType, ownerId: string, options: CobblestoneOptions = {},
): Promise<Uint8Array> {
  checkKey(kek, 'wrapping key');
  checkKey(key, 'key to wrap');
  return cobblestoneEncrypt(kek, key, wrapContext(keyType, ownerId), options);
}

/** A wrong KEK (wrong password, wrong recovery key) or a wrap moved elsewhere fails as 'wrong-key'. */
export async function unwrapKey(
  kek: Uint8Array, wrapped: Uint8Array, keyType: WrapKeyType, ownerId: string, options: CobblestoneOptions = {},
): Promise<Uint8Array> {
  checkKey(kek, 'wrapping key');
  const key = await cobblestoneDecrypt(kek, wrapped, wrapContext(keyType, ownerId), options);
  if (key.length !== KEY_BYTES) throw new FormatError('bad-parameters', `A wrapped key must hold ${KEY_BYTES} bytes.`);
  return key;
}
