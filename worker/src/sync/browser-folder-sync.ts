// Folder sync in the browser (DESIGN.md §8): the pairs of this browser's unlocked account, one
// BrowserSyncRunner each, started when the vault unlocks and stopped when it locks; vault changes from the
// relay's live events and the connection coming back wake them. The crypto worker exposes this through
// folder-sync-api.ts; the page only picks folders and asks for permission ([Note: Folder permission]).
import { ClientError } from '../client/client-error.js';
import type { LocalDb } from '../client/local-db.js';
import type { VaultCore } from '../client/vault-core.js';
import { IdbSyncBase } from './base-store-idb.js';
import { BrowserSyncRunner, type FolderSyncStatus, type RunnerOptions } from './browser-sync-runner.js';
import { IdbSyncPairs, type StoredSyncLogEntry, type StoredSyncPair } from './sync-pairs-idb.js';
import { VaultRemote } from './vault-remote.js';

export interface FolderSyncOptions {
  /** This device's label, for conflict names. */
  device: string;
  pollMs?: number;
  debounceMs?: number;
  useObserver?: boolean;
}

export interface FolderSyncPair extends FolderSyncStatus {
  /** The vault folder's path now ("Home / Work"), or null when it is gone or in the trash. */
  vaultFolderName: string | null;
  paused: boolean;
}

export class BrowserFolderSync {
  private readonly pairs: IdbSyncPairs;
  private readonly runners = new Map<string, BrowserSyncRunner>();
  private readonly listeners = new Set<(status: FolderSyncStatus) => void>();
  private accountId: string | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly core: VaultCore, private readonly db: LocalDb, private readonly options: FolderSyncOptions) {
    this.pairs = new IdbSyncPairs(db);
    core.onChange((event) => {
      if (event.type === 'status') {
        // A failure here shows on the sync page, whose calls start the pairs again.
        if (event.status.state === 'unlocked') this.startAll().catch(() => undefined);
        else this.stopAll().catch(() => undefined);
      } else if (event.type === 'nodes') {
        for (const runner of this.runners.values()) runner.request();
      } else if (event.type === 'connection' && event.online) {
        for (const runner of this.runners.values()) runner.request(0);
      }
    });
  }

  onStatus(listener: (status: FolderSyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(status: FolderSyncStatus): void {
    for (const listener of this.listeners) {
      try { listener(status); } catch { /* a listener's failure is its own */ }
    }
  }

  private async currentAccount(): Promise<string> {
    return this.core.withSession(async (s) => s.keys.accountId);
  }

  /** Starts a runner for each of the account's pairs that is not paused (idempotent). */
  startAll(): Promise<void> {
    this.starting ??= (async () => {
      const accountId = await this.currentAccount();
      if (this.accountId !== accountId) await this.stopAll();
      this.accountId = accountId;
      for (const pair of await this.pairs.list(accountId)) {
        const runner = this.runnerFor(pair);
        if (!pair.paused) runner.start();
      }
    })().finally(() => { this.starting = null; });
    return this.starting;
  }

  private runnerFor(pair: StoredSyncPair): BrowserSyncRunner {
    let runner = this.runners.get(pair.id);
    if (!runner) {
      const options: RunnerOptions = {
        remote: new VaultRemote(this.core, pair.vaultFolderId), offline: () => this.core.withSession(async (s) => s.offline),
        vaultFolderProblem: () => this.core.withSession(async (s) => {
          const node = s.tree.nodes.get(pair.vaultFolderId);
          if (!node || node.body.type !== 'folder') return 'The vault folder this folder syncs with is gone. Stop syncing, then sync the folder with another vault folder.';
          return s.tree.inTrash(pair.vaultFolderId) ? `The vault folder "${node.body.name}" is in the trash. Restore it to go on syncing, or stop syncing.` : null;
        }),
        pairs: this.pairs, base: new IdbSyncBase(this.db, pair.id), device: this.options.device,
        pollMs: this.options.pollMs, debounceMs: this.options.debounceMs, useObserver: this.options.useObserver,
        onStatus: (status) => this.emit(status),
      };
      runner = new BrowserSyncRunner(pair, options);
      this.runners.set(pair.id, runner);
    }
    return runner;
  }

  async stopAll(): Promise<void> {
    const runners = [...this.runners.values()];
    this.runners.clear();
    this.accountId = null;
    await Promise.all(runners.map((r) => r.stop()));
  }

  private async runner(pairId: string): Promise<BrowserSyncRunner> {
    await this.startAll();
    const runner = this.runners.get(pairId);
    if (!runner) throw new ClientError('not-found', 'This folder is not synced any more.');
    return runner;
  }

  /** Pairs a picked folder with a vault folder and starts syncing them. */
  async add(handle: FileSystemDirectoryHandle, vaultFolderId: string): Promise<FolderSyncPair> {
    if (!handle || handle.kind !== 'directory') throw new ClientError('unsupported', 'Choose a folder to sync.');
    await this.startAll();
    const accountId = await this.currentAccount();
    const { nodes } = await this.core.listTree();
    const target = nodes.find((n) => n.id === vaultFolderId);
    if (!target || target.type !== 'folder' || target.trashed) throw new ClientError('not-found', 'That vault folder is not there any more. Choose another.');
    for (const existing of await this.pairs.list(accountId)) {
      if (await existing.handle.isSameEntry(handle)) throw new ClientError('conflict', `The folder "${handle.name}" is synced already. Stop that first to pair it with another vault folder.`);
    }
    const pair = { id: crypto.randomUUID(), accountId, handle, vaultFolderId, paused: false, createdAt: Date.now() };
    await this.pairs.put(pair);
    const runner = this.runnerFor(pair);
    runner.start();
    return this.describe(runner, false);
  }

  /** The pair with its vault folder named "Home / Work / Docs" (null when it is gone or in the trash). */
  private async describe(runner: BrowserSyncRunner, paused: boolean): Promise<FolderSyncPair> {
    const path = await this.core.withSession(async (s) => s.tree.livePath(runner.status.vaultFolderId));
    return { ...runner.status, paused, vaultFolderName: path && ['Home', ...path].join(' / ') };
  }

  async list(): Promise<FolderSyncPair[]> {
    await this.startAll();
    await this.core.listTree(); // brings the tree up to date first, so the folders' names are current
    const out: FolderSyncPair[] = [];
    for (const pair of await this.pairs.list(await this.currentAccount())) out.push(await this.describe(this.runnerFor(pair), pair.paused));
    return out.sort((a, b) => a.folderName.localeCompare(b.folderName));
  }

  async log(pairId: string, limit?: number): Promise<StoredSyncLogEntry[]> {
    await this.runner(pairId);
    return this.pairs.log(pairId, limit);
  }

  /** The picked folder, for the page's requestPermission ([Note: Folder permission]). */
  async handle(pairId: string): Promise<FileSystemDirectoryHandle> {
    await this.runner(pairId);
    const pair = await this.pairs.get(pairId);
    if (!pair) throw new ClientError('not-found', 'This folder is not synced any more.');
    return pair.handle;
  }

  async setPaused(pairId: string, paused: boolean): Promise<void> {
    const runner = await this.runner(pairId);
    const pair = await this.pairs.get(pairId);
    if (!pair) throw new ClientError('not-found', 'This folder is not synced any more.');
    await this.pairs.put({ ...pair, paused });
    if (paused) await runner.stop('paused');
    else runner.start();
  }

  /** Stops syncing the pair for good: both sides keep their files; its base and log are dropped. */
  async remove(pairId: string): Promise<void> {
    const runner = await this.runner(pairId);
    await runner.stop();
    this.runners.delete(pairId);
    await this.pairs.remove(pairId);
  }

  async confirmDeletions(pairId: string): Promise<void> {
    (await this.runner(pairId)).confirmDeletions();
  }

  async reconnect(pairId: string): Promise<void> {
    (await this.runner(pairId)).reconnect();
  }

  async syncNow(pairId: string): Promise<void> {
    (await this.runner(pairId)).request(0);
  }
}
