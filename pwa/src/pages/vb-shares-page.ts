// <vb-shares-page>: "My shares": every share link of the account with what it holds, its state,
// expiry, downloads used and left, and Copy link / Revoke. Revoking is immediate on the relay: the
// link stops working, even for a download already started.
import { LitElement, html, css } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import type { OwnedShare, ShareClient, ShareStatus } from '../state/share-client.js';
import { describeError } from '../state/vault-error.js';
import { formatBytes, formatDateTime, plural } from '../state/format.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce, reportError } from '../components/events.js';
import type { VbConfirmDialog } from '../components/vb-confirm-dialog.js';
import '../components/vb-confirm-dialog.js';
import { accountPageStyles } from './page-styles.js';

const STATUS_WORDS: Readonly<Record<ShareStatus, string>> = {
  active: 'Active', expired: 'Expired', revoked: 'Revoked', exhausted: 'Download limit reached', locked: 'Locked (wrong passwords)',
};

@customElement('vb-shares-page')
export class VbSharesPage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles, css`
    :host { padding-top: 24px; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
    li { display: flex; align-items: center; gap: 12px; padding: 12px; border: 1px solid var(--vb-border); border-radius: var(--vb-radius); flex-wrap: wrap; }
    .info { flex: 1 1 260px; display: grid; gap: 2px; min-width: 0; }
    .name { word-break: break-word; }
    .badge { font-size: 0.8em; background: var(--vb-surface-2); padding: 2px 8px; border-radius: 999px; justify-self: start; }
    .badge.active { background: var(--vb-accent-soft); color: var(--vb-accent); }
  `];

  @property({ attribute: false }) client: ShareClient | null = null;
  @state() private shares: readonly OwnedShare[] | null = null;
  @state() private error = '';
  @query('vb-confirm-dialog') private confirm!: VbConfirmDialog;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.client) return;
    try {
      this.shares = await this.client.listShares();
      this.error = '';
    } catch (e) {
      this.error = describeError(e).message;
    }
  }

  private label(s: OwnedShare): string {
    if (!s.summary) return s.status === 'revoked' ? 'Revoked share' : 'Share';
    return s.summary.kind === 'folder' ? `${s.summary.name} (folder)` : s.summary.name;
  }

  private async copy(s: OwnedShare): Promise<void> {
    if (!s.link) return;
    try {
      await navigator.clipboard.writeText(s.link);
      announce(this, 'Link copied.');
    } catch {
      announce(this, 'Copying is blocked here; open the share from the file manager to see its link.', true);
    }
  }

  private async revoke(s: OwnedShare): Promise<void> {
    const answer = await this.confirm.ask({
      title: `Revoke the link to ${this.label(s)}?`,
      message: 'The link stops working at once, also for anyone in the middle of a download. This can\'t be undone; you can share again with a new link.',
      choices: [{ value: 'yes', label: 'Revoke link', tone: 'danger' }],
    });
    if (answer !== 'yes' || !this.client) return;
    try {
      await this.client.revokeShare(s.shareId);
      announce(this, `Link to ${this.label(s)} revoked.`);
      await this.load();
    } catch (e) {
      reportError(this, 'Couldn\'t revoke the link', e);
    }
  }

  private downloads(s: OwnedShare): string {
    if (s.downloadLimit === null) return `${plural(s.downloadsUsed, 'download')}, no limit`;
    return `${s.downloadsUsed} of ${s.downloadLimit} downloads used, ${s.downloadsLeft} left`;
  }

  override render() {
    const list = this.shares;
    return html`<div class="column wide">
      <h1>My shares</h1>
      <p class="lead">Links you made to files and folders. Anyone with a link can download what it points to until it expires, runs out or you revoke it.</p>
      <div class="card">
        ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : !list ? html`<p>Loading…</p>`
          : list.length === 0 ? html`<p>No shares yet. Use “Share…” on a file or folder to make a link.</p>`
          : html`<ul aria-label="Shares">${list.map((s) => html`<li aria-label=${this.label(s)}>
              <div class="info"><strong class="name">${this.label(s)}</strong>
                <span class="hint">${s.summary ? `${plural(s.summary.fileCount, 'file')}, ${formatBytes(s.summary.totalSize)} · ` : ''}created ${formatDateTime(s.createdAt)}</span>
                <span class="hint">${s.expiresAt === null ? 'Never expires' : `${s.status === 'expired' ? 'Expired' : 'Expires'} ${formatDateTime(s.expiresAt)}`} · ${this.downloads(s)}${s.passwordProtected ? ' · password' : ''}</span>
                <span class="badge ${s.status}">${STATUS_WORDS[s.status]}</span></div>
              ${s.link && s.status === 'active' ? html`<button @click=${() => this.copy(s)} aria-label="Copy link to ${this.label(s)}">Copy link</button>` : ''}
              ${s.status !== 'revoked' ? html`<button class="danger" @click=${() => this.revoke(s)} aria-label="Revoke ${this.label(s)}">Revoke</button>` : ''}
            </li>`)}</ul>`}
      </div>
      <p class="switch"><a href="/files">Back to files</a></p>
      <vb-confirm-dialog></vb-confirm-dialog>
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-shares-page': VbSharesPage } }
