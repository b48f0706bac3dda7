// Partial downloads a killed helper left behind: the engine writes each download to a
// `.veilbox-tmp-<pid>-…` file beside its target and renames it only when complete
// (worker/src/sync/node-folder.ts), so a kill leaves only such a file, which every scan ignores. At start
// the daemon deletes those whose process is gone, so they don't pile up in the user's folder.
// A `.veilbox-tmp-case-<name>` file is different: it is the user's own file caught between the two
// renames of a case-only rename (worker/src/sync/executor.ts), so it is put back under <name>, never
// deleted; if <name> exists meanwhile it stays where it is for the user to see.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_TEMP_PREFIX, LOCAL_TRASH, TEMP_PREFIX } from '../../worker/src/sync/index.js';
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
      } else if (entry.isFile() && entry.name.startsWith(CASE_TEMP_PREFIX)) {
        const target = join(dir, entry.name.slice(CASE_TEMP_PREFIX.length));
        try { if (!existsSync(target)) renameSync(path, target); } catch { /* tried again at the next start */ }
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
