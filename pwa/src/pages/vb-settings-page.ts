// <vb-settings-page>: account settings: change password (or set one after a recovery-key login),
// remember/forget this device, the way to folder sync (/sync), a new recovery key, storage use (on the server, and this device's own:
// the browser's estimate and quota, the offline copies, "Free offline copies"), the app (install, Safari's
// Home Screen steps, About with the build hash), lock and log out.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OfflineSummary, RecoveryKeySheet, StorageUsage, VaultClient, VaultStatus } from '../state/vault-client.js';
import type { InstallOffer } from '../state/install-offer.js';
import { deviceStorage, type DeviceStorage } from '../state/storage-persistence.js';
import { describeError } from '../state/vault-error.js';
import { estimateStrength, minimumScore } from '../state/password-strength.js';
import { formatBytes } from '../state/format.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce, reportError } from '../components/events.js';
import { styleProps } from '../components/style-props.js';
import '../components/vb-password-strength.js';
import '../components/vb-recovery-key.js';
import '../components/vb-install-button.js';
import '../components/vb-install-steps-dialog.js';
import '../components/vb-about-dialog.js';
import { accountPageStyles } from './page-styles.js';

@customElement('vb-settings-page')
export class VbSettingsPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles, css`
    :host { padding-top: 24px; }
    .meter { height: 8px; border-radius: 4px; background: var(--vb-surface-2); overflow: hidden; margin: 8px 0; }
    .meter div { height: 100%; background: var(--vb-accent); }
    .ok { color: var(--vb-ok); }
    section h2 { display: flex; align-items: center; gap: 8px; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) status: VaultStatus | null = null;
  @property({ attribute: false }) usage: StorageUsage | null = null;
  @property({ attribute: false }) installOffer: InstallOffer | null = null;
  /** Set when the user came from the banner's "Save a recovery key": start that at once. */
  @property({ type: Boolean }) startRecovery = false;
  @state() private oldPw = '';
  @state() private newPw = '';
  @state() private repeat = '';
  @state() private pwProblem = '';
  @state() private pwDone = false;
  @state() private busy = false;
  @state() private sheet: RecoveryKeySheet | null = null;
  /** This device's side: undefined while reading, null where the browser can't tell. */
  @state() private device: DeviceStorage | null | undefined = undefined;
  @state() private offline: OfflineSummary | null = null;
  @state() private freeing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.readDeviceStorage();
  }

  private async readDeviceStorage(): Promise<void> {
    const [device, offline] = await Promise.all([deviceStorage(), this.client.offlineSummary().catch(() => null)]);
    this.device = device;
    this.offline = offline;
  }

  private async freeOfflineCopies(): Promise<void> {
    this.freeing = true;
    try {
      await this.client.clearOffline();
      announce(this, 'Offline copies removed from this device. Your files are still in your vault.');
    } catch (e) {
      reportError(this, 'Couldn\'t free the offline copies', e);
    } finally {
      this.freeing = false;
      await this.readDeviceStorage();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('startRecovery') && this.startRecovery && !this.sheet) void this.makeRecoveryKey();
  }

  private get unlocked() { return this.status?.state === 'unlocked' ? this.status : null; }

  private async changePassword(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const s = this.unlocked;
    if (!s) return;
    const afterRecovery = s.unlockedWith === 'recovery-key';
    this.pwDone = false;
    this.pwProblem = !afterRecovery && !this.oldPw ? 'Enter your current password.'
      : estimateStrength(this.newPw, [s.login]).score < minimumScore ? 'Choose a stronger new password: the meter must show at least "Strong".'
      : this.newPw !== this.repeat ? 'The two new passwords are different.' : '';
    if (this.pwProblem) { announce(this, this.pwProblem, true); return; }
    this.busy = true;
    try {
      if (afterRecovery) await this.client.setPasswordAfterRecovery(this.newPw);
      else await this.client.changePassword(this.oldPw, this.newPw);
      this.oldPw = this.newPw = this.repeat = '';
      this.pwDone = true;
      announce(this, 'Password changed. Use the new one from now on; your recovery key still works.');
    } catch (err) {
      const t = describeError(err);
      this.pwProblem = `${t.title}. ${t.message}`;
      announce(this, this.pwProblem, true);
    } finally {
      this.busy = false;
    }
  }

  private async makeRecoveryKey(): Promise<void> {
    this.busy = true;
    try {
      this.sheet = await this.client.newRecoveryKey();
      announce(this, 'New recovery key made. Save it now; the old key no longer works.');
      await this.updateComplete;
      this.renderRoot.querySelector('#recovery')?.scrollIntoView({ block: 'start' });
    } catch (e) {
      reportError(this, 'Couldn\'t make a new recovery key', e);
    } finally {
      this.busy = false;
    }
  }

  private async confirmRecovery(): Promise<void> {
    try {
      await this.client.confirmRecoverySaved();
      this.sheet = null;
      announce(this, 'Recovery key saved. The warning is gone.');
    } catch (e) {
      reportError(this, 'Couldn\'t record that the key is saved', e);
    }
  }

  private async setRemember(on: boolean): Promise<void> {
    try {
      if (on) await this.client.rememberDevice();
      else await this.client.forgetDevice();
      announce(this, on ? 'This device is remembered: the vault opens here without a password.' : 'This device is forgotten: the vault needs your password here again.');
    } catch (e) {
      reportError(this, on ? 'Couldn\'t remember this device' : 'Couldn\'t forget this device', e);
    }
  }

  override render() {
    const s = this.unlocked;
    if (!s) return html``;
    const afterRecovery = s.unlockedWith === 'recovery-key';
    const bind = (k: 'oldPw' | 'newPw' | 'repeat') => (e: Event) => { this[k] = (e.target as HTMLInputElement).value; };
    const u = this.usage;
    return html`<div class="column wide">
      <h1>Settings</h1>
      <p class="lead">Signed in as <strong>${s.login}</strong>.</p>

      <section class="card" aria-labelledby="pw-h">
        <h2 id="pw-h">${afterRecovery ? 'Set a new password' : 'Change password'}</h2>
        ${afterRecovery ? html`<p>You unlocked with your recovery key. Set a new password now so you don't need the key next time.</p>` : ''}
        <form @submit=${this.changePassword} novalidate>
          ${afterRecovery ? '' : html`<div class="field"><label for="old">Current password</label>
            <input id="old" type="password" autocomplete="current-password" .value=${this.oldPw} @input=${bind('oldPw')} /></div>`}
          <div class="field"><label for="new">New password</label>
            <input id="new" type="password" autocomplete="new-password" .value=${this.newPw} @input=${bind('newPw')} /></div>
          <vb-password-strength .password=${this.newPw} .context=${[s.login]}></vb-password-strength>
          <div class="field"><label for="rep">New password again</label>
            <input id="rep" type="password" autocomplete="new-password" .value=${this.repeat} @input=${bind('repeat')} /></div>
          ${this.pwProblem ? html`<div class="alert" role="alert">${this.pwProblem}</div><p></p>` : ''}
          ${this.pwDone ? html`<p class="ok" role="status">Password changed. No file had to be re-encrypted.</p>` : ''}
          <button class="primary" type="submit" ?disabled=${this.busy}>${afterRecovery ? 'Set password' : 'Change password'}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="dev-h">
        <h2 id="dev-h">This device</h2>
        <label class="check"><input type="checkbox" .checked=${s.deviceRemembered} @change=${(e: Event) => this.setRemember((e.target as HTMLInputElement).checked)} />
          <span>Remember this device<br /><span class="hint">The vault opens in this browser without a password. Anyone who uses this browser can then read your files: only turn it on for a device that is yours alone.</span></span></label>
        <a class="btn" href="/devices">Manage all devices</a>
      </section>

      <section class="card" aria-labelledby="fs-h">
        <h2 id="fs-h">Folder sync</h2>
        <p>Keep a folder on this computer and a vault folder in sync, both ways, from this browser.</p>
        <a class="btn" href="/sync">Folder sync…</a>
      </section>

      <section class="card" id="recovery" aria-labelledby="rk-h">
        <h2 id="rk-h">Recovery key</h2>
        ${this.sheet ? html`<vb-recovery-key .sheet=${this.sheet} confirmLabel="I saved it" @vb-recovery-confirmed=${this.confirmRecovery}></vb-recovery-key>` : html`
          <p>${s.recoveryKeyConfirmed ? html`<span class="ok">✓ You confirmed saving a recovery key.</span> If you lost it, make a new one: the old key stops working.`
            : html`<strong>You haven't confirmed saving a recovery key.</strong> Without it, a forgotten password means your files are lost.`}</p>
          <button class=${s.recoveryKeyConfirmed ? '' : 'primary'} ?disabled=${this.busy} @click=${this.makeRecoveryKey}>Make a new recovery key</button>`}
      </section>

      ${u ? html`<section class="card" aria-labelledby="st-h">
        <h2 id="st-h">Storage</h2>
        <p>${formatBytes(u.usedBytes)} used${u.quotaBytes !== null ? ` of ${formatBytes(u.quotaBytes)}` : ''}.</p>
        ${u.quotaBytes ? html`<div class="meter" role="progressbar" aria-label="Storage used" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round((u.usedBytes / u.quotaBytes) * 100)}>
          <div ${styleProps({ width: `${Math.min(100, (u.usedBytes / u.quotaBytes) * 100)}%` })}></div></div>` : ''}
        <p class="hint">Trash: ${formatBytes(u.trashBytes)} · Old versions: ${formatBytes(u.versionsBytes)}. Sizes are rounded up slightly by padding, which hides exact file sizes from the server.</p>
      </section>` : ''}

      ${this.renderDevice()}

      <section class="card" aria-labelledby="app-h">
        <h2 id="app-h">App</h2>
        <p>${this.installOffer?.isInstalled ? 'Veilbox runs as an installed app on this device.' : 'Install Veilbox to open it in its own window, from your apps, even offline.'}</p>
        <div class="row">
          <vb-install-button .offer=${this.installOffer}></vb-install-button>
          ${this.installOffer?.isInstalled ? '' : html`<button @click=${() => this.renderRoot.querySelector('vb-install-steps-dialog')?.open()}>Add to Home Screen or Dock (Safari)…</button>`}
          <button @click=${() => this.renderRoot.querySelector('vb-about-dialog')?.open()}>About this version…</button>
        </div>
        <vb-install-steps-dialog></vb-install-steps-dialog>
        <vb-about-dialog></vb-about-dialog>
      </section>

      <section class="card" aria-labelledby="se-h">
        <h2 id="se-h">Session</h2>
        <div class="row">
          <button @click=${() => this.dispatchEvent(new CustomEvent('vb-lock', { bubbles: true, composed: true }))}>Lock now</button>
          <button class="danger" @click=${() => this.dispatchEvent(new CustomEvent('vb-logout', { bubbles: true, composed: true }))}>Log out</button>
        </div>
        <p class="hint">Lock wipes the keys from memory and keeps you signed in. Log out also ends the session on the server.</p>
      </section>
    </div>`;
  }

  private renderDevice() {
    const d = this.device;
    const o = this.offline;
    return html`<section class="card" aria-labelledby="dv-h">
      <h2 id="dv-h">Storage on this device</h2>
      ${d === undefined ? html`<p role="status">Reading this device's storage…</p>`
        : d === null ? html`<p>This browser doesn't say how much storage Veilbox uses here.</p>`
        : html`<p data-device-storage>Veilbox uses ${formatBytes(d.usedBytes)} of the ${formatBytes(d.quotaBytes)} this browser allows it.</p>
          ${d.quotaBytes ? html`<div class="meter" role="progressbar" aria-label="Device storage used" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round((d.usedBytes / d.quotaBytes) * 100)}>
            <div ${styleProps({ width: `${Math.min(100, (d.usedBytes / d.quotaBytes) * 100)}%` })}></div></div>` : ''}
          <p class="hint">${d.persisted ? 'The browser keeps this storage even when the device runs low on space.' : 'The browser may clear this storage when the device runs low on space; making files available offline or installing the app asks it to keep it.'}</p>`}
      <p data-offline-copies>${o === null ? 'Offline copies: unknown.' : o.files === 0 ? 'No offline copies are kept on this device.'
        : `Offline copies: ${o.files === 1 ? '1 file' : `${o.files} files`}, ${formatBytes(o.bytes)}.`}</p>
      <button ?disabled=${this.freeing || !o || o.files === 0} @click=${this.freeOfflineCopies}>Free offline copies</button>
      <p class="hint">Frees the space on this device only: the files stay in your vault and can be made available offline again.</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-settings-page': VbSettingsPage }
  interface HTMLElementEventMap { 'vb-logout': CustomEvent<undefined> }
}
