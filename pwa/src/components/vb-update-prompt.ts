// <vb-update-prompt>: "A new version is ready — Reload", shown while a new service worker waits
// ([Note: Updates are a prompt] in pwa/src/sw/sw.ts). Nothing reloads unless the user presses Reload;
// pressed while an upload, download or offline copy runs, it waits for the transfer to end (and says
// so, with a way to change one's mind) rather than cut it.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ServiceWorkerUpdates, UpdateState } from '../sw/service-worker-updates.js';
import type { TransferActivity } from '../state/transfer-activity.js';
import { sharedStyles } from './shared-styles.js';

@customElement('vb-update-prompt')
export class VbUpdatePrompt extends LitElement {
  static override styles = [sharedStyles, css`
    :host { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 60; width: min(520px, calc(100vw - 32px)); }
    .bar { display: flex; gap: 8px 12px; align-items: center; flex-wrap: wrap; background: var(--vb-surface); border: 1px solid var(--vb-border); border-left: 4px solid var(--vb-accent); border-radius: var(--vb-radius); box-shadow: var(--vb-shadow); padding: 10px 12px 10px 14px; }
    .text { flex: 1 1 220px; }
    .hint { display: block; }
  `];

  @property({ attribute: false }) updates: ServiceWorkerUpdates | null = null;
  @property({ attribute: false }) transfers: TransferActivity | null = null;
  @state() private updateState: UpdateState = 'none';
  @state() private busy = false;
  /** The user pressed Reload; it happens as soon as no transfer runs. */
  @state() private accepted = false;
  @state() private dismissed = false;
  private unsubscribe: (() => void)[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('updates') && !changed.has('transfers')) return;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    if (this.updates) {
      this.updateState = this.updates.state;
      this.unsubscribe.push(this.updates.onChange((s) => { this.updateState = s; this.dismissed = false; }));
    }
    if (this.transfers) {
      this.busy = this.transfers.busy;
      this.unsubscribe.push(this.transfers.onChange((busy) => { this.busy = busy; if (!busy) this.applyIfAccepted(); }));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  private reload(): void {
    this.accepted = true;
    this.applyIfAccepted();
  }

  private applyIfAccepted(): void {
    if (this.accepted && !this.busy && this.updateState !== 'none') this.updates?.apply();
  }

  override render() {
    if (this.updateState === 'none' || this.dismissed) return html``;
    const waitingForTransfer = this.accepted && this.busy;
    const headline = this.updateState === 'taken-over' ? 'A new version of Veilbox is running in another tab — reload to use it.' : 'A new version is ready — Reload to use it.';
    return html`<div class="bar" role="status" aria-label="Update">
      <span class="text">${headline}
        ${waitingForTransfer ? html`<span class="hint">Waiting for the transfer in progress to finish; Veilbox reloads when it is done.</span>`
          : this.busy ? html`<span class="hint">A transfer is running: reloading waits until it is done.</span>` : ''}</span>
      ${waitingForTransfer
        ? html`<button @click=${() => { this.accepted = false; }}>Don't reload</button>`
        : html`<button class="ghost" @click=${() => { this.dismissed = true; }}>Later</button>
          <button class="primary" @click=${this.reload}>${this.accepted ? 'Reloading…' : 'Reload'}</button>`}
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-update-prompt': VbUpdatePrompt } }
