// The seam between the UI and share links (DESIGN.md §6): the `ShareClient` interface the share
// dialog, "My shares" and the visitor's share page use, and the types that cross it. Types only,
// like vault-client.ts. Owner calls reject with VaultErrors (describeError words them); reader calls
// reject with a `ShareProblem`, whose `kind` the share page turns into plain words.
import type { NodeId } from './vault-client.js';

export type ShareStatus = 'active' | 'revoked' | 'expired' | 'locked' | 'exhausted';

export interface ShareSummary {
  readonly kind: 'file' | 'folder';
  readonly name: string;
  readonly fileCount: number;
  readonly totalSize: number;
  readonly createdAt: number;
}

export interface NewShareOptions {
  /** Empty: no password. */
  readonly password?: string;
  readonly expiresInSeconds?: number;
  readonly downloadLimit?: number;
}

/** One of the owner's shares. Times are ms since the epoch. */
export interface OwnedShare {
  readonly shareId: string;
  /** `https://HOST/s/<id>#<secret>`; null once revoked. Shown to the owner only; never logged. */
  readonly link: string | null;
  /** What it holds; null when it can't be read any more (revoked). */
  readonly summary: ShareSummary | null;
  readonly status: ShareStatus;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly downloadLimit: number | null;
  readonly downloadsUsed: number;
  readonly downloadsLeft: number | null;
  readonly passwordProtected: boolean;
  readonly revokedAt: number | null;
}

/** What the visitor's page shows. */
export interface SharedView {
  readonly shareId: string;
  readonly state: 'password' | 'open';
  readonly attemptsLeft: number | null;
  readonly expiresAt: number | null;
  readonly downloadLimit: number | null;
  readonly downloadsLeft: number | null;
  readonly summary: ShareSummary | null;
  readonly files: readonly { readonly path: string; readonly size: number; readonly mediaType: string; readonly mtime: number }[];
}

/** `all`: the shared file, or the folder as one ZIP; `path`: one file of a folder share. */
export type ShareSelection = { readonly all: true } | { readonly path: string };

export type ShareProblemKind =
  | 'not-found' | 'expired' | 'revoked' | 'exhausted' | 'locked'
  | 'password-required' | 'password-wrong' | 'tampered' | 'rate-limited' | 'network' | 'cancelled' | 'unsupported' | 'server';

export class ShareProblem extends Error {
  override readonly name = 'ShareProblem';
  constructor(readonly kind: ShareProblemKind, message: string, readonly attemptsLeft: number | null = null, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

export interface ShareDownloadOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ShareClient {
  // owner (an unlocked vault)
  createShare(nodeId: NodeId, options: NewShareOptions): Promise<OwnedShare>;
  listShares(): Promise<readonly OwnedShare[]>;
  revokeShare(shareId: string): Promise<void>;
  // visitor (no account)
  open(shareId: string, secret: string): Promise<SharedView>;
  unlock(shareId: string, password: string): Promise<SharedView>;
  /**
   * Saves the selection to disk, streamed: into a file the user picks where the save dialog exists,
   * else through the service worker's download route, else (no service worker) a blob URL. Counts one
   * download on the relay. Resolves when the last verified byte was handed to the browser.
   */
  save(shareId: string, selection: ShareSelection, options?: ShareDownloadOptions): Promise<{ readonly downloadsLeft: number | null; readonly saved: boolean }>;
}
