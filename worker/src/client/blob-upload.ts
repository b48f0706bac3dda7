// Resumable upload of one sealed blob (DESIGN.md §7): create the upload with the exact blob size,
// cut the sealed stream into the relay's parts (8 MiB, the last smaller), PUT them (two at a time; four
// from disk-backed parts in a browser), commit. A part that fails on the network is retried after
// asking the relay which parts arrived, so a dropped connection costs at most the parts in flight.
// One part buffer is reused ([Note: One part buffer]).
// An upload interrupted for good (tab closed, network gone for minutes) can be continued later with
// `resume`: the same sealed stream is produced again and the parts the relay already has are skipped.
import { ClientError, toClientError } from './client-error.js';
import type { RelayApi, UploadAnswer } from './relay-api.js';
import { RelayError } from './relay-error.js';
import { runningInNode } from '../format/aead-backend.js';
import { BufferPartBodies, canUseDiskPartBodies, DiskPartBodies, MemoryPartBodies, type PartBody, type PartBodies } from './part-bodies.js';

export interface BlobUploadOptions {
  signal?: AbortSignal;
  /** Blob bytes the relay has acknowledged so far. */
  onStored?: (storedBytes: number) => void;
  /** Waits between retries of a part; tests shorten them. */
  retryDelaysMs?: readonly number[];
  /** Continue this upload (as the relay just reported it) instead of creating one: parts in `receivedParts` are not sent again. */
  resume?: UploadAnswer;
  /** Awaited once the upload exists, before any part is sent (the caller records its id). */
  onCreated?: (blobId: string) => Promise<void>;
  /** Awaited before part `index` is sent: the caller records what plaintext went into it. */
  beforePart?: (index: number) => Promise<void>;
  /** Keep the relay's upload when the network fails for good, so it can be resumed; else abort it. */
  keepForResume?: boolean;
  /** How part bodies are made (default: [Note: Part bodies on disk]). */
  partBodies?: PartBodies;
}

/** Parts sent at once: two keep the sealer busy while a part uploads. */
export const PARTS_IN_FLIGHT = 2;
/**
 * Parts sent at once where they wait in files on disk rather than in memory ([Note: Part bodies on disk]):
 * with two, the sealing worker stalled whenever both were still on the wire (1 GiB through the PWA, bench
 * pwa: 71–84 MiB/s with two, 87–91 MiB/s with four).
 */
export const PARTS_IN_FLIGHT_ON_DISK = 4;

export const DEFAULT_RETRY_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 15000, 30000];

/** A failure worth sending the same bytes again for: no answer, a server error other than a full disk, a cut body. */
export function retriable(error: unknown): boolean {
  return error instanceof RelayError && (error.status === 0 || error.status >= 500 && error.status !== 507 || error.code === 'part_truncated');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal?.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function uploadBlob(api: RelayApi, sealed: ReadableStream<Uint8Array>, blobSize: number, options: BlobUploadOptions = {}): Promise<string> {
  const { signal } = options;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let upload: UploadAnswer;
  try {
    upload = options.resume ?? await api.createUpload(blobSize, signal);
    if (upload.size !== blobSize) throw new ClientError('server', `The upload to resume is for ${upload.size} bytes, not ${blobSize}.`);
  } catch (error) {
    // Nothing will read the sealed stream: stop it, so its source (the picked file) is let go.
    await sealed.cancel(error).catch(() => undefined);
    throw toClientError(error);
  }
  const { blobId, partSize } = upload;
  const received = new Set(options.resume?.receivedParts ?? []);
  // What the relay already has counts as stored from the start, so progress resumes where it was.
  let stored = [...received].reduce((sum, i) => sum + Math.max(0, Math.min(partSize, blobSize - i * partSize)), 0);

  // [Note: Part bodies on disk]: one more slot than parts in flight, for the part being prepared.
  const onDisk = !options.partBodies && canUseDiskPartBodies();
  const partsInFlight = onDisk ? PARTS_IN_FLIGHT_ON_DISK : PARTS_IN_FLIGHT;
  const bodies = options.partBodies ?? (onDisk ? new DiskPartBodies(`veilbox-upload-${blobId}`, partsInFlight + 1)
    : runningInNode() ? new BufferPartBodies(partsInFlight + 1) : new MemoryPartBodies());

  const sendPart = async (index: number, part: PartBody) => {
    try {
      await sendPartOnce(index, part.body);
    } finally {
      await part.release();
    }
  };

  const sendPartOnce = async (index: number, body: Blob | Uint8Array<ArrayBuffer>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await api.putPart(blobId, index, body, signal);
        break;
      } catch (error) {
        if (signal?.aborted || !retriable(error) || attempt >= delays.length) throw error;
        await sleep(delays[attempt], signal);
        // The part may have arrived before the connection dropped: ask before sending it again.
        const status = await api.uploadStatus(blobId, signal).catch(() => null);
        if (status?.receivedParts.includes(index)) break;
      }
    }
    stored += body instanceof Uint8Array ? body.length : body.size;
    options.onStored?.(stored);
  };

  const reader = sealed.getReader();
  try {
    await options.onCreated?.(blobId);
    if (stored > 0) options.onStored?.(stored);
    // [Note: One part buffer] Each part is filled straight into a buffer the bodies hand out: in Node one
    // of a few buffers reused for every part and upload, sent as it is; elsewhere one staging buffer
    // copied into a Blob or file (a retry resends the same body). Fresh multi-MiB allocations measured
    // slow here, and garbage piles up between GCs.
    const partLength = (i: number) => Math.max(0, Math.min(partSize, blobSize - i * partSize));
    let part: Uint8Array<ArrayBuffer> | null = null;
    let fill = 0;
    let index = 0;
    let total = 0;
    const inFlight: Promise<void>[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (signal?.aborted) throw signal.reason;
      total += value.length;
      if (total > blobSize) throw new ClientError('server', `The sealed file came out longer than its computed size ${blobSize}.`);
      let offset = 0;
      while (offset < value.length) {
        part ??= await bodies.take(partLength(index));
        const take = Math.min(part.length - fill, value.length - offset);
        part.set(value.subarray(offset, offset + take), fill);
        fill += take;
        offset += take;
        if (fill === part.length) {
          fill = 0;
          if (received.has(index)) {
            // The relay has it: the same buffer serves the next part (never longer than this one).
            part = part.subarray(0, partLength(++index));
            continue;
          }
          await options.beforePart?.(index);
          // Seal the next part while this one is on the wire: at most partsInFlight parts held.
          const sending = sendPart(index++, await bodies.make(part));
          part = null;
          sending.catch(() => undefined);
          inFlight.push(sending);
          if (inFlight.length >= partsInFlight) await inFlight.shift();
        }
      }
    }
    for (const sending of inFlight.splice(0)) await sending;
    if (total !== blobSize) throw new ClientError('server', `The sealed file came out at ${total} bytes instead of ${blobSize}.`);
    await api.commitUpload(blobId, signal);
    return blobId;
  } catch (raw) {
    const error = toClientError(raw);
    // Free the reserved quota now instead of waiting for the relay's sweeper, unless a resume may want it.
    const resumable = options.keepForResume && (error.kind === 'network' || error.kind === 'server');
    if (!resumable) await api.abortUpload(blobId).catch(() => undefined);
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    await bodies.dispose().catch(() => undefined);
  }
}
