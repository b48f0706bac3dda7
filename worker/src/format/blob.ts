// One-shot VBX1 helpers for data already in memory (small files, tests, comlink calls that pass
// plain Uint8Arrays), plus the blob layout arithmetic callers need for sizes and ranges.
import { concatBytes } from './bytes.js';
import { BlobOpener, type OpenOptions } from './blob-opener.js';
import { BlobSealer, type SealOptions, type SealResult } from './blob-sealer.js';
import { cobblestoneLayout } from './cobblestone-decryptor.js';
import { VBX1_HEADER_BYTES } from './constants.js';
import { padme } from './padme.js';

export interface SealedBlob extends SealResult {
  blob: Uint8Array;
}

export interface SealedPieces extends SealResult {
  /** The blob in order, as the sealer emitted it (header, salt ‖ commitment, each chunk's ciphertext and tag). */
  pieces: Uint8Array[];
}

/** sealBlob without joining the pieces: for a caller that copies them on anyway (a batch body). */
export async function sealBlobPieces(fileKey: Uint8Array, data: Uint8Array, options: SealOptions = {}): Promise<SealedPieces> {
  const pieces: Uint8Array[] = [];
  const sealer = new BlobSealer(fileKey, options, (b) => { pieces.push(b); });
  await sealer.pushAll(data);
  return { ...(await sealer.finish()), pieces };
}

export async function sealBlob(fileKey: Uint8Array, data: Uint8Array, options: SealOptions = {}): Promise<SealedBlob> {
  const { pieces, ...result } = await sealBlobPieces(fileKey, data, options);
  return { ...result, blob: concatBytes(...pieces) };
}

export async function openBlob(fileKey: Uint8Array, blob: Uint8Array, options: OpenOptions = {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const opener = new BlobOpener(fileKey, options, (b) => { parts.push(b); });
  await opener.push(blob);
  await opener.finish();
  return concatBytes(...parts);
}

export interface BlobLayout {
  /** padme(length). */
  paddedLength: number;
  /** Number of Cobblestone chunks (the last one short, maybe empty). */
  chunks: number;
  /** Total blob size in bytes. */
  blobLength: number;
}

/** Sizes of a blob whose unpadded (post-DEFLATE) length is `length`. */
export function blobLayout(length: number): BlobLayout {
  const paddedLength = padme(length);
  const { chunks, sealedBytes } = cobblestoneLayout(paddedLength);
  return { paddedLength, chunks, blobLength: VBX1_HEADER_BYTES + sealedBytes };
}
