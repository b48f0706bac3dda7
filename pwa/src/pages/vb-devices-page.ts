// <vb-devices-page>: every device that can open the vault without a password (remembered browsers,
// the Windows helper), with last use and "Remove"; removing deletes its key wrap and token on the relay.
// "Add a computer" pairs the Windows helper (<vb-pair-computer-dialog>).
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
  @state() private devices: readonly DeviceInfo[] | null = null;
  @state() private error = '';
  @query('vb-confirm-dialog') private confirm!: VbConfirmDialog;
  @query('vb-pair-computer-dialog') private pairDialog!: VbPairComputerDialog;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.devices = await this.client.listDevices();
      this.error = '';
    } catch (e) {
      this.error = describeError(e).message;
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
                <span class="kind ${d.current ? 'this' : ''}">${d.current ? 'This browser' : d.kind === 'helper' ? 'Windows helper' : 'Browser'}</span></div>
              <button class="danger" @click=${() => this.revoke(d)} aria-label="Remove ${d.label}">Remove</button>
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
