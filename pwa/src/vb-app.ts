// <vb-app>: the application shell. Holds the session status, the in-memory index (dropped on lock),
// the route and the search filter; listens to the client's events; shows the top bar, the warning
// banner, the page for the route, notices and the live regions every component announces through.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import type { OfflineChange, OfflineSendReport, StorageUsage, Unsubscribe, VaultClient, VaultEvent, VaultStatus } from './state/vault-client.js';
import type { ShareClient } from './state/share-client.js';
import type { DropClient } from './state/drop-client.js';
import type { PairingClient } from './state/pairing-client.js';
import type { FolderSyncClient } from './state/folder-sync-client.js';
import type { HelperClient } from './state/helper-client.js';
import { VaultIndex } from './state/vault-index.js';
import { describeError } from './state/vault-error.js';
import { emptyFilter, type NodeFilter } from './state/search.js';
import { formatBytes } from './state/format.js';
import { Router, needsVault, type Route } from './router.js';
import { sharedStyles } from './components/shared-styles.js';
import type { AnnounceDetail, ErrorDetail, NavigateDetail } from './components/events.js';
import type { Notice } from './components/vb-notices.js';
import type { BannerFix } from './components/vb-warning-banner.js';
import type { VbTopBar } from './components/vb-top-bar.js';
import type { VbShareDialog } from './components/vb-share-dialog.js';
import type { VbReceiveDialog } from './components/vb-receive-dialog.js';
import { importSharedFiles } from './transfers/share-target-import.js';
import { SHARE_TARGET_PARAM } from './sw/share-target-route.js';
import './components/vb-top-bar.js';
import './components/vb-warning-banner.js';
import './components/vb-offline-changes.js';
import './components/vb-notices.js';
import './pages/vb-login-page.js';
import './pages/vb-signup-page.js';
import './pages/vb-files-page.js';
import './pages/vb-settings-page.js';
import './pages/vb-devices-page.js';
import './pages/vb-unavailable-page.js';
import './pages/vb-sync-page.js';
import './pages/vb-share-page.js';
import './pages/vb-shares-page.js';
import './components/vb-share-dialog.js';
import './components/vb-receive-dialog.js';
import './pages/vb-drop-page.js';
import './components/vb-update-prompt.js';
import type { ServiceWorkerUpdates } from './sw/service-worker-updates.js';
import type { TransferActivity } from './state/transfer-activity.js';
import type { InstallOffer } from './state/install-offer.js';

@customElement('vb-app')
export class VbApp extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: flex; flex-direction: column; height: 100%; }
    .content { flex: 1; min-height: 0; overflow: auto; }
    .content.files { overflow: hidden; }
    .skip { position: absolute; left: 8px; top: -60px; z-index: 100; background: var(--vb-surface); padding: 8px 12px; border-radius: var(--vb-radius); }
    .skip:focus { top: 8px; }
    .boot { display: grid; place-items: center; height: 100%; color: var(--vb-muted); text-align: center; padding: 24px; }
  `];

  /** Set once by main.ts; null means the data layer failed to start (`startError` says why). */
  @property({ attribute: false }) client: VaultClient | null = null;
  /** Share links (owner and visitor), over the same worker; set by main.ts before `client`. */
  @property({ attribute: false }) shareClient: ShareClient | null = null;
  @property({ attribute: false }) dropClient: DropClient | null = null;
  @property({ attribute: false }) pairingClient: PairingClient | null = null;
  @property({ attribute: false }) helperClient: HelperClient | null = null;
  @property({ attribute: false }) folderSyncClient: FolderSyncClient | null = null;
  @property({ attribute: false }) startError: unknown = null;
  /** Set by main.ts: service-worker updates (null without one), running transfers, the browser's install offer. */
  @property({ attribute: false }) updates: ServiceWorkerUpdates | null = null;
  @property({ attribute: false }) transfers: TransferActivity | null = null;
  @property({ attribute: false }) installOffer: InstallOffer | null = null;

  @state() private status: VaultStatus | null = null;
  @state() private route: Route = { page: 'home' };
  @state() private index: VaultIndex | null = null;
  @state() private indexVersion = 0;
  @state() private usage: StorageUsage | null = null;
  @state() private online = true;
  @state() private offlineChanges: readonly OfflineChange[] = [];
  @state() private filter: NodeFilter = emptyFilter;
  @state() private notices: Notice[] = [];
  @state() private sidebarOpen = false;
  @state() private startRecovery = false;
  @state() private politeText = '';
  @state() private assertiveText = '';
  @query('vb-top-bar') private topBar?: VbTopBar;
  @query('vb-share-dialog') private shareDialog?: VbShareDialog;
  @query('vb-receive-dialog') private receiveDialog?: VbReceiveDialog;
  /** Files shared to the installed app from a phone's share sheet, waiting for the vault ([Note: Shared files wait in a cache]). */
  private sharedId: string | null = null;

  private readonly router = new Router((r) => this.onRoute(r));
  private unsubscribe: Unsubscribe | null = null;
  private noticeId = 0;
  private treeLoad: Promise<void> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.route = this.router.start();
    this.addEventListener('vb-announce', (e: CustomEvent<AnnounceDetail>) => this.say(e.detail.message, e.detail.assertive));
    this.addEventListener('vb-navigate', (e: CustomEvent<NavigateDetail>) => this.router.go(e.detail.route, { replace: e.detail.replace }));
    this.addEventListener('vb-error', (e: CustomEvent<ErrorDetail>) => this.showError(e.detail.action, e.detail.error));
    this.addEventListener('vb-search', (e: CustomEvent<string>) => this.setFilter({ ...this.filter, text: e.detail }));
    this.addEventListener('vb-filter-change', (e: CustomEvent<NodeFilter>) => this.setFilter(e.detail));
    this.addEventListener('vb-lock', () => void this.run('Couldn\'t lock', () => this.client!.lock()));
    this.addEventListener('vb-logout', () => void this.run('Couldn\'t log out', () => this.client!.logOut()));
    this.addEventListener('vb-toggle-sidebar', () => { this.sidebarOpen = !this.sidebarOpen; });
    this.addEventListener('vb-discard-offline-change', (e: CustomEvent<string>) => void this.run('Couldn\'t discard the change', () => this.client!.discardOfflineChange(e.detail)));
    this.addEventListener('vb-send-offline-changes', () => void this.run('Couldn\'t send the waiting changes', () => this.client!.sendWaitingChanges()));
    this.addEventListener('vb-banner-fix', (e: CustomEvent<BannerFix>) => this.fix(e.detail));
    this.addEventListener('vb-receive-request', (e: CustomEvent<string>) => { const folder = this.index?.get(e.detail); if (folder) void this.receiveDialog?.open(folder.id, folder.parentId === null ? 'Home' : folder.name); });
    this.takeSharedId();
    this.addEventListener('vb-share-request', (e: CustomEvent<string>) => { const node = this.index?.get(e.detail); if (node) void this.shareDialog?.open(node); });
    this.addEventListener('click', (e) => this.router.handleClick(e));
    document.addEventListener('keydown', this.onGlobalKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.router.stop();
    this.unsubscribe?.();
    document.removeEventListener('keydown', this.onGlobalKey);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) {
      this.unsubscribe?.();
      this.unsubscribe = this.client.onChange((e) => this.onEvent(e));
      this.client.getStatus().then((s) => this.setStatus(s), (e) => this.showError('Couldn\'t reach the vault', e));
    }
  }

  // ---- state ----

  private setStatus(s: VaultStatus): void {
    const was = this.status?.state;
    this.status = s;
    if (s.state === 'unlocked') {
      if (!this.index) void this.loadTree();
      if (this.sharedId) void (this.index ? Promise.resolve() : this.loadTree()).then(() => this.importShared());
      if (this.route.page === 'login' || this.route.page === 'signup' && s.recoveryKeyConfirmed) this.router.go({ page: 'files', folderId: null }, { replace: true });
    } else {
      // Locked or signed out: names leave memory with the keys.
      this.index = null;
      this.usage = null;
      this.filter = emptyFilter;
      if (was === 'unlocked') this.say(s.state === 'locked' ? 'Vault locked.' : 'Logged out.');
      if (s.state === 'signed-out' && needsVault(this.route)) this.router.go({ page: 'login' }, { replace: true });
    }
  }

  /** /files?share-target=<id>: the service worker kept shared files under that id; the query leaves the address bar. */
  private takeSharedId(): void {
    const id = new URLSearchParams(location.search).get(SHARE_TARGET_PARAM);
    if (!id) return;
    this.sharedId = id;
    history.replaceState(history.state, '', location.pathname);
  }

  /** Uploads the shared files into Inbox once the vault is open, and shows them there. */
  private async importShared(): Promise<void> {
    const id = this.sharedId;
    if (!id || !this.index || !this.client) return;
    this.sharedId = null;
    try {
      const shared = await importSharedFiles(this.client, this.index, id);
      if (!shared) return;
      const saved = shared.result.done.length;
      if (saved) this.say(`${saved === 1 ? '1 shared file' : `${saved} shared files`} saved to Inbox.`);
      if (shared.result.failed.length) this.showError('Couldn\'t save a shared file', shared.result.failed[0].error);
      this.router.go({ page: 'files', folderId: shared.folderId });
    } catch (e) {
      this.showError('Couldn\'t save the shared files', e);
    }
  }

  private loadTree(): Promise<void> {
    if (this.treeLoad) return this.treeLoad;
    this.treeLoad = (async () => {
      try {
        const tree = await this.client!.listTree();
        this.index = new VaultIndex(tree);
        this.indexVersion++;
        this.usage = await this.client!.usage();
      } catch (e) {
        this.showError('Couldn\'t load your files', e);
      } finally {
        this.treeLoad = null;
      }
    })();
    return this.treeLoad;
  }

  private onEvent(e: VaultEvent): void {
    switch (e.type) {
      case 'status': this.setStatus(e.status); break;
      case 'nodes':
        if (this.index?.apply(e.revision, e.upserted, e.removed, e.local)) this.indexVersion++;
        break;
      case 'usage': this.usage = e.usage; break;
      case 'connection':
        this.online = e.online;
        this.say(e.online ? 'Connection restored.' : 'Connection lost. Changes will be sent when it is back.', !e.online);
        break;
      case 'offline-changes': this.offlineChangesChanged(e.changes, e.report); break;
      case 'problem': this.showError('Problem', e.error); break;
    }
  }

  private offlineChangesChanged(changes: readonly OfflineChange[], report?: OfflineSendReport): void {
    this.offlineChanges = changes;
    if (!report) return;
    if (report.sent > 0) this.say(`${report.sent} ${report.sent === 1 ? 'change' : 'changes'} made offline ${report.sent === 1 ? 'was' : 'were'} sent.`);
    for (const note of report.notes) this.notify('info', 'A change made offline', note);
  }

  private notify(tone: Notice['tone'], title: string, message: string): void {
    const notice: Notice = { id: ++this.noticeId, tone, title, message };
    this.notices = [...this.notices.slice(-3), notice];
    setTimeout(() => { this.notices = this.notices.filter((n) => n.id !== notice.id); }, 12_000);
  }

  private onRoute(r: Route): void {
    this.route = r;
    this.sidebarOpen = false;
    if (r.page !== 'settings') this.startRecovery = false;
    document.title = this.titleFor(r);
  }

  private setFilter(f: NodeFilter): void {
    this.filter = f;
    if (this.route.page !== 'files' && this.route.page !== 'trash' && f.text) this.router.go({ page: 'files', folderId: null });
  }

  private titleFor(r: Route): string {
    const names: Partial<Record<Route['page'], string>> = { login: 'Log in', signup: 'Create vault', trash: 'Trash', settings: 'Settings', devices: 'Devices', shares: 'My shares', share: 'Shared files' };
    if (r.page === 'files') return `${(r.folderId && this.index?.get(r.folderId)?.name) || 'Home'} – Veilbox`;
    return names[r.page] ? `${names[r.page]} – Veilbox` : 'Veilbox';
  }

  private say(message: string, assertive = false): void {
    // Clearing first makes a repeated message announce again.
    if (assertive) { this.assertiveText = ''; requestAnimationFrame(() => { this.assertiveText = message; }); }
    else { this.politeText = ''; requestAnimationFrame(() => { this.politeText = message; }); }
  }

  private showError(action: string, error: unknown): void {
    const t = describeError(error);
    const notice: Notice = { id: ++this.noticeId, tone: 'error', title: t.title === 'Cancelled' ? t.title : `${action}: ${t.title.toLowerCase()}`, message: t.message };
    this.notices = [...this.notices.slice(-3), notice];
    this.say(`${notice.title}. ${t.message}`, true);
    setTimeout(() => { this.notices = this.notices.filter((n) => n.id !== notice.id); }, 12_000);
  }

  private async run(action: string, what: () => Promise<unknown>): Promise<void> {
    try { await what(); } catch (e) { this.showError(action, e); }
  }

  private fix(f: BannerFix): void {
    if (f === 'forget-device') {
      void this.run('Couldn\'t forget this device', async () => {
        await this.client!.forgetDevice();
        this.say('This device is forgotten. The vault will need your password here again.');
      });
    } else {
      this.startRecovery = true;
      this.router.go({ page: 'settings' });
    }
  }

  private readonly onGlobalKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.sidebarOpen) { this.sidebarOpen = false; return; }
    const target = e.composedPath()[0];
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (!typing && (e.key === '/' || (e.key === 'f' && (e.ctrlKey || e.metaKey))) && this.topBar) {
      e.preventDefault();
      this.topBar.focusSearch();
    }
  };

  // ---- render ----

  private usageText(): string {
    const u = this.usage;
    if (!u) return '';
    return u.quotaBytes !== null ? `${formatBytes(u.usedBytes)} of ${formatBytes(u.quotaBytes)} used` : `${formatBytes(u.usedBytes)} used`;
  }

  private page() {
    const c = this.client!;
    const s = this.status;
    const r = this.route;
    if (r.page === 'share') return html`<vb-share-page .client=${this.shareClient} shareId=${r.shareId}></vb-share-page>`;
    if (r.page === 'drop') return html`<vb-drop-page .drops=${this.dropClient} dropId=${r.dropId}></vb-drop-page>`;
    if (r.page === 'pair') return html`<vb-unavailable-page heading="Pair a device" message="Pairing comes with the device pairing feature, which is not in this version yet."></vb-unavailable-page>`;
    if (r.page === 'not-found') return html`<vb-unavailable-page></vb-unavailable-page>`;
    // An unlocked vault stays on sign-up until the recovery key is confirmed (setStatus moves it on after).
    if (r.page === 'signup') return html`<vb-signup-page .client=${c}></vb-signup-page>`;
    if (s?.state !== 'unlocked') return html`<vb-login-page .client=${c} .status=${s}></vb-login-page>`;
    switch (r.page) {
      case 'settings': return html`<vb-settings-page .client=${c} .status=${s} .usage=${this.usage} .installOffer=${this.installOffer} ?startRecovery=${this.startRecovery}></vb-settings-page>`;
      case 'devices': return html`<vb-devices-page .client=${c} .pairing=${this.pairingClient} .helpers=${this.helperClient}></vb-devices-page>`;
      case 'shares': return html`<vb-shares-page .client=${this.shareClient}></vb-shares-page>`;
      case 'sync': return html`<vb-sync-page .client=${c} .sync=${this.folderSyncClient}></vb-sync-page>`;
      default: {
        const folderId = r.page === 'files' ? r.folderId : null;
        return html`<vb-files-page .client=${c} .index=${this.index} .indexVersion=${this.indexVersion}
          .folderId=${folderId} ?trashView=${r.page === 'trash'} .filter=${this.filter} ?sidebarOpen=${this.sidebarOpen}
          usageText=${this.usageText()}></vb-files-page>`;
      }
    }
  }

  override render() {
    if (!this.client) {
      const t = this.startError ? describeError(this.startError) : null;
      return html`<div class="boot" role=${t ? 'alert' : 'status'}>${t ? html`<div><h1>Veilbox can't start</h1><p>${t.message}</p></div>` : 'Starting Veilbox…'}</div>`;
    }
    if (!this.status) return html`<div class="boot" role="status">Starting Veilbox…</div>`;
    const inVault = this.status.state === 'unlocked' && needsVault(this.route);
    const onFiles = inVault && (this.route.page === 'files' || this.route.page === 'trash' || this.route.page === 'home');
    return html`
      ${onFiles ? html`<a class="skip" href="#" @click=${(e: Event) => { e.preventDefault(); this.renderRoot.querySelector('vb-files-page')?.shadowRoot?.querySelector('vb-file-grid')?.focusList(); }}>Skip to files</a>` : ''}
      ${inVault ? html`<vb-top-bar .status=${this.status} ?online=${this.online} .searchText=${this.filter.text} current=${onFiles ? 'files' : this.route.page}></vb-top-bar>
        <vb-warning-banner .status=${this.status}></vb-warning-banner>
        <vb-offline-changes .changes=${this.offlineChanges} ?online=${this.online}></vb-offline-changes>
        <vb-share-dialog .client=${this.shareClient}></vb-share-dialog>
        <vb-receive-dialog .drops=${this.dropClient}></vb-receive-dialog>` : ''}
      <div class="content ${onFiles ? 'files' : ''}">${this.page()}</div>
      <vb-update-prompt .updates=${this.updates} .transfers=${this.transfers}></vb-update-prompt>
      <vb-notices .notices=${this.notices} @vb-dismiss=${(e: CustomEvent<number>) => { this.notices = this.notices.filter((n) => n.id !== e.detail); }}></vb-notices>
      <div class="visually-hidden" role="status" aria-live="polite">${this.politeText}</div>
      <div class="visually-hidden" role="alert" aria-live="assertive">${this.assertiveText}</div>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-app': VbApp } }
