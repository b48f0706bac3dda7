// Names for "keep both": "report.pdf" → "report (2).pdf", and the pre-upload check of which dropped
// items clash with names already in the target folder (compared case-insensitively, as Windows does).
import type { UploadItem } from './vault-client.js';

/** Splits off the extension; a leading dot is part of the base (".bashrc"), and ".tar.gz" stays whole. */
export function splitName(name: string): { base: string; ext: string } {
  const m = /^(.+?)((?:\.tar)?\.[^.\s]{1,10})$/i.exec(name);
  if (!m || m[1].startsWith('.') && !m[1].slice(1).length) return { base: name, ext: '' };
  return { base: m[1], ext: m[2] };
}

/** The first free "name (n).ext", n ≥ 2; an existing " (n)" suffix is continued rather than nested. */
export function nextFreeName(name: string, taken: ReadonlySet<string>): string {
  const lower = (s: string) => s.toLowerCase();
  if (!taken.has(lower(name))) return name;
  const { base, ext } = splitName(name);
  const m = /^(.*) \((\d+)\)$/.exec(base);
  const stem = m ? m[1] : base;
  let n = m ? Number(m[2]) + 1 : 2;
  for (;; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(lower(candidate))) return candidate;
  }
}

/** The first path segment of each item: the name it takes in the target folder. */
export function topLevelName(relativePath: string): string {
  return relativePath.split('/').filter(Boolean)[0] ?? relativePath;
}

export interface UploadConflict {
  readonly name: string;
  /** Whether the existing entry is a folder (a folder upload then merges into it). */
  readonly existingIsFolder: boolean;
  readonly itemIndexes: readonly number[];
}

/** Top-level names of the upload that already exist in the folder; folder-into-folder merges are not conflicts. */
export function findConflicts(items: readonly Pick<UploadItem, 'relativePath'>[], existing: ReadonlyMap<string, { readonly type: 'file' | 'folder' }>): UploadConflict[] {
  const byName = new Map<string, { name: string; isFolder: boolean; idx: number[] }>();
  items.forEach((it, i) => {
    const segs = it.relativePath.split('/').filter(Boolean);
    const name = segs[0] ?? '';
    const key = name.toLowerCase();
    const entry = byName.get(key) ?? { name, isFolder: segs.length > 1, idx: [] };
    entry.idx.push(i);
    byName.set(key, entry);
  });
  const out: UploadConflict[] = [];
  for (const [key, e] of byName) {
    const ex = existing.get(key);
    if (!ex) continue;
    if (ex.type === 'folder' && e.isFolder) continue;
    out.push({ name: e.name, existingIsFolder: ex.type === 'folder', itemIndexes: e.idx });
  }
  return out;
}

/** Checks a name typed for a new folder or a rename; returns a sentence saying what is wrong, or null. */
export function nameProblem(name: string, taken: ReadonlySet<string>, current?: string): string | null {
  const n = name.trim();
  if (!n) return 'Enter a name.';
  if (n === '.' || n === '..') return 'A name can\'t be "." or "..".';
  if (n.includes('/')) return 'A name can\'t contain "/".';
  if (n.length > 255) return 'That name is too long (255 characters at most).';
  if (current !== undefined && n.toLowerCase() === current.toLowerCase()) return null;
  if (taken.has(n.toLowerCase())) return 'Something in this folder already has that name.';
  return null;
}
