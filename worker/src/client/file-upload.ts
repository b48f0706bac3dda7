// Seals one file and uploads it as a new blob, returning the FileContent its node record keeps. A
// fresh random file key every time (never reused), unless it continues an interrupted upload of the
// same bytes. See [Note: Blob size before upload].
import { blobLayout, sealBlobPieces } from '../format/blob.js';
import { sealSourceStream } from '../format/blob-stream.js';
import { ContentHasher } from '../format/content-hasher.js';
import { generateBlobSalt, generateFileKey } from '../keys/vault-key.js';
import { encodeBase64url } from './base64url.js';
import { blobBytesStream, type BlobBytes } from './blob-bytes.js';
import { uploadBlob } from './blob-upload.js';
import { ClientError } from './client-error.js';
import type { FileContent } from './node-record.js';
import type { RelayApi, UploadAnswer } from './relay-api.js';

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
  /** All the bytes at once, where the source has them cheaper than through stream() (a Blob, NodeFolder's small files). */
  bytes?(): Promise<Uint8Array>;
}

/** A blob already begun on the relay under this key and salt, from an interrupted upload. */
export interface BlobResume {
  blobId: string;
  fileKey: Uint8Array;
  salt: Uint8Array;
  /** Plaintext bytes that may already be sealed into parts the relay has, and their SHA-256 (hex). */
  sentLength: number;
  sentDigest: string | null;
}

/**
 * What an upload tells its journal so it can be resumed after a reload (pending-uploads.ts keeps it).
 * Both are awaited: nothing is sent before the journal knows what it will be.
 */
export interface UploadJournal {
  started(blob: { blobId: string; fileKey: Uint8Array; salt: Uint8Array }): Promise<void>;
  sending(sentLength: number, sentDigest: string): Promise<void>;
}

/** Sends one small sealed blob whole, sharing a request with others (small-blobs.ts); answers its id. */
export type SmallBlobSender = (sealed: BlobBytes, signal?: AbortSignal) => Promise<string>;

/** Files up to this size go whole through a SmallBlobSender when one is given, instead of a resumable upload. */
export const SMALL_FILE_MAX = 2 * 1024 * 1024;

export interface FileUploadOptions {
  signal?: AbortSignal;
  /** Small files go through this in one request shared with others; without it, every file is a resumable upload. */
  smallBlobs?: SmallBlobSender;
  /** Plaintext bytes safely stored so far (estimated from blob bytes acknowledged). */
  onProgress?: (bytesDone: number) => void;
  now?: () => number;
  journal?: UploadJournal;
  /** Continue this blob if the file still starts with the bytes already sent; else start over. */
  resume?: BlobResume;
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

/** Reads the first `length` bytes of the file and checks their SHA-256 against `digest`. */
async function startsWith(file: FileSource, length: number, digest: string): Promise<boolean> {
  if (file.size < length) return false;
  const hasher = await ContentHasher.create();
  const reader = file.stream().getReader();
  try {
    while (hasher.length < length) {
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value.subarray(0, length - hasher.length));
      await hasher.backlog();
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return hasher.length === length && await hasher.digest() === digest;
}

/**
 * The resume to use, or null to start over: only a streamed (multi-part) blob can continue, and only
 * when the relay still has it and the file begins with exactly the plaintext already sealed
 * (docs/FORMAT.md §4.4: the key and salt must never seal different bytes).
 */
async function usableResume(api: RelayApi, file: FileSource, resume: BlobResume | undefined, signal?: AbortSignal): Promise<{ resume: BlobResume; status: UploadAnswer } | null> {
  if (!resume) return null;
  const status = file.size > SEAL_IN_MEMORY_MAX ? await api.uploadStatus(resume.blobId, signal).catch(() => null) : null;
  const same = status !== null && status.size === blobLayout(file.size).blobLength &&
    (resume.sentLength === 0 || resume.sentDigest !== null && await startsWith(file, resume.sentLength, resume.sentDigest));
  if (status && same) return { resume, status };
  await api.abortUpload(resume.blobId).catch(() => undefined);
  return null;
}

/**
 * Seals a file of at most SEAL_IN_MEMORY_MAX bytes in memory, DEFLATE when it pays ([Note: Blob size
 * before upload]). The blob stays in the sealer's pieces: whoever sends it copies them on anyway.
 */
async function sealWhole(file: FileSource, fileKey: Uint8Array, salt: Uint8Array, hasher: ContentHasher): Promise<{ pieces: Uint8Array[]; blobLength: number; length: number; deflated: boolean }> {
  const plaintext = file.bytes ? await file.bytes() : await readAll(file.stream(), file.size);
  if (plaintext.length !== file.size) throw new ClientError('server', `The file ${plaintext.length > file.size ? 'grew' : 'shrank'} while it was read; pick it again.`);
  hasher.update(plaintext);
  return sealBlobPieces(fileKey, plaintext, { contentType: file.type || undefined, fileName: file.name, compression: 'auto', salt });
}

/** A file being sealed: the ciphertext stream, its exact length, and what the sealer reports at its end. */
interface SealingFile {
  sealed: ReadableStream<Uint8Array>;
  blobSize: number;
  result: Promise<{ length: number; deflated: boolean }>;
}

/** Seals `file` under `fileKey` and `salt`, feeding the plaintext through `hasher` ([Note: Blob size before upload]). */
async function sealFile(file: FileSource, fileKey: Uint8Array, salt: Uint8Array, hasher: ContentHasher): Promise<SealingFile> {
  const hint = { contentType: file.type || undefined, fileName: file.name };
  const size = file.size;
  if (size <= SEAL_IN_MEMORY_MAX) {
    const blob = await sealWhole(file, fileKey, salt, hasher);
    return {
      sealed: blobBytesStream(blob.pieces),
      blobSize: blob.blobLength,
      result: Promise.resolve(blob),
    };
  }
  // Errors on the plaintext side surface through the sealed stream the uploader reads.
  const sealer = sealSourceStream(file.stream(), fileKey, { ...hint, compression: 'off', salt }, async (chunk) => {
    hasher.update(chunk);
    await hasher.backlog();
  });
  return { sealed: sealer.readable, blobSize: blobLayout(size).blobLength, result: sealer.result };
}

function contentOf(file: FileSource, fileKey: Uint8Array, blobIds: string[], blobSize: number, sealed: { length: number; deflated: boolean }, contentHash: string, now: number): FileContent {
  return {
    blobIds, fileKey: encodeBase64url(fileKey), length: sealed.length, deflated: sealed.deflated, size: file.size, blobSize,
    mtime: file.lastModified ?? now, mediaType: mediaTypeOf(file), contentHash, savedAt: now, version: 1,
  };
}

export async function uploadFile(api: RelayApi, file: FileSource, options: FileUploadOptions = {}): Promise<FileContent> {
  const { journal } = options;
  const continued = await usableResume(api, file, options.resume, options.signal);
  const fileKey = continued ? continued.resume.fileKey.slice() : generateFileKey();
  const salt = continued ? continued.resume.salt.slice() : generateBlobSalt();
  const size = file.size;
  const hasher = await ContentHasher.create();
  if (options.smallBlobs && !continued && size <= SMALL_FILE_MAX) {
    const sealedWhole = await sealWhole(file, fileKey, salt, hasher);
    const blobId = await options.smallBlobs(sealedWhole.pieces, options.signal);
    options.onProgress?.(size);
    const content = contentOf(file, fileKey, [blobId], sealedWhole.blobLength, sealedWhole, await hasher.digest(), (options.now ?? Date.now)());
    fileKey.fill(0);
    return content;
  }
  const { sealed, blobSize, result } = await sealFile(file, fileKey, salt, hasher);
  const blobId = await uploadBlob(api, sealed, blobSize, {
    signal: options.signal,
    onStored: (stored) => options.onProgress?.(Math.floor((stored / blobSize) * size)),
    resume: continued?.status,
    keepForResume: journal !== undefined,
    onCreated: journal && ((id) => journal.started({ blobId: id, fileKey, salt })),
    // Every plaintext byte the sealer has taken so far may be in this part: the journal keeps their digest.
    beforePart: journal && (async () => {
      const prefix = await hasher.prefix();
      await journal.sending(prefix.length, prefix.digest);
    }),
  });
  const content = contentOf(file, fileKey, [blobId], blobSize, await result, await hasher.digest(), (options.now ?? Date.now)());
  fileKey.fill(0);
  return content;
}

/**
 * Seals the file under a fresh key into ciphertext kept on this device (a change made offline): the
 * same bytes an upload would send. `blobId` stands in the content until the relay gives the real one.
 */
export async function sealFileLocally(file: FileSource, blobId: string, now: number): Promise<{ data: Blob; content: FileContent }> {
  const fileKey = generateFileKey();
  const hasher = await ContentHasher.create();
  const { sealed, blobSize, result } = await sealFile(file, fileKey, generateBlobSalt(), hasher);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = sealed.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value as Uint8Array<ArrayBuffer>);
  const data = new Blob(parts);
  if (data.size !== blobSize) throw new ClientError('server', `The sealed file came out at ${data.size} bytes instead of ${blobSize}.`);
  const content = contentOf(file, fileKey, [blobId], blobSize, await result, await hasher.digest(), now);
  fileKey.fill(0);
  return { data, content };
}
