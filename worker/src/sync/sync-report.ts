// What every sync pass reports (DESIGN.md §8 Output): counts, errors in words, and a log of its steps,
// for the PWA's sync log and `veilbox-helper status`. Plain data, so it crosses comlink as is.
import type { SyncStep } from './sync-step.js';

/**
 * sent / received: files new on the other side; modified: a file's content replaced on either side;
 * moved: renames and moves either way; removed: files moved to a trash on either side; conflicts:
 * conflict copies made; errors: entries skipped or steps failed (each in `errors`).
 */
export interface SyncCounts { sent: number; received: number; modified: number; moved: number; removed: number; conflicts: number; errors: number }

export interface SyncError { path: string; message: string; kind: string }

export interface SyncLogEntry { op: SyncStep['op']; path: string; to?: string; outcome: 'done' | 'failed'; message?: string }

export type SyncReport =
  | { status: 'done'; counts: SyncCounts; errors: SyncError[]; log: SyncLogEntry[] }
  /** Nothing was done: the pass would remove `deletions` (file paths); pass them as confirmDeletions to go ahead. */
  | { status: 'paused'; reason: 'mass-deletion'; deletions: string[]; counts: SyncCounts; errors: SyncError[]; log: SyncLogEntry[] };

export function emptyCounts(): SyncCounts {
  return { sent: 0, received: 0, modified: 0, moved: 0, removed: 0, conflicts: 0, errors: 0 };
}
