// Small sealed blobs sent whole, many to a request (POST /blobs/batch): a file that fits costs a share of
// one request instead of three (create, part, commit). Calls made close together are batched as
// [Note: Batching without a timer] says; a relay that refuses the batch as too large (configured with
// smaller parts), or has no batch route (older), gets them one by one as resumable uploads from then on.
import { DEFAULT_RETRY_DELAYS_MS, retriable, sleep, uploadBlob } from './blob-upload.js';
import { ClientError } from './client-error.js';
import type { SmallBlobSender } from './file-upload.js';
import { blobBytesLength, blobBytesStream, type BlobBytes } from './blob-bytes.js';
import type { RelayApi } from './relay-api.js';
import { isRelayError, RelayError } from './relay-error.js';
import { RequestBatcher } from './request-batcher.js';

/** What one batch may carry: the relay's default part size, and its limit on blobs per batch. */
const BATCH_BYTES = 8 * 1024 * 1024;
const BATCH_BLOBS = 256;
/** Waits before sending a failed batch again: the first few of a part's. */
const RETRY_DELAYS_MS = DEFAULT_RETRY_DELAYS_MS.slice(0, 4);

export class SmallBlobs {
  private readonly batcher: RequestBatcher<BlobBytes, string>;

  constructor(private readonly api: RelayApi) {
    this.batcher = new RequestBatcher((blobs) => this.sendBatch(blobs), { maxItems: BATCH_BLOBS, maxWeight: BATCH_BYTES, inFlight: 2 }, blobBytesLength);
  }

  /** Set once the relay refused a batch as too large or has no batch route (an older relay): one by one from then on. */
  private oneByOne = false;

  private async sendBatch(blobs: BlobBytes[]): Promise<string[]> {
    for (let attempt = 0; !this.oneByOne; attempt++) {
      try {
        return (await this.api.putBlobs(blobs)).map((b) => b.blobId);
      } catch (error) {
        const refused = isRelayError(error, 'batch_too_large') || error instanceof RelayError && (error.status === 404 || error.status === 405);
        if (refused) {
          this.oneByOne = true;
          break;
        }
        // A dropped connection or a relay error fails every file of the batch: try again, as a part would be.
        // (If only the answer was lost, the first copies stay stored unreferenced, as after any lost answer.)
        if (!retriable(error) || attempt >= RETRY_DELAYS_MS.length) throw error;
        await sleep(RETRY_DELAYS_MS[attempt]);
      }
    }
    const ids: string[] = [];
    for (const blob of blobs) {
      ids.push(await uploadBlob(this.api, blobBytesStream(blob), blobBytesLength(blob)));
    }
    return ids;
  }

  /** The sender file-upload.ts takes. A call cancelled while its batch was out gives its blob back. */
  readonly send: SmallBlobSender = async (sealed, signal) => {
    const cancelled = () => new ClientError('cancelled', 'The upload was cancelled.');
    if (signal?.aborted) throw cancelled();
    const stored = this.batcher.add(sealed);
    // Cancel answers at once; the batch goes on for the others, and this blob is deleted when it lands.
    const blobId = await new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        reject(cancelled());
        void stored.then((id) => this.api.deleteBlob(id)).catch(() => undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      stored.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    });
    if (signal?.aborted) {
      await this.api.deleteBlob(blobId).catch(() => undefined);
      throw cancelled();
    }
    return blobId;
  };
}
