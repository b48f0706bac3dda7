// <vb-resume-uploads>: the notice for uploads cut short by a closed tab or a lost connection. The
// browser can't reopen a file by itself, so the user picks the same files again and they resume where
// they stopped (matching is state/resume-match.ts); or discards them.
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PendingUpload, VaultClient } from '../state/vault-client.js';
import { matchPending } from '../state/resume-match.js';
import { formatBytes, plural } from '../state/format.js';
import { sharedStyles } from './shared-styles.js';
import { announce, reportError } from './events.js';

@customElement('vb-resume-uploads')
export class VbResumeUploads extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    .box { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 8px 16px 0; padding: 10px 14px; border: 1px solid var(--vb-border); border-left: 4px solid var(--vb-accent); border-radius: var(--vb-radius); background: var(--vb-surface); }
    p { margin: 0; flex: 1 1 280px; }
    input { display: none; }
    button { min-height: 32px; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @state() private pending: readonly PendingUpload[] = [];
  @state() private busy = false;
  /** Share of the resumed bytes stored so far, while resuming. */
  @state() private percent: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Reads the kept uploads again (the files page calls it when an upload batch closes). */
  async refresh(): Promise<void> {
    try { this.pending = await this.client.pendingUploads(); } catch { this.pending = []; }
  }

  private async picked(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const { matches, unmatched } = matchPending(this.pending, files);
    if (unmatched.length) announce(this, `${plural(unmatched.length, 'file')} did not match an interrupted upload (name and size must be the same).`, true);
    if (!matches.length) return;
    this.busy = true;
    this.percent = 0;
    const total = matches.reduce((sum, m) => sum + m.file.size, 0) || 1;
    const done = new Map<number, number>();
    try {
      const r = await this.client.resumeUploads(matches, {
        onProgress: (p) => {
          done.set(p.index, p.bytesDone);
          this.percent = Math.floor((100 * [...done.values()].reduce((a, b) => a + b, 0)) / total);
        },
      });
      announce(this, `${plural(r.done.length, 'upload')} resumed and finished${r.failed.length ? `, ${r.failed.length} failed` : ''}.`);
    } catch (err) {
      reportError(this, 'Couldn\'t resume the uploads', err);
    } finally {
      this.busy = false;
      this.percent = null;
      await this.refresh();
    }
  }

  private async discard(): Promise<void> {
    try {
      for (const p of this.pending) await this.client.discardPendingUpload(p.id);
      announce(this, 'Interrupted uploads discarded.');
    } catch (err) {
      reportError(this, 'Couldn\'t discard the uploads', err);
    }
    await this.refresh();
  }

  override render() {
    const n = this.pending.length;
    if (!n) return html``;
    const left = this.pending.reduce((s, p) => s + (p.size - p.bytesDone), 0);
    const names = this.pending.slice(0, 3).map((p) => p.relativePath).join(', ') + (n > 3 ? ', …' : '');
    return html`<div class="box" role="region" aria-label="Interrupted uploads">
      <p><strong>${plural(n, 'upload')} ${n === 1 ? 'was' : 'were'} interrupted</strong> (${names}; ${formatBytes(left)} left). Choose the same ${n === 1 ? 'file' : 'files'} again to resume.</p>
      ${this.percent === null ? '' : html`<progress max="100" value=${this.percent} aria-label="Resuming uploads">${this.percent} %</progress>`}
      <button class="primary" ?disabled=${this.busy} @click=${() => this.renderRoot.querySelector('input')?.click()}>Choose files</button>
      <button ?disabled=${this.busy} @click=${this.discard}>Discard</button>
      <input type="file" multiple @change=${this.picked} />
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-resume-uploads': VbResumeUploads } }
