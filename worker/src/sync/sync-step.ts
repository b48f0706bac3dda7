// The steps a sync pass is made of (DESIGN.md §8 "Steps are small and idempotent"): what planner.ts
// produces and executor.ts carries out, one at a time, each changing the base only after it succeeded.
import type { BaseChange, BaseEntry } from './base-store.js';
import type { WriteExpectation } from './local-folder.js';
import type { RemoteNode } from './remote-vault.js';

/** A local file or folder as the planner sees it: the scan plus its content hash (null for folders). */
export interface LocalState {
  path: string;
  kind: 'file' | 'folder';
  size: number;
  mtime: number;
  contentHash: string | null;
}

export type SyncStep =
  /** Make a folder here that the vault has. */
  | { op: 'local-mkdir'; path: string; node: RemoteNode }
  /** Make a folder in the vault that this folder has. */
  | { op: 'remote-mkdir'; path: string; local: LocalState }
  /** Move or rename here what the vault moved (a change of case alone goes through a temporary name). */
  | { op: 'local-move'; from: string; to: string; kind: 'file' | 'folder'; base: BaseChange }
  /** Move or rename in the vault what was moved here (a local rename carried over as a move). */
  | { op: 'remote-move'; nodeId: string; from: string; to: string; kind: 'file' | 'folder'; base: BaseChange }
  /** Both sides changed a file differently: the local one steps aside under its conflict name. */
  | { op: 'conflict-copy'; path: string; to: string }
  /** Send a local file: a new node (replaceId null) or a new content of that node (the old one kept as a version). */
  | { op: 'upload'; path: string; replaceId: string | null }
  /** Receive a vault file, landing atomically, only if the local file is still as planned. */
  | { op: 'download'; path: string; node: RemoteNode; expect: WriteExpectation }
  /** Both sides agree already (same content, or a touched file): only the base changes. */
  | { op: 'record'; entry: BaseEntry }
  /** Gone on both sides: only the base forgets it. */
  | { op: 'forget'; path: string }
  /** Move a local file or folder to `.veilbox-trash`; `files` is how many files that removes. */
  | { op: 'local-delete'; path: string; kind: 'file' | 'folder'; files: number; expect: { size: number; mtime: number } | null }
  /** Move a vault node to the vault's trash. */
  | { op: 'remote-trash'; path: string; nodeId: string; kind: 'file' | 'folder'; files: number };

export interface PlanIssue {
  path: string;
  kind: 'invalid-name' | 'case-clash' | 'unreadable' | 'kind-clash' | 'blocked';
  message: string;
}

export interface SyncPlan {
  steps: SyncStep[];
  /** Entries left alone this pass, each with the reason (reported as errors). */
  issues: PlanIssue[];
  /** Paths of the files this plan removes on either side (the mass-deletion guard counts them). */
  deletions: string[];
}

/** The one path a step is about, for logs and reports. */
export function stepPath(step: SyncStep): string {
  if (step.op === 'record') return step.entry.path;
  return 'path' in step ? step.path : step.from;
}
