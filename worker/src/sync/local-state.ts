// The local tree for planning: the folder's scan, each file with its content hash (docs/FORMAT.md
// §4.5). A file whose size and mtime match the base keeps the base's hash unread; any other file is
// read and hashed, so a touched file with the same bytes is recognised as unchanged (DESIGN.md §8).
// A file that can't be read is reported, never dropped as if deleted.
import { ContentHasher } from '../format/content-hasher.js';
import type { BaseEntry } from './base-store.js';
import { isLocalFolderError, type LocalFolder } from './local-folder.js';
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
  }
  return hasher.digest();
}

export async function readLocalTree(folder: LocalFolder, base: readonly BaseEntry[]): Promise<LocalTree> {
  const scan = await folder.scan();
  const byKey = new Map(base.map((b) => [pathKey(b.path), b]));
  const tree: LocalTree = { states: [], unreadable: [...scan.unreadable] };
  for (const entry of scan.entries) {
    if (entry.kind === 'folder') {
      tree.states.push({ ...entry, contentHash: null });
      continue;
    }
    const known = byKey.get(pathKey(entry.path));
    if (known?.kind === 'file' && known.size === entry.size && known.mtime === entry.mtime) {
      tree.states.push({ ...entry, contentHash: known.contentHash });
      continue;
    }
    try {
      tree.states.push({ ...entry, contentHash: await hashFile(folder, entry.path) });
    } catch (error) {
      // Gone since the scan: it is simply not there. Anything else: left alone this pass.
      if (isLocalFolderError(error, 'not-found')) continue;
      tree.unreadable.push({ path: entry.path, message: `"${entry.path}" could not be read (${error instanceof Error ? error.message : String(error)}); it will be tried again on the next pass.` });
    }
  }
  return tree;
}
