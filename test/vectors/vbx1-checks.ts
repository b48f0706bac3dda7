// Every vbx1_test.json case: valid blobs open to `msg` (one-shot and streamed, with and without
// the stored length), deterministic ones re-seal byte for byte from their salt, invalid ones fail
// with the error kind listed below and release nothing past the last authenticated chunk.
// Environment-neutral: see [Note: Shared format checks] in check-harness.ts.
import vectors from './vbx1_test.json' with { type: 'json' };
import { hexToBytes, openBlob, openStream, sealBlob, type DeflateCodec, type FormatErrorKind } from '../../worker/src/index.js';
import {
  assert, assertBytes, assertEqual, CheckFailure, drain, expectFormatError, readAll, streamOf,
  type BackendName, type Check,
} from './check-harness.js';

interface Vbx1Vector {
  tcId: number; comment: string; key: string; blob: string; result: string;
  deflate?: boolean; salt?: string; msgLength?: number; msg?: string; sealIsDeterministic?: boolean;
}

/**
 * The kind each invalid vector must fail with. Without the stored length a cut or extended final
 * chunk can only show up as a failed chunk; with it (the untampered blob's padded length, 34816)
 * the decryptor knows the exact size and names the problem.
 */
const INVALID_KINDS: Record<number, { withoutLength: FormatErrorKind; withLength: FormatErrorKind }> = {
  10: { withoutLength: 'bad-header', withLength: 'bad-header' }, // magic changed
  11: { withoutLength: 'bad-header', withLength: 'bad-header' }, // version 2
  12: { withoutLength: 'wrong-key', withLength: 'wrong-key' }, // DEFLATE flag set: header is in the context
  13: { withoutLength: 'bad-header', withLength: 'bad-header' }, // reserved byte
  14: { withoutLength: 'wrong-key', withLength: 'wrong-key' }, // commitment changed
  15: { withoutLength: 'chunk-auth', withLength: 'chunk-auth' }, // bit flipped in chunk 1
  16: { withoutLength: 'truncated', withLength: 'truncated' }, // final chunk dropped
  17: { withoutLength: 'chunk-auth', withLength: 'truncated' }, // truncated inside the final chunk
  18: { withoutLength: 'chunk-auth', withLength: 'trailing-data' }, // one byte appended
  19: { withoutLength: 'chunk-auth', withLength: 'chunk-auth' }, // chunks 0 and 1 swapped
  20: { withoutLength: 'wrong-key', withLength: 'wrong-key' }, // wrong key
  21: { withoutLength: 'truncated', withLength: 'truncated' }, // header only
};
const INVALID_BASE_LENGTH = 34816;

const PIECE_SIZES = [1, 7, 16400, 65536];

export interface Vbx1CheckOptions {
  backend: BackendName;
  codec?: DeflateCodec;
}

export function vbx1Checks({ backend, codec }: Vbx1CheckOptions): Check[] {
  const suite = `VBX1 vectors [${backend}${codec ? ', ' + codec : ''}]`;
  return (vectors.tests as Vbx1Vector[]).map((t): Check => ({
    suite,
    name: `tcId ${t.tcId}: ${t.comment} (${t.result})`,
    run: () => (t.result === 'valid' ? checkValid(t, backend, codec) : checkInvalid(t, backend, codec)),
  }));
}

async function checkValid(t: Vbx1Vector, backend: BackendName, codec: DeflateCodec | undefined): Promise<void> {
  const key = hexToBytes(t.key);
  const blob = hexToBytes(t.blob);
  const msg = hexToBytes(t.msg ?? '');
  assertEqual(msg.length, t.msgLength, 'vector msgLength');
  const opened = await openBlob(key, blob, { backend, codec });
  // A stored blob opened without its length keeps its zero padding; DEFLATE ends by itself.
  assertBytes(t.deflate ? opened : opened.subarray(0, msg.length), msg, 'opened without length');
  assert(opened.subarray(msg.length).every((b) => b === 0), 'padding must be zeros');
  if (!t.deflate) {
    assertBytes(await openBlob(key, blob, { backend, length: msg.length }), msg, 'opened with length');
    for (const piece of PIECE_SIZES) {
      const streamed = await readAll(streamOf(blob, piece).pipeThrough(openStream(key, { backend, length: msg.length })));
      assertBytes(streamed, msg, `streamed in ${piece}-byte pieces`);
    }
  } else {
    for (const piece of PIECE_SIZES) {
      const streamed = await readAll(streamOf(blob, piece).pipeThrough(openStream(key, { backend, codec })));
      assertBytes(streamed, msg, `streamed (DEFLATE) in ${piece}-byte pieces`);
    }
  }
  if (t.sealIsDeterministic) {
    const sealed = await sealBlob(key, msg, { backend, codec, salt: hexToBytes(t.salt ?? ''), compression: t.deflate ? 'on' : 'off' });
    assertBytes(sealed.blob, blob, 're-sealed blob');
    assertEqual(sealed.length, msg.length, 'reported unpadded length');
  } else {
    // Sealing need not match byte for byte, but must open again to the same message.
    const sealed = await sealBlob(key, msg, { backend, codec, compression: t.deflate ? 'on' : 'off' });
    assertEqual(sealed.deflated, Boolean(t.deflate), 'DEFLATE flag');
    assertBytes(await openBlob(key, sealed.blob, { backend, codec, length: sealed.length }), msg, 're-sealed and opened');
  }
}

async function checkInvalid(t: Vbx1Vector, backend: BackendName, codec: DeflateCodec | undefined): Promise<void> {
  const key = hexToBytes(t.key);
  const blob = hexToBytes(t.blob);
  const kinds = INVALID_KINDS[t.tcId];
  if (!kinds) throw new CheckFailure(`no expected error kind recorded for invalid tcId ${t.tcId}`);
  await expectFormatError(openBlob(key, blob, { backend, codec }), kinds.withoutLength, 'one-shot without length');
  await expectFormatError(openBlob(key, blob, { backend, codec, length: INVALID_BASE_LENGTH }), kinds.withLength, 'one-shot with length');
  for (const piece of PIECE_SIZES) {
    const { bytes, error } = await drain(streamOf(blob, piece).pipeThrough(openStream(key, { backend, codec })));
    await expectFormatError(Promise.reject(error), kinds.withoutLength, `streamed in ${piece}-byte pieces`);
    // Released bytes must be whole authenticated chunks: a prefix of the padded plaintext. Here
    // every chunk before the damage is released, so at most the chunks before the last.
    assert(bytes.length % 16384 === 0, `released ${bytes.length} bytes: not whole chunks`);
  }
}
