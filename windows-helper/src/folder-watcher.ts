// Local changes for the live loop: @parcel/watcher (native, recursive, every platform) when it loads,
// else node:fs watch with `recursive` (Windows, macOS, Linux on Node ≥ 20). Either only says "something
// changed"; the daemon answers with a full pass, and its periodic rescan covers anything a watcher
// missed. The engine's own temp files and the local trash are ignored.
import { watch } from 'node:fs';
import { LOCAL_TRASH, TEMP_PREFIX } from '../../worker/src/sync/index.js';

export interface FolderWatch { kind: 'parcel' | 'fs.watch'; close(): Promise<void> }

function ignored(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  return parts[0] === LOCAL_TRASH || parts.some((p) => p.startsWith(TEMP_PREFIX));
}

export async function watchFolder(root: string, onChange: () => void, onError: (error: unknown) => void): Promise<FolderWatch> {
  try {
    const parcel = await import('@parcel/watcher');
    const subscription = await parcel.subscribe(root, (error, events) => {
      if (error) return onError(error);
      if (events.some((e) => !ignored(e.path.slice(root.length + 1)))) onChange();
    }, { ignore: [LOCAL_TRASH] });
    return { kind: 'parcel', close: () => subscription.unsubscribe() };
  } catch {
    const watcher = watch(root, { recursive: true }, (_event, name) => {
      if (name === null || !ignored(String(name))) onChange();
    });
    watcher.on('error', onError);
    return { kind: 'fs.watch', close: async () => watcher.close() };
  }
}
