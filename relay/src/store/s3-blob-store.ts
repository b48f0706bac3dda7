// The scale-out blob store: an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Ceph RGW…) through
// @aws-sdk/client-s3. A resumable upload is an S3 multipart upload straight onto the blob's final key
// (`<prefix>blobs/<id>`): each relay part is one UploadPart (part number = index + 1), and the commit
// is CompleteMultipartUpload, which makes the whole object appear at once, so nothing partial is ever
// readable. The relay keeps its own record of received parts and their ETags (the metadata store), so
// it never needs ListParts. Selected with `--blobs s3://BUCKET?endpoint=…&region=…`; credentials come
// from the SDK's usual sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile, instance role).
// [Note: S3 checksums] The SDK's default request checksums send stream bodies with aws-chunked
// framing; some S3-compatible servers store that framing inside the object (silent corruption), so
// checksums are computed only where the API requires them. Integrity is the client's job anyway:
// every blob is authenticated encryption (docs/FORMAT.md).
// Whole small blobs of a batch (putBlobs) skip the multipart shape: one PutObject each, which is as
// atomic (the object appears whole or not at all) at a third of the requests.
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Readable, Transform } from 'node:stream';
import { isId } from '../lib/ids.js';
import { eachLimited } from '../lib/each-limited.js';
import type { BlobStore, ByteRange, PartPlacement, WholeBlob } from './blob-store.js';
import type { S3Location } from './s3-location.js';
import { StorageError } from './storage-error.js';

/** PutObject requests of one putBlobs call in flight at once. */
const PUT_CONCURRENCY = 16;

interface S3ErrorShape { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } }

function statusOf(error: unknown): number | undefined {
  return (error as S3ErrorShape | null)?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string {
  const e = error as S3ErrorShape | null;
  return e?.name ?? e?.Code ?? '';
}

/**
 * An answer from S3 is a service error; anything else (connection refused, reset, DNS, timeout) or a
 * 5xx means the store is unreachable right now: `unavailable`, which the routes answer with 503.
 */
function asS3Error(error: unknown, missing: string): unknown {
  if (error instanceof StorageError) return error;
  const status = statusOf(error);
  const name = nameOf(error);
  if (name === 'NoSuchKey' || name === 'NoSuchUpload' || name === 'NotFound' || status === 404) return new StorageError('missing', missing, { cause: error });
  if (status === undefined || status >= 500) {
    return new StorageError('unavailable', 'the blob store (S3) can\'t be reached', { cause: error });
  }
  return error;
}

/** Passes exactly `size` bytes; a longer or shorter body fails with `size_mismatch`. */
function exactLength(size: number): Transform {
  let count = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      count += chunk.length;
      if (count > size) callback(new StorageError('size_mismatch', `the part is longer than its ${size} bytes`));
      else callback(null, chunk);
    },
    flush(callback) {
      callback(count === size ? null : new StorageError('size_mismatch', `the part has ${count} bytes, expected ${size}`));
    },
  });
}

export class S3BlobStore implements BlobStore {
  readonly partsDurable = true;
  private readonly client: S3Client;
  private warnedNoAbort = false;

  constructor(readonly location: S3Location, client?: S3Client) {
    this.client = client ?? new S3Client({
      region: location.region,
      ...(location.endpoint ? { endpoint: location.endpoint } : {}),
      forcePathStyle: location.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  private key(blobId: string): string {
    if (!isId(blobId)) throw new StorageError('missing', 'malformed blob id');
    return `${this.location.prefix}blobs/${blobId}`;
  }

  private get bucket(): string { return this.location.bucket; }

  async beginUpload(uploadId: string): Promise<string> {
    try {
      const out = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key(uploadId), ContentType: 'application/octet-stream' }));
      if (!out.UploadId) throw new Error('CreateMultipartUpload answered without an UploadId');
      return out.UploadId;
    } catch (error) {
      throw asS3Error(error, 'the bucket is missing');
    }
  }

  async writePart(uploadId: string, handle: string, part: PartPlacement, body: Readable): Promise<{ tag: string }> {
    const limited = exactLength(part.size);
    // A body that fails (too long, too short, cut off) must also end the request to S3, which would
    // otherwise wait for the bytes its Content-Length promised.
    const abort = new AbortController();
    let bodyError: unknown = null;
    const onError = (error: unknown) => {
      bodyError ??= error;
      limited.destroy(error instanceof StorageError ? error : new StorageError('aborted', 'the request body ended early', { cause: error }));
    };
    body.on('error', onError);
    limited.on('error', (error) => { bodyError ??= error; body.destroy(); abort.abort(); });
    body.pipe(limited);
    try {
      const out = await this.client.send(new UploadPartCommand({
        Bucket: this.bucket, Key: this.key(uploadId), UploadId: handle, PartNumber: part.index + 1,
        ContentLength: part.size, Body: limited,
      }), { abortSignal: abort.signal });
      if (!out.ETag) throw new Error('UploadPart answered without an ETag');
      return { tag: out.ETag };
    } catch (error) {
      // The body's own failure (too long, too short, cut off) is the real story, not the SDK's echo of it.
      if (bodyError instanceof StorageError) throw bodyError;
      if (bodyError !== null) throw new StorageError('aborted', 'the request body ended early', { cause: bodyError });
      throw asS3Error(error, 'the upload is gone');
    } finally {
      body.off('error', onError);
    }
  }

  async completeUpload(uploadId: string, handle: string, _blobId: string, parts: { index: number; tag: string }[]): Promise<void> {
    try {
      await this.client.send(new CompleteMultipartUploadCommand({
        Bucket: this.bucket, Key: this.key(uploadId), UploadId: handle,
        MultipartUpload: { Parts: [...parts].sort((a, b) => a.index - b.index).map((p) => ({ PartNumber: p.index + 1, ETag: p.tag })) },
      }));
    } catch (error) {
      const mapped = asS3Error(error, 'the upload is gone');
      // A retried commit after a crash between S3's completion and the metadata step: the upload is
      // gone (S3 says NoSuchUpload; some servers fail otherwise) but its object, which nothing else
      // ever writes, is there and whole.
      if ((await this.size(uploadId).catch(() => null)) !== null) return;
      throw mapped;
    }
  }

  async abortUpload(uploadId: string, handle: string): Promise<void> {
    if (!handle) return;
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key(uploadId), UploadId: handle }));
    } catch (error) {
      const mapped = asS3Error(error, 'the upload is gone');
      if (mapped instanceof StorageError && mapped.kind === 'missing') return;
      // A server without AbortMultipartUpload (s3rver answers 405): the parts stay until the bucket's
      // lifecycle rule removes incomplete uploads (docs/DEPLOY.md). The relay's records are gone either way.
      if (nameOf(error) === 'NotImplemented' || nameOf(error) === 'MethodNotAllowed' || statusOf(error) === 405 || statusOf(error) === 501) {
        if (!this.warnedNoAbort) console.error('relay: the S3 server can\'t abort multipart uploads; set a lifecycle rule that removes incomplete uploads');
        this.warnedNoAbort = true;
        return;
      }
      throw mapped;
    }
  }

  async syncUpload(): Promise<void> {
    // UploadPart answers only once the part is stored durably: nothing to flush.
  }

  async putBlobs(blobs: readonly WholeBlob[]): Promise<void> {
    await eachLimited(blobs, PUT_CONCURRENCY, async ({ blobId, bytes }) => {
      try {
        await this.client.send(new PutObjectCommand({
          Bucket: this.bucket, Key: this.key(blobId), ContentType: 'application/octet-stream', ContentLength: bytes.length, Body: bytes,
        }));
      } catch (error) {
        throw asS3Error(error, 'the bucket is missing');
      }
    });
  }

  async read(blobId: string, range?: ByteRange): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({
        Bucket: this.bucket, Key: this.key(blobId), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }));
      if (!(out.Body instanceof Readable)) throw new Error('GetObject answered without a body stream');
      return out.Body;
    } catch (error) {
      throw asS3Error(error, 'the blob is gone');
    }
  }

  async size(blobId: string): Promise<number | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(blobId) }));
      return out.ContentLength ?? null;
    } catch (error) {
      const mapped = asS3Error(error, 'the blob is gone');
      if (mapped instanceof StorageError && mapped.kind === 'missing') return null;
      throw mapped;
    }
  }

  async delete(blobId: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(blobId) }));
    } catch (error) {
      const mapped = asS3Error(error, 'the blob is gone');
      if (mapped instanceof StorageError && mapped.kind === 'missing') return;
      throw mapped;
    }
  }

  async *listBlobIds(): AsyncIterable<{ id: string; modifiedAt: number }> {
    const prefix = `${this.location.prefix}blobs/`;
    let token: string | undefined;
    do {
      const out = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }))
        .catch((error: unknown) => { throw asS3Error(error, 'the bucket is missing'); });
      for (const o of out.Contents ?? []) {
        const id = (o.Key ?? '').slice(prefix.length);
        if (isId(id)) yield { id, modifiedAt: o.LastModified?.getTime() ?? 0 };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * Unfinished multipart uploads under the prefix (ListMultipartUploads), for the startup sweep of
   * uploads whose record never got written. A server without that call (s3rver) lists none; a bucket
   * lifecycle rule "abort incomplete multipart uploads after N days" covers those (docs/DEPLOY.md).
   */
  async *listUploadIds(): AsyncIterable<{ id: string; modifiedAt: number; handle: string }> {
    const prefix = `${this.location.prefix}blobs/`;
    let keyMarker: string | undefined;
    let idMarker: string | undefined;
    do {
      let out;
      try {
        out = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: idMarker }));
      } catch (error) {
        if (nameOf(error) === 'NotImplemented' || statusOf(error) === 501) return;
        throw asS3Error(error, 'the bucket is missing');
      }
      for (const u of out.Uploads ?? []) {
        const id = (u.Key ?? '').slice(prefix.length);
        if (isId(id) && u.UploadId) yield { id, modifiedAt: u.Initiated?.getTime() ?? 0, handle: u.UploadId };
      }
      keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
      idMarker = out.IsTruncated ? out.NextUploadIdMarker : undefined;
    } while (keyMarker);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
