// <vb-versions-panel>: a file's version history (size, saved time) with "Restore" on older versions.
// Restoring stores the old content as a new current version, so nothing is lost.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FileVersion, VaultClient, VaultNode } from '../state/vault-client.js';
import { describeError } from '../state/vault-error.js';
import { formatBytes, formatDateTime } from '../state/format.js';
import { sharedStyles } from './shared-styles.js';
import { announce, reportError } from './events.js';

@customElement('vb-versions-panel')
export class VbVersionsPanel extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    li { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border: 1px solid var(--vb-border); border-radius: var(--vb-radius); }
    .meta { flex: 1; display: grid; font-size: 0.9em; }
    .meta span:last-child { color: var(--vb-muted); }
    .tag { font-size: 0.78em; background: var(--vb-accent-soft); color: var(--vb-accent); padding: 2px 8px; border-radius: 999px; }
    .msg { color: var(--vb-muted); font-size: 0.92em; }
    button { min-height: 30px; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) node: VaultNode | null = null;
  @state() private versions: readonly FileVersion[] | null = null;
  @state() private error = '';
  @state() private busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('node')) void this.load();
  }

  private async load(): Promise<void> {
    const n = this.node;
    this.versions = null;
    this.error = '';
    if (!n) return;
    try {
      const v = await this.client.versions(n.id);
      if (this.node?.id === n.id) this.versions = [...v].sort((a, b) => b.savedAt - a.savedAt);
    } catch (e) {
      this.error = describeError(e).message;
    }
  }

  private async restore(v: FileVersion): Promise<void> {
    if (!this.node) return;
    this.busy = true;
    try {
      await this.client.restoreVersion(this.node.id, v.version);
      announce(this, `Restored the version from ${formatDateTime(v.savedAt)}.`);
    } catch (e) {
      reportError(this, 'Couldn\'t restore that version', e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.error) return html`<p class="error-text" role="alert">${this.error}</p>`;
    if (!this.versions) return html`<p class="msg">Loading versions…</p>`;
    if (this.versions.length <= 1) return html`<p class="msg">No earlier versions. Replacing the file keeps the old one here (last 10, for 30 days).</p>`;
    return html`<ol aria-label="Versions of ${this.node?.name ?? ''}">${this.versions.map((v) => html`<li>
      <div class="meta"><span>${formatDateTime(v.savedAt)}</span><span>${formatBytes(v.size)}</span></div>
      ${v.current ? html`<span class="tag">Current</span>` : html`<button ?disabled=${this.busy} @click=${() => this.restore(v)}
        aria-label="Restore the version from ${formatDateTime(v.savedAt)}">Restore</button>`}
    </li>`)}</ol>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-versions-panel': VbVersionsPanel } }
