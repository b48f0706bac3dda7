// What `veilbox-helper status` shows: the running daemon writes it (atomically, after every pass and
// state change) as JSON in the helper's home, and the status command reads it. The pass counts add up
// over the daemon's life; a mass-deletion pause lists the deletions waiting for a confirmation.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncCounts, SyncError } from '../../worker/src/sync/index.js';
import { HOME_FILES } from './helper-home.js';

/** paused: by the user (from the browser); confirm-deletions: a mass deletion waits for a yes or no. */
export type HelperState = 'starting' | 'syncing' | 'idle' | 'paused' | 'confirm-deletions' | 'offline' | 'stopped' | 'revoked' | 'failed';

export interface LastPass { startedAt: string; finishedAt: string; status: 'done' | 'paused' | 'failed'; counts: SyncCounts }

export interface HelperStatus {
  pid: number;
  state: HelperState;
  /** In words, for people: what is going on or what went wrong. */
  message: string;
  folder: string;
  vaultFolder: string;
  /** The vault folder's node id (null until the vault is open). */
  vaultFolderId: string | null;
  lastPass: LastPass | null;
  passes: number;
  /** Totals over this run of the daemon. */
  totals: SyncCounts;
  /** Passes asked for (local or vault changes seen) and not yet run. */
  queue: number;
  /** Errors of the last pass. */
  errors: SyncError[];
  /** When paused for a mass deletion: the files it would remove. */
  pendingDeletions: string[] | null;
  /** Names that list, so an answer from the browser matches the pause it answers. */
  pendingId: string | null;
  updatedAt: string;
}

export function statusPath(home: string): string {
  return join(home, HOME_FILES.status);
}

export function writeStatus(home: string, status: HelperStatus): void {
  const path = statusPath(home);
  writeFileSync(`${path}.tmp`, JSON.stringify(status, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function readStatus(home: string): HelperStatus | null {
  const path = statusPath(home);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as HelperStatus;
  } catch {
    return null;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The user's answer to a paused mass deletion through `status --confirm-deletions` / `--refuse-deletions`, for the daemon. */
export interface DeletionAnswer { decision: 'confirm' | 'refuse'; deletions: string[] }

export function writeConfirmation(home: string, deletions: readonly string[], decision: DeletionAnswer['decision'] = 'confirm'): void {
  writeFileSync(join(home, HOME_FILES.confirm), JSON.stringify({ decision, deletions }), { mode: 0o600 });
}

/** The answer waiting, if any; it is taken (removed) by reading it. */
export function takeConfirmation(home: string): DeletionAnswer | null {
  const path = join(home, HOME_FILES.confirm);
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DeletionAnswer>;
    return Array.isArray(parsed.deletions) ? { decision: parsed.decision === 'refuse' ? 'refuse' : 'confirm', deletions: parsed.deletions } : null;
  } catch {
    return null;
  } finally {
    rmSync(path, { force: true });
  }
}
