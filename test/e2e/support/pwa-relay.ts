// The real relay process serving the built PWA for the browser end-to-end tests: pwa/dist built if
// stale, `relay/src/server.ts` on a free loopback port with a temporary data folder and cheap
// server-side scrypt, torn down with the folder. Nothing is mocked.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay, type RelayProcess } from '../../relay/support/relay-process.js';
import { ensurePwaBuilt } from './pwa-build.js';

export interface PwaRelay {
  /** e.g. http://127.0.0.1:40123 (a secure context, so the File System Access API and crypto.subtle exist). */
  url: string;
  dataDir: string;
  process: RelayProcess;
  /** Paths of every committed blob file under the data folder. */
  blobFiles(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startPwaRelay(): Promise<PwaRelay> {
  await ensurePwaBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'veilbox-pwa-e2e-'));
  // 2^10 is the relay's floor: login hashing is not what these tests measure.
  const proc = await startRelay(dataDir, ['--scrypt-cost', '10', '--open-signup']);
  return {
    url: proc.url,
    dataDir,
    process: proc,
    async blobFiles() {
      const root = join(dataDir, 'blobs');
      const out: string[] = [];
      for (const dir of await readdir(root).catch(() => [])) {
        for (const name of await readdir(join(root, dir)).catch(() => [])) out.push(join(root, dir, name));
      }
      return out;
    },
    async stop() {
      await proc.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
