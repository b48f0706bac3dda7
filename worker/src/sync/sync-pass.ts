// One sync pass of a pair (DESIGN.md §8): read the base, the local tree (local-state.ts) and the vault
// folder, plan (planner.ts), stop before a mass deletion unless it was confirmed, carry the steps out
// (executor.ts), and report. The browser and the helper both call this; they differ only in the
// LocalFolder, RemoteVault and SyncBase they pass, and in when they start a pass.
import type { SyncBase } from './base-store.js';
import { SyncExecutor, type ExecuteOptions } from './executor.js';
import type { LocalFolder } from './local-folder.js';
import { readLocalTree } from './local-state.js';
import { planSync } from './planner.js';
import type { RemoteVault } from './remote-vault.js';
import { emptyCounts, type SyncError, type SyncReport } from './sync-report.js';
import type { PlanIssue } from './sync-step.js';

export interface MassDeletionGuard {
  /** A pass removing more files than this pauses. */
  maxFiles: number;
  /** …as does one removing more than this share of the files the base knows… */
  maxShare: number;
  /** …once it removes at least this many (so removing 1 of 3 files does not ask). */
  minFilesForShare: number;
}

/** DESIGN.md §8: more than 50 files or a quarter of the folder. */
export const DEFAULT_GUARD: MassDeletionGuard = { maxFiles: 50, maxShare: 0.25, minFilesForShare: 5 };

export interface SyncPair {
  local: LocalFolder;
  remote: RemoteVault;
  base: SyncBase;
  /** This device's label, for conflict names. */
  device: string;
  now?: () => number;
  guard?: MassDeletionGuard;
}

export interface SyncPassOptions extends ExecuteOptions {
  /** The deletions a paused pass listed, which the user confirmed: a pass removing only these goes ahead. */
  confirmDeletions?: readonly string[];
}

function issueError(issue: PlanIssue): SyncError {
  return { path: issue.path, message: issue.message, kind: issue.kind };
}

export function exceedsGuard(deletions: number, knownFiles: number, guard: MassDeletionGuard): boolean {
  return deletions > guard.maxFiles || (deletions >= guard.minFilesForShare && deletions > knownFiles * guard.maxShare);
}

export async function runSyncPass(pair: SyncPair, options: SyncPassOptions = {}): Promise<SyncReport> {
  const base = await pair.base.entries();
  const remote = await pair.remote.list();
  const local = await readLocalTree(pair.local, base, remote);
  const plan = planSync({
    local: local.states, unreadable: local.unreadable, remote, base,
    device: pair.device, now: (pair.now ?? Date.now)(), windowsNames: pair.local.windowsNames,
  });
  const issues = plan.issues.map(issueError);
  const knownFiles = base.filter((b) => b.kind === 'file').length;
  const confirmed = new Set(options.confirmDeletions ?? []);
  if (exceedsGuard(plan.deletions.length, knownFiles, pair.guard ?? DEFAULT_GUARD) && !plan.deletions.every((d) => confirmed.has(d))) {
    return { status: 'paused', reason: 'mass-deletion', deletions: plan.deletions, counts: { ...emptyCounts(), errors: issues.length }, errors: issues, log: [] };
  }
  const done = await new SyncExecutor(pair.local, pair.remote, pair.base).run(plan.steps, options);
  const errors = [...issues, ...done.errors];
  return { status: 'done', counts: { ...done.counts, errors: errors.length }, errors, log: done.log };
}
