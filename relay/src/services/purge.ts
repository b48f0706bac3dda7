// Deletes blob-store data after its metadata is gone (account deletion, drop discard, sweeps). The
// metadata goes first, so a crash in between leaves only unreachable files for the startup sweep.
import type { BlobStore } from '../store/blob-store.js';
import type { UploadRecord } from '../store/meta-records.js';

export async function purgeBlobData(blobs: BlobStore, what: { blobIds: string[]; uploads: UploadRecord[] }): Promise<void> {
  for (const id of what.blobIds) await blobs.delete(id).catch(() => undefined);
  for (const u of what.uploads) await blobs.abortUpload(u.id, u.handle).catch(() => undefined);
}
