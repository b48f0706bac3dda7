// <vb-devices-page>: every device that can open the vault without a password (remembered browsers,
// the Windows helper), with last use and "Remove"; removing deletes its key wrap and token on the relay.
// "Add a computer" pairs the Windows helper (<vb-pair-computer-dialog>). A paired helper's folder sync
// (state, last pass, vault folder, pause, a mass deletion's answer) shows under it (<vb-helper-sync>),
// kept current while the page is open: the worker's device records follow the relay's live events,
// and the page re-reads them every few seconds.
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import type { DeviceInfo, VaultClient } from '../state/vault-client.js';
import { describeError } from '../state/vault-error.js';
import { formatDateTime } from '../state/format.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce, reportError } from '../components/events.js';
import type { VbConfirmDialog } from '../components/vb-confirm-dialog.js';
import '../components/vb-confirm-dialog.js';
import type { PairingClient } from '../state/pairing-client.js';
import type { VbPairComputerDialog } from '../components/vb-pair-computer-dialog.js';
import '../components/vb-pair-computer-dialog.js';
import { accountPageStyles } from './page-styles.js';
import type { HelperClient, HelperView } from '../state/helper-client.js';
import '../components/vb-helper-sync.js';

/** How often the open page re-reads the helpers' records (a read of the worker's memory, not the relay). */
const HELPER_POLL_MS = 2000;

@customElement('vb-devices-page')
export class VbDevicesPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles, css`
    :host { padding-top: 24px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
    li { display: flex; align-items: center; gap: 12px; padding: 12px; border: 1px solid var(--vb-border); border-radius: var(--vb-radius); flex-wrap: wrap; }
    .info { flex: 1 1 240px; display: grid; gap: 2px; }
    .kind { font-size: 0.8em; background: var(--vb-surface-2); padding: 2px 8px; border-radius: 999px; justify-self: start; }
    .this { background: var(--vb-accent-soft); color: var(--vb-accent); }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) pairing: PairingClient | null = null;
  @property({ attribute: false }) helpers: HelperClient | null = null;
  @state() private helperViews: ReadonlyMap<string, HelperView> = new Map();
  private poll: ReturnType<typeof setInterval> | null = null;
  @state() private devices: readonly DeviceInfo[] | null = null;
  @state() private error = '';
  @query('vb-confirm-dialog') private confirm!: VbConfirmDialog;
  @query('vb-pair-computer-dialog') private pairDialog!: VbPairComputerDialog;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.poll = setInterval(() => void this.loadHelpers(false), HELPER_POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  private async load(): Promise<void> {
    try {
      this.devices = await this.client.listDevices();
      this.error = '';
    } catch (e) {
      this.error = describeError(e).message;
    }
    await this.loadHelpers(true);
  }

  private async loadHelpers(refresh: boolean): Promise<void> {
    if (!this.helpers) return;
    try {
      this.helperViews = new Map((await this.helpers.list({ refresh })).map((v) => [v.deviceId, v]));
    } catch {
      // Locked or offline: the device list says what it can; the next poll tries again.
    }
  }

  private async revoke(d: DeviceInfo): Promise<void> {
    const answer = await this.confirm.ask({
      title: `Remove ${d.label}?`,
      message: d.current
        ? 'This browser will need your password to open the vault again.'
        : `${d.label} will no longer open the vault. If it was lost or stolen, also change your password.`,
      choices: [{ value: 'yes', label: 'Remove device', tone: 'danger' }],
    });
    if (answer !== 'yes') return;
    try {
      await this.client.revokeDevice(d.id);
      // Its sync settings and status go with it (after the revoke, so it can't write them again).
      if (this.helperViews.has(d.id)) await this.helpers?.forget(d.id).catch(() => undefined);
      announce(this, `${d.label} removed.`);
      await this.load();
    } catch (e) {
      reportError(this, 'Couldn\'t remove the device', e);
    }
  }

  override render() {
    return html`<div class="column wide">
      <h1>Devices</h1>
      <p class="lead">These devices open your vault without a password. Remove any you don't recognise or no longer use.</p>
      <div class="card">
        ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : !this.devices ? html`<p>Loading…</p>`
          : this.devices.length === 0 ? html`<p>No remembered devices. Your vault opens only with your password or recovery key.</p>`
          : html`<ul aria-label="Devices">${this.devices.map((d) => html`<li>
              <div class="info"><strong>${d.label}</strong>
                <span class="hint">Added ${formatDateTime(d.createdAt)} · ${d.lastSeenAt ? `last used ${formatDateTime(d.lastSeenAt)}` : 'not used yet'}</span>
                <span class="kind ${d.current ? 'this' : ''}">${d.current ? 'This browser' : d.kind === 'helper' || this.helperViews.has(d.id) ? 'Windows helper' : 'Browser'}</span></div>
              <button class="danger" @click=${() => this.revoke(d)} aria-label="Remove ${d.label}">Remove</button>
              ${this.helpers && this.helperViews.has(d.id) ? html`<vb-helper-sync .helpers=${this.helpers} .client=${this.client} .view=${this.helperViews.get(d.id)!} label=${d.label}
                @vb-helper-changed=${() => void this.loadHelpers(false)}></vb-helper-sync>` : ''}
            </li>`)}</ul>`}
      </div>
      ${this.pairing ? html`<div class="card">
        <h2>Add a computer</h2>
        <p class="hint">The Veilbox helper keeps a folder on a PC in sync with your vault, in the background, without your password.</p>
        <button @click=${() => void this.pairDialog.open()}>Add a computer</button>
      </div>` : ''}
      <p class="switch"><a href="/settings">Back to settings</a></p>
      <vb-confirm-dialog></vb-confirm-dialog>
      <vb-pair-computer-dialog .pairing=${this.pairing} @vb-paired=${() => void this.load()} @vb-pair-closed=${() => void this.load()}></vb-pair-computer-dialog>
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-devices-page': VbDevicesPage } }
