// The synced tree of one sync pair (DESIGN.md §8): what local and vault agreed on after the last step
// that succeeded, by path. The planner compares each side with it; the executor changes it once per
// step, in one `apply`, only after the step succeeded. MemorySyncBase is the in-memory store; the
// helper adds SQLite and the browser IndexedDB behind the same interface.
import { pathKey } from './sync-paths.js';

export interface BaseEntry {
  /** Relative path, case as last agreed. */
  path: string;
  kind: 'file' | 'folder';
  nodeId: string;
  /** The vault node's version when last agreed. */
  version: number;
  /** Local size and mtime as the disk reported them when last agreed (change detection, step 1). */
  size: number;
  mtime: number;
  /** Content hash (docs/FORMAT.md §4.5) both sides held; null for folders. */
  contentHash: string | null;
}

/** One step's change of the base: entries to remove (by path key, before puts) and entries to put. */
export interface BaseChange {
  remove?: readonly string[];
  /** Removes each path and everything below it. */
  removeTrees?: readonly string[];
  put?: readonly BaseEntry[];
}

export interface SyncBase {
  entries(): Promise<BaseEntry[]>;
  /** Applies the whole change or none of it. */
  apply(change: BaseChange): Promise<void>;
}

export class MemorySyncBase implements SyncBase {
  private readonly byKey = new Map<string, BaseEntry>();

  async entries(): Promise<BaseEntry[]> {
    return [...this.byKey.values()].map((e) => ({ ...e }));
  }

  async apply(change: BaseChange): Promise<void> {
    for (const path of change.remove ?? []) this.byKey.delete(pathKey(path));
    for (const tree of change.removeTrees ?? []) {
      const key = pathKey(tree);
      for (const k of [...this.byKey.keys()]) if (k === key || k.startsWith(`${key}/`)) this.byKey.delete(k);
    }
    for (const entry of change.put ?? []) this.byKey.set(pathKey(entry.path), { ...entry });
  }
}
