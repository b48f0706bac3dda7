// Random access into a VBX1 blob (video seeking, previews): chunk k sits at byte
// 8 + 56 + k·16400 and opens on its own once the header and commitment have been checked.
import { CobblestoneChunkReader } from './cobblestone.js';
import type { CobblestoneOptions } from './cobblestone-options.js';
import {
  COBBLESTONE_CHUNK_BYTES, COBBLESTONE_SEALED_CHUNK_BYTES, VBX1_FIRST_CHUNK_OFFSET, VBX1_HEADER_BYTES,
} from './constants.js';
import { FormatError, formatErrors } from './format-error.js';
import { blobLayout } from './blob.js';
import { parseVbx1Header, vbx1BlobContext } from './vbx1-header.js';

/** Bytes a reader needs from the start of the blob: header ‖ salt ‖ commitment. */
export const BLOB_HEAD_BYTES = VBX1_FIRST_CHUNK_OFFSET;

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** One past the last byte (HTTP Range wants end − 1). */
  end: number;
}

/**
 * Where chunk `index` lies in the blob. With the stored length the last chunk's true (short)
 * end is given; without it the range is that of a full chunk, to be clipped at the blob's end.
 */
export function blobChunkRange(index: number, length?: number): ByteRange {
  const start = VBX1_FIRST_CHUNK_OFFSET + index * COBBLESTONE_SEALED_CHUNK_BYTES;
  let end = start + COBBLESTONE_SEALED_CHUNK_BYTES;
  if (length !== undefined) {
    const { chunks, blobLength } = blobLayout(length);
    if (!Number.isSafeInteger(index) || index < 0 || index >= chunks) {
      throw new FormatError('bad-parameters', `This blob has chunks 0 to ${chunks - 1}; there is no chunk ${index}.`);
    }
    end = Math.min(end, blobLength);
  }
  return { start, end };
}

/** The chunk holding plaintext byte `offset` (of the padded, uncompressed plaintext). */
export function blobChunkIndexOf(offset: number): number {
  return Math.floor(offset / COBBLESTONE_CHUNK_BYTES);
}

/** Opens single chunks of one blob; create once per blob (one key derivation and commitment check). */
export class BlobChunkReader {
  private constructor(
    private readonly reader: CobblestoneChunkReader,
    /** Whether the plaintext is DEFLATE data (then chunks hold compressed bytes). */
    readonly deflated: boolean,
  ) {}

  /** `head` is at least the blob's first 64 bytes (BLOB_HEAD_BYTES). */
  static async create(fileKey: Uint8Array, head: Uint8Array, options: CobblestoneOptions = {}): Promise<BlobChunkReader> {
    if (head.length < BLOB_HEAD_BYTES) {
      throw formatErrors.truncated(`reading a chunk needs the blob's first ${BLOB_HEAD_BYTES} bytes, ${head.length} were given`);
    }
    const header = head.subarray(0, VBX1_HEADER_BYTES);
    const { deflate } = parseVbx1Header(header);
    const reader = await CobblestoneChunkReader.create(fileKey, head.subarray(VBX1_HEADER_BYTES), vbx1BlobContext(header), options);
    return new BlobChunkReader(reader, deflate);
  }

  /** Decrypts chunk `index` from exactly the bytes of blobChunkRange(index). */
  openChunk(index: number, sealedChunk: Uint8Array): Promise<Uint8Array> {
    return this.reader.openChunk(index, sealedChunk);
  }
}

/** Stateless form for comlink callers: checks the head and opens one chunk. */
export async function openBlobChunk(
  fileKey: Uint8Array, head: Uint8Array, index: number, sealedChunk: Uint8Array, options: CobblestoneOptions = {},
): Promise<Uint8Array> {
  const reader = await BlobChunkReader.create(fileKey, head, options);
  return reader.openChunk(index, sealedChunk);
}
