// <vb-sync-page>: "Folder sync" (DESIGN.md §8 in the browser): keep a folder on this computer and a vault
// folder in two-way sync, where the browser has the File System Access API (Chromium on a computer).
// Pick a local folder (showDirectoryPicker) and a vault folder; each pair shows its state, the counts of
// its last pass, "Reconnect folder" when the browser's permission lapsed ([Note: Folder permission] in
// worker/src/sync/browser-sync-runner.ts), pause/resume, stop, the mass-deletion confirmation and the
// sync log. Elsewhere the page explains what to use instead (folder upload, "Download as ZIP").
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import type { VaultClient } from '../state/vault-client.js';
import type { FolderSyncClient, FolderSyncCounts, FolderSyncLogEntry, FolderSyncPair, FolderSyncState, FolderSyncStatus } from '../state/folder-sync-client.js';
import type { Unsubscribe } from '../state/vault-client.js';
import { VaultIndex } from '../state/vault-index.js';
import { describeError, isVaultError } from '../state/vault-error.js';
import { formatDateTime, plural } from '../state/format.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce, reportError } from '../components/events.js';
import type { VbConfirmDialog } from '../components/vb-confirm-dialog.js';
import type { VbMoveDialog } from '../components/vb-move-dialog.js';
import '../components/vb-confirm-dialog.js';
import '../components/vb-move-dialog.js';
import { accountPageStyles } from './page-styles.js';

type DirectoryPicker = (options: { mode: 'readwrite'; id?: string }) => Promise<FileSystemDirectoryHandle>;
type PermissionHandle = FileSystemDirectoryHandle & { requestPermission?: (d: { mode: 'readwrite' }) => Promise<PermissionState> };

const STATE_WORDS: Readonly<Record<FolderSyncState, string>> = {
  starting: 'Starting', syncing: 'Syncing', idle: 'Up to date', paused: 'Paused', 'needs-permission': 'Needs permission',
  'confirm-deletions': 'Waiting for you', offline: 'Offline', elsewhere: 'In another tab', failed: 'Trouble', stopped: 'Not running',
};

/** Shown and listed by the sync log: what each pass did. */
export function countsText(c: FolderSyncCounts): string {
  return `${c.sent} sent, ${c.received} received, ${c.modified} modified, ${c.moved} moved, ${c.removed} removed, ${plural(c.conflicts, 'conflict')}, ${plural(c.errors, 'error')}`;
}

function directoryPicker(): DirectoryPicker | null {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

@customElement('vb-sync-page')
export class VbSyncPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles, css`
    :host { padding-top: 24px; }
    .pair h2 { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; word-break: break-word; }
    .badge { font-size: 0.75em; background: var(--vb-surface-2); padding: 2px 8px; border-radius: 999px; font-weight: 500; }
    .badge.idle { background: var(--vb-accent-soft); color: var(--vb-accent); }
    .row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 10px; }
    ol.log { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 6px; max-height: 320px; overflow-y: auto; }
    ol.log li { border-top: 1px solid var(--vb-border); padding-top: 6px; }
    ul.deletions { max-height: 160px; overflow-y: auto; margin: 6px 0; }
    details { margin-top: 4px; }
    .steps { font-family: var(--vb-mono, monospace); font-size: 0.85em; white-space: pre-wrap; word-break: break-word; }
  `];

  @property({ attribute: false }) client: VaultClient | null = null;
  @property({ attribute: false }) sync: FolderSyncClient | null = null;
  @state() private pairs: FolderSyncPair[] | null = null;
  @state() private logs: Record<string, FolderSyncLogEntry[]> = {};
  @state() private error = '';
  @state() private busy = false;
  /** Why the last "Sync a folder…" did not pair, in the worker's own words (they name the folder). */
  @state() private addProblem = '';
  @query('vb-confirm-dialog') private confirm!: VbConfirmDialog;
  @query('vb-move-dialog') private chooser!: VbMoveDialog;
  private unsubscribe: Unsubscribe | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async start(): Promise<void> {
    if (!this.sync || !directoryPicker()) return;
    try {
      this.unsubscribe = await this.sync.subscribe((status) => this.onStatus(status));
    } catch (e) {
      this.error = describeError(e).message;
    }
    await this.load();
  }

  private async load(): Promise<void> {
    if (!this.sync) return;
    try {
      this.pairs = await this.sync.list();
      this.error = '';
      await Promise.all(this.pairs.map((p) => this.loadLog(p.pairId)));
    } catch (e) {
      this.error = describeError(e).message;
    }
  }

  private async loadLog(pairId: string): Promise<void> {
    const log = await this.sync!.log(pairId, 50).catch(() => null);
    if (log) this.logs = { ...this.logs, [pairId]: log };
  }

  private onStatus(status: FolderSyncStatus): void {
    if (!this.pairs) return;
    const at = this.pairs.findIndex((p) => p.pairId === status.pairId);
    if (at < 0) { void this.load(); return; }
    const before = this.pairs[at];
    this.pairs = this.pairs.map((p, i) => (i === at ? { ...p, ...status, paused: status.state === 'paused' ? true : status.state === 'stopped' ? p.paused : false } : p));
    if (status.passes !== before.passes || status.state !== before.state) void this.loadLog(status.pairId);
  }

  private async add(): Promise<void> {
    const picker = directoryPicker();
    if (!picker || !this.sync || !this.client) return;
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await picker({ mode: 'readwrite', id: 'veilbox-sync' });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      reportError(this, 'Couldn\'t open the folder', e);
      return;
    }
    this.busy = true;
    this.addProblem = '';
    try {
      const index = new VaultIndex(await this.client.listTree());
      const folderId = await this.chooser.ask(index, [], { title: `Sync “${handle.name}” with which vault folder?`, submit: 'Sync with this folder' });
      if (!folderId) return;
      const pair = await this.sync.add(handle, folderId);
      announce(this, `Syncing “${pair.folderName}” with “${pair.vaultFolderName ?? 'the vault folder'}”.`);
      await this.load();
    } catch (e) {
      this.addProblem = isVaultError(e) ? e.message : describeError(e).message;
    } finally {
      this.busy = false;
    }
  }

  private async act(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      await this.load();
    } catch (e) {
      reportError(this, what, e);
    }
  }

  private async reconnect(p: FolderSyncPair): Promise<void> {
    await this.act('Couldn\'t reconnect the folder', async () => {
      const handle = await this.sync!.handle(p.pairId) as PermissionHandle;
      const answer = typeof handle.requestPermission === 'function' ? await handle.requestPermission({ mode: 'readwrite' }) : 'granted';
      if (answer !== 'granted') {
        announce(this, `The browser did not allow access to “${p.folderName}”. Syncing waits until you allow it.`, true);
        return;
      }
      await this.sync!.reconnect(p.pairId);
      announce(this, `“${p.folderName}” is connected again.`);
    });
  }

  private async stop(p: FolderSyncPair): Promise<void> {
    const answer = await this.confirm.ask({
      title: `Stop syncing “${p.folderName}”?`,
      message: 'Nothing is deleted: the folder on this computer and the vault folder both keep their files. Later changes are no longer carried over.',
      choices: [{ value: 'yes', label: 'Stop syncing', tone: 'danger' }],
    });
    if (answer === 'yes') await this.act('Couldn\'t stop syncing', () => this.sync!.remove(p.pairId));
  }

  private async confirmDeletions(p: FolderSyncPair): Promise<void> {
    const n = p.pendingDeletions?.length ?? 0;
    const answer = await this.confirm.ask({
      title: `Remove ${plural(n, 'file')}?`,
      message: 'They go to the vault\'s trash or to the .veilbox-trash folder inside the synced folder, so they can be restored. If you didn\'t mean to delete them, put them back first, or pause syncing.',
      choices: [{ value: 'yes', label: `Remove ${plural(n, 'file')}`, tone: 'danger' }],
    });
    if (answer === 'yes') await this.act('Couldn\'t go ahead', () => this.sync!.confirmDeletions(p.pairId));
  }

  private renderPair(p: FolderSyncPair) {
    const log = this.logs[p.pairId] ?? [];
    const title = `${p.folderName} ↔ ${p.vaultFolderName ?? 'a vault folder that is gone'}`;
    return html`<section class="card pair" aria-label=${`Sync of ${p.folderName}`}>
      <h2>${title} <span class="badge ${p.state}" data-state=${p.state}>${STATE_WORDS[p.state]}</span></h2>
      <p role="status" class="message">${p.message}</p>
      ${p.lastPass ? html`<p class="hint last-pass">Last pass ${formatDateTime(p.lastPass.finishedAt)}: ${countsText(p.lastPass.counts)}.</p>` : ''}
      ${p.watching ? html`<p class="hint">${p.watching === 'observer' ? 'Changes in the folder are noticed as they happen.' : 'The folder is checked for changes every few seconds.'}</p>` : ''}
      ${p.state === 'confirm-deletions' && p.pendingDeletions ? html`<div class="alert" role="alert">
          <strong>This pass would remove ${plural(p.pendingDeletions.length, 'file')}.</strong> Syncing waits until you decide.
          <ul class="deletions">${p.pendingDeletions.slice(0, 50).map((d) => html`<li>${d}</li>`)}${p.pendingDeletions.length > 50 ? html`<li>…and ${p.pendingDeletions.length - 50} more</li>` : ''}</ul>
          <div class="row"><button class="danger" @click=${() => this.confirmDeletions(p)}>Remove these files…</button>
            <button @click=${() => this.act('Couldn\'t pause', () => this.sync!.setPaused(p.pairId, true))}>Pause syncing</button></div>
        </div>` : ''}
      ${p.errors.length > 0 && p.state !== 'confirm-deletions' ? html`<details><summary>${plural(p.errors.length, 'item')} with problems</summary>
          <ul>${p.errors.slice(0, 50).map((e) => html`<li>${e.path ? html`<strong>${e.path}</strong>: ` : ''}${e.message}</li>`)}</ul></details>` : ''}
      <div class="row">
        ${p.state === 'needs-permission' ? html`<button class="primary" @click=${() => this.reconnect(p)}>Reconnect folder</button>` : ''}
        ${p.paused ? html`<button class="primary" @click=${() => this.act('Couldn\'t resume', () => this.sync!.setPaused(p.pairId, false))}>Resume</button>`
          : html`<button @click=${() => this.act('Couldn\'t start a pass', () => this.sync!.syncNow(p.pairId))} ?disabled=${p.state === 'needs-permission'}>Sync now</button>
            <button @click=${() => this.act('Couldn\'t pause', () => this.sync!.setPaused(p.pairId, true))}>Pause</button>`}
        <button class="danger" @click=${() => this.stop(p)}>Stop syncing…</button>
      </div>
      <h3>Sync log</h3>
      ${log.length === 0 ? html`<p class="hint">No pass yet.</p>` : html`<ol class="log" aria-label=${`Sync log of ${p.folderName}`}>${log.map((e) => html`<li data-status=${e.status}>
          <span>${formatDateTime(e.finishedAt)} · ${e.status === 'done' ? 'Done' : e.status === 'paused' ? 'Paused (mass deletion)' : 'Failed'}</span>
          <span class="hint counts">${countsText(e.counts)}</span>
          ${e.steps.length > 0 || e.errors.length > 0 ? html`<details><summary>Details</summary><div class="steps">${[...e.steps, ...e.errors.map((x) => `${x.path}: ${x.message}`)].join('\n')}</div></details>` : ''}
        </li>`)}</ol>`}
    </section>`;
  }

  override render() {
    if (!directoryPicker()) {
      return html`<div class="column wide"><h1>Folder sync</h1>
        <section class="card"><p>This browser can't keep a folder in sync: it doesn't let web apps use a folder on your computer.
          Use Chrome or Edge on a computer for that, or the Windows helper (Devices, “Add a computer”).</p>
          <p>Here you can still upload a whole folder (Upload → Folder on the Files page) and download any vault folder with “Download as ZIP”.</p>
          <a class="btn" href="/files">Go to files</a></section></div>`;
    }
    const pairs = this.pairs;
    return html`<div class="column wide">
      <h1>Folder sync</h1>
      <p class="lead">Keep a folder on this computer and a vault folder the same, both ways, while Veilbox is open in this browser. Files are encrypted here before they leave.</p>
      <section class="card">
        <button class="primary" ?disabled=${this.busy} @click=${this.add}>Sync a folder…</button>
        ${this.addProblem ? html`<p class="error-text" role="alert">Couldn't start syncing the folder: ${this.addProblem}</p>` : ''}
        <p class="hint">Choose a folder on this computer, then the vault folder to keep it in step with. The first pass merges both sides and deletes nothing. Changes made while Veilbox is closed are picked up the next time it is open and unlocked.</p>
      </section>
      ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : !pairs ? html`<p>Loading…</p>`
        : pairs.length === 0 ? html`<p class="hint">No folder is synced in this browser yet.</p>` : pairs.map((p) => this.renderPair(p))}
      <vb-confirm-dialog></vb-confirm-dialog>
      <vb-move-dialog></vb-move-dialog>
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-sync-page': VbSyncPage } }
