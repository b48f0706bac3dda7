// Paths inside a sync pair: relative to the synced folder, '/'-separated, NFC, case kept as the side
// shows it. Two paths name the same place when their keys match, and the key ignores case because the
// vault does (client/names.ts nameKey): see [Note: Sync path keys].

/*
 * [Note: Sync path keys]
 * The vault refuses two names in one folder that differ only by case, so the planner matches local,
 * remote and base entries by `pathKey` (NFC, lower case) on every platform. A case-sensitive disk
 * that holds both `a.txt` and `A.txt` gets the second reported as a case clash and skipped; a change
 * of case alone is a rename (display path differs, key the same) handled as its own step.
 */
import { nameKey } from '../client/names.js';

export function pathKey(path: string): string {
  return path.split('/').map(nameKey).join('/');
}

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}

/** '' for a path at the top of the synced folder. */
export function parentPath(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when `path` is `folder` or lies below it (by key). */
export function isUnder(path: string, folder: string): boolean {
  const p = pathKey(path);
  const f = pathKey(folder);
  return f === '' || p === f || p.startsWith(`${f}/`);
}

/** `path` with its leading `from` replaced by `to` (the caller checked isUnder). */
export function rebase(path: string, from: string, to: string): string {
  return joinPath(to, path.slice(from.length).replace(/^\//, ''));
}

/** Number of segments: parents sort before their children by this. */
export function depth(path: string): number {
  return path === '' ? 0 : path.split('/').length;
}
