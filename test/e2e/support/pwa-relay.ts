// The real relay process serving the built PWA for the browser end-to-end tests: pwa/dist built if
// stale, `relay/src/server.ts` on a free loopback port with a temporary data folder and cheap
// server-side scrypt, torn down with the folder. Nothing is mocked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay, type RelayProcess } from '../../relay/support/relay-process.js';
import { setQuota, usage } from '../../../relay/src/admin/commands.js';
import { normalizeName } from '../../../relay/src/auth/login-name.js';
import { openStores, type Stores } from '../../../relay/src/store/open-stores.js';
import { storedBlobs, type StoredBlob } from '../../support/stored-blobs.js';
import { ensurePwaBuilt } from './pwa-build.js';

export interface PwaRelay {
  /** e.g. http://127.0.0.1:40123 (a secure context, so the File System Access API and crypto.subtle exist). */
  url: string;
  dataDir: string;
  process: RelayProcess;
  /** Every blob stored in the data folder, packed or a file of its own (test/support/stored-blobs.ts). */
  storedBlobs(): StoredBlob[];
  /** What the admin CLI's `set-quota` does, in bytes rather than GiB, on the running relay's data folder. */
  setQuota(login: string, bytes: number): Promise<void>;
  /** Bytes the account stores as the relay counts them (admin CLI `usage`). */
  usage(login: string): Promise<number>;
  /** Ends every login session of the account on the relay side (as an expiry would); device tokens stay. */
  endLoginSessions(login: string): Promise<void>;
  /** Stops the relay process but keeps its data: the server is gone, as on a lost connection. */
  goOffline(): Promise<void>;
  /** Starts the relay again on the same port with the same data. */
  comeBack(): Promise<void>;
  /** Restarts the relay on the same port with the same data, serving the built PWA in `staticDir` (a new version). */
  serveBuild(staticDir: string): Promise<void>;
  stop(): Promise<void>;
}

/** Opens the data folder's stores beside the running relay (SQLite WAL allows it, as the admin CLI does). */
async function withStores<T>(dataDir: string, use: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = openStores(dataDir);
  try {
    return await use(stores);
  } finally {
    await stores.meta.close();
  }
}

export async function startPwaRelay(): Promise<PwaRelay> {
  await ensurePwaBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'veilbox-pwa-e2e-'));
  // 2^10 is the relay's floor: login hashing is not what these tests measure.
  const args = ['--scrypt-cost', '10', '--open-signup'];
  let proc = await startRelay(dataDir, args);
  return {
    url: proc.url,
    dataDir,
    get process() { return proc; },
    storedBlobs: () => storedBlobs(dataDir),
    setQuota: (login, bytes) => withStores(dataDir, (stores) => setQuota(stores, login, bytes)),
    usage: (login) => withStores(dataDir, async (stores) => (await usage(stores, login))[0].usage),
    endLoginSessions: (login) => withStores(dataDir, async (stores) => {
      const account = await stores.meta.findAccountByName(normalizeName(login));
      if (!account) throw new Error(`No account named "${login}" on the test relay.`);
      await stores.meta.deleteLoginSessions(account.id, null);
    }),
    async goOffline() {
      await proc.stop();
    },
    async comeBack() {
      // The later --port wins over startRelay's own --port 0.
      proc = await startRelay(dataDir, [...args, '--port', String(proc.port)]);
    },
    async serveBuild(staticDir) {
      await proc.stop();
      proc = await startRelay(dataDir, [...args, '--port', String(proc.port), '--static', staticDir]);
    },
    async stop() {
      await proc.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
