// The phone's side of a drop (no account, no vault): from the secret in the /d/<id>#<secret> link it
// derives the drop key and upload token (keys/drop-keys.ts), uploads each picked file as a fresh blob
// under a fresh file key through the drop's public routes (file-upload.ts over DropUploadApi), and
// posts an item per file: the record (name, sizes, the file key wrapped by the drop key) sealed under
// the drop key. An end item closes the batch so the desktop knows when it has everything.
import { decodeBase64url, encodeBase64url, newId } from './base64url.js';
import { deriveDropKeys, openDropLabel, wrapDropFileKey } from '../keys/drop-keys.js';
import { ClientError, toClientError } from './client-error.js';
import { DropUploadApi } from './drop-relay.js';
import { sealDropRecord, type DropFileRecord } from './drop-record.js';
import { uploadFile, type FileSource } from './file-upload.js';
import type { FetchLike } from './relay-api.js';
import { RelayError } from './relay-error.js';

/** What the phone page shows: a drop it can send to, or why it can't. */
export type DropState =
  | { state: 'open'; expiresAt: number; sizeCap: number; bytesUsed: number; partSize: number; label: string | null }
  | { state: 'expired' }
  | { state: 'closed' }
  | { state: 'not-found' };

export interface DropSendProgress {
  index: number;
  bytesDone: number;
  bytesTotal: number;
  phase: 'queued' | 'uploading' | 'done' | 'failed';
  error?: ClientError;
}

export interface DropSendResult {
  sent: number[];
  failed: { index: number; error: ClientError }[];
  /** Set when the drop itself refused (closed, expired, gone): the files not sent were not tried. */
  stopped: Exclude<DropState['state'], 'open'> | null;
  cancelled: boolean;
}

/** The relay's refusal of the drop itself, as a state; null for any other failure. */
export function dropRefusal(error: unknown): Exclude<DropState['state'], 'open'> | null {
  const cause = error instanceof ClientError ? error.extra.cause : error;
  if (!(cause instanceof RelayError)) return null;
  if (cause.code === 'drop_closed') return 'closed';
  if (cause.code === 'drop_expired') return 'expired';
  // A malformed id in a mistyped link is no drop either.
  if (cause.code === 'drop_not_found' || cause.code === 'invalid_id') return 'not-found';
  return null;
}

const REFUSALS: Record<Exclude<DropState['state'], 'open'>, string> = {
  closed: 'This drop was closed by the desktop (it has been used). Ask for a new code.',
  expired: 'This drop has expired. Ask for a new code on the desktop.',
  'not-found': 'This drop does not exist or the link is incomplete. Scan the code again.',
};

interface OpenDrop { api: DropUploadApi; dropKey: Uint8Array }

export class DropSender {
  private readonly drops = new Map<string, OpenDrop>();

  constructor(private readonly options: { baseUrl: string; fetch?: FetchLike }) {}

  /** Keeps the drop's keys for this page; the secret itself is not kept. */
  async open(dropId: string, secretText: string): Promise<DropState> {
    let secret: Uint8Array;
    try {
      secret = decodeBase64url(secretText);
    } catch {
      throw new ClientError('not-found', REFUSALS['not-found']);
    }
    let keys;
    try {
      keys = await deriveDropKeys(secret);
    } catch {
      throw new ClientError('not-found', REFUSALS['not-found']);
    } finally {
      secret.fill(0);
    }
    const api = new DropUploadApi({ baseUrl: this.options.baseUrl, sessionMode: 'bearer', fetch: this.options.fetch }, dropId, encodeBase64url(keys.authToken));
    keys.authToken.fill(0);
    this.drops.set(dropId, { api, dropKey: keys.dropKey });
    return this.state(dropId);
  }

  private get(dropId: string): OpenDrop {
    const drop = this.drops.get(dropId);
    if (!drop) throw new ClientError('not-found', 'Open the drop link first.');
    return drop;
  }

  /** Asks the relay; "closed" after this phone's items were posted means the desktop took them. */
  async state(dropId: string): Promise<DropState> {
    const { api, dropKey } = this.get(dropId);
    try {
      const info = await api.info();
      let label: string | null = null;
      if (info.publicInfo) {
        label = await openDropLabel(dropKey, decodeBase64url(info.publicInfo), dropId).then((b) => new TextDecoder().decode(b), () => null);
      }
      return { state: 'open', expiresAt: Date.parse(info.expiresAt), sizeCap: info.sizeCap, bytesUsed: info.bytesUsed, partSize: info.partSize, label };
    } catch (error) {
      const refusal = dropRefusal(error);
      if (refusal) return { state: refusal };
      throw toClientError(error);
    }
  }

  async send(dropId: string, files: readonly FileSource[], options: { signal?: AbortSignal; onProgress?: (p: DropSendProgress) => void } = {}): Promise<DropSendResult> {
    const { api, dropKey } = this.get(dropId);
    const report = (p: DropSendProgress) => options.onProgress?.(p);
    const result: DropSendResult = { sent: [], failed: [], stopped: null, cancelled: false };
    const batch = newId();
    files.forEach((file, index) => report({ index, bytesDone: 0, bytesTotal: file.size, phase: 'queued' }));
    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) { result.cancelled = true; break; }
      const bytesTotal = file.size;
      try {
        report({ index, bytesDone: 0, bytesTotal, phase: 'uploading' });
        const content = await uploadFile(api, file, {
          signal: options.signal,
          onProgress: (bytesDone) => report({ index, bytesDone, bytesTotal, phase: 'uploading' }),
        });
        const fileKey = decodeBase64url(content.fileKey);
        const wrapped = await wrapDropFileKey(dropKey, fileKey, dropId);
        fileKey.fill(0);
        const record: DropFileRecord = {
          v: 1, kind: 'file', batch, index: result.sent.length, name: file.name, size: content.size, mediaType: content.mediaType, mtime: content.mtime,
          length: content.length, deflated: content.deflated, blobSize: content.blobSize, contentHash: content.contentHash,
          blobIds: content.blobIds, wrappedKey: encodeBase64url(wrapped),
        };
        await api.postItem(encodeBase64url(await sealDropRecord(dropKey, dropId, record)), content.blobIds, options.signal);
        result.sent.push(index);
        report({ index, bytesDone: bytesTotal, bytesTotal, phase: 'done' });
      } catch (raw) {
        const refusal = dropRefusal(raw);
        const error = refusal ? new ClientError('not-found', REFUSALS[refusal]) : toClientError(raw);
        report({ index, bytesDone: 0, bytesTotal, phase: 'failed', error });
        if (error.kind === 'cancelled') { result.cancelled = true; break; }
        result.failed.push({ index, error });
        if (refusal) { result.stopped = refusal; break; }
      }
    }
    // The end of the batch: the desktop closes the drop once it has placed this many files.
    if (result.sent.length > 0 && result.stopped === null) {
      const end = await sealDropRecord(dropKey, dropId, { v: 1, kind: 'end', batch, count: result.sent.length });
      await api.postItem(encodeBase64url(end), []).catch((error: unknown) => { result.stopped = dropRefusal(error); });
    }
    return result;
  }

  forget(dropId: string): void {
    this.drops.get(dropId)?.dropKey.fill(0);
    this.drops.delete(dropId);
  }
}
