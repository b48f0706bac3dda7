// What `veilbox-helper status` shows: the running daemon writes it (atomically, after every pass and
// state change) as JSON in the helper's home, and the status command reads it. The pass counts add up
// over the daemon's life; a mass-deletion pause lists the deletions waiting for a confirmation.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncCounts, SyncError } from '../../worker/src/sync/index.js';
import { HOME_FILES } from './helper-home.js';

export type HelperState = 'starting' | 'syncing' | 'idle' | 'paused' | 'offline' | 'stopped' | 'revoked' | 'failed';

export interface LastPass { startedAt: string; finishedAt: string; status: 'done' | 'paused' | 'failed'; counts: SyncCounts }

export interface HelperStatus {
  pid: number;
  state: HelperState;
  /** In words, for people: what is going on or what went wrong. */
  message: string;
  folder: string;
  vaultFolder: string;
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

/** The deletions the user confirmed through `status --confirm-deletions`, for the daemon's next pass. */
export function writeConfirmation(home: string, deletions: readonly string[]): void {
  writeFileSync(join(home, HOME_FILES.confirm), JSON.stringify({ deletions }), { mode: 0o600 });
}

export function takeConfirmation(home: string): string[] {
  const path = join(home, HOME_FILES.confirm);
  if (!existsSync(path)) return [];
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { deletions: string[] }).deletions;
  } catch {
    return [];
  }
}
