// The seam between the UI and folder sync in the browser (DESIGN.md §8; the engine runs in the crypto
// worker, worker/src/sync/browser-folder-sync.ts): the `FolderSyncClient` the "Folder sync" page uses and
// the types that cross it. Types only, like pairing-client.ts; every method rejects with a VaultError.
import type { Unsubscribe } from './vault-client.js';

export interface FolderSyncCounts { sent: number; received: number; modified: number; moved: number; removed: number; conflicts: number; errors: number }

export type FolderSyncState = 'starting' | 'syncing' | 'idle' | 'paused' | 'needs-permission' | 'confirm-deletions' | 'offline' | 'elsewhere' | 'failed' | 'stopped';

export interface FolderSyncStatus {
  readonly pairId: string;
  /** The picked folder's own name (the browser never tells the page its full path). */
  readonly folderName: string;
  readonly vaultFolderId: string;
  readonly state: FolderSyncState;
  readonly message: string;
  readonly watching: 'observer' | 'polling' | null;
  readonly lastPass: { startedAt: number; finishedAt: number; status: 'done' | 'paused' | 'failed'; counts: FolderSyncCounts } | null;
  readonly totals: FolderSyncCounts;
  readonly passes: number;
  readonly pendingDeletions: readonly string[] | null;
  readonly errors: readonly { path: string; message: string; kind: string }[];
}

export interface FolderSyncPair extends FolderSyncStatus {
  /** The vault folder's path ("Home / Work"); null when it is gone or in the trash. */
  readonly vaultFolderName: string | null;
  readonly paused: boolean;
}

export interface FolderSyncLogEntry {
  readonly seq?: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly status: 'done' | 'paused' | 'failed';
  readonly counts: FolderSyncCounts;
  readonly errors: readonly { path: string; message: string }[];
  readonly steps: readonly string[];
  readonly deletions?: readonly string[];
}

export interface FolderSyncClient {
  list(): Promise<FolderSyncPair[]>;
  /** Pairs a folder the user picked with a vault folder; syncing starts at once. */
  add(handle: FileSystemDirectoryHandle, vaultFolderId: string): Promise<FolderSyncPair>;
  /** Newest pass first. */
  log(pairId: string, limit?: number): Promise<FolderSyncLogEntry[]>;
  /** The picked folder's handle, to ask the browser for permission again on a click. */
  handle(pairId: string): Promise<FileSystemDirectoryHandle>;
  setPaused(pairId: string, paused: boolean): Promise<void>;
  /** Stops syncing; both sides keep their files. */
  remove(pairId: string): Promise<void>;
  confirmDeletions(pairId: string): Promise<void>;
  /** Permission was granted again: syncing resumes. */
  reconnect(pairId: string): Promise<void>;
  syncNow(pairId: string): Promise<void>;
  subscribe(listener: (status: FolderSyncStatus) => void): Promise<Unsubscribe>;
}
