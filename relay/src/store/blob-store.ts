// The blob store interface: opaque byte strings by id, written through multipart uploads (one call
// per part, in any order, then one commit) so the same shape fits a folder on disk (fs-blob-store.ts)
// and an S3 bucket (s3-blob-store.ts). Bodies move as Node streams; nothing here buffers a whole part.
// Whole small blobs already in memory (POST /blobs/batch) may skip the upload shape: `putBlobs`.
import type { Readable, Writable } from 'node:stream';

export interface PartPlacement {
  index: number;
  /** Byte offset of the part inside the finished blob. */
  offset: number;
  /** Exact length the body must have; a shorter or longer body fails with `size_mismatch`. */
  size: number;
}

/** A complete blob for `putBlobs`: its id and all its bytes. */
export interface WholeBlob { blobId: string; bytes: Uint8Array }

export interface ByteRange { start: number; end: number /* inclusive */ }

export interface BlobStore {
  /**
   * Whether a part is durable once `writePart` resolves (S3: yes). The file store answers false:
   * parts reach the disk in the background and for certain at commit, so after an OS crash the
   * relay forgets received parts (services/restart-check.ts).
   */
  readonly partsDurable: boolean;
  /** Prepares an upload of `size` bytes; returns a back-end handle to keep with the upload. */
  beginUpload(uploadId: string, size: number): Promise<string>;
  /** Writes one part (durably if `partsDurable`); returns a tag the commit needs (an ETag on S3, '' on disk). */
  writePart(uploadId: string, handle: string, part: PartPlacement, body: Readable): Promise<{ tag: string }>;
  /** Makes the upload a blob atomically: after this resolves the blob is complete and durable. */
  completeUpload(uploadId: string, handle: string, blobId: string, parts: { index: number; tag: string }[]): Promise<void>;
  abortUpload(uploadId: string, handle: string): Promise<void>;
  /** Makes every part written so far durable (clean shutdown). */
  syncUpload(uploadId: string, handle: string): Promise<void>;
  /** A stream of the blob (or of an inclusive byte range of it). */
  read(blobId: string, range?: ByteRange): Promise<Readable>;
  /**
   * Optional fast path for a download written straight to a socket: opens the blob (failing with
   * `missing` before anything is sent), calls `start()` (the caller writes the head), then writes the
   * bytes into `out` and ends it. Errors after `start()` destroy `out` instead of rejecting.
   */
  sendTo?(blobId: string, range: ByteRange | undefined, out: Writable, start: () => void): Promise<void>;
  /**
   * Optional fast path for whole blobs already in memory (services/blob-batch.ts): stores each under
   * its id without an upload. After it resolves every blob is complete and durable. Not all or
   * nothing: when it rejects (only once no write is still running) some blobs may be stored, and the
   * caller deletes them. A store without it gets begin / write / complete per blob.
   */
  putBlobs?(blobs: readonly WholeBlob[]): Promise<void>;
  size(blobId: string): Promise<number | null>;
  delete(blobId: string): Promise<void>;
  /** Ids of stored blobs and leftover upload files, for the startup sweep of crash leftovers. */
  listBlobIds(): AsyncIterable<{ id: string; modifiedAt: number }>;
  /** Optional, run by the periodic sweep: gives back space deleted blobs still hold (the folder store's packs). */
  compact?(): Promise<number>;
  /** Optional: deletes the store's own crash leftovers older than `minAgeMs` (the folder store's unindexed packs). */
  removeLeftovers?(now: number, minAgeMs: number): Promise<number>;
  /** `handle`: the back end's own handle of the upload where it has one (an S3 UploadId). */
  listUploadIds(): AsyncIterable<{ id: string; modifiedAt: number; handle?: string }>;
  /** Releases what the store holds open: connections (S3), the pack index (the folder store). */
  close?(): Promise<void>;
}
