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

export async function sealBlob(fileKey: Uint8Array, data: Uint8Array, options: SealOptions = {}): Promise<SealedBlob> {
  const parts: Uint8Array[] = [];
  const sealer = new BlobSealer(fileKey, options, (b) => { parts.push(b); });
  await sealer.pushAll(data);
  const result = await sealer.finish();
  return { ...result, blob: concatBytes(...parts) };
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
