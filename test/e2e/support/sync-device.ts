// Test support for the sync engine's relay-backed tests: a "device" is a VaultCore logged in to a real
// relay, an in-memory folder (memory-folder.ts) and an in-memory base, paired on one vault folder.
// Helpers read the vault folder back as path → text, through the same VaultCore.
import type { VaultCore } from '../../../worker/src/client/index.js';
import { MemoryFolder, MemorySyncBase, runSyncPass, VaultRemote, type MemoryFolderOptions, type RemoteVault, type SyncPair, type SyncPassOptions, type SyncReport } from '../../../worker/src/sync/index.js';
import { newCore, streamBytes, type TestRelay } from '../client-support.js';

export interface SyncDevice {
  core: VaultCore;
  folder: MemoryFolder;
  base: MemorySyncBase;
  remote: RemoteVault;
  pair: SyncPair;
  pass(options?: SyncPassOptions): Promise<SyncReport>;
}

export function syncDevice(core: VaultCore, folderId: string, device: string, options: MemoryFolderOptions & { remote?: (inner: RemoteVault) => RemoteVault } = {}): SyncDevice {
  const folder = new MemoryFolder(options);
  const base = new MemorySyncBase();
  const inner = new VaultRemote(core, folderId);
  const remote = options.remote ? options.remote(inner) : inner;
  const pair: SyncPair = { local: folder, remote, base, device, now: () => Date.UTC(2026, 10, 28, 12) };
  return { core, folder, base, remote, pair, pass: (o) => runSyncPass(pair, o) };
}

export async function loggedIn(relay: TestRelay, login: string, password: string, signUp: boolean): Promise<VaultCore> {
  const core = newCore(relay);
  if (signUp) await core.signUp(login, password);
  else await core.logIn(login, password);
  return core;
}

/** The vault folder's live files as path → text (downloaded and verified), and its folders. */
export async function vaultFiles(core: VaultCore, folderId: string): Promise<Record<string, string>> {
  const remote = new VaultRemote(core, folderId);
  const out: Record<string, string> = {};
  for (const node of (await remote.list()).sort((a, b) => a.path.localeCompare(b.path))) {
    if (node.kind !== 'file') continue;
    const parts: Uint8Array[] = [];
    await remote.download(node.id, new WritableStream({ write(c) { parts.push(c); } }));
    out[node.path] = new TextDecoder().decode(await streamBytes(new ReadableStream({ start(c) { for (const p of parts) c.enqueue(p); c.close(); } })));
  }
  return out;
}

export async function vaultFolders(core: VaultCore, folderId: string): Promise<string[]> {
  return (await new VaultRemote(core, folderId).list()).filter((n) => n.kind === 'folder').map((n) => n.path).sort();
}

/** The live vault node at `path` below the synced folder; fails the test when there is none. */
export async function vaultNode(core: VaultCore, folderId: string, path: string) {
  const node = (await new VaultRemote(core, folderId).list()).find((n) => n.path === path);
  if (!node) throw new Error(`no vault node at ${path}`);
  return node;
}

/** Uploads text into the vault folder as another client (the PWA) would, replacing a file of that name. */
export async function vaultPut(core: VaultCore, folderId: string, path: string, text: string): Promise<string> {
  const remote = new VaultRemote(core, folderId);
  const existing = (await remote.list()).find((n) => n.path === path);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const file = new File([text], name, { lastModified: Date.UTC(2026, 3, 1) });
  return (await remote.upload(path, file, { replaceId: existing?.id ?? null })).id;
}
