// The sync planner (DESIGN.md §8): a pure function from the three trees (local scan with hashes, the
// vault folder's nodes, the synced base) to the steps of one pass. Each side is compared with the
// base, never with the other side; see [Note: Sync decisions] for the table it follows.
import type { BaseChange, BaseEntry } from './base-store.js';
import { conflictName } from './conflict-name.js';
import type { RemoteNode } from './remote-vault.js';
import type { LocalState, PlanIssue, SyncPlan, SyncStep } from './sync-step.js';
import { baseName, depth, isUnder, joinPath, parentPath, pathKey, rebase } from './sync-paths.js';
import { windowsPathProblem } from './windows-names.js';

/*
 * [Note: Sync decisions]
 * Per file, L = local against base, R = vault against base (content by hash, place by path / node id):
 *   L changed only → upload (replace keeps the old content as a version); R changed only → download;
 *   both to the same hash → record; both differently → the local file is renamed to its conflict name
 *   and uploaded as a new file, the vault's content lands under the original name.
 *   L deleted, R unchanged → vault trash; R deleted, L unchanged → `.veilbox-trash`;
 *   deleted on one side, changed (content or place) on the other → the change is kept (sent or received again).
 *   R moved (same node id, new path) → local move; a local delete plus a new local file with the same
 *   hash in one pass → vault move of that node (a rename on the vault, keeping its id and versions).
 * Folders: a vault folder moved → one local folder move; a local folder whose files match a vanished
 * one's exactly → one vault folder move; a folder deleted on one side with nothing inside it kept
 * (no change on the other side) → one folder delete instead of one per file.
 * Anything under a path that could not be read locally is left alone: unreadable is not deleted.
 */

export interface PlanInput {
  local: readonly LocalState[];
  /** Local paths (files or folders) that could not be read or listed this pass. */
  unreadable: readonly { path: string; message: string }[];
  remote: readonly RemoteNode[];
  base: readonly BaseEntry[];
  /** This device's label, for conflict names. */
  device: string;
  now: number;
  /** The local disk follows Windows' name rules (windows-names.ts). */
  windowsNames: boolean;
}

function remoteChanged(b: BaseEntry, r: RemoteNode): boolean {
  // A file stored before hashes were recorded can only be judged by its version.
  return r.contentHash !== null ? r.contentHash !== b.contentHash : r.version !== b.version;
}

function fileEntry(path: string, node: RemoteNode, local: { size: number; mtime: number }): BaseEntry {
  return { path, kind: node.kind, nodeId: node.id, version: node.version, size: local.size, mtime: local.mtime, contentHash: node.contentHash };
}

export function planSync(input: PlanInput): SyncPlan {
  const issues: PlanIssue[] = [];
  const blocked = input.unreadable.map((u) => u.path);
  for (const u of input.unreadable) issues.push({ path: u.path, kind: 'unreadable', message: u.message });
  const isBlocked = (path: string) => blocked.some((b) => isUnder(path, b));

  // ---- working copies (folder moves rebase them) ----
  let base = input.base.map((b) => ({ ...b }));
  let local: LocalState[] = [];
  const localSeen = new Map<string, LocalState>();
  for (const l of input.local) {
    const key = pathKey(l.path);
    const first = localSeen.get(key);
    if (first) {
      issues.push({ path: l.path, kind: 'case-clash', message: `"${l.path}" and "${first.path}" differ only in case; the vault can hold only one of them, so "${l.path}" is not synced. Rename one.` });
      continue;
    }
    localSeen.set(key, l);
    local.push({ ...l });
  }
  const hiddenIds = new Set<string>();
  let remote: RemoteNode[] = [];
  for (const r of input.remote) {
    const problem = input.windowsNames ? windowsPathProblem(r.path) : null;
    if (problem) {
      hiddenIds.add(r.id);
      // Reported once, at the outermost such name; what lies below it is skipped with it.
      if (windowsPathProblem(parentPath(r.path)) === null) {
        issues.push({ path: r.path, kind: 'invalid-name', message: `"${r.path}" is not synced to this folder: "${problem.segment}" ${problem.reason}. Rename it in the vault.` });
      }
      continue;
    }
    remote.push({ ...r });
  }

  const mkdirs: Extract<SyncStep, { op: 'local-mkdir' | 'remote-mkdir' }>[] = [];
  const moves: SyncStep[] = [];

  // ---- folder moves first, so the files inside keep their place in the comparison ----
  const rebaseAll = (from: string, to: string, sides: { base: boolean; local: boolean; remote: boolean }): BaseChange => {
    const moved = base.filter((b) => isUnder(b.path, from)).map((b) => ({ ...b, path: rebase(b.path, from, to) }));
    if (sides.base) base = [...base.filter((b) => !isUnder(b.path, from)), ...moved];
    if (sides.local) local = local.map((l) => (isUnder(l.path, from) ? { ...l, path: rebase(l.path, from, to) } : l));
    if (sides.remote) remote = remote.map((r) => (isUnder(r.path, from) ? { ...r, path: rebase(r.path, from, to) } : r));
    return { removeTrees: [from], put: moved };
  };
  for (let guard = 0; guard < 10_000; guard++) {
    const localByKey = new Map(local.map((l) => [pathKey(l.path), l]));
    const remoteById = new Map(remote.map((r) => [r.id, r]));
    const baseKeys = new Set(base.map((b) => pathKey(b.path)));
    const folders = base.filter((b) => b.kind === 'folder' && !hiddenIds.has(b.nodeId) && !isBlocked(b.path)).sort((a, b) => depth(a.path) - depth(b.path));
    let moved = false;
    for (const b of folders) {
      const r = remoteById.get(b.nodeId);
      const l = localByKey.get(pathKey(b.path));
      // The vault moved it and this folder still has it where it was.
      if (r && r.kind === 'folder' && !samePlace(r.path, b.path) && l?.kind === 'folder' && samePlace(l.path, b.path)) {
        const target = pathKey(r.path);
        if (target !== pathKey(b.path) && (localByKey.has(target) || baseKeys.has(target) || isBlocked(r.path))) continue;
        const change = rebaseAll(b.path, r.path, { base: true, local: true, remote: false });
        moves.push({ op: 'local-move', from: b.path, to: r.path, kind: 'folder', base: change });
        moved = true;
        break;
      }
      // This folder's copy vanished and a new one holds exactly its files: a local rename or move.
      if (r && r.kind === 'folder' && samePlace(r.path, b.path) && !l) {
        const files = base.filter((e) => e.kind === 'file' && isUnder(e.path, b.path)).map((e) => `${pathKey(e.path).slice(pathKey(b.path).length)}\n${e.contentHash}`).sort();
        if (files.length === 0) continue;
        const candidate = local.find((c) => c.kind === 'folder' && !baseKeys.has(pathKey(c.path)) && !remote.some((x) => pathKey(x.path) === pathKey(c.path)) &&
          sameList(files, local.filter((e) => e.kind === 'file' && isUnder(e.path, c.path) && pathKey(e.path) !== pathKey(c.path)).map((e) => `${pathKey(e.path).slice(pathKey(c.path).length)}\n${e.contentHash}`).sort()));
        if (!candidate) continue;
        const change = rebaseAll(b.path, candidate.path, { base: true, local: false, remote: true });
        moves.push({ op: 'remote-move', nodeId: b.nodeId, from: b.path, to: candidate.path, kind: 'folder', base: change });
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }

  // ---- indexes after the folder moves ----
  const localByKey = new Map(local.map((l) => [pathKey(l.path), l]));
  const remoteById = new Map(remote.map((r) => [r.id, r]));
  const remoteByKey = new Map(remote.map((r) => [pathKey(r.path), r]));
  const usedLocal = new Set<string>();
  const usedRemote = new Set<string>();
  const taken = (path: string) => localByKey.has(pathKey(path)) || remoteByKey.has(pathKey(path));

  const transfers: SyncStep[] = [];
  // Forgetting a base entry runs before the transfers: one may put a new entry at the same path.
  const forgets: SyncStep[] = [];
  const records: SyncStep[] = [];
  const fileDeletes = new Map<string, Extract<SyncStep, { op: 'local-delete' | 'remote-trash' }>>();
  const gone: { b: BaseEntry; r: RemoteNode | undefined }[] = [];
  const localGoneFolders: { b: BaseEntry; r: RemoteNode }[] = [];
  const remoteGoneFolders: { b: BaseEntry; l: LocalState }[] = [];
  const conflict = (path: string, r: RemoteNode) => {
    const to = joinPath(parentPath(path), conflictName(baseName(path), input.device, input.now, (n) => taken(joinPath(parentPath(path), n))));
    localByKey.set(pathKey(to), { path: to, kind: 'file', size: 0, mtime: 0, contentHash: null });
    moves.push({ op: 'conflict-copy', path, to });
    transfers.push({ op: 'download', path, node: { ...r, path }, expect: { absent: true } });
    transfers.push({ op: 'upload', path: to, replaceId: null });
  };

  // ---- what the base knew ----
  for (const b of [...base].sort((x, y) => depth(x.path) - depth(y.path))) {
    const key = pathKey(b.path);
    if (isBlocked(b.path) || hiddenIds.has(b.nodeId)) {
      usedLocal.add(key);
      usedRemote.add(b.nodeId);
      continue;
    }
    let l = localByKey.get(key);
    const r = remoteById.get(b.nodeId);
    if (r) usedRemote.add(b.nodeId);
    if (l) usedLocal.add(key);
    if (l && l.kind !== b.kind) {
      issues.push({ path: l.path, kind: 'kind-clash', message: `"${l.path}" was a ${b.kind} and is now a ${l.kind}; move it aside and sync again.` });
      continue;
    }
    if (r && r.kind !== b.kind) continue;
    if (b.kind === 'folder') {
      if (l && r) {
        // Only a change of case is left here (folder moves were settled above).
        if (!samePlace(r.path, b.path) && pathKey(r.path) === key && samePlace(l.path, b.path)) {
          moves.push({ op: 'local-move', from: l.path, to: r.path, kind: 'folder', base: rebaseAll(b.path, r.path, { base: false, local: false, remote: false }) });
        } else if (!samePlace(l.path, b.path) && samePlace(r.path, b.path)) {
          moves.push({ op: 'remote-move', nodeId: b.nodeId, from: b.path, to: l.path, kind: 'folder', base: rebaseAll(b.path, l.path, { base: false, local: false, remote: false }) });
        }
      } else if (l && !r) remoteGoneFolders.push({ b, l });
      else if (!l && r) localGoneFolders.push({ b, r });
      else forgets.push({ op: 'forget', path: b.path });
      continue;
    }
    if (!l) {
      gone.push({ b, r });
      continue;
    }
    const changed = l.contentHash !== b.contentHash;
    if (!r) {
      if (!changed && samePlace(l.path, b.path)) {
        fileDeletes.set(key, { op: 'local-delete', path: l.path, kind: 'file', files: 1, expect: { size: l.size, mtime: l.mtime } });
      } else {
        // Deleted in the vault, changed here: the change is kept, sent as a new file.
        forgets.push({ op: 'forget', path: b.path });
        transfers.push({ op: 'upload', path: l.path, replaceId: null });
      }
      continue;
    }
    // Place: the vault's move wins over a local change of case made at the same time.
    let path = l.path;
    if (!samePlace(r.path, b.path) && !samePlace(r.path, l.path)) {
      const target = pathKey(r.path);
      if (target === key || !localByKey.has(target)) {
        moves.push({ op: 'local-move', from: l.path, to: r.path, kind: 'file', base: { remove: [b.path], put: [{ ...b, path: r.path, version: r.version }] } });
        path = r.path;
        localByKey.delete(key);
        l = { ...l, path };
        localByKey.set(target, l);
      } else {
        issues.push({ path: l.path, kind: 'blocked', message: `"${l.path}" was moved in the vault to "${r.path}", but that name is taken here; move it aside.` });
        continue;
      }
    } else if (!samePlace(l.path, b.path) && samePlace(r.path, b.path)) {
      moves.push({ op: 'remote-move', nodeId: b.nodeId, from: b.path, to: l.path, kind: 'file', base: { remove: [b.path], put: [{ ...b, path: l.path }] } });
    }
    const rChanged = remoteChanged(b, r);
    if (!changed && !rChanged) {
      if (l.size !== b.size || l.mtime !== b.mtime) records.push({ op: 'record', entry: { ...b, path, version: r.version, size: l.size, mtime: l.mtime } });
    } else if (changed && !rChanged) {
      transfers.push({ op: 'upload', path, replaceId: b.nodeId });
    } else if (!changed && rChanged) {
      transfers.push({ op: 'download', path, node: { ...r, path }, expect: { size: l.size, mtime: l.mtime } });
    } else if (l.contentHash === r.contentHash) {
      records.push({ op: 'record', entry: fileEntry(path, r, l) });
    } else {
      conflict(path, { ...r, path });
    }
  }

  // ---- local new files (before deletions are settled: one may be the other end of a rename) ----
  const newLocal = local.filter((l) => !usedLocal.has(pathKey(l.path)) && !isBlocked(l.path)).sort((a, b) => depth(a.path) - depth(b.path));
  const claimed = new Set<string>();
  for (const { b, r } of gone) {
    // A local rename: the same content appeared under a new path in this pass.
    const remoteKept = r && !remoteChanged(b, r);
    const match = remoteKept && b.contentHash !== null
      ? pickRename(b, newLocal.filter((n) => n.kind === 'file' && n.contentHash === b.contentHash && !claimed.has(pathKey(n.path)) && !remoteByKey.has(pathKey(n.path))))
      : undefined;
    if (r && match) {
      claimed.add(pathKey(match.path));
      usedLocal.add(pathKey(match.path));
      if (samePlace(r.path, b.path)) {
        moves.push({ op: 'remote-move', nodeId: b.nodeId, from: b.path, to: match.path, kind: 'file', base: { remove: [b.path], put: [{ ...b, path: match.path, size: match.size, mtime: match.mtime }] } });
      } else {
        // Renamed on both sides: the vault's name wins; the local copy follows it.
        moves.push({ op: 'local-move', from: match.path, to: r.path, kind: 'file', base: { remove: [b.path], put: [{ ...b, path: r.path, version: r.version, size: match.size, mtime: match.mtime }] } });
      }
      continue;
    }
    if (!r) forgets.push({ op: 'forget', path: b.path });
    else if (remoteKept && samePlace(r.path, b.path)) fileDeletes.set(pathKey(b.path), { op: 'remote-trash', path: b.path, nodeId: b.nodeId, kind: 'file', files: 1 });
    else {
      // Deleted here, changed (or moved) in the vault: the change is kept.
      forgets.push({ op: 'forget', path: b.path });
      transfers.push({ op: 'download', path: r.path, node: r, expect: { absent: true } });
    }
  }

  // ---- folders deleted on one side: one step when nothing inside is kept ----
  const folderDeletes: Extract<SyncStep, { op: 'local-delete' | 'remote-trash' }>[] = [];
  const keptBelow = (folder: string, side: 'local' | 'remote') => {
    if (side === 'local') {
      return local.some((l) => l.kind === 'file' && isUnder(l.path, folder) && !fileDeletes.has(pathKey(l.path))) ||
        local.some((l) => l.kind === 'folder' && isUnder(l.path, folder) && !base.some((b) => pathKey(b.path) === pathKey(l.path))) ||
        blocked.some((p) => isUnder(p, folder));
    }
    return remote.some((r) => r.kind === 'file' && isUnder(r.path, folder) && !fileDeletes.has(pathKey(r.path))) ||
      remote.some((r) => r.kind === 'folder' && isUnder(r.path, folder) && !base.some((b) => b.nodeId === r.id)) ||
      transfers.some((t) => t.op === 'download' && isUnder(t.path, folder));
  };
  for (const { b, l } of remoteGoneFolders.sort((x, y) => depth(x.b.path) - depth(y.b.path))) {
    if (folderDeletes.some((f) => isUnder(b.path, f.path))) continue;
    if (keptBelow(l.path, 'local')) {
      // Something inside is kept: the folder comes back in the vault with it (its base entry replaced).
      mkdirs.push({ op: 'remote-mkdir', path: l.path, local: l });
      continue;
    }
    const files = [...fileDeletes.keys()].filter((k) => isUnder(k, b.path));
    for (const k of files) fileDeletes.delete(k);
    folderDeletes.push({ op: 'local-delete', path: l.path, kind: 'folder', files: files.length, expect: null });
  }
  for (const { b, r } of localGoneFolders.sort((x, y) => depth(x.b.path) - depth(y.b.path))) {
    if (folderDeletes.some((f) => isUnder(b.path, f.path))) continue;
    if (!samePlace(r.path, b.path) || keptBelow(r.path, 'remote')) continue;
    const files = [...fileDeletes.keys()].filter((k) => isUnder(k, b.path));
    for (const k of files) fileDeletes.delete(k);
    folderDeletes.push({ op: 'remote-trash', path: b.path, nodeId: b.nodeId, kind: 'folder', files: files.length });
  }

  // ---- new on one side or both ----
  for (const l of newLocal) {
    const key = pathKey(l.path);
    if (claimed.has(key) || usedLocal.has(key)) continue;
    const r = remoteByKey.get(key);
    if (r && usedRemote.has(r.id)) {
      issues.push({ path: l.path, kind: 'blocked', message: `"${l.path}" is new here, but the vault has another item under that name; rename one of them.` });
      continue;
    }
    if (r) usedRemote.add(r.id);
    if (r && r.kind !== l.kind) {
      issues.push({ path: l.path, kind: 'kind-clash', message: `"${l.path}" is a ${l.kind} here and a ${r.kind} in the vault; rename one of them.` });
      continue;
    }
    if (l.kind === 'folder') {
      if (r) records.push({ op: 'record', entry: fileEntry(l.path, r, l) });
      else mkdirs.push({ op: 'remote-mkdir', path: l.path, local: l });
    } else if (!r) {
      transfers.push({ op: 'upload', path: l.path, replaceId: null });
    } else if (r.contentHash === l.contentHash) {
      records.push({ op: 'record', entry: fileEntry(l.path, r, l) });
    } else {
      conflict(l.path, r);
    }
  }
  for (const r of [...remote].sort((a, b) => depth(a.path) - depth(b.path))) {
    if (usedRemote.has(r.id)) continue;
    if (isBlocked(r.path)) continue;
    if (r.kind === 'folder') mkdirs.push({ op: 'local-mkdir', path: r.path, node: r });
    else transfers.push({ op: 'download', path: r.path, node: r, expect: { absent: true } });
  }

  mkdirs.sort((a, b) => depth(a.path) - depth(b.path));
  const deletes = [...fileDeletes.values()];
  folderDeletes.sort((a, b) => depth(b.path) - depth(a.path));
  const deletions = [
    ...deletes.map((d) => d.path),
    ...folderDeletes.flatMap((d) => {
      const path = d.path;
      const side = d.op === 'local-delete' ? local : remote;
      return side.filter((e) => e.kind === 'file' && isUnder(e.path, path)).map((e) => e.path);
    }),
  ];
  return { steps: [...mkdirs, ...moves, ...deletes, ...forgets, ...transfers, ...records, ...folderDeletes], issues, deletions };
}

/** Same key and the same case in the last name: a change of case in a parent is the parent's own move. */
function samePlace(a: string, b: string): boolean {
  return pathKey(a) === pathKey(b) && baseName(a) === baseName(b);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Of the new files with the vanished file's content, the likeliest rename: same name, then same folder. */
function pickRename(b: BaseEntry, candidates: readonly LocalState[]): LocalState | undefined {
  return candidates.find((c) => pathKey(baseName(c.path)) === pathKey(baseName(b.path)))
    ?? candidates.find((c) => pathKey(parentPath(c.path)) === pathKey(parentPath(b.path)))
    ?? candidates[0];
}
