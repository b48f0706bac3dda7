// What a restart means for unfinished uploads (see [Note: Part durability] in fs-blob-store.ts).
// The relay records the OS boot it runs in and whether it stopped cleanly. After a crash of the relay
// process alone, received parts are still in the page cache and stay valid. After an OS crash or
// power cut (a new boot with no clean stop), parts not yet flushed may be gone, so every unfinished
// upload forgets its received parts and its client sends them again; committed blobs were fsynced at
// commit and are unaffected. A clean stop flushes open uploads first, so a planned reboot keeps them.
import { readFileSync } from 'node:fs';
import type { Stores } from '../store/open-stores.js';

const SETTING = 'run-state';

interface RunState { bootId: string | null; clean: boolean }

/** The kernel's id of this boot (Linux), or null where there is none. */
export function currentBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

async function readState(stores: Stores): Promise<RunState | null> {
  const raw = await stores.meta.getSetting(SETTING);
  if (!raw) return null;
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8')) as RunState;
  } catch {
    return null;
  }
}

const writeState = (stores: Stores, state: RunState) =>
  stores.meta.putSetting(SETTING, Buffer.from(JSON.stringify(state)));

/** At startup, before serving: returns how many received parts were forgotten. */
export async function checkRestart(stores: Stores, bootId: string | null): Promise<number> {
  const previous = await readState(stores);
  let forgotten = 0;
  const osRestarted = previous !== null && (bootId === null || previous.bootId !== bootId);
  if (!stores.blobs.partsDurable && previous && !previous.clean && osRestarted) {
    forgotten = await stores.meta.forgetReceivedParts();
  }
  await writeState(stores, { bootId, clean: false });
  return forgotten;
}

/** At a clean stop, after the last request: flushes open uploads, then records the clean stop. */
export async function markCleanStop(stores: Stores, bootId: string | null): Promise<void> {
  for (const upload of await stores.meta.openUploads()) {
    await stores.blobs.syncUpload(upload.id, upload.handle).catch(() => undefined);
  }
  await writeState(stores, { bootId, clean: true });
}
