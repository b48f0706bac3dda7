// <vb-upload-panel>: the docked upload card. First a review list (image thumbnails, name, size, remove)
// with the keep-both/replace choice when names clash; then per-file and total progress with speed and
// time left, and cancel. Progress math is state/transfer-progress.ts; the upload itself is the client's.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from './style-props.js';
import type { ConflictPolicy, NodeId, UploadItem, UploadResult, VaultClient } from '../state/vault-client.js';
import { findConflicts, type UploadConflict } from '../state/conflict-names.js';
import { TransferProgress, type ProgressSummary } from '../state/transfer-progress.js';
import { RepaintThrottle } from '../state/repaint-throttle.js';
import { formatBytes, formatDuration, formatSpeed, plural } from '../state/format.js';
import { describeError, isVaultError, vaultError } from '../state/vault-error.js';
import { sharedStyles } from './shared-styles.js';
import { announce } from './events.js';

type Phase = 'review' | 'uploading' | 'finished';

/** How many review rows get an image thumbnail (each is a blob URL of the local file). */
const thumbnailLimit = 60;

@customElement('vb-upload-panel')
export class VbUploadPanel extends LitElement {
  static override styles = [sharedStyles, css`
    :host { position: fixed; right: 16px; bottom: 16px; z-index: 40; width: min(440px, calc(100vw - 32px)); }
    section { background: var(--vb-surface); border: 1px solid var(--vb-border); border-radius: 12px; box-shadow: var(--vb-shadow); display: flex; flex-direction: column; max-height: min(560px, calc(100vh - 100px)); }
    header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; border-bottom: 1px solid var(--vb-border); }
    header h2 { margin: 0; font-size: 1rem; flex: 1; }
    ul { list-style: none; margin: 0; padding: 4px 0; overflow-y: auto; flex: 1; min-height: 0; }
    li { display: grid; grid-template-columns: 40px 1fr auto; gap: 4px 10px; align-items: center; padding: 6px 14px; }
    .thumb { width: 40px; height: 40px; border-radius: 6px; object-fit: cover; background: var(--vb-surface-2); grid-row: span 2; display: grid; place-items: center; color: var(--vb-muted); font-size: 0.7rem; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.93em; }
    .meta { font-size: 0.8em; color: var(--vb-muted); grid-column: 2; }
    .meta.err { color: var(--vb-danger); }
    li button { grid-row: span 2; min-height: 28px; width: 28px; padding: 0; }
    .bar { height: 4px; border-radius: 2px; background: var(--vb-surface-2); overflow: hidden; grid-column: 2 / -1; }
    /* scaleX and no transition: progress repaints every 200 ms (RepaintThrottle); a width transition re-laid the
       panel out on the main thread every frame of an upload, and even a transform one kept the compositor
       drawing frames throughout (~1 CPU-s per GiB uploaded, /proc per thread) */
    .bar > div { height: 100%; background: var(--vb-accent); transform-origin: left; }
    .bar.total { height: 6px; margin: 4px 0; }
    footer { padding: 12px 14px; border-top: 1px solid var(--vb-border); display: grid; gap: 10px; }
    fieldset { border: 1px solid var(--vb-warn); background: var(--vb-warn-soft); border-radius: var(--vb-radius); padding: 8px 12px; margin: 0; }
    legend { font-weight: 600; padding: 0 4px; }
    fieldset label { font-weight: 400; display: flex; gap: 8px; align-items: center; margin-top: 4px; }
    .summary { font-size: 0.9em; color: var(--vb-muted); display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
    .more { padding: 6px 14px; color: var(--vb-muted); font-size: 0.85em; }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) items: readonly UploadItem[] = [];
  @property() targetId: NodeId = '';
  @property() targetName = 'Home';
  /** Names already in the target folder (lower-cased), for the conflict check. */
  @property({ attribute: false }) existing: ReadonlyMap<string, { readonly type: 'file' | 'folder' }> = new Map();

  @state() private list: UploadItem[] = [];
  @state() private phase: Phase = 'review';
  @state() private policy: ConflictPolicy = 'keep-both';
  @state() private summary: ProgressSummary | null = null;
  @state() private result: UploadResult | null = null;
  private progress: TransferProgress | null = null;
  private abort: AbortController | null = null;
  private thumbs = new Map<File, string>();
  private repaint: RepaintThrottle | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('items')) {
      this.releaseThumbs();
      this.list = [...this.items];
      this.phase = 'review';
      this.result = null;
      this.summary = null;
    }
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaseThumbs();
    this.repaint?.cancel();
  }

  private releaseThumbs(): void {
    for (const url of this.thumbs.values()) URL.revokeObjectURL(url);
    this.thumbs.clear();
  }

  private thumb(file: File, i: number): string {
    if (i >= thumbnailLimit || !file.type.startsWith('image/') || file.size > 30 * 1024 * 1024) return '';
    let url = this.thumbs.get(file);
    if (!url) { url = URL.createObjectURL(file); this.thumbs.set(file, url); }
    return url;
  }

  /** True while files are on their way: the card takes no more until they finish or are cancelled. */
  get uploading(): boolean { return this.phase === 'uploading'; }

  /** Adds files to the list under review (a second drop or pick before Upload); false once past review. */
  add(items: readonly UploadItem[]): boolean {
    if (this.phase !== 'review') return false;
    this.list = [...this.list, ...items];
    announce(this, `${plural(items.length, 'file')} added to the upload.`);
    return true;
  }

  private conflicts(): UploadConflict[] { return findConflicts(this.list, this.existing); }

  private close(): void {
    this.dispatchEvent(new CustomEvent('vb-upload-close', { bubbles: true, composed: true }));
  }

  private removeItem(i: number): void {
    const [gone] = this.list.splice(i, 1);
    const url = this.thumbs.get(gone.file);
    if (url) { URL.revokeObjectURL(url); this.thumbs.delete(gone.file); }
    this.list = [...this.list];
    announce(this, `Removed ${gone.relativePath} from the upload.`);
    if (!this.list.length) this.close();
  }

  private async start(): Promise<void> {
    const items = this.list;
    // The page may move on to another folder meanwhile; the files still go to (and are reported in) this one.
    const targetId = this.targetId;
    const targetName = this.targetName;
    const progress = (this.progress = new TransferProgress(items.map((it) => it.file.size)));
    const abort = (this.abort = new AbortController());
    this.phase = 'uploading';
    announce(this, `Uploading ${plural(items.length, 'file')} to ${targetName}.`);
    const repaint = (this.repaint = new RepaintThrottle(() => { this.summary = progress.summary(performance.now()); }));
    let result: UploadResult;
    try {
      result = await this.client.upload(targetId, items, {
        conflict: this.policy,
        signal: abort.signal,
        onProgress: (p) => {
          // Files on their way when Cancel was pressed stop with an error: they were cancelled, not failed.
          const stopped = p.phase === 'failed' ? (abort.signal.aborted ? 'cancelled' : 'failed') : null;
          const state = p.phase === 'done' ? 'done' : stopped ?? (p.phase === 'queued' ? 'queued' : 'active');
          progress.update(p.index, p.phase === 'done' ? p.bytesTotal : p.bytesDone, state, performance.now());
          repaint.request();
        },
      });
    } catch (e) {
      const error = isVaultError(e) ? e : vaultError(abort.signal.aborted ? 'cancelled' : 'server', String(e));
      result = { done: [], failed: items.map((_, index) => ({ index, error })), cancelled: abort.signal.aborted };
      if (!abort.signal.aborted) this.dispatchEvent(new CustomEvent('vb-error', { detail: { error: e, action: 'Upload failed' }, bubbles: true, composed: true }));
    }
    for (const f of result.failed) progress.update(f.index, 0, 'failed', performance.now());
    if (result.cancelled) progress.cancel(performance.now());
    repaint.cancel();
    this.summary = progress.summary(performance.now());
    this.result = result;
    this.phase = 'finished';
    const msg = result.queued && !result.cancelled && !result.failed.length ? `Offline: ${plural(result.done.length, 'file')} kept on this device, to upload to ${targetName} when the connection is back.`
      : result.cancelled ? `Upload cancelled. ${plural(result.done.length, 'file')} uploaded before that.`
      : result.failed.length ? `${plural(result.done.length, 'file')} uploaded, ${result.failed.length} failed.`
      : `${plural(result.done.length, 'file')} uploaded to ${targetName}.`;
    announce(this, msg, result.failed.length > 0);
  }

  private cancel(): void {
    this.abort?.abort();
    announce(this, 'Cancelling the upload…');
  }

  private itemMeta(i: number) {
    const it = this.list[i];
    if (this.phase === 'review' || !this.progress) return html`<span class="meta">${formatBytes(it.file.size)}${it.relativePath.includes('/') ? ` · in ${it.relativePath.slice(0, it.relativePath.lastIndexOf('/'))}` : ''}</span>`;
    const p = this.progress.item(i);
    const err = this.result?.failed.find((f) => f.index === i)?.error;
    const label = err ? describeError(err).message
      : p.state === 'done' ? (this.result?.queued ? 'Waiting for the connection' : 'Uploaded') : p.state === 'cancelled' ? 'Cancelled' : p.state === 'queued' ? 'Waiting'
      : `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`;
    const percent = p.bytesTotal ? (p.bytesDone / p.bytesTotal) * 100 : p.state === 'done' ? 100 : 0;
    return html`<span class="meta ${err ? 'err' : ''}">${label}</span>
      <div class="bar" role="progressbar" aria-label="Upload progress of ${it.relativePath}" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(percent)}>
        <div ${styleProps({ transform: `scaleX(${percent / 100})` })}></div></div>`;
  }

  override render() {
    const total = this.list.reduce((s, it) => s + it.file.size, 0);
    const conflicts = this.phase === 'review' ? this.conflicts() : [];
    const shown = this.list.slice(0, 300);
    const s = this.summary;
    const title = this.phase === 'review' ? `Upload to ${this.targetName}` : this.phase === 'uploading' ? 'Uploading…' : 'Upload finished';
    return html`<section aria-labelledby="h">
      <header><h2 id="h" tabindex="-1">${title}</h2>
        ${this.phase !== 'uploading' ? html`<button class="ghost icon" aria-label="Close upload panel" @click=${this.close}>✕</button>` : ''}</header>
      <ul aria-label="Files to upload">
        ${shown.map((it, i) => {
          const t = this.thumb(it.file, i);
          return html`<li>
            ${t ? html`<img class="thumb" src=${t} alt="" />` : html`<span class="thumb" aria-hidden="true">FILE</span>`}
            <span class="name" title=${it.relativePath}>${it.file.name}</span>
            ${this.phase === 'review' ? html`<button class="ghost" aria-label="Remove ${it.relativePath}" @click=${() => this.removeItem(i)}>✕</button>` : html`<span></span>`}
            ${this.itemMeta(i)}
          </li>`;
        })}
      </ul>
      ${this.list.length > shown.length ? html`<div class="more">…and ${plural(this.list.length - shown.length, 'more file')}</div>` : ''}
      <footer>
        ${conflicts.length ? html`<fieldset>
          <legend>${conflicts.length === 1 ? `"${conflicts[0].name}" already exists here` : `${conflicts.length} names already exist here`}</legend>
          <label><input type="radio" name="policy" .checked=${this.policy === 'keep-both'} @change=${() => { this.policy = 'keep-both'; }} /> Keep both (the new one gets a number, like "name (2)")</label>
          <label><input type="radio" name="policy" .checked=${this.policy === 'replace'} @change=${() => { this.policy = 'replace'; }} /> Replace (the old one stays in version history)</label>
        </fieldset>` : ''}
        ${s ? html`<div>
          <div class="bar total" role="progressbar" aria-label="Total upload progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(s.fraction * 100)}>
            <div ${styleProps({ transform: `scaleX(${s.fraction})` })}></div></div>
          <div class="summary"><span>${formatBytes(s.bytesDone)} of ${formatBytes(s.bytesTotal)} · ${s.done}/${this.list.length} files</span>
            ${this.phase === 'uploading' ? html`<span>${formatSpeed(s.speed)} · ${formatDuration(s.secondsLeft)} left</span>` : ''}</div>
        </div>` : html`<div class="summary"><span>${plural(this.list.length, 'file')} · ${formatBytes(total)}</span></div>`}
        <div class="row">
          <span class="spacer"></span>
          ${this.phase === 'review' ? html`<button @click=${this.close}>Cancel</button>
            <button class="primary" ?disabled=${!this.list.length} @click=${this.start}>Upload ${plural(this.list.length, 'file')}</button>` : ''}
          ${this.phase === 'uploading' ? html`<button class="danger" @click=${this.cancel}>Cancel upload</button>` : ''}
          ${this.phase === 'finished' ? html`<button class="primary" @click=${this.close}>Done</button>` : ''}
        </div>
      </footer>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'vb-upload-panel': VbUploadPanel }
  interface HTMLElementEventMap { 'vb-upload-close': CustomEvent<undefined> }
}
