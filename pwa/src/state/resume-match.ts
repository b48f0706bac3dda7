// Matches files the user picked again to interrupted uploads (PendingUpload), so they can resume: same
// file name (last path segment) and same size. A file matches at most one pending upload.
import type { PendingUpload } from './vault-client.js';

export interface ResumeMatch<F> { readonly pendingId: string; readonly file: F }

export function baseName(relativePath: string): string {
  const parts = relativePath.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? relativePath;
}

export function matchPending<F extends { readonly name: string; readonly size: number }>(
  pending: readonly PendingUpload[], files: readonly F[],
): { matches: ResumeMatch<F>[]; unmatched: F[] } {
  const open = new Map<string, PendingUpload[]>();
  for (const p of pending) {
    const key = `${baseName(p.relativePath).toLowerCase()}\u0000${p.size}`;
    open.set(key, [...(open.get(key) ?? []), p]);
  }
  const matches: ResumeMatch<F>[] = [];
  const unmatched: F[] = [];
  for (const f of files) {
    const list = open.get(`${f.name.toLowerCase()}\u0000${f.size}`);
    const p = list?.shift();
    if (p) matches.push({ pendingId: p.id, file: f }); else unmatched.push(f);
  }
  return { matches, unmatched };
}
