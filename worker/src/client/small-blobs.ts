// Small sealed blobs sent whole, many to a request (POST /blobs/batch): a file that fits costs a share of
// one request instead of three (create, part, commit). Calls made close together are batched as
// [Note: Batching without a timer] says; a relay that refuses the batch as too large (configured with
// smaller parts), or has no batch route (older), gets them one by one as resumable uploads from then on.
import { uploadBlob } from './blob-upload.js';
import { ClientError } from './client-error.js';
import type { SmallBlobSender } from './file-upload.js';
import type { RelayApi } from './relay-api.js';
import { isRelayError, RelayError } from './relay-error.js';
import { RequestBatcher } from './request-batcher.js';

/** What one batch may carry: the relay's default part size, and its limit on blobs per batch. */
const BATCH_BYTES = 8 * 1024 * 1024;
const BATCH_BLOBS = 256;

export class SmallBlobs {
  private readonly batcher: RequestBatcher<Uint8Array, string>;

  constructor(private readonly api: RelayApi) {
    this.batcher = new RequestBatcher((blobs) => this.sendBatch(blobs), { maxItems: BATCH_BLOBS, maxWeight: BATCH_BYTES, inFlight: 2 }, (b) => b.length);
  }

  /** Set once the relay refused a batch as too large or has no batch route (an older relay): one by one from then on. */
  private oneByOne = false;

  private async sendBatch(blobs: Uint8Array[]): Promise<string[]> {
    if (!this.oneByOne) {
      try {
        return (await this.api.putBlobs(blobs)).map((b) => b.blobId);
      } catch (error) {
        const refused = isRelayError(error, 'batch_too_large') || error instanceof RelayError && (error.status === 404 || error.status === 405);
        if (!refused) throw error;
        this.oneByOne = true;
      }
    }
    const ids: string[] = [];
    for (const blob of blobs) {
      ids.push(await uploadBlob(this.api, new ReadableStream({ start(c) { c.enqueue(blob); c.close(); } }), blob.length));
    }
    return ids;
  }

  /** The sender file-upload.ts takes. A call cancelled while its batch was out gives its blob back. */
  readonly send: SmallBlobSender = async (sealed, signal) => {
    if (signal?.aborted) throw new ClientError('cancelled', 'The upload was cancelled.');
    const blobId = await this.batcher.add(sealed);
    if (signal?.aborted) {
      await this.api.deleteBlob(blobId).catch(() => undefined);
      throw new ClientError('cancelled', 'The upload was cancelled.');
    }
    return blobId;
  };
}
