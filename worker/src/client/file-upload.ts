// Seals one file and uploads it as a new blob, returning the FileContent its node record keeps. A
// fresh random file key every time (never reused). See [Note: Blob size before upload].
import { blobLayout, sealBlob } from '../format/blob.js';
import { sealStream } from '../format/blob-stream.js';
import { generateFileKey } from '../keys/vault-key.js';
import { encodeBase64url } from './base64url.js';
import { uploadBlob } from './blob-upload.js';
import { ClientError } from './client-error.js';
import type { FileContent } from './node-record.js';
import type { RelayApi } from './relay-api.js';

/*
 * [Note: Blob size before upload]
 * The relay needs a blob's exact size when the upload is created (quota reservation, fixed part
 * sizes), but with DEFLATE the sealed size is known only at the end. Files up to one part
 * (SEAL_IN_MEMORY_MAX) are therefore sealed in memory with compression 'auto' and sent from there;
 * larger files are streamed with compression 'off', whose size blobLayout() gives in advance, so memory
 * stays flat at one part whatever the file size. (A later step can deflate large compressible files
 * in two passes: count the deflated length first, then seal and check it.)
 */
export const SEAL_IN_MEMORY_MAX = 8 * 1024 * 1024;

export interface FileSource {
  /** Anything with size, name, type, lastModified and stream(): a File, or a Node file adapter. */
  readonly size: number;
  readonly name: string;
  readonly type: string;
  readonly lastModified?: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface FileUploadOptions {
  signal?: AbortSignal;
  /** Plaintext bytes safely stored so far (estimated from blob bytes acknowledged). */
  onProgress?: (bytesDone: number) => void;
  now?: () => number;
}

async function readAll(stream: ReadableStream<Uint8Array>, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let fill = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (fill + value.length > size) throw new ClientError('server', 'The file grew while it was read; pick it again.');
    out.set(value, fill);
    fill += value.length;
  }
  if (fill !== size) throw new ClientError('server', 'The file shrank while it was read; pick it again.');
  return out;
}

export function mediaTypeOf(file: FileSource): string {
  return file.type || 'application/octet-stream';
}

export async function uploadFile(api: RelayApi, file: FileSource, options: FileUploadOptions = {}): Promise<FileContent> {
  const fileKey = generateFileKey();
  const hint = { contentType: file.type || undefined, fileName: file.name };
  const size = file.size;
  let sealed: ReadableStream<Uint8Array>;
  let blobSize: number;
  let result: Promise<{ length: number; deflated: boolean }>;
  if (size <= SEAL_IN_MEMORY_MAX) {
    const blob = await sealBlob(fileKey, await readAll(file.stream(), size), { ...hint, compression: 'auto' });
    blobSize = blob.blob.length;
    result = Promise.resolve(blob);
    sealed = new ReadableStream({ start(c) { c.enqueue(blob.blob); c.close(); } });
  } else {
    const sealer = sealStream(fileKey, { ...hint, compression: 'off' });
    blobSize = blobLayout(size).blobLength;
    result = sealer.result;
    // Errors on the plaintext side surface through the sealed stream the uploader reads.
    void file.stream().pipeTo(sealer.writable).catch(() => undefined);
    sealed = sealer.readable;
  }
  const blobId = await uploadBlob(api, sealed, blobSize, {
    signal: options.signal,
    onStored: (stored) => options.onProgress?.(Math.floor((stored / blobSize) * size)),
  });
  const { length, deflated } = await result;
  const now = (options.now ?? Date.now)();
  const content: FileContent = {
    blobIds: [blobId], fileKey: encodeBase64url(fileKey), length, deflated, size, blobSize,
    mtime: file.lastModified ?? now, mediaType: mediaTypeOf(file), contentHash: null, savedAt: now, version: 1,
  };
  fileKey.fill(0);
  return content;
}
