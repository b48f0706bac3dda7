// Interrupted uploads this device can resume: one sealed record per queued file, written when a batch
// starts, updated as its blob's parts go out, removed when the file is placed or fails for good. A
// closed tab or a long network cut leaves them behind; the user picks the same files again and the
// upload continues where the relay's received parts end (file-upload.ts checks the bytes are the same).
import { openPendingUpload, sealPendingUpload } from '../keys/records.js';
import { utf8 } from '../format/bytes.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import type { BlobResume } from './file-upload.js';
import type { PendingUploadStore, StoredPendingUpload } from './pending-upload-store.js';
import type { ConflictPolicy } from './tree-uploads.js';

export interface PendingUploadBody {
  id: string;
  parentId: string;
  relativePath: string;
  size: number;
  lastModified: number | null;
  conflict: ConflictPolicy;
  startedAt: number;
  /** Plaintext bytes the relay had acknowledged when last recorded (for the notice). */
  bytesDone: number;
  /** The blob begun on the relay, once there is one. Key and salt as base64url. */
  blob: { blobId: string; fileKey: string; salt: string; sentLength: number; sentDigest: string | null } | null;
}

/** What the page is shown: no keys. */
export interface PendingUploadSummary {
  id: string;
  parentId: string;
  relativePath: string;
  size: number;
  bytesDone: number;
  startedAt: number;
}

export function summaryOf(body: PendingUploadBody): PendingUploadSummary {
  const { id, parentId, relativePath, size, bytesDone, startedAt } = body;
  return { id, parentId, relativePath, size, bytesDone, startedAt };
}

export function resumeOf(body: PendingUploadBody): BlobResume | undefined {
  const b = body.blob;
  return b ? { blobId: b.blobId, fileKey: decodeBase64url(b.fileKey), salt: decodeBase64url(b.salt), sentLength: b.sentLength, sentDigest: b.sentDigest } : undefined;
}

export function withBlob(body: PendingUploadBody, blob: { blobId: string; fileKey: Uint8Array; salt: Uint8Array }): PendingUploadBody {
  return { ...body, blob: { blobId: blob.blobId, fileKey: encodeBase64url(blob.fileKey), salt: encodeBase64url(blob.salt), sentLength: 0, sentDigest: null } };
}

export class PendingUploads {
  constructor(private readonly store: PendingUploadStore, private readonly keys: { nodeKey: Uint8Array; accountId: string }) {}

  /** Every record of this account that opens under its key; one that doesn't is left alone. */
  async list(): Promise<PendingUploadBody[]> {
    const out: PendingUploadBody[] = [];
    for (const stored of await this.store.list(this.keys.accountId)) {
      try {
        const plain = await openPendingUpload(this.keys.nodeKey, stored.sealed, this.keys.accountId, stored.id);
        out.push(JSON.parse(new TextDecoder().decode(plain)) as PendingUploadBody);
      } catch {
        // Not this vault's (or damaged): unreadable, so useless, but not ours to judge either.
      }
    }
    return out.sort((a, b) => a.startedAt - b.startedAt || a.relativePath.localeCompare(b.relativePath));
  }

  async get(id: string): Promise<PendingUploadBody | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  async save(body: PendingUploadBody): Promise<void> {
    await this.store.put(await this.sealed(body));
  }

  /** Saves several records in one write of the store. */
  async saveAll(bodies: readonly PendingUploadBody[]): Promise<void> {
    await this.store.putAll(await Promise.all(bodies.map((body) => this.sealed(body))));
  }

  private async sealed(body: PendingUploadBody): Promise<StoredPendingUpload> {
    return { accountId: this.keys.accountId, id: body.id, sealed: await sealPendingUpload(this.keys.nodeKey, utf8(JSON.stringify(body)), this.keys.accountId, body.id) };
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(id);
  }
}
