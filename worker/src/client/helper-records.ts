// What a paired helper and the PWA tell each other through device records (device-records.ts): the
// sync settings the PWA writes for a helper (which vault folder, paused, the answer to a paused mass
// deletion) and the status the helper writes after each pass and state change. Plain JSON inside the
// sealed record; checked on open, so a record of the wrong shape is refused like a tampered one.
import type { SyncCounts, SyncError } from '../sync/sync-report.js';

export const HELPER_SETTINGS = 'helper-settings';
export const HELPER_STATUS = 'helper-status';

export interface DeletionDecision {
  /** The paused pass this answers (HelperStatusRecord.pendingDeletions.pendingId). */
  pendingId: string;
  /** confirm: remove them (to the trash on both sides); refuse: bring them back from the other side. */
  decision: 'confirm' | 'refuse';
}

export interface HelperSettings {
  /** The vault folder to sync; null: the one the helper was started with. */
  vaultFolderId: string | null;
  paused: boolean;
  deletions: DeletionDecision | null;
  /** ms since the epoch. */
  updatedAt: number;
}

export type HelperSyncState = 'starting' | 'syncing' | 'idle' | 'paused' | 'confirm-deletions' | 'offline' | 'failed' | 'stopped';

export interface HelperStatusRecord {
  state: HelperSyncState;
  /** In words, for people. */
  message: string;
  /** The folder on the computer (shown in the PWA only; sealed like everything else). */
  localFolder: string;
  vaultFolderId: string | null;
  lastPass: { startedAt: number; finishedAt: number; status: 'done' | 'paused' | 'failed'; counts: SyncCounts } | null;
  /** Since the helper started. */
  totals: SyncCounts;
  passes: number;
  /** Passes asked for and not yet run. */
  queue: number;
  /** The last pass's errors (at most MAX_STATUS_ERRORS). */
  errors: SyncError[];
  pendingDeletions: { pendingId: string; count: number; paths: string[] } | null;
  helperVersion: string;
  updatedAt: number;
}

export const MAX_STATUS_ERRORS = 20;
export const MAX_STATUS_DELETIONS = 200;

export const DEFAULT_HELPER_SETTINGS: HelperSettings = { vaultFolderId: null, paused: false, deletions: null, updatedAt: 0 };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isHelperSettings(v: unknown): v is HelperSettings {
  if (!isObject(v)) return false;
  const d = v.deletions;
  return (v.vaultFolderId === null || typeof v.vaultFolderId === 'string') && typeof v.paused === 'boolean' && typeof v.updatedAt === 'number'
    && (d === null || (isObject(d) && typeof d.pendingId === 'string' && (d.decision === 'confirm' || d.decision === 'refuse')));
}

export function isHelperStatus(v: unknown): v is HelperStatusRecord {
  return isObject(v) && typeof v.state === 'string' && typeof v.message === 'string' && typeof v.localFolder === 'string'
    && isObject(v.totals) && Array.isArray(v.errors) && typeof v.updatedAt === 'number';
}
