// Carries out a plan's steps one at a time (DESIGN.md §8): each step first checks the side it changes
// is still as planned, then acts, then changes the base, so a pass cut anywhere leaves the base
// describing only what really happened, and the next pass's plan picks up the rest without loss or
// duplicates ([Note: Resuming a cut pass]).
import { isClientError } from '../client/client-error.js';
import type { BaseEntry, SyncBase } from './base-store.js';
import { CASE_TEMP_PREFIX, isLocalFolderError, type LocalFolder } from './local-folder.js';
import type { RemoteVault } from './remote-vault.js';
import { emptyCounts, type SyncCounts, type SyncError, type SyncLogEntry } from './sync-report.js';
import type { SyncStep } from './sync-step.js';
import { stepPath } from './sync-step.js';
import { baseName, joinPath, parentPath, pathKey } from './sync-paths.js';

/*
 * [Note: Resuming a cut pass]
 * A step that acted but did not reach its base change looks, to the next pass, like the same change
 * made on both sides: an upload or download whose base entry is missing or old shows the same hash
 * locally and in the vault (recorded, not sent again); a move shows both sides at the new path; a
 * delete shows both sides gone (forgotten). A conflict copy renamed but not yet sent is a new local
 * file, and the vault's content is received under the old name as "deleted here, changed there".
 * Steps whose target is already as wanted (a move whose source is gone and target present, a trash
 * of a node already trashed) succeed without acting.
 */

/** How often a file that changes while it is being sent is read again before the pass gives up on it. */
export const UPLOAD_READ_ATTEMPTS = 3;

export interface ExecuteOptions {
  /** Test seam: runs before each step; throwing stops the pass there, as a crash would. */
  beforeStep?: (step: SyncStep, index: number) => void | Promise<void>;
  /**
   * How many file transfers (uploads and downloads) may run at once; default 1. See
   * [Note: Transfers in parallel].
   */
  parallel?: number;
}

/*
 * [Note: Transfers in parallel]
 * The planner puts every upload and download after the folder steps, moves and deletions that make
 * their places ready, and each of them touches only its own path (and base entry). So a run of
 * transfers with distinct paths may go several at a time: the per-file round trips to the relay then
 * overlap, which is what a tree of many small files waits on. Each transfer still changes the base
 * only after it succeeded, so a pass cut anywhere resumes as [Note: Resuming a cut pass] says, whatever
 * subset of the run finished. A failure that stops the pass lets the transfers already started finish
 * and starts no more. The log and errors keep the steps' order. New vault folders go the same way, a
 * level of depth at a time (a tree of many folders otherwise waits on one round trip per folder).
 */

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

function isTransfer(step: SyncStep): boolean {
  return step.op === 'upload' || step.op === 'download';
}

export interface ExecuteResult { counts: SyncCounts; errors: SyncError[]; log: SyncLogEntry[] }

/** Failures that say the vault can't be reached now: the rest of the pass would fail alike. */
function stopsThePass(error: unknown): boolean {
  return isClientError(error) && ['network', 'session-expired', 'locked', 'device-revoked', 'rollback', 'rate-limited'].includes(error.kind);
}

function errorKind(error: unknown): string {
  if (isClientError(error)) return error.kind;
  if (isLocalFolderError(error)) return error.kind;
  return 'failed';
}

export class SyncExecutor {
  constructor(private readonly local: LocalFolder, private readonly remote: RemoteVault, private readonly base: SyncBase) {}

  async run(steps: readonly SyncStep[], options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const counts = emptyCounts();
    const logs: (SyncLogEntry | undefined)[] = [];
    const errors: (SyncError | undefined)[] = [];
    let stopped = false;
    const one = async (index: number): Promise<void> => {
      const step = steps[index];
      await options.beforeStep?.(step, index);
      const to = 'to' in step ? step.to : undefined;
      try {
        await this.step(step, counts);
        logs[index] = { op: step.op, path: stepPath(step), ...(to ? { to } : {}), outcome: 'done' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logs[index] = { op: step.op, path: stepPath(step), ...(to ? { to } : {}), outcome: 'failed', message };
        errors[index] = { path: stepPath(step), message, kind: errorKind(error) };
        if (stopsThePass(error)) stopped = true;
      }
    };
    const width = Math.max(1, Math.floor(options.parallel ?? 1));
    /** Runs these steps `width` at a time, in order of start. */
    const together = async (indices: readonly number[]) => {
      let next = 0;
      let crash: unknown = null;
      const worker = async () => {
        while (!stopped && crash === null && next < indices.length) {
          try {
            await one(indices[next++]);
          } catch (error) {
            crash ??= error; // the test seam's crash: no new step starts
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(width, indices.length) }, worker));
      if (crash !== null) throw crash;
    };
    for (let i = 0; i < steps.length && !stopped;) {
      let end = i + 1;
      if (width > 1 && isTransfer(steps[i])) {
        // The run of transfers starting here, with no path twice ([Note: Transfers in parallel]).
        const paths = new Set([pathKey(stepPath(steps[i]))]);
        while (end < steps.length && isTransfer(steps[end]) && !paths.has(pathKey(stepPath(steps[end])))) paths.add(pathKey(stepPath(steps[end++])));
        await together(range(i, end));
      } else if (width > 1 && steps[i].op === 'remote-mkdir') {
        // New vault folders, a level at a time: a folder's parent is planned before it, so by the time
        // a level starts every parent it needs exists ([Note: Transfers in parallel]).
        while (end < steps.length && steps[end].op === 'remote-mkdir') end++;
        const levels = new Map<number, number[]>();
        for (const index of range(i, end)) {
          const depth = stepPath(steps[index]).split('/').length;
          levels.set(depth, [...(levels.get(depth) ?? []), index]);
        }
        for (const depth of [...levels.keys()].sort((a, b) => a - b)) {
          if (!stopped) await together(levels.get(depth)!);
        }
      } else {
        await one(i);
      }
      i = end;
    }
    const result: ExecuteResult = { counts, errors: errors.filter((e) => e !== undefined), log: logs.filter((e) => e !== undefined) };
    result.counts.errors = result.errors.length;
    return result;
  }

  private async step(step: SyncStep, counts: SyncCounts): Promise<void> {
    switch (step.op) {
      case 'local-mkdir': {
        await this.local.makeFolder(step.path);
        const made = await this.local.stat(step.path);
        await this.base.apply({ put: [{ path: step.path, kind: 'folder', nodeId: step.node.id, version: step.node.version, size: 0, mtime: made?.mtime ?? 0, contentHash: null }] });
        return;
      }
      case 'remote-mkdir': {
        const node = await this.remote.makeFolder(step.path);
        await this.base.apply({ put: [{ path: step.path, kind: 'folder', nodeId: node.id, version: node.version, size: 0, mtime: step.local.mtime, contentHash: null }] });
        return;
      }
      case 'local-move': {
        await this.localMove(step.from, step.to);
        await this.base.apply(step.base);
        counts.moved++;
        return;
      }
      case 'remote-move': {
        const node = await this.remote.move(step.nodeId, step.to);
        const put = (step.base.put ?? []).map((e) => (e.nodeId === node.id ? { ...e, version: node.version } : e));
        await this.base.apply({ ...step.base, put });
        counts.moved++;
        return;
      }
      case 'conflict-copy': {
        // Already renamed by a pass cut short: nothing left to do.
        if (!(await this.local.stat(step.path)) && await this.local.stat(step.to)) return;
        await this.local.rename(step.path, step.to);
        counts.conflicts++;
        return;
      }
      case 'upload': {
        await this.upload(step.path, step.replaceId);
        if (step.replaceId === null) counts.sent++;
        else counts.modified++;
        return;
      }
      case 'download': {
        const node = step.node;
        const landed = await this.local.write(step.path, (sink) => this.remote.download(node.id, sink), { expect: step.expect, mtime: node.mtime });
        await this.base.apply({ put: [{ path: step.path, kind: 'file', nodeId: node.id, version: node.version, size: landed.size, mtime: landed.mtime, contentHash: node.contentHash }] });
        if ('absent' in step.expect) counts.received++;
        else counts.modified++;
        return;
      }
      case 'record':
        await this.base.apply({ put: [step.entry] });
        return;
      case 'forget':
        await this.base.apply({ removeTrees: [step.path] });
        return;
      case 'local-delete': {
        const now = await this.local.stat(step.path);
        if (now && step.expect && (now.size !== step.expect.size || now.mtime !== step.expect.mtime)) {
          throw new Error(`"${step.path}" changed on this device meanwhile, so it was not removed; it will be looked at again on the next pass.`);
        }
        if (now) await this.local.trash(step.path);
        await this.base.apply({ removeTrees: [step.path] });
        counts.removed += step.kind === 'file' ? 1 : step.files;
        return;
      }
      case 'remote-trash': {
        await this.remote.trash(step.nodeId);
        await this.base.apply({ removeTrees: [step.path] });
        counts.removed += step.kind === 'file' ? 1 : step.files;
        return;
      }
    }
  }

  /** A rename on disk; a change of case alone goes through a temporary name, which any disk accepts. */
  private async localMove(from: string, to: string): Promise<void> {
    const source = await this.local.stat(from);
    if (pathKey(from) === pathKey(to)) {
      if (source && source.path === to) return;
      const temp = joinPath(parentPath(to), `${CASE_TEMP_PREFIX}${baseName(to)}`);
      await this.local.rename(from, temp);
      await this.local.rename(temp, to);
      return;
    }
    // Moved by a pass cut short before its base change: done already.
    if (!source && await this.local.stat(to)) return;
    await this.local.rename(from, to);
  }

  /**
   * Sends the file, then checks it did not change while it was read (size and mtime before and
   * after); if it did, reads it again into the node just written, so what the vault keeps is never
   * half old, half new. The base gets the size and mtime from before the read that was sent.
   */
  private async upload(path: string, replaceId: string | null): Promise<void> {
    let target = replaceId;
    let sent: BaseEntry | null = null;
    for (let attempt = 1; attempt <= UPLOAD_READ_ATTEMPTS; attempt++) {
      const before = await this.local.stat(path);
      if (!before || before.kind !== 'file') {
        // Removed right after a send: what went up is agreed on, so the next pass takes the removal for a
        // deletion (to the vault's trash) rather than for a file to bring back.
        if (sent) await this.base.apply({ put: [sent] });
        throw new Error(`"${path}" is not there any more; it will be looked at again on the next pass.`);
      }
      let failure: unknown = null;
      try {
        const node = await this.remote.upload(path, await this.local.read(path), { replaceId: target });
        sent = { path, kind: 'file', nodeId: node.id, version: node.version, size: before.size, mtime: before.mtime, contentHash: node.contentHash };
        target = node.id;
      } catch (error) {
        failure = error;
      }
      const after = await this.local.stat(path);
      const steady = after !== null && after.size === before.size && after.mtime === before.mtime;
      if (steady && failure === null) {
        await this.base.apply({ put: [sent!] });
        return;
      }
      if (steady) throw failure;
      // Changed while it was read: the next attempt reads it again.
    }
    // What went up last is kept as agreed, with the size and mtime it had then; the file differs from
    // that now, so the next pass sends it again as a change of this node, not as a second file.
    if (sent) await this.base.apply({ put: [sent] });
    throw new Error(`"${path}" kept changing while it was being sent; it will be sent again on the next pass.`);
  }
}
