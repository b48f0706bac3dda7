// Periodic cleanup: unfinished uploads past their expiry (bytes and reservation freed), expired
// sessions, pairings, share tickets and invites, old rate-limit windows, and (periodically, not at
// start-up) the space deleted blobs still hold in the folder store's packs. At startup it also removes
// files a crash left behind: upload files with no upload record, blob files with no blob record and
// packs nothing points at.
import type { Deps } from '../http/types.js';

/** Files younger than this are left alone: a commit may be between its rename and its record. */
const ORPHAN_MIN_AGE_MS = 10 * 60_000;

export async function sweep(deps: Pick<Deps, 'meta' | 'blobs' | 'config' | 'limiter'>): Promise<void> {
  const now = deps.config.now();
  for (const upload of await deps.meta.expiredUploads(now)) {
    await deps.meta.deleteUpload(upload.id);
    await deps.blobs.abortUpload(upload.id, upload.handle).catch(() => undefined);
  }
  await deps.meta.purgeExpired(now);
  await deps.limiter.prune();
}

/**
 * What the relay runs every sweepIntervalMs: sweep(), then the space deleted blobs still hold is given
 * back ([Note: Pack compaction]). Not in the sweep at start-up: the first compaction looks at every
 * pack, and the relay would listen only after it.
 */
export async function periodicSweep(deps: Pick<Deps, 'meta' | 'blobs' | 'config' | 'limiter'>): Promise<void> {
  await sweep(deps);
  await deps.blobs.compact?.();
}

export async function sweepOrphans(deps: Pick<Deps, 'meta' | 'blobs'>, now = Date.now()): Promise<{ uploads: number; blobs: number }> {
  let uploads = 0;
  let blobs = 0;
  for await (const file of deps.blobs.listUploadIds()) {
    if (now - file.modifiedAt > ORPHAN_MIN_AGE_MS && !(await deps.meta.getUpload(file.id))) {
      await deps.blobs.abortUpload(file.id, file.handle ?? '');
      uploads++;
    }
  }
  for await (const file of deps.blobs.listBlobIds()) {
    // A blob file whose upload record still exists is a commit cut short: the retry will finish it.
    if (now - file.modifiedAt > ORPHAN_MIN_AGE_MS && !(await deps.meta.getBlob(file.id)) && !(await deps.meta.getUpload(file.id))) {
      await deps.blobs.delete(file.id);
      blobs++;
    }
  }
  blobs += (await deps.blobs.removeLeftovers?.(now, ORPHAN_MIN_AGE_MS)) ?? 0;
  return { uploads, blobs };
}
