// Drives one browser sync pair (a picked folder and a vault folder) in the crypto worker, as the helper's
// daemon does for its folder (windows-helper/src/helper-daemon.ts): a pass on start, then a pass whenever
// the folder changes (FileSystemObserver where the browser has it, else a cheap scan every few seconds
// compared with the last), whenever the vault changes (the relay's live events, passed in by
// browser-folder-sync.ts), and a full pass every few minutes regardless. Passes run one at a time;
// requests during a pass make one more. Each pass leaves a row in the sync log (sync-pairs-idb.ts).
import { toClientError } from '../client/client-error.js';
import { IdbSyncBase } from './base-store-idb.js';
import { FsaFolder } from './fsa-folder.js';
import { isEngineName } from './local-folder.js';
import { runSyncPass, type SyncPair } from './sync-pass.js';
import { emptyCounts, type SyncCounts, type SyncError, type SyncReport } from './sync-report.js';
import type { IdbSyncPairs, StoredSyncPair, SyncPassStatus } from './sync-pairs-idb.js';
import type { RemoteVault } from './remote-vault.js';

/*
 * [Note: Folder permission]
 * Chromium keeps a picked folder's handle across reloads (in IndexedDB) but not always the permission:
 * after a restart queryPermission answers 'prompt', and only requestPermission on a user gesture in the
 * page can grant it again. The runner checks before every pass; without permission it stops in state
 * 'needs-permission', and the page's "Reconnect folder" button asks the browser, then calls reconnect().
 */

/*
 * [Note: One tab syncs a folder]
 * Every tab of the app has its own crypto worker, and so its own runner for each pair. Two runners on one
 * folder would plan from one base at once and send files twice, so a runner holds a Web Lock named after
 * its pair for as long as it runs; another tab's runner waits in state 'elsewhere' and takes over when
 * that tab closes or locks.
 */

export type FolderSyncState = 'starting' | 'syncing' | 'idle' | 'paused' | 'needs-permission' | 'confirm-deletions' | 'offline' | 'elsewhere' | 'failed' | 'stopped';

export interface FolderSyncStatus {
  pairId: string;
  /** The picked folder's own name (the browser never reveals its full path). */
  folderName: string;
  vaultFolderId: string;
  state: FolderSyncState;
  /** In words, for people. */
  message: string;
  /** How folder changes are noticed. */
  watching: 'observer' | 'polling' | null;
  lastPass: { startedAt: number; finishedAt: number; status: SyncPassStatus; counts: SyncCounts } | null;
  /** Since the runner started. */
  totals: SyncCounts;
  passes: number;
  /** A paused pass's files to remove, waiting for the user's confirmation. */
  pendingDeletions: string[] | null;
  errors: SyncError[];
}

export interface RunnerOptions {
  /** The vault folder (VaultRemote in the worker). */
  remote: RemoteVault;
  /** True while the vault is open from what this device kept, without the relay: no pass then. */
  offline: () => Promise<boolean>;
  /**
   * Why the vault folder can't be synced now (gone, or in the trash), or null. A pass then would take every
   * file as deleted in the vault, so none runs until the folder is back.
   */
  vaultFolderProblem?: () => Promise<string | null>;
  pairs: IdbSyncPairs;
  base: IdbSyncBase;
  /** This device's label, for conflict names. */
  device: string;
  /**
   * Least time between cheap scans where FileSystemObserver is missing; default 5 s. A big folder waits
   * POLL_COST_FACTOR times as long as its last scan took, so polling keeps to a small share of one core.
   */
  pollMs?: number;
  /** Full pass period; default 5 minutes. */
  rescanMs?: number;
  /** Quiet time after a change before a pass; default 400 ms. */
  debounceMs?: number;
  /** Uploads and downloads a pass runs at once ([Note: Transfers in parallel] in executor.ts); default 4. */
  parallel?: number;
  /** Test seam: false pretends FileSystemObserver is missing. */
  useObserver?: boolean;
  onStatus: (status: FolderSyncStatus) => void;
}

interface ObserverRecord { type: string; relativePathComponents: string[] }
interface Observer { observe(handle: FileSystemHandle, options: { recursive: boolean }): Promise<void>; disconnect(): void }
type ObserverConstructor = new (callback: (records: ObserverRecord[]) => void) => Observer;
type PermissionHandle = FileSystemDirectoryHandle & { queryPermission?: (d: { mode: 'readwrite' }) => Promise<PermissionState> };

/** Polling waits at least this many times as long as the last scan took (about 1 ms per file, bench/folder-sync.ts). */
const POLL_COST_FACTOR = 10;

function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return { sent: a.sent + b.sent, received: a.received + b.received, modified: a.modified + b.modified, moved: a.moved + b.moved, removed: a.removed + b.removed, conflicts: a.conflicts + b.conflicts, errors: a.errors + b.errors };
}

export function countsInWords(c: SyncCounts): string {
  return `${c.sent} sent, ${c.received} received, ${c.modified} modified, ${c.moved} moved, ${c.removed} removed, ${c.conflicts} conflicts, ${c.errors} errors`;
}

export class BrowserSyncRunner {
  readonly status: FolderSyncStatus;
  private folder: FsaFolder | null = null;
  private running = false;
  private stopped = true;
  private requested = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wake: (() => void) | null = null;
  private observer: Observer | null = null;
  private poll: ReturnType<typeof setTimeout> | null = null;
  private lastScanMs = 0;
  private rescan: ReturnType<typeof setInterval> | null = null;
  private lastSignature: string | null = null;
  private confirmed: string[] = [];
  private loopDone: Promise<void> = Promise.resolve();
  private lockWait: AbortController | null = null;

  constructor(private readonly pair: StoredSyncPair, private readonly options: RunnerOptions) {
    this.status = {
      pairId: pair.id, folderName: pair.handle.name, vaultFolderId: pair.vaultFolderId, state: pair.paused ? 'paused' : 'stopped',
      message: pair.paused ? 'Paused.' : 'Not running.', watching: null, lastPass: null, totals: emptyCounts(), passes: 0, pendingDeletions: null, errors: [],
    };
  }

  get id(): string { return this.pair.id; }
  get isRunning(): boolean { return !this.stopped; }

  private publish(state: FolderSyncState, message: string): void {
    Object.assign(this.status, { state, message });
    this.options.onStatus({ ...this.status });
  }

  /** Starts the loop (a pass at once); a running runner is left as it is. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.requested = true;
    this.publish('starting', 'Starting…');
    this.loopDone = this.holdingLock(() => this.loop()).catch((error: unknown) => {
      if (!this.stopped) this.publish('failed', `Sync stopped: ${toClientError(error).message}`);
    });
  }

  /** Runs `run` while holding this pair's Web Lock, waiting in state 'elsewhere' while another tab holds it. */
  private async holdingLock(run: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!locks) return run();
    const name = `veilbox-folder-sync:${this.pair.id}`;
    const ran = await locks.request(name, { ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await run();
      return true;
    });
    if (ran || this.stopped) return;
    this.publish('elsewhere', 'Another Veilbox tab or window is syncing this folder; this one takes over when that one closes.');
    this.lockWait = new AbortController();
    await locks.request(name, { signal: this.lockWait.signal }, async () => {
      this.lockWait = null;
      if (this.stopped) return;
      this.requested = true;
      this.publish('starting', 'Starting…');
      await run();
    });
  }

  /** Stops watching and passes; a pass in flight finishes its current step's call first. */
  async stop(state: 'stopped' | 'paused' = 'stopped'): Promise<void> {
    this.stopped = true;
    this.lockWait?.abort();
    this.lockWait = null;
    this.unwatch();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
    await this.loopDone;
    this.publish(state, state === 'paused' ? 'Paused.' : 'Not running.');
  }

  /** Something may have changed: a pass follows after a short quiet time. */
  request(delay = this.options.debounceMs ?? 400): void {
    if (this.stopped || this.status.state === 'needs-permission') return;
    this.requested = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.wake?.(); }, delay);
  }

  /** The user confirmed the listed deletions: the next pass removes exactly those. */
  confirmDeletions(): void {
    this.confirmed = this.status.pendingDeletions ?? [];
    this.request(0);
  }

  /** The page got the folder's permission back ([Note: Folder permission]). */
  reconnect(): void {
    if (this.stopped) { this.start(); return; }
    if (this.status.state === 'needs-permission') this.publish('starting', 'Reconnecting…');
    this.request(0);
  }

  private async permitted(): Promise<boolean> {
    const handle = this.pair.handle as PermissionHandle;
    if (typeof handle.queryPermission !== 'function') return true;
    return (await handle.queryPermission({ mode: 'readwrite' })) === 'granted';
  }

  private async loop(): Promise<void> {
    let backoff = 1000;
    while (!this.stopped) {
      if (!this.requested || this.timer) {
        await new Promise<void>((r) => { this.wake = r; });
        this.wake = null;
        continue;
      }
      this.requested = false;
      if (!(await this.permitted())) {
        this.unwatch();
        this.publish('needs-permission', `The browser needs your permission again to use the folder "${this.pair.handle.name}". Choose "Reconnect folder".`);
        while (!this.stopped && !this.requested) {
          await new Promise<void>((r) => { this.wake = r; });
          this.wake = null;
        }
        continue;
      }
      if (await this.options.offline().catch(() => false)) {
        this.publish('offline', 'Offline: the folder syncs again when the relay can be reached.');
        continue;
      }
      const problem = await this.options.vaultFolderProblem?.().catch(() => null);
      if (problem) {
        this.publish('failed', problem);
        continue;
      }
      if (!this.folder) {
        this.folder = await FsaFolder.open(this.pair.handle);
        // This runner holds the pair's lock, so every temporary download file in the folder is a leftover.
        await this.folder.removeStaleTemps();
      }
      if (!this.observer && !this.poll) await this.watch();
      // Polling compares with the folder as this pass starts, so a change made while it runs (or right
      // after) is noticed; the pass's own changes cost one more pass that finds nothing to do.
      if (this.poll) this.lastSignature = await this.signature().catch(() => null);
      const failed = await this.pass();
      if (failed) {
        this.request(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      } else {
        backoff = 1000;
      }
    }
  }

  /** One pass and its log row; true when it failed as a whole. */
  private async pass(): Promise<boolean> {
    const folder = this.folder!;
    const startedAt = Date.now();
    this.publish('syncing', 'Syncing…');
    const pair: SyncPair = { local: folder, remote: this.options.remote, base: this.options.base, device: this.options.device };
    let report: SyncReport;
    const confirmed = this.confirmed;
    this.confirmed = [];
    try {
      report = await runSyncPass(pair, { confirmDeletions: confirmed, parallel: this.options.parallel ?? 4 });
    } catch (raw) {
      const error = toClientError(raw);
      const finishedAt = Date.now();
      this.status.lastPass = { startedAt, finishedAt, status: 'failed', counts: emptyCounts() };
      this.status.errors = [{ path: '', message: error.message, kind: error.kind }];
      await this.options.pairs.addLog({ pairId: this.pair.id, startedAt, finishedAt, status: 'failed', counts: emptyCounts(), errors: this.status.errors, steps: [] });
      if (!(await this.permitted())) {
        this.requested = true;
        return false;
      }
      this.publish(error.kind === 'network' ? 'offline' : 'failed', `The last pass failed: ${error.message} Trying again.`);
      return true;
    }
    const finishedAt = Date.now();
    const samePause = report.status === 'paused' && this.status.pendingDeletions !== null && report.deletions.join('\n') === this.status.pendingDeletions.join('\n');
    this.status.passes += 1;
    this.status.lastPass = { startedAt, finishedAt, status: report.status, counts: report.counts };
    this.status.totals = addCounts(this.status.totals, report.counts);
    this.status.errors = report.errors;
    // A pass that pauses on the same deletions again (the folder is still missing them) is not logged twice,
    // nor is one that found nothing to do (the pass after each change of our own, for one).
    const nothing = report.status === 'done' && report.log.length === 0 && report.errors.length === 0;
    if (!samePause && !nothing) {
      await this.options.pairs.addLog({
        pairId: this.pair.id, startedAt, finishedAt, status: report.status, counts: report.counts, errors: report.errors,
        steps: report.log.map((e) => `${e.op} ${e.path}${e.to ? ` → ${e.to}` : ''}${e.outcome === 'failed' ? ` (failed: ${e.message ?? ''})` : ''}`),
        ...(report.status === 'paused' ? { deletions: report.deletions } : {}),
      });
    }
    if (report.status === 'paused') {
      this.status.pendingDeletions = report.deletions;
      this.publish('confirm-deletions', `Paused: this pass would remove ${report.deletions.length} files. Check the list, then confirm to go ahead.`);
      return false;
    }
    this.status.pendingDeletions = null;
    if (report.errors.length > 0) {
      if (!(await this.permitted())) {
        this.requested = true;
        return false;
      }
      this.request(5000);
    }
    this.publish('idle', report.errors.length > 0 ? `Up to date except ${report.errors.length} item(s) with errors.` : `Up to date. Last pass: ${countsInWords(report.counts)}.`);
    return false;
  }

  private async watch(): Promise<void> {
    const Ctor = (globalThis as { FileSystemObserver?: ObserverConstructor }).FileSystemObserver;
    if (Ctor && this.options.useObserver !== false) {
      try {
        const observer = new Ctor((records) => {
          // The engine's own temporary files and Chromium's staging files come and go during every download.
          const relevant = records.some((r) => r.type === 'errored' || r.type === 'unknown' || !r.relativePathComponents.some((p) => isEngineName(p) || p.endsWith('.crswap')));
          if (relevant) this.request();
        });
        await observer.observe(this.pair.handle, { recursive: true });
        this.observer = observer;
        this.status.watching = 'observer';
      } catch {
        this.observer = null;
      }
    }
    if (!this.observer) {
      this.status.watching = 'polling';
      this.schedulePoll();
    }
    this.rescan = setInterval(() => this.request(0), this.options.rescanMs ?? 5 * 60_000);
  }

  private schedulePoll(): void {
    const wait = Math.max(this.options.pollMs ?? 5000, this.lastScanMs * POLL_COST_FACTOR);
    // Only this chain reschedules itself: unwatch() (poll = null) or a newer chain ends it.
    const timer: ReturnType<typeof setTimeout> = setTimeout(() => void this.cheapScan().finally(() => { if (this.poll === timer) this.schedulePoll(); }), wait);
    this.poll = timer;
  }

  /** Names, sizes and mtimes only (no hashing): a pass follows when they differ from the last scan's. */
  private async cheapScan(): Promise<void> {
    if (this.running || this.stopped || !this.folder || this.status.state === 'syncing') return;
    this.running = true;
    try {
      const signature = await this.signature();
      if (this.lastSignature !== null && signature !== this.lastSignature) this.request(0);
      this.lastSignature = signature;
    } catch {
      this.request(0);
    } finally {
      this.running = false;
    }
  }

  private async signature(): Promise<string> {
    const started = Date.now();
    const scan = await this.folder!.scan();
    this.lastScanMs = Date.now() - started;
    return scan.entries.map((e) => `${e.path}\u0000${e.size}\u0000${e.mtime}`).join('\n') + `\n${scan.unreadable.length}`;
  }

  private unwatch(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.poll) clearTimeout(this.poll);
    if (this.rescan) clearInterval(this.rescan);
    this.poll = null;
    this.rescan = null;
    this.status.watching = null;
  }
}
