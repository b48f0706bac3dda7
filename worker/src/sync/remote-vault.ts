// The sync engine's view of the vault folder a pair syncs (DESIGN.md §8): its live subtree as nodes with
// relative paths, and the few operations a step needs. vault-remote.ts implements it over VaultCore;
// tests may wrap it to inject failures.
import type { FileSource } from '../client/file-upload.js';

export interface RemoteNode {
  id: string;
  /** Relative to the synced vault folder, as in sync-paths.ts. */
  path: string;
  kind: 'file' | 'folder';
  version: number;
  size: number;
  mtime: number;
  /** null for folders (and for files stored before hashes were recorded). */
  contentHash: string | null;
}

export interface RemoteVault {
  /** Every live (not trashed) node below the synced folder, parents first. */
  list(): Promise<RemoteNode[]>;
  /**
   * Uploads the file to `path` (missing folders made). `replaceId` null: a new node (a name taken
   * meanwhile gets a keep-both name, see the returned path); else a new content of that node, whose
   * old content stays as a version, failing with 'conflict' if that node is no longer at `path`.
   */
  upload(path: string, file: FileSource, options: { replaceId: string | null }): Promise<RemoteNode>;
  /** The verified plaintext into `sink`, which it closes (or aborts on failure). */
  download(id: string, sink: WritableStream<Uint8Array>): Promise<void>;
  /** Renames and/or moves a node to `path` (missing folders made). */
  move(id: string, path: string): Promise<RemoteNode>;
  /** Moves the node (and what it holds) to the vault's trash; a node already gone is fine. */
  trash(id: string): Promise<void>;
  /** Makes the folder and its parents; an existing folder is returned as it is. */
  makeFolder(path: string): Promise<RemoteNode>;
}
