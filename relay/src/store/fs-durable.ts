// What the folder store (fs-blob-store.ts, blob-packs.ts) uses to make files and folder entries
// durable, and to treat a file already gone as deleted.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

export async function fsyncFile(path: string): Promise<void> {
  const fd = await open(path, 'r+');
  try { await fd.sync(); } finally { await fd.close(); }
}

/** Makes the folder's entries (files made, renamed or deleted in it) durable. */
export async function fsyncFolder(path: string): Promise<void> {
  const fd = await open(path, 'r');
  try { await fd.sync(); } finally { await fd.close(); }
}

export function fsyncFolderSync(path: string): void {
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/** For `.catch()` after an unlink or fsync: ENOENT is what was wanted (or harmless), anything else throws. */
export function ignoreMissing(error: unknown): void {
  if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
}
