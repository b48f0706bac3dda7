// <vb-offline-toggle>: "Available offline" for the selected files and folders. Turning it on keeps
// their encrypted bytes on this device (a folder's files follow it, and stay fresh as they change);
// the switch stays busy until they are all kept, then announces it. Turning it on also asks the browser
// to keep this site's storage under pressure (navigator.storage.persist()), or the copies could vanish.
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { NodeId, VaultClient } from '../state/vault-client.js';
import { formatBytes, plural } from '../state/format.js';
import { sharedStyles } from './shared-styles.js';
import { announce, reportError } from './events.js';
import { requestPersistentStorage } from '../state/storage-persistence.js';

@customElement('vb-offline-toggle')
export class VbOfflineToggle extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; grid-column: 1 / -1; }
    label { display: flex; gap: 8px; align-items: center; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) ids: readonly NodeId[] = [];
  @state() private pinned = false;
  @state() private busy = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('ids')) void this.read();
  }

  private async read(): Promise<void> {
    try {
      const summary = await this.client.offlineSummary();
      this.pinned = this.ids.length > 0 && this.ids.every((id) => summary.pinned.includes(id));
    } catch {
      this.pinned = false;
    }
  }

  private async toggle(e: Event): Promise<void> {
    const on = (e.target as HTMLInputElement).checked;
    // Shown as asked while it runs; a failure reads the real state back.
    this.pinned = on;
    this.busy = true;
    // Asked at the user's gesture, before the copies take space; the answer changes nothing here.
    if (on) void requestPersistentStorage();
    try {
      const summary = await this.client.setAvailableOffline(this.ids, on);
      announce(this, on
        ? `Available offline: ${plural(summary.files, 'file')} kept on this device (${formatBytes(summary.bytes)}).`
        : 'No longer kept offline on this device.');
    } catch (err) {
      reportError(this, on ? 'Couldn\'t make it available offline' : 'Couldn\'t remove the offline copy', err);
      await this.read();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    // live(): after a failed switch-on the box must follow the state read back, whatever it shows.
    return html`<label><input type="checkbox" .checked=${live(this.pinned)} ?disabled=${this.busy} @change=${this.toggle} />
      Available offline${this.busy ? html` <span aria-live="polite">(keeping…)</span>` : ''}</label>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-offline-toggle': VbOfflineToggle } }
