// Partial downloads a killed helper left behind: the engine writes each download to a
// `.veilbox-tmp-<pid>-…` file beside its target and renames it only when complete
// (worker/src/sync/node-folder.ts), so a kill leaves only such a file, which every scan ignores. At start
// the daemon deletes those whose process is gone, so they don't pile up in the user's folder.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_TRASH, TEMP_PREFIX } from '../../worker/src/sync/index.js';
import { processAlive } from './status-file.js';

export function removeStaleTempFiles(root: string): string[] {
  const removed: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !entry.isSymbolicLink()) {
        if (dir !== root || entry.name !== LOCAL_TRASH) walk(path);
      } else if (entry.isFile() && entry.name.startsWith(TEMP_PREFIX)) {
        const pid = Number(entry.name.slice(TEMP_PREFIX.length).split('-')[0]);
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) continue;
        try { rmSync(path, { force: true }); removed.push(path); } catch { /* retried at the next start */ }
      }
    }
  };
  walk(root);
  return removed;
}
