// Every Cobblestone-256 Wycheproof vector (c2sp_chunked_encryption_aes_256_gcm_test.json), as the
// vectors' README says: valid ones decrypt to msgLength bytes with msgSha512 and re-encrypt byte
// for byte with their salt; invalid ones fail; a streaming decryptor releases at most the valid
// prefix of a PartialPlaintext vector and keeps failing. Also checks the derived key and nonce.
// Environment-neutral: see [Note: Shared format checks] in check-harness.ts.
import vectors from './c2sp_chunked_encryption_aes_256_gcm_test.json' with { type: 'json' };
import {
  bytesToHex, cobblestoneDecrypt, cobblestoneDecryptStream, cobblestoneEncrypt, cobblestoneEncryptStream,
  deriveCobblestoneBytes, hexToBytes, isFormatError,
} from '../../worker/src/index.js';
import {
  assert, assertBytes, assertEqual, CheckFailure, drain, inflateZlib, readAll, sha512Hex, streamOf,
  type BackendName, type Check,
} from './check-harness.js';

interface CobblestoneVector {
  tcId: number; comment: string; key: string; ctx: string; ct: string; aeadKey?: string; baseNonce?: string;
  msgLength?: number; msgSha512?: string; result: string; flags: string[];
}

const SALT_BYTES = 24;
const KEY_BYTES = 32;
/** Odd piece sizes; the two smallest only on small messages (thousands of writes for the 4 MiB ones). */
const PIECE_SIZES = [1, 1000, 16400, 16407, 65536];
const SMALL_PIECE = 1000;
const SMALL_MESSAGE = 40000;

export function cobblestoneChecks(backend: BackendName): Check[] {
  const suite = `Cobblestone-256 Wycheproof [${backend}]`;
  const tests = vectors.testGroups.flatMap((g) => g.tests as CobblestoneVector[]);
  return tests.map((t): Check => ({
    suite,
    name: `tcId ${t.tcId}: ${t.comment} (${t.result}${t.flags.length ? ', ' + t.flags.join(',') : ''})`,
    async run() {
      const key = hexToBytes(t.key);
      const context = hexToBytes(t.ctx);
      const ct = await inflateZlib(hexToBytes(t.ct));
      if (t.aeadKey && t.baseNonce) {
        const derived = await deriveCobblestoneBytes(key, ct.subarray(0, SALT_BYTES), context);
        assertEqual(bytesToHex(derived.subarray(0, KEY_BYTES)), t.aeadKey, 'derived AEAD key');
        assertEqual(bytesToHex(derived.subarray(KEY_BYTES, KEY_BYTES + 12)), t.baseNonce, 'derived base nonce');
      }
      if (t.result === 'valid') await checkValid(t, key, context, ct, backend);
      else await checkInvalid(t, key, context, ct, backend);
    },
  }));
}

async function checkValid(t: CobblestoneVector, key: Uint8Array, context: Uint8Array, ct: Uint8Array, backend: BackendName): Promise<void> {
  const message = await cobblestoneDecrypt(key, ct, context, { backend });
  assertEqual(message.length, t.msgLength, 'message length');
  assertEqual(await sha512Hex(message), t.msgSha512, 'message SHA-512');
  const salt = ct.subarray(0, SALT_BYTES);
  assertBytes(await cobblestoneEncrypt(key, message, context, { backend, salt }), ct, 'one-shot re-encryption');
  for (const piece of PIECE_SIZES) {
    if (piece <= SMALL_PIECE && ct.length > SMALL_MESSAGE) continue;
    const streamed = await readAll(streamOf(ct, piece).pipeThrough(cobblestoneDecryptStream(key, context, { backend })));
    assertBytes(streamed, message, `streamed decryption in ${piece}-byte pieces`);
    const encrypted = await readAll(streamOf(message, piece).pipeThrough(cobblestoneEncryptStream(key, context, { backend, salt })));
    assertBytes(encrypted, ct, `streamed re-encryption in ${piece}-byte pieces`);
  }
  // With the length known up front, nothing waits for a following byte; same result.
  assertBytes(await cobblestoneDecrypt(key, ct, context, { backend, plaintextLength: message.length }), message, 'known-length decryption');
}

async function checkInvalid(t: CobblestoneVector, key: Uint8Array, context: Uint8Array, ct: Uint8Array, backend: BackendName): Promise<void> {
  let oneShot: unknown;
  try {
    await cobblestoneDecrypt(key, ct, context, { backend });
  } catch (e) {
    oneShot = e;
  }
  assert(isFormatError(oneShot), `one-shot decryption must fail with a FormatError, got ${String(oneShot)}`);
  if (t.flags.includes('InvalidKeySize')) assertEqual(oneShot.kind, 'bad-parameters', 'error kind');
  if (t.flags.includes('HeaderFailure') && !t.flags.includes('InvalidKeySize') && !t.flags.includes('Truncation')) {
    assertEqual(oneShot.kind, 'wrong-key', 'error kind (commitment check)');
  }
  if (t.flags.includes('InvalidKeySize')) return; // refused before any stream exists
  for (const piece of PIECE_SIZES) {
    if (piece <= SMALL_PIECE && ct.length > SMALL_MESSAGE) continue;
    const { bytes, error, reader } = await drain(streamOf(ct, piece).pipeThrough(cobblestoneDecryptStream(key, context, { backend })));
    assert(isFormatError(error), `streamed decryption (${piece}-byte pieces) must fail with a FormatError, got ${String(error)}`);
    const validPrefix = t.flags.includes('PartialPlaintext') ? t.msgLength ?? 0 : 0;
    if (bytes.length > validPrefix) {
      throw new CheckFailure(`released ${bytes.length} bytes, more than the ${validPrefix}-byte valid prefix`);
    }
    if (t.flags.includes('PartialPlaintext')) {
      // This implementation releases every authenticated chunk before the failure, exactly the prefix.
      assertEqual(bytes.length, validPrefix, `released prefix (${piece}-byte pieces)`);
      assertEqual(await sha512Hex(bytes), t.msgSha512, 'released prefix SHA-512');
    }
    let again: unknown;
    try {
      await reader.read();
    } catch (e) {
      again = e;
    }
    assert(again === error, 'reading again must fail with the same error');
  }
}
