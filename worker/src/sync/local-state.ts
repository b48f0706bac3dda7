// The local tree for planning: the folder's scan, each file with its content hash (docs/FORMAT.md
// §4.5). A file whose size and mtime match the base keeps the base's hash unread; any other file is
// read and hashed, so a touched file with the same bytes is recognised as unchanged (DESIGN.md §8);
// a new file nothing compares with is left unread (see readLocalTree).
// A file that can't be read is reported, never dropped as if deleted.
import { ContentHasher } from '../format/content-hasher.js';
import type { BaseEntry } from './base-store.js';
import { isLocalFolderError, type LocalFolder } from './local-folder.js';
import type { RemoteNode } from './remote-vault.js';
import type { LocalState } from './sync-step.js';
import { pathKey } from './sync-paths.js';

export interface LocalTree { states: LocalState[]; unreadable: { path: string; message: string }[] }

export async function hashFile(folder: LocalFolder, path: string): Promise<string> {
  const hasher = await ContentHasher.create();
  const reader = (await folder.read(path)).stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
    await hasher.backlog();
  }
  return await hasher.digest();
}

/** Files read and hashed at once: small files cost a round of disk latency each, not CPU. */
const HASHED_AT_ONCE = 8;

/**
 * `remote`: the vault's side, when known. A file new since the base (no entry at its path) is then read
 * only if something will compare its hash: the vault holds something at its path, a base entry is
 * missing from the scan (it may be a rename of a known file), or a known node sits elsewhere in the vault
 * (moved there: the planner re-homes local paths under it). Otherwise the upload computes the hash
 * anyway, and an initial sync reads each file once, not twice.
 */
export async function readLocalTree(folder: LocalFolder, base: readonly BaseEntry[], remote?: readonly RemoteNode[]): Promise<LocalTree> {
  const scan = await folder.scan();
  const byKey = new Map(base.map((b) => [pathKey(b.path), b]));
  const scanned = new Set(scan.entries.map((e) => pathKey(e.path)));
  const remoteById = new Map((remote ?? []).map((r) => [r.id, r]));
  const hashEveryNewFile = remote === undefined
    || base.some((b) => !scanned.has(pathKey(b.path)))
    || base.some((b) => { const r = remoteById.get(b.nodeId); return r !== undefined && pathKey(r.path) !== pathKey(b.path); });
  const remoteKeys = new Set((remote ?? []).map((r) => pathKey(r.path)));
  const unused = (key: string) => !hashEveryNewFile && !byKey.has(key) && !remoteKeys.has(key);
  const unreadable = [...scan.unreadable];
  // One slot per entry, so the states keep the scan's order whatever order the reads finish in.
  const states: (LocalState | null)[] = [];
  const toHash: number[] = [];
  for (const entry of scan.entries) {
    const key = pathKey(entry.path);
    const known = byKey.get(key);
    if (entry.kind === 'folder' || unused(key)) states.push({ ...entry, contentHash: null });
    else if (known?.kind === 'file' && known.size === entry.size && known.mtime === entry.mtime) states.push({ ...entry, contentHash: known.contentHash });
    else {
      toHash.push(states.length);
      states.push(null);
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < toHash.length) {
      const slot = toHash[next++];
      const entry = scan.entries[slot];
      try {
        states[slot] = { ...entry, contentHash: await hashFile(folder, entry.path) };
      } catch (error) {
        // Gone since the scan: it is simply not there. Anything else: left alone this pass.
        if (isLocalFolderError(error, 'not-found')) continue;
        unreadable.push({ path: entry.path, message: `"${entry.path}" could not be read (${error instanceof Error ? error.message : String(error)}); it will be tried again on the next pass.` });
      }
    }
  };
  await Promise.all(Array.from({ length: HASHED_AT_ONCE }, worker));
  return { states: states.filter((s) => s !== null), unreadable };
}
