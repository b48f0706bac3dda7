// <vb-helper-sync>: one paired helper's folder sync on the Devices page, from its device records
// (state/helper-client.ts): what it is doing (syncing, up to date, paused, waiting for an answer to a
// mass deletion, not heard from), the last pass and its counts, errors, the local and vault folders;
// and what the user can change: the vault folder (the move dialog's folder list), pause / resume, and
// the answer to a paused mass deletion. The helper picks each change up live.
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import type { HelperClient, HelperSettingsPatch, HelperView } from '../state/helper-client.js';
import type { VaultClient } from '../state/vault-client.js';
import { VaultIndex } from '../state/vault-index.js';
import { formatDateTime, plural } from '../state/format.js';
import { announce, reportError } from './events.js';
import { sharedStyles } from './shared-styles.js';
import type { VbMoveDialog } from './vb-move-dialog.js';
import './vb-move-dialog.js';

/** A running helper writes its status at least every few minutes (its periodic rescan); silence longer than this means it is not running or can't reach the relay. */
const SILENT_AFTER_MS = 12 * 60_000;

@customElement('vb-helper-sync')
export class VbHelperSync extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; flex-basis: 100%; }
    section { display: grid; gap: 6px; border-top: 1px solid var(--vb-border); padding-top: 10px; }
    .state { font-weight: 600; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
    dt { color: var(--vb-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .ask { border: 1px solid var(--vb-danger); border-radius: var(--vb-radius); padding: 10px; display: grid; gap: 8px; }
    .ask ul { margin: 0; padding-left: 18px; max-height: 120px; overflow-y: auto; }
  `];

  @property({ attribute: false }) helpers!: HelperClient;
  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) view!: HelperView;
  @property() label = '';
  @state() private busy = false;
  @query('vb-move-dialog') private folderDialog!: VbMoveDialog;

  private async change(patch: HelperSettingsPatch, done: string): Promise<void> {
    this.busy = true;
    try {
      this.view = await this.helpers.update(this.view.deviceId, patch);
      announce(this, done);
      this.dispatchEvent(new CustomEvent('vb-helper-changed', { bubbles: true, composed: true }));
    } catch (e) {
      reportError(this, 'Couldn\'t change the sync settings', e);
    } finally {
      this.busy = false;
    }
  }

  private async chooseFolder(): Promise<void> {
    let index: VaultIndex;
    try {
      index = new VaultIndex(await this.client.listTree());
    } catch (e) {
      reportError(this, 'Couldn\'t list the vault\'s folders', e);
      return;
    }
    const id = await this.folderDialog.ask(index, [], { title: `Vault folder for ${this.label}`, submit: 'Sync this folder' });
    if (!id) return;
    const path = id === index.rootId ? 'Home' : ['Home', ...index.pathTo(id).slice(1).map((p) => p.name)].join(' / ');
    await this.change({ vaultFolderId: id }, `${this.label} now syncs ${path}.`);
  }

  private stateText(now: number): string {
    const s = this.view.status;
    if (!s) return 'Not started yet: run "veilbox-helper sync" on the computer.';
    if (this.view.settings.paused) return s.state === 'paused' ? 'Paused' : 'Pausing…';
    const silent = now - s.updatedAt > SILENT_AFTER_MS;
    switch (s.state) {
      case 'stopped': return `Not running (stopped ${formatDateTime(s.updatedAt)})`;
      case 'confirm-deletions': return 'Waiting for your answer';
      case 'offline': return 'Offline: the helper can\'t reach the relay';
      case 'failed': return 'Failed';
      default:
        if (silent) return `Offline: not heard from since ${formatDateTime(s.updatedAt)}`;
        return s.state === 'syncing' ? 'Syncing…' : s.state === 'starting' ? 'Starting…' : s.state === 'paused' ? 'Resuming…' : 'Up to date';
    }
  }

  private folderText(): string {
    const path = this.view.vaultFolderPath;
    if (path) return ['Home', ...path].join(' / ');
    return this.view.settings.vaultFolderId || this.view.status?.vaultFolderId ? 'A folder no longer in the vault' : 'Not chosen yet';
  }

  override render() {
    const { status: s, settings } = this.view;
    const c = s?.lastPass?.counts;
    const t = s?.totals;
    const pending = s?.pendingDeletions;
    const answered = pending && settings.deletions?.pendingId === pending.pendingId ? settings.deletions.decision : null;
    return html`<section aria-label="Folder sync of ${this.label}">
      <div class="row"><span class="hint">Folder sync:</span> <span class="state" role="status" aria-label="Sync state of ${this.label}">${this.stateText(Date.now())}</span></div>
      ${s?.message && s.state !== 'idle' ? html`<span class="hint">${s.message}</span>` : ''}
      <dl>
        <dt>Vault folder</dt><dd aria-label="Vault folder of ${this.label}">${this.folderText()}</dd>
        ${s ? html`<dt>On the computer</dt><dd>${s.localFolder}</dd>` : ''}
        <dt>Last pass</dt><dd aria-label="Last pass of ${this.label}">${s?.lastPass ? html`${formatDateTime(s.lastPass.finishedAt)}: sent ${c!.sent}, received ${c!.received}, modified ${c!.modified}, moved ${c!.moved}, removed ${c!.removed}, conflicts ${c!.conflicts}, errors ${c!.errors}` : 'none yet'}</dd>
        ${t && s ? html`<dt>Since it started</dt><dd aria-label="Totals of ${this.label}">${plural(s.passes, 'pass', 'passes')}: sent ${t.sent}, received ${t.received}, modified ${t.modified}, moved ${t.moved}, removed ${t.removed}, conflicts ${t.conflicts}</dd>` : ''}
        ${s && s.queue > 0 ? html`<dt>Queue</dt><dd>${plural(s.queue, 'pass', 'passes')} waiting</dd>` : ''}
      </dl>
      ${s && s.errors.length > 0 ? html`<div role="group" aria-label="Sync errors of ${this.label}">${s.errors.slice(0, 5).map((e) => html`<p class="error-text">${e.path ? `${e.path}: ` : ''}${e.message}</p>`)}${s.errors.length > 5 ? html`<p class="hint">… and ${s.errors.length - 5} more</p>` : ''}</div>` : ''}
      ${pending && !answered ? html`<div class="ask" role="group" aria-label="Deletions waiting for ${this.label}">
        <strong>${this.label} would remove ${plural(pending.count, 'file')} at once.</strong>
        <span class="hint">They were deleted on one side; removing them moves them to the trash on the other. Keeping them brings them back where they were deleted.</span>
        <ul>${pending.paths.slice(0, 20).map((p) => html`<li>${p}</li>`)}${pending.count > 20 ? html`<li>… and ${pending.count - 20} more</li>` : ''}</ul>
        <div class="row">
          <button class="danger" ?disabled=${this.busy} @click=${() => this.change({ deletions: { pendingId: pending.pendingId, decision: 'confirm' } }, `${this.label} will remove ${plural(pending.count, 'file')}.`)}>Remove them</button>
          <button ?disabled=${this.busy} @click=${() => this.change({ deletions: { pendingId: pending.pendingId, decision: 'refuse' } }, `${this.label} will bring ${plural(pending.count, 'file')} back.`)}>Keep them</button>
        </div>
      </div>` : answered ? html`<span class="hint">${answered === 'confirm' ? 'Removal confirmed' : 'Keeping them'}; the helper carries it out on its next pass.</span>` : ''}
      <div class="row">
        <button ?disabled=${this.busy} @click=${() => void this.chooseFolder()}>Choose vault folder…</button>
        ${settings.paused
          ? html`<button ?disabled=${this.busy} @click=${() => this.change({ paused: false }, `${this.label}: sync resumed.`)}>Resume sync</button>`
          : html`<button ?disabled=${this.busy} @click=${() => this.change({ paused: true }, `${this.label}: sync paused.`)}>Pause sync</button>`}
      </div>
      <vb-move-dialog></vb-move-dialog>
    </section>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-helper-sync': VbHelperSync } }
