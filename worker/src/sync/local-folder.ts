// The one way the sync engine reaches a local folder (DESIGN.md §8): list, stat, read, write atomically,
// rename, move to the local trash, make folders. Adapters: memory-folder.ts (tests, case-insensitive
// mode), node-folder.ts (the helper, Node only), fsa-folder.ts (File System Access in the browser: async
// handles only, so nothing here is synchronous). Paths are as in sync-paths.ts.
import type { FileSource } from '../client/file-upload.js';

/** Temporary files of atomic writes start with this; the scan never lists them. */
export const TEMP_PREFIX = '.veilbox-tmp-';
/** The user's own file between the two renames of a case-only rename (executor.ts): put back, never removed. */
export const CASE_TEMP_PREFIX = `${TEMP_PREFIX}case-`;
/** Local deletions go below this folder at the top of the synced folder; the scan never lists it. */
export const LOCAL_TRASH = '.veilbox-trash';

/** True for a name the scan skips (the engine's own temporary files and trash). */
export function isEngineName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) || name === LOCAL_TRASH;
}

export interface LocalEntry {
  path: string;
  kind: 'file' | 'folder';
  /** Bytes; 0 for folders. */
  size: number;
  /** Last modification, ms since the epoch as the platform reports it. */
  mtime: number;
}

export interface LocalScan {
  entries: LocalEntry[];
  /** Folders that could not be listed: nothing below them may be taken as deleted. */
  unreadable: { path: string; message: string }[];
}

/** What a write checks just before it lands, so it never replaces a file changed since planning. */
export type WriteExpectation = { absent: true } | { size: number; mtime: number };

export type LocalFolderErrorKind = 'unreadable' | 'not-found' | 'exists' | 'changed';

/** The folder adapters' one error class; `kind` says what the engine should do with it. */
export class LocalFolderError extends Error {
  override readonly name = 'LocalFolderError';
  constructor(readonly kind: LocalFolderErrorKind, readonly path: string, message: string) {
    super(message);
  }
}

export function isLocalFolderError(value: unknown, kind?: LocalFolderErrorKind): value is LocalFolderError {
  return value instanceof LocalFolderError && (kind === undefined || value.kind === kind);
}

/** What an adapter is told about the disk; each adapter finds its own default when not told. */
export interface LocalFolderOptions {
  /** Whether the disk treats `a.txt` and `A.txt` as one name. */
  caseInsensitive?: boolean;
  /** Whether Windows' name rules apply. */
  windowsNames?: boolean;
}

export interface LocalFolder {
  /** Whether the disk treats `a.txt` and `A.txt` as one name (Windows, macOS). */
  readonly caseInsensitive: boolean;
  /** Whether Windows' name rules apply (windows-names.ts): such names from the vault are skipped. */
  readonly windowsNames: boolean;
  /** Every file and folder below the root, parents first, minus isEngineName entries. */
  scan(): Promise<LocalScan>;
  stat(path: string): Promise<LocalEntry | null>;
  /** The file as a FileSource; a locked or forbidden file fails with kind 'unreadable'. */
  read(path: string): Promise<FileSource>;
  /**
   * Writes through a TEMP_PREFIX file in the same folder, then renames it over `path` (parents made
   * as needed) if `expect` still holds ('changed' otherwise). `fill` closes or aborts the sink.
   */
  write(path: string, fill: (sink: WritableStream<Uint8Array>) => Promise<void>, options: { expect: WriteExpectation; mtime?: number }): Promise<LocalEntry>;
  /** Moves a file or folder; parents are made; an existing `to` (by the disk's own rules) fails with 'exists'. */
  rename(from: string, to: string): Promise<void>;
  /** Moves a file or folder into LOCAL_TRASH, never erasing it. */
  trash(path: string): Promise<void>;
  /** Makes the folder and its parents; an existing folder is fine. */
  makeFolder(path: string): Promise<void>;
}
