// `veilbox-helper sync`: opens the vault with the paired device key (no password), then keeps one local
// folder and one vault folder in two-way sync with the shared engine (worker/src/sync): an initial pass,
// then a pass whenever the folder watcher or the relay's live events say something changed, and a full
// rescan every few minutes regardless. Passes run one at a time; requests during a pass make one more.
// The PWA's Devices page steers it through device records (helper-remote.ts): another vault folder,
// pause and resume, and the answer to a paused mass deletion, picked up live; the status goes back the
// same way after every pass and state change.
// The device revoked in the browser (the live socket closes with 4401, or a call answers 401 to the
// device's own token) stops it with a clear message and exit code 3. Network trouble (relay restarting)
// only delays: passes are retried with backoff, and the SQLite base makes every pass resume.
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { hostname } from 'node:os';
import { isClientError, toClientError, type ClientError } from '../../worker/src/client/client-error.js';
import { RelayApi } from '../../worker/src/client/relay-api.js';
import { isRelayError } from '../../worker/src/client/relay-error.js';
import { VaultCore } from '../../worker/src/client/vault-core.js';
import { runSyncPass, VaultRemote, type SyncCounts, type SyncPair, type SyncReport } from '../../worker/src/sync/index.js';
import { NodeFolder } from '../../worker/src/sync/node-folder.js';
import { emptyCounts } from '../../worker/src/sync/sync-report.js';
import { FileDeviceStore, type PairedDevice } from './device-store-file.js';
import { takeSyncLock } from './sync-lock.js';
import { watchFolder, type FolderWatch } from './folder-watcher.js';
import { removeStaleTempFiles } from './stale-temp-files.js';
import { deletionsId, HelperRemote } from './helper-remote.js';
import { ensureHome, HOME_FILES } from './helper-home.js';
import type { LogFile } from './log-file.js';
import { nodeWebSocket } from './node-web-socket.js';
import { loadPair, openSyncDb, savePair, SqliteSyncBase } from './sqlite-sync-base.js';
import { nodeHttpFetch } from './node-http-fetch.js';
import { readStatus, takeConfirmation, writeStatus, type DeletionAnswer, type HelperState, type HelperStatus, type LastPass } from './status-file.js';
import { cleanVaultPath, liveFolder, resolveVaultFolder } from './vault-folder-path.js';

/** Uploads and downloads a pass runs at once ([Note: Transfers in parallel] in worker/src/sync/executor.ts); small files share requests, and VaultRemote lets only a few large ones go at once. */
export const TRANSFERS_AT_ONCE = 256;

export const EXIT = { ok: 0, failed: 1, notPaired: 2, revoked: 3 } as const;

export const REVOKED_MESSAGE = 'This computer was removed from your vault (revoked on the Devices page). Sync stopped. To sync again, pair it anew: veilbox-helper pair --relay URL --code CODE';

export interface DaemonOptions {
  home: string;
  folder: string;
  vaultFolder?: string;
  log: LogFile;
  /** Full rescan period; default 5 minutes. */
  rescanMs?: number;
  /** Quiet time after a change before a pass; default 500 ms. */
  debounceMs?: number;
  deviceLabel?: string;
  /** Transfers at once; default TRANSFERS_AT_ONCE. */
  parallel?: number;
  /** The helper's version, shown in the browser. */
  version?: string;
}

class Stop extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return { sent: a.sent + b.sent, received: a.received + b.received, modified: a.modified + b.modified, moved: a.moved + b.moved, removed: a.removed + b.removed, conflicts: a.conflicts + b.conflicts, errors: a.errors + b.errors };
}

export async function runDaemon(options: DaemonOptions): Promise<number> {
  const { home, log } = options;
  ensureHome(home);
  const store = new FileDeviceStore(home);
  const paired = store.paired();
  if (!paired) {
    log.error('Not paired.');
    console.error('This computer is not paired with a vault. Run: veilbox-helper pair --relay URL --code CODE');
    return EXIT.notPaired;
  }
  const lock = takeSyncLock(home);
  if (!lock) {
    const other = readStatus(home);
    const message = `Another veilbox-helper sync is already running here${other ? ` (process ${other.pid}, folder ${other.folder})` : ''}; this one stops. "veilbox-helper status" shows what it does.`;
    log.error(message);
    console.error(message);
    return EXIT.failed;
  }
  if (!lock.held) log.warn(`Running without the one-sync-at-a-time lock (${lock.problem}).`);
  try {
    return await syncLocked(options, paired, store);
  } finally {
    lock.release();
  }
}

async function syncLocked(options: DaemonOptions, paired: PairedDevice, store: FileDeviceStore): Promise<number> {
  const { home, log } = options;
  mkdirSync(resolve(options.folder), { recursive: true });
  const folder = realpathSync(resolve(options.folder));
  if (!statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder.`);
  let vaultPath = cleanVaultPath(options.vaultFolder ?? basename(folder));
  const status: HelperStatus = {
    pid: process.pid, state: 'starting', message: 'Opening the vault…', folder, vaultFolder: vaultPath, vaultFolderId: null, lastPass: null, passes: 0,
    totals: emptyCounts(), queue: 0, errors: [], pendingDeletions: null, pendingId: null, updatedAt: new Date().toISOString(),
  };
  let remote: HelperRemote | null = null;
  const publish = (state: HelperState, message: string) => {
    Object.assign(status, { state, message, updatedAt: new Date().toISOString() });
    writeStatus(home, status);
    remote?.publish(status);
  };
  publish('starting', 'Opening the vault…');

  const core = new VaultCore({ baseUrl: paired.relay, sessionMode: 'bearer', deviceStore: store, webSocket: nodeWebSocket, defaultDeviceLabel: options.deviceLabel ?? hostname(), fetch: nodeHttpFetch() });
  let stopWith: Stop | null = null;
  let wake: (() => void) | null = null;
  const stop = (code: number, message: string) => {
    if (!stopWith) stopWith = new Stop(code, message);
    wake?.();
  };

  /** Asks the relay with the device's own token: only a 401 there means the device is gone. */
  const revoked = async (): Promise<boolean> => {
    const secrets = await store.secrets().catch(() => null);
    if (!secrets) return true;
    secrets.secret.fill(0);
    const api = new RelayApi({ baseUrl: paired.relay, sessionMode: 'bearer' });
    api.token = secrets.token;
    try {
      await api.deviceSelf();
      return false;
    } catch (error) {
      return isRelayError(error) && error.status === 401;
    }
  };

  // Open the vault with the device key, retrying while the relay is out of reach.
  for (let attempt = 0; ; attempt++) {
    try {
      await core.unlockWithDevice();
      break;
    } catch (raw) {
      const error = toClientError(raw);
      if (error.kind === 'device-revoked' || (error.kind === 'session-expired' && await revoked())) {
        await store.clear();
        publish('revoked', REVOKED_MESSAGE);
        log.error(REVOKED_MESSAGE);
        console.error(REVOKED_MESSAGE);
        return EXIT.revoked;
      }
      if (error.kind !== 'network' || attempt >= 30) throw error;
      publish('offline', `The relay can't be reached (${error.message}); trying again.`);
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }
  log.info(`Vault opened for ${paired.login || paired.accountId} as device ${paired.deviceId}.`);

  const helperRemote = new HelperRemote(core, paired.deviceId, options.version ?? '', log);
  remote = helperRemote;
  let settingsChanged = true;
  const onSettings = () => { settingsChanged = true; wake?.(); };
  await helperRemote.watch(onSettings);

  // Which vault folder: the one chosen in the browser, else --vault-folder, else the one this folder was
  // paired with before, else one named like the local folder (made if missing).
  const db = openSyncDb(join(home, HOME_FILES.syncDb));
  const chosen = (await helperRemote.settings()).vaultFolderId;
  const chosenPath = chosen ? await helperRemote.folderPath(chosen) : null;
  const pairRecord = loadPair(db, folder);
  let folderId: string | null = null;
  if (chosen && chosenPath !== null) [folderId, vaultPath] = [chosen, chosenPath];
  else if (pairRecord && (options.vaultFolder === undefined || pairRecord.vaultPath === vaultPath) && await liveFolder(core, pairRecord.vaultFolderId)) [folderId, vaultPath] = [pairRecord.vaultFolderId, pairRecord.vaultPath];
  folderId ??= await resolveVaultFolder(core, vaultPath, true);
  if (!folderId) throw new Error(`The vault folder ${vaultPath} could not be made.`);
  savePair(db, { localFolder: folder, vaultFolderId: folderId, vaultPath });
  Object.assign(status, { vaultFolder: vaultPath, vaultFolderId: folderId });
  let pair: SyncPair = {
    local: new NodeFolder(folder), remote: new VaultRemote(core, folderId), base: new SqliteSyncBase(db, folder),
    device: options.deviceLabel ?? hostname(),
  };
  log.info(`Syncing ${folder} with vault folder /${vaultPath}.`);
  const stale = removeStaleTempFiles(folder);
  if (stale.length > 0) log.info(`Removed ${stale.length} partial download(s) a stopped helper left behind.`);

  // Pass scheduling: one at a time, requests coalesce.
  let requested = true;
  let paused = false;
  /** What was seen while paused, said once each per pause. */
  const heldWhy = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const request = (why: string, delay = options.debounceMs ?? 500) => {
    if (stopWith) return;
    if (paused) {
      if (!heldWhy.has(why)) log.info(`Change seen (${why}) while paused: it waits until sync is resumed.`);
      heldWhy.add(why);
    } else if (!requested) log.info(`Change seen (${why}); a pass follows.`);
    requested = true;
    status.queue = 1;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; wake?.(); }, delay);
  };

  /** The user's answer to the paused mass deletion, kept until a pass carried it out. */
  let answer: DeletionAnswer | null = null;
  let answeredId: string | null = null;

  /** Carries out what the browser asked for, between passes. */
  const applySettings = async () => {
    const settings = await helperRemote.settings().catch(() => null);
    if (!settings) return;
    if (settings.vaultFolderId && settings.vaultFolderId !== folderId) {
      const path = await helperRemote.folderPath(settings.vaultFolderId);
      if (path === null) {
        log.warn('The vault folder chosen in the browser is gone; the current one stays.');
        status.errors = [{ path: '', message: 'The vault folder chosen in the browser is no longer in the vault (deleted or in the trash); choose another.', kind: 'not-found' }];
      } else {
        folderId = settings.vaultFolderId;
        vaultPath = path;
        // Another vault folder starts from an empty base: the next pass merges both sides, losing nothing.
        savePair(db, { localFolder: folder, vaultFolderId: folderId, vaultPath });
        pair = { ...pair, remote: new VaultRemote(core, folderId) };
        Object.assign(status, { vaultFolder: vaultPath, vaultFolderId: folderId, pendingDeletions: null, pendingId: null, errors: [] });
        answer = null;
        log.info(`Now syncing ${folder} with vault folder /${vaultPath} (chosen in the browser).`);
        request('vault folder changed', 0);
      }
    }
    const d = settings.deletions;
    if (d && status.pendingDeletions && d.pendingId === status.pendingId && d.pendingId !== answeredId) {
      answeredId = d.pendingId;
      answer = { decision: d.decision, deletions: status.pendingDeletions };
      log.info(`${d.decision === 'confirm' ? 'Confirmed' : 'Refused'} in the browser: the removal of ${answer.deletions.length} files.`);
      request('deletions answered', 0);
    }
    if (settings.paused !== paused) {
      paused = settings.paused;
      heldWhy.clear();
      log.info(paused ? 'Paused from the browser.' : 'Resumed from the browser.');
      if (paused) publish('paused', 'Paused from the browser: changes wait until you resume.');
      else request('resumed', 0);
    }
    if (!paused && status.state === 'paused') publish('idle', 'Resumed.');
  };

  const unsubscribe = core.onChange((event) => {
    if (event.type === 'nodes') request('vault');
    else if (event.type === 'connection') { if (event.online) request('relay reachable again'); }
    else if (event.type === 'problem') {
      const kind = event.error.kind;
      if (kind === 'device-revoked') stop(EXIT.revoked, REVOKED_MESSAGE);
      else if (kind === 'session-expired') void revoked().then((gone) => gone ? stop(EXIT.revoked, REVOKED_MESSAGE) : request('session check', 2000));
    }
  });
  let watch: FolderWatch | null = null;
  try {
    watch = await watchFolder(folder, () => request('folder'), (error) => log.warn(`Folder watcher: ${String(error)}`));
    log.info(`Watching the folder with ${watch.kind}.`);
  } catch (error) {
    log.warn(`No folder watcher (${String(error)}); relying on the periodic rescan.`);
  }
  const rescan = setInterval(() => request('periodic rescan', 0), options.rescanMs ?? 5 * 60_000);
  const onSignal = () => stop(EXIT.ok, 'Stopped.');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let backoff = 1000;
  try {
    while (!stopWith) {
      if (settingsChanged) {
        settingsChanged = false;
        await applySettings();
        continue;
      }
      if (!requested || timer || paused) {
        await new Promise<void>((r) => { wake = r; });
        wake = null;
        continue;
      }
      requested = false;
      status.queue = 0;
      const startedAt = new Date().toISOString();
      publish('syncing', 'Syncing…');
      let report: SyncReport;
      try {
        answer = takeConfirmation(home) ?? answer;
        if (answer?.decision === 'refuse') {
          await forgetBase(pair, answer.deletions);
          answer = null;
        }
        report = await runSyncPass(pair, { confirmDeletions: answer?.deletions ?? [], parallel: options.parallel ?? TRANSFERS_AT_ONCE });
      } catch (raw) {
        const error: ClientError = toClientError(raw);
        if (error.kind === 'device-revoked' || ((error.kind === 'session-expired' || isClientError(error, 'locked')) && await revoked())) {
          stop(EXIT.revoked, REVOKED_MESSAGE);
          break;
        }
        if (isClientError(error, 'locked')) {
          await core.unlockWithDevice().catch(() => undefined);
          await helperRemote.watch(onSettings).catch(() => undefined);
        }
        const last: LastPass = { startedAt, finishedAt: new Date().toISOString(), status: 'failed', counts: emptyCounts() };
        status.lastPass = last;
        status.errors = [{ path: '', message: error.message, kind: error.kind }];
        log.warn(`Pass failed: ${error.message}`);
        publish(error.kind === 'network' ? 'offline' : 'failed', `The last pass failed: ${error.message} Trying again.`);
        request('retry', backoff);
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      backoff = 1000;
      status.passes += 1;
      status.lastPass = { startedAt, finishedAt: new Date().toISOString(), status: report.status, counts: report.counts };
      status.totals = addCounts(status.totals, report.counts);
      status.errors = report.errors;
      for (const entry of report.log) log.info(`${entry.op} ${entry.path}${entry.to ? ` → ${entry.to}` : ''}: ${entry.outcome}${entry.message ? ` (${entry.message})` : ''}`);
      for (const error of report.errors) log.warn(`${error.path}: ${error.message}`);
      if (report.status === 'paused') {
        // The same list still waiting keeps its id; a new pause gets a new one, so an old answer can't match it.
        const listId = deletionsId(report.deletions);
        if (!status.pendingId?.startsWith(`${listId}-`)) status.pendingId = `${listId}-${Date.now().toString(36)}`;
        status.pendingDeletions = report.deletions;
        const message = `Waiting: this pass would remove ${report.deletions.length} files. Confirm or refuse on the Devices page, or check with "veilbox-helper status" and answer with "veilbox-helper status --confirm-deletions" (or --refuse-deletions).`;
        log.warn(message);
        publish('confirm-deletions', message);
        continue;
      }
      answer = null;
      status.pendingDeletions = null;
      status.pendingId = null;
      // A step failing on the device's own credentials means it was revoked while the pass ran.
      if (report.errors.some((e) => e.kind === 'session-expired' || e.kind === 'device-revoked') && await revoked()) {
        stop(EXIT.revoked, REVOKED_MESSAGE);
        break;
      }
      if (report.errors.length > 0) request('retry after errors', 5000);
      if (paused) publish('paused', 'Paused from the browser: changes wait until you resume.');
      else publish('idle', report.errors.length > 0 ? `Up to date except ${report.errors.length} item(s) with errors.` : 'Up to date.');
    }
  } finally {
    clearInterval(rescan);
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unsubscribe();
    await watch?.close().catch(() => undefined);
    const ending = stopWith as Stop | null;
    if (ending?.code !== EXIT.revoked) {
      // Tell the browser, while the vault is still open.
      status.queue = 0;
      publish('stopped', ending?.message ?? 'Stopped.');
      await helperRemote.flush();
    }
    helperRemote.close();
    remote = null;
    await core.lock().catch(() => undefined);
    db.close();
  }
  const end = stopWith ?? new Stop(EXIT.ok, 'Stopped.');
  if (end.code === EXIT.revoked) {
    await store.clear();
    publish('revoked', end.message);
    log.error(end.message);
    console.error(end.message);
  } else {
    publish('stopped', end.message);
    log.info(end.message);
  }
  return end.code;
}

/** Refused deletions: the base forgets them (and the folders above), so the next pass brings them back from the side that still has them. */
async function forgetBase(pair: SyncPair, paths: readonly string[]): Promise<void> {
  const forget = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) forget.add(parts.slice(0, i).join('/'));
  }
  await pair.base.apply({ remove: [...forget] });
}
