// <vb-share-page>: what someone who got a share link sees, with no account and no vault: the names
// and sizes, the password form when there is one, and the download, streamed to disk with progress
// (a folder as one ZIP, or file by file). It reads the secret from the URL fragment once and removes
// it from the address bar at once (DESIGN.md §3); every refusal is said in words: expired, revoked,
// used up, locked, a mistyped link, or data changed on the server.
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ShareProblem, type ShareClient, type SharedView, type ShareProblemKind, type ShareSelection } from '../state/share-client.js';
import { formatBytes, formatDateTime, plural } from '../state/format.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce } from '../components/events.js';
import { accountPageStyles } from './page-styles.js';

/** Heading and advice for each way a share can't be used; the relay's own message is never shown. */
const PROBLEMS: Readonly<Record<ShareProblemKind, { title: string; advice: string }>> = {
  'not-found': { title: 'This link doesn\'t work', advice: 'It may be mistyped or cut short, or the share doesn\'t exist. Check that you have the whole link, including the part after #, or ask the sender to send it again.' },
  expired: { title: 'This share has expired', advice: 'The link was only valid for a limited time. Ask the sender for a new one.' },
  revoked: { title: 'This share was revoked', advice: 'The owner withdrew it, so nothing can be downloaded any more. Ask them if you still need the files.' },
  exhausted: { title: 'This share\'s download limit is used up', advice: 'It was allowed a set number of downloads, and they have all been used. Ask the sender for a new link.' },
  locked: { title: 'This share is locked', advice: 'Too many wrong passwords were tried. Ask the sender for a new link.' },
  'password-required': { title: 'This share needs its password', advice: 'Enter the password the sender gave you.' },
  'password-wrong': { title: 'Wrong password', advice: 'Check it and try again.' },
  tampered: { title: 'The shared data was tampered with', advice: 'What the server sent doesn\'t match what was shared, so it was refused and nothing unverified was saved. Tell the sender.' },
  'rate-limited': { title: 'Too many tries', advice: 'Wait a few minutes, then try again.' },
  network: { title: 'Connection lost', advice: 'Check your connection and try again.' },
  cancelled: { title: 'Download cancelled', advice: 'Start it again when you are ready.' },
  unsupported: { title: 'This browser can\'t save the download', advice: 'Try a current version of Firefox, Chrome, Edge or Safari.' },
  server: { title: 'Something went wrong', advice: 'Try again in a moment. If it keeps happening, tell the sender.' },
};

/** Problems after which the share can't be used from this page any more. */
const FINAL: ReadonlySet<ShareProblemKind> = new Set(['not-found', 'expired', 'revoked', 'exhausted', 'locked', 'tampered']);

function asProblem(error: unknown): ShareProblem {
  return error instanceof ShareProblem ? error : new ShareProblem('server', error instanceof Error ? error.message : String(error));
}

@customElement('vb-share-page')
export class VbSharePage extends LitElement {
  static override styles = [sharedStyles, accountPageStyles, css`
    ul.files { list-style: none; margin: 12px 0; padding: 0; display: grid; gap: 6px; max-height: 50vh; overflow: auto; }
    ul.files li { display: flex; gap: 10px; align-items: center; padding: 6px 8px; border: 1px solid var(--vb-border); border-radius: var(--vb-radius); }
    .path { flex: 1; word-break: break-word; }
    .size { color: var(--vb-muted); white-space: nowrap; font-size: 0.9em; }
    .facts { color: var(--vb-muted); font-size: 0.9em; }
    progress { width: 100%; height: 10px; }
    .problem h2 { color: var(--vb-danger); }
  `];

  @property({ attribute: false }) client: ShareClient | null = null;
  @property() shareId = '';
  @state() private view: SharedView | null = null;
  @state() private problem: ShareProblem | null = null;
  @state() private passwordProblem = '';
  @state() private busy = false;
  @state() private progress: { done: number; total: number; label: string } | null = null;
  @state() private status = '';
  private secret: string | null = null;
  private abort: AbortController | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Read once, then out of the address bar (and so out of history, bookmarks and screenshots).
    if (this.secret === null) {
      this.secret = decodeURIComponent(location.hash.slice(1));
      if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
    }
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private async start(): Promise<void> {
    if (!this.client || this.view || this.busy) return;
    this.busy = true;
    try {
      this.view = await this.client.open(this.shareId, this.secret ?? '');
      document.title = `${this.view.summary?.name ?? 'Shared files'} – Veilbox`;
    } catch (error) {
      this.problem = asProblem(error);
    } finally {
      this.busy = false;
    }
  }

  private async unlock(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#share-password');
    const password = input?.value ?? '';
    if (!this.client || this.busy) return;
    if (!password) { this.passwordProblem = 'Enter the password.'; return; }
    this.busy = true;
    this.passwordProblem = '';
    try {
      this.view = await this.client.unlock(this.shareId, password);
      document.title = `${this.view.summary?.name ?? 'Shared files'} – Veilbox`;
      announce(this, 'Password accepted.');
    } catch (error) {
      const p = asProblem(error);
      if (p.kind === 'password-wrong') {
        this.passwordProblem = `Wrong password.${p.attemptsLeft !== null ? ` ${plural(p.attemptsLeft, 'try', 'tries')} left before the share locks.` : ''}`;
        announce(this, this.passwordProblem, true);
        if (input) { input.value = ''; input.focus(); }
      } else if (FINAL.has(p.kind)) {
        this.problem = p;
      } else {
        this.passwordProblem = `${PROBLEMS[p.kind].title}. ${PROBLEMS[p.kind].advice}`;
      }
    } finally {
      this.busy = false;
    }
  }

  private async save(selection: ShareSelection, label: string): Promise<void> {
    if (!this.client || this.busy || !this.view) return;
    this.busy = true;
    this.status = '';
    this.abort = new AbortController();
    this.progress = { done: 0, total: 0, label };
    try {
      const { downloadsLeft, saved } = await this.client.save(this.shareId, selection, {
        signal: this.abort.signal,
        onProgress: (done, total) => { this.progress = { done, total, label }; },
      });
      if (saved) {
        this.view = { ...this.view, downloadsLeft };
        this.status = `${label} saved.`;
        announce(this, this.status);
      }
    } catch (error) {
      const p = asProblem(error);
      if (FINAL.has(p.kind)) this.problem = p;
      else this.status = `${PROBLEMS[p.kind].title}. ${PROBLEMS[p.kind].advice}`;
      announce(this, `${PROBLEMS[p.kind].title}. ${PROBLEMS[p.kind].advice}`, true);
    } finally {
      this.busy = false;
      this.progress = null;
      this.abort = null;
    }
  }

  private renderProblem(p: ShareProblem) {
    const words = PROBLEMS[p.kind];
    return html`<div class="card problem" role="alert"><h2>${words.title}</h2><p>${words.advice}</p></div>`;
  }

  private renderPassword(v: SharedView) {
    return html`<div class="card"><form @submit=${this.unlock} novalidate>
      <h2>This share is protected</h2>
      <p class="hint">Enter the password the sender gave you${v.attemptsLeft !== null ? ` (${plural(v.attemptsLeft, 'try', 'tries')} left)` : ''}.</p>
      <div class="field"><label for="share-password">Share password</label>
        <input id="share-password" type="password" autocomplete="off" aria-describedby="pw-problem" aria-invalid=${this.passwordProblem ? 'true' : 'false'} /></div>
      <p id="pw-problem" class="error-text" role="status">${this.passwordProblem}</p>
      <button class="primary block" type="submit" ?disabled=${this.busy}>${this.busy ? 'Checking…' : 'Open'}</button>
    </form></div>`;
  }

  private renderOpen(v: SharedView) {
    const s = v.summary!;
    const folder = s.kind === 'folder';
    const facts = [
      `${plural(s.fileCount, 'file')}, ${formatBytes(s.totalSize)}`,
      v.expiresAt !== null ? `available until ${formatDateTime(v.expiresAt)}` : '',
      v.downloadsLeft !== null ? `${plural(v.downloadsLeft, 'download')} left` : '',
    ].filter(Boolean);
    const p = this.progress;
    return html`<div class="card">
      <h2>${s.name}</h2>
      <p class="facts">${facts.join(' · ')}</p>
      ${folder ? html`<ul class="files" aria-label="Shared files">${v.files.map((f) => html`<li>
          <span class="path">${f.path}</span><span class="size">${formatBytes(f.size)}</span>
          <button ?disabled=${this.busy} @click=${() => this.save({ path: f.path }, f.path.split('/').pop()!)} aria-label="Download ${f.path}">Download</button></li>`)}</ul>` : ''}
      <button class="primary block" ?disabled=${this.busy} @click=${() => this.save({ all: true }, folder ? `${s.name}.zip` : s.name)}>
        ${folder ? 'Download all as ZIP' : `Download (${formatBytes(s.totalSize)})`}</button>
      ${p ? html`<div role="status"><p>Downloading ${p.label}… ${p.total ? `${Math.floor((p.done / p.total) * 100)} %` : ''}</p>
          <progress aria-label="Download progress" max=${p.total || 1} .value=${p.done}></progress>
          <button @click=${() => this.abort?.abort()}>Cancel</button></div>` : ''}
      <p role="status" class="hint">${this.status}</p>
      ${v.downloadsLeft !== null ? html`<p class="hint">Each download counts against this link's limit.</p>` : ''}
    </div>`;
  }

  override render() {
    const v = this.view;
    return html`<div class="column wide">
      <div class="brand"><span class="logo" aria-hidden="true">V</span><span>Veilbox</span></div>
      <h1 class="visually-hidden">Shared with you</h1>
      ${this.problem ? this.renderProblem(this.problem)
        : !v ? html`<div class="card" role="status">Opening the share…</div>`
        : v.state === 'password' ? this.renderPassword(v) : this.renderOpen(v)}
      <p class="switch hint">End-to-end encrypted: the files are decrypted in this browser, the server can't read them.</p>
    </div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-share-page': VbSharePage } }
