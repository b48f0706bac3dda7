// Turns what the user dropped or picked into `UploadItem`s with folder-relative paths: files and whole
// folders from drag and drop (webkitGetAsEntry, read recursively), the file picker and the
// `webkitdirectory` folder picker. Entries must be taken from the DataTransfer synchronously.
import type { UploadItem } from '../state/vault-client.js';

/** Files from an <input type=file> (with `webkitdirectory` each carries `webkitRelativePath`). */
export function itemsFromInput(files: FileList | null): UploadItem[] {
  return [...(files ?? [])].map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most ~100 entries per call; keep calling until it returns none.
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(out);
      else { out.push(...batch); next(); }
    }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: UploadItem[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: path });
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader())) await walk(child, path, out);
  }
}

/** True when the drag carries files from outside (not our own node drag). */
export function hasExternalFiles(dt: DataTransfer | null): boolean {
  return !!dt && [...dt.types].includes('Files');
}

/** Everything dropped, folders expanded. Unreadable entries are skipped and counted. */
export async function itemsFromDrop(dt: DataTransfer): Promise<{ items: UploadItem[]; skipped: number }> {
  // Grab entries now: the DataTransfer is emptied once the drop handler returns.
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else { const f = item.getAsFile(); if (f) loose.push(f); }
  }
  const items: UploadItem[] = loose.map((file) => ({ file, relativePath: file.name }));
  let skipped = 0;
  for (const e of entries) {
    try { await walk(e, '', items); } catch { skipped++; }
  }
  return { items, skipped };
}
