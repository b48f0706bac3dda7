// Cobblestone-256 (c2sp.org/chunked-encryption) entry points: TransformStreams both ways, one-shot
// helpers for small messages (records, wrapped keys), and random access to single chunks.
import { asBytes, concatBytes } from './bytes.js';
import { CobblestoneDecryptor } from './cobblestone-decryptor.js';
import { CobblestoneEncryptor } from './cobblestone-encryptor.js';
import { checkInputKey, chunkNonce, deriveAndCommit, type CobblestoneKeys } from './cobblestone-keys.js';
import {
  resolveBackend, type CobblestoneDecryptOptions, type CobblestoneEncryptOptions, type CobblestoneOptions,
} from './cobblestone-options.js';
import {
  AEAD_NONCE_BYTES, AEAD_TAG_BYTES, COBBLESTONE_HEADER_BYTES, COBBLESTONE_SALT_BYTES,
  COBBLESTONE_SEALED_CHUNK_BYTES,
} from './constants.js';
import { FormatError, formatErrors } from './format-error.js';
import type { AeadBackend } from './aead-backend.js';

export function cobblestoneEncryptStream(
  inputKey: Uint8Array, context: Uint8Array, options: CobblestoneEncryptOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  checkInputKey(inputKey);
  let encryptor: CobblestoneEncryptor;
  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      encryptor = await CobblestoneEncryptor.create(inputKey, context, options, (b) => controller.enqueue(b));
    },
    transform: (chunk) => encryptor.push(asBytes(chunk)),
    flush: () => encryptor.finish(),
  });
}

/**
 * Decrypts a stream; releases only authenticated plaintext, in order. Once it fails, the readable
 * side stays errored with the same FormatError however often it is read.
 */
export function cobblestoneDecryptStream(
  inputKey: Uint8Array, context: Uint8Array, options: CobblestoneDecryptOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  let decryptor: CobblestoneDecryptor;
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      decryptor = new CobblestoneDecryptor(inputKey, context, options, (b) => controller.enqueue(b));
    },
    transform: (chunk) => decryptor.push(asBytes(chunk)),
    flush: () => decryptor.finish(),
  });
}

export async function cobblestoneEncrypt(
  inputKey: Uint8Array, plaintext: Uint8Array, context: Uint8Array, options: CobblestoneEncryptOptions = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const encryptor = await CobblestoneEncryptor.create(inputKey, context, options, (b) => { parts.push(b); });
  await encryptor.push(plaintext);
  await encryptor.finish();
  return concatBytes(...parts);
}

export async function cobblestoneDecrypt(
  inputKey: Uint8Array, message: Uint8Array, context: Uint8Array, options: CobblestoneDecryptOptions = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const decryptor = new CobblestoneDecryptor(inputKey, context, options, (b) => { parts.push(b); });
  await decryptor.push(message);
  await decryptor.finish();
  return concatBytes(...parts);
}

/** Byte offset of chunk `index` inside a Cobblestone message. */
export function cobblestoneChunkOffset(index: number): number {
  return COBBLESTONE_HEADER_BYTES + index * COBBLESTONE_SEALED_CHUNK_BYTES;
}

/**
 * Random access: after one commitment check, opens any chunk on its own (video seeking,
 * previews). A full-size chunk is never the last one; whether a short chunk really ends the
 * message is for the caller to judge from the message size it trusts.
 */
export class CobblestoneChunkReader {
  private constructor(private readonly backend: AeadBackend, private readonly keys: CobblestoneKeys) {}

  /** `head` is the message's first 56 bytes (salt ‖ commitment); more are ignored. */
  static async create(
    inputKey: Uint8Array, head: Uint8Array, context: Uint8Array, options: CobblestoneOptions = {},
  ): Promise<CobblestoneChunkReader> {
    checkInputKey(inputKey);
    if (head.length < COBBLESTONE_HEADER_BYTES) {
      throw formatErrors.truncated(`its first ${COBBLESTONE_HEADER_BYTES} bytes are needed, ${head.length} were given`);
    }
    const backend = await resolveBackend(options.backend);
    const keys = await deriveAndCommit(backend, inputKey, head.subarray(0, COBBLESTONE_SALT_BYTES),
      head.subarray(COBBLESTONE_SALT_BYTES, COBBLESTONE_HEADER_BYTES), context);
    return new CobblestoneChunkReader(backend, keys);
  }

  async openChunk(index: number, sealed: Uint8Array): Promise<Uint8Array> {
    if (!Number.isSafeInteger(index) || index < 0) throw new FormatError('bad-parameters', `No chunk ${index}.`);
    if (sealed.length < AEAD_TAG_BYTES) throw formatErrors.truncated(`chunk ${index} is shorter than its tag`);
    if (sealed.length > COBBLESTONE_SEALED_CHUNK_BYTES) {
      throw new FormatError('bad-parameters', `A chunk is at most ${COBBLESTONE_SEALED_CHUNK_BYTES} bytes (got ${sealed.length}).`);
    }
    const nonce = chunkNonce(this.keys.baseNonce, index, new Uint8Array(AEAD_NONCE_BYTES));
    const plaintext = await this.backend.open(this.keys.aeadKey, nonce, sealed);
    if (!plaintext) throw formatErrors.chunkAuth(index);
    return plaintext;
  }
}
