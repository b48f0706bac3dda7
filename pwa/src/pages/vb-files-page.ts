// <vb-files-page>: the file manager: folder tree, the file list (a folder, the trash, or search
// results), the details panel, uploads and the dialogs for create, rename, move and delete. It owns
// the selection and sort; the index and the filter come from <vb-app>, data changes go to the client.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, property, state, query } from 'lit/decorators.js';
import type { NodeId, UploadItem, VaultClient, VaultNode } from '../state/vault-client.js';
import type { VaultIndex } from '../state/vault-index.js';
import { sortNodes, toggleSort, defaultSort, type SortOrder, type SortKey } from '../state/sort.js';
import { emptySelection, pruneSelection, selectedInOrder, clickSelect, type Selection } from '../state/selection.js';
import { filterNodes, isFilterActive, locationLookup, type NodeFilter } from '../state/search.js';
import { nameProblem } from '../state/conflict-names.js';
import { formatBytes, plural } from '../state/format.js';
import { sharedStyles } from '../components/shared-styles.js';
import { announce, navigate, reportError } from '../components/events.js';
import { itemsFromDrop, itemsFromInput, hasExternalFiles } from '../transfers/collect-files.js';
import { saveNode } from '../transfers/save-file.js';
import type { VbFileGrid, MoveDropDetail } from '../components/vb-file-grid.js';
import type { VbFolderTree } from '../components/vb-folder-tree.js';
import type { VbNameDialog } from '../components/vb-name-dialog.js';
import type { VbMoveDialog } from '../components/vb-move-dialog.js';
import type { VbConfirmDialog } from '../components/vb-confirm-dialog.js';
import type { NodeAction } from '../components/vb-details-panel.js';
import '../components/vb-file-grid.js';
import '../components/vb-folder-tree.js';
import '../components/vb-details-panel.js';
import '../components/vb-filter-bar.js';
import '../components/vb-upload-panel.js';
import '../components/vb-name-dialog.js';
import '../components/vb-move-dialog.js';
import '../components/vb-confirm-dialog.js';
import { requestReceive } from '../components/vb-receive-dialog.js';
import '../components/vb-resume-uploads.js';
import { styleProps } from '../components/style-props.js';
import { RepaintThrottle } from '../state/repaint-throttle.js';

/** The sort menu: every column and direction, for phone widths (hidden columns) and as a plain control. */
const sortChoices: readonly { value: `${SortKey}-${'asc' | 'desc'}`; label: string }[] = [
  { value: 'name-asc', label: 'Name A–Z' }, { value: 'name-desc', label: 'Name Z–A' },
  { value: 'mtime-desc', label: 'Newest first' }, { value: 'mtime-asc', label: 'Oldest first' },
  { value: 'size-desc', label: 'Largest first' }, { value: 'size-asc', label: 'Smallest first' },
  { value: 'type-asc', label: 'Type' },
];

@customElement('vb-files-page')
export class VbFilesPage extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: grid; grid-template-columns: 240px minmax(0, 1fr) 320px; height: 100%; min-height: 0; }
    aside.side { border-right: 1px solid var(--vb-border); background: var(--vb-surface); overflow-y: auto; padding: 12px 8px; display: flex; flex-direction: column; gap: 8px; }
    .side a.trash { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-radius: 6px; color: var(--vb-text); text-decoration: none; }
    .side a.trash:hover { background: var(--vb-surface-2); }
    .side a.trash[aria-current=page] { background: var(--vb-accent-soft); font-weight: 600; }
    .trash-icon { width: 12px; height: 13px; border: 1.5px solid currentColor; border-top-width: 3px; border-radius: 0 0 3px 3px; margin: 0 3px; }
    .usage { margin-top: auto; font-size: 0.82em; color: var(--vb-muted); padding: 8px; }
    main { display: flex; flex-direction: column; min-width: 0; min-height: 0; position: relative; background: var(--vb-surface); }
    .toolbar { display: flex; gap: 8px; align-items: center; padding: 10px 16px; flex-wrap: wrap; border-bottom: 1px solid var(--vb-border); }
    nav.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 2px; margin: 0; padding: 0; align-items: center; font-size: 1.05rem; }
    nav.crumbs li + li::before { content: '›'; color: var(--vb-muted); margin: 0 4px; }
    nav.crumbs a { color: var(--vb-muted); text-decoration: none; padding: 2px 4px; border-radius: 4px; }
    nav.crumbs a:hover { color: var(--vb-text); background: var(--vb-surface-2); }
    nav.crumbs [aria-current=page] { color: var(--vb-text); font-weight: 600; }
    .filters { padding: 8px 16px; border-bottom: 1px solid var(--vb-border); display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
    .count { color: var(--vb-muted); font-size: 0.88em; margin-left: auto; white-space: nowrap; }
    @media (min-width: 721px) { .filters { flex-wrap: nowrap; } vb-filter-bar { min-width: 0; } }
    .sort { font-weight: 400; }
    .sort select { width: auto; min-height: 32px; padding: 4px 8px; font-size: 0.9em; border-radius: 999px; }
    .drop-overlay { position: absolute; inset: 8px; border: 2px dashed var(--vb-accent); border-radius: 12px; background: color-mix(in srgb, var(--vb-accent-soft) 85%, transparent); display: grid; place-items: center; font-weight: 600; font-size: 1.1rem; pointer-events: none; z-index: 5; }
    .download { display: flex; gap: 12px; align-items: center; padding: 8px 16px; border-top: 1px solid var(--vb-border); font-size: 0.9em; }
    .download span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .dbar { flex: 1; height: 6px; border-radius: 3px; background: var(--vb-surface-2); overflow: hidden; min-width: 60px; }
    .dbar div { height: 100%; background: var(--vb-accent); }
    /* The details column is always there on wide screens, so selecting never reflows the list under the pointer. */
    aside.details { border-left: 1px solid var(--vb-border); background: var(--vb-surface); min-height: 0; overflow-y: auto; }
    .scrim { display: none; }
    input[type=file] { display: none; }
    @media (min-width: 1001px) { .narrow-only { display: none; } }
    @media (max-width: 1000px) {
      :host { grid-template-columns: 220px minmax(0, 1fr); }
      aside.details { position: fixed; right: 0; top: 0; bottom: 0; width: min(360px, 100vw); z-index: 30; box-shadow: var(--vb-shadow); }
      aside.details.closed { display: none; }
    }
    @media (max-width: 720px) {
      :host { grid-template-columns: minmax(0, 1fr); }
      aside.side { position: fixed; left: 0; top: 0; bottom: 0; width: min(300px, 85vw); z-index: 30; box-shadow: var(--vb-shadow); }
      aside.side.closed { display: none; }
      .scrim.open { display: block; position: fixed; inset: 0; background: rgb(10 14 25 / 40%); z-index: 25; }
      aside.details { top: auto; height: 75vh; width: 100vw; border-radius: 14px 14px 0 0; }
      .toolbar { padding: 8px 12px; }
      .toolbar button { min-height: 34px; padding: 0 10px; }
      .wide-only { display: none; }
      .toolbar nav.crumbs { flex-basis: 100%; }
      .filters { padding: 6px 12px; gap: 6px 12px; }
      vb-filter-bar { flex-basis: 100%; }
    }
  `];

  @property({ attribute: false }) client!: VaultClient;
  @property({ attribute: false }) index: VaultIndex | null = null;
  @property({ type: Number }) indexVersion = 0;
  @property() folderId: NodeId | null = null;
  @property({ type: Boolean }) trashView = false;
  @property({ attribute: false }) filter!: NodeFilter;
  @property({ type: Boolean }) sidebarOpen = false;
  @property() usageText = '';

  @state() private selection: Selection = emptySelection;
  @state() private sort: SortOrder = defaultSort;
  @state() private detailsOpen = false;
  @state() private uploadItems: readonly UploadItem[] | null = null;
  @state() private dragging = false;
  @state() private download: { name: string; done: number; total: number; abort: AbortController } | null = null;
  @query('vb-file-grid') private grid!: VbFileGrid;
  @query('vb-folder-tree') private tree!: VbFolderTree;
  @query('vb-name-dialog') private nameDialog!: VbNameDialog;
  @query('vb-move-dialog') private moveDialog!: VbMoveDialog;
  @query('vb-confirm-dialog') private confirmDialog!: VbConfirmDialog;

  private rowsCache: { key: string; rows: VaultNode[]; locations: ((node: VaultNode) => string) | null } | null = null;
  /** Every live node in sort order, kept per index version and sort (see filterNodes). */
  private sortedLive: { key: string; nodes: VaultNode[] } | null = null;
  private lastOrder: string[] = [];
  private dragDepth = 0;

  private get folder(): VaultNode | undefined {
    return this.index?.get(this.folderId ?? this.index.rootId);
  }

  private get searching(): boolean { return !!this.filter && isFilterActive(this.filter); }

  /** Sorting 10,000 rows costs a few ms, so rows are recomputed only when what they depend on changed. */
  private rows(): { rows: VaultNode[]; locations: ((node: VaultNode) => string) | null } {
    const ix = this.index;
    if (!ix) return { rows: [], locations: null };
    const key = JSON.stringify([this.indexVersion, this.folderId, this.trashView, this.filter, this.sort]);
    if (this.rowsCache?.key === key) return this.rowsCache;
    let rows: VaultNode[];
    let locations: ((node: VaultNode) => string) | null = null;
    if (this.searching) {
      const liveKey = JSON.stringify([this.indexVersion, this.sort]);
      if (this.sortedLive?.key !== liveKey) this.sortedLive = { key: liveKey, nodes: sortNodes(ix.liveNodes(), this.sort) };
      rows = filterNodes(ix, this.sortedLive.nodes, this.filter);
      locations = locationLookup(ix);
    } else if (this.trashView) {
      rows = sortNodes(ix.trashedNodes(), this.sort);
    } else {
      rows = sortNodes(ix.childrenOf(this.folderId ?? ix.rootId), this.sort);
    }
    this.rowsCache = { key, rows, locations };
    return this.rowsCache;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('folderId') || changed.has('trashView')) {
      // Going up a level puts the focus on the folder we came from, as file managers do.
      const from = changed.get('folderId');
      const cameFromChild = !this.trashView && typeof from === 'string' && this.index?.get(from)?.parentId === (this.folderId ?? this.index?.rootId);
      this.selection = cameFromChild ? clickSelect(emptySelection, [], from, { toggle: false, range: false }) : emptySelection;
      this.detailsOpen = false;
    }
    const order = this.rows().rows.map((n) => n.id);
    this.selection = pruneSelection(this.selection, order, this.lastOrder);
    this.lastOrder = order;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Escape closes the details sheet (it covers the list at phone width).
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.detailsOpen && !e.defaultPrevented && !e.composedPath().some((n) => n instanceof HTMLDialogElement)) { this.detailsOpen = false; this.grid?.focusList(); }
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('sidebarOpen') && this.sidebarOpen) this.tree?.focusCurrent();
    // Opening a folder from the keyboard keeps the keyboard in the list, on the new folder's first row.
    if ((changed.has('folderId') || changed.has('trashView')) && this.grid?.shadowRoot?.activeElement) this.grid.focusList();
    if ((changed.has('folderId') || changed.has('trashView')) && changed.get('folderId') !== undefined) {
      announce(this, this.trashView ? 'Trash' : `Folder ${this.folder?.name || 'Home'}, ${plural(this.rows().rows.length, 'item')}.`);
    }
  }

  /** Selected nodes in list order. */
  private selected(): VaultNode[] {
    const { rows } = this.rows();
    return selectedInOrder(this.selection, rows.map((n) => n.id)).map((id) => this.index!.get(id)!).filter(Boolean);
  }

  private async guard(action: string, run: () => Promise<void>): Promise<void> {
    try { await run(); } catch (e) { reportError(this, action, e); }
  }

  // ---- actions ----

  private async createFolder(): Promise<void> {
    const parent = this.folderId ?? this.index!.rootId;
    const taken = new Set(this.index!.namesIn(parent).keys());
    const name = await this.nameDialog.ask({ title: 'New folder', label: 'Folder name', initial: '', submitLabel: 'Create', check: (n) => nameProblem(n, taken) });
    if (name === null) return;
    await this.guard('Couldn\'t create the folder', async () => {
      const node = await this.client.createFolder(parent, name);
      announce(this, `Folder ${name} created.`);
      this.selection = clickSelect(emptySelection, [], node.id, { toggle: false, range: false });
    });
  }

  private async rename(id: NodeId): Promise<void> {
    const node = this.index?.get(id);
    if (!node || this.trashView) return;
    const taken = new Set(this.index!.namesIn(node.parentId ?? this.index!.rootId).keys());
    const name = await this.nameDialog.ask({ title: `Rename ${node.type}`, label: 'New name', initial: node.name, submitLabel: 'Rename', check: (n) => nameProblem(n, taken, node.name) });
    if (name === null || name === node.name) return;
    await this.guard('Couldn\'t rename', async () => {
      await this.client.rename(id, name);
      announce(this, `Renamed to ${name}.`);
    });
    this.grid?.focusList();
  }

  private async move(ids: readonly NodeId[], target?: NodeId): Promise<void> {
    if (!ids.length || !this.index) return;
    const dest = target ?? await this.moveDialog.ask(this.index, ids);
    if (!dest) return;
    if (ids.some((id) => this.index!.isWithin(dest, id))) {
      announce(this, 'A folder can\'t be moved into itself.', true);
      return;
    }
    const destName = this.index.get(dest)?.name || 'Home';
    await this.guard('Couldn\'t move', async () => {
      await this.client.move(ids, dest);
      announce(this, `Moved ${plural(ids.length, 'item')} to ${destName}.`);
    });
  }

  private async trash(ids: readonly NodeId[]): Promise<void> {
    if (!ids.length) return;
    await this.guard('Couldn\'t delete', async () => {
      await this.client.trash(ids);
      announce(this, `Moved ${plural(ids.length, 'item')} to the trash. Restore from Trash.`);
    });
    this.grid?.focusList();
  }

  private async restore(ids: readonly NodeId[]): Promise<void> {
    await this.guard('Couldn\'t restore', async () => {
      await this.client.restore(ids);
      announce(this, `Restored ${plural(ids.length, 'item')}.`);
    });
  }

  private async deleteForever(ids: readonly NodeId[]): Promise<void> {
    const ok = await this.confirmDialog.ask({
      title: `Delete ${plural(ids.length, 'item')} forever?`,
      message: 'They are removed from the server with their old versions. This can\'t be undone.',
      choices: [{ value: 'yes', label: 'Delete forever', tone: 'danger' }],
    });
    if (ok !== 'yes') return;
    await this.guard('Couldn\'t delete', async () => {
      await this.client.deleteForever(ids);
      announce(this, `Deleted ${plural(ids.length, 'item')} forever.`);
    });
  }

  private async emptyTrash(): Promise<void> {
    const n = this.index?.trashedNodes().length ?? 0;
    if (!n) return;
    const ok = await this.confirmDialog.ask({
      title: 'Empty the trash?',
      message: `${plural(n, 'item')} and everything inside ${n === 1 ? 'it' : 'them'} will be deleted from the server for good.`,
      choices: [{ value: 'yes', label: 'Empty trash', tone: 'danger' }],
    });
    if (ok !== 'yes') return;
    await this.guard('Couldn\'t empty the trash', async () => {
      await this.client.emptyTrash();
      announce(this, 'Trash emptied.');
    });
  }

  private async save(node: VaultNode): Promise<void> {
    if (this.download) { announce(this, 'Wait for the current download to finish, or cancel it.', true); return; }
    const abort = new AbortController();
    this.download = { name: node.name, done: 0, total: node.size, abort };
    let latest = { done: 0, total: node.size };
    const repaint = new RepaintThrottle(() => { if (this.download?.abort === abort) this.download = { ...this.download, ...latest }; });
    announce(this, `Downloading ${node.name}…`);
    try {
      const saved = await saveNode(this.client, node, {
        signal: abort.signal,
        onProgress: (done, total) => { latest = { done, total }; repaint.request(); },
      });
      if (saved) announce(this, `${node.name} saved.`);
    } catch (e) {
      if (!abort.signal.aborted) reportError(this, 'Couldn\'t download', e);
      else announce(this, 'Download cancelled.');
    } finally {
      repaint.cancel();
      this.download = null;
    }
  }

  /** Shows a folder; the sidebar tree leads here from the trash and from search results too. */
  private openFolder(id: NodeId): void {
    navigate(this, { page: 'files', folderId: id === this.index!.rootId ? null : id });
    this.dispatchEvent(new CustomEvent<string>('vb-search', { detail: '', bubbles: true, composed: true }));
  }

  private open(id: NodeId): void {
    const n = this.index?.get(id);
    if (!n) return;
    if (n.type === 'folder' && !this.trashView) {
      this.openFolder(n.id);
    } else {
      this.selection = clickSelect(this.selection, [], id, { toggle: false, range: false });
      this.detailsOpen = true;
    }
  }

  private onAction(e: CustomEvent<{ action: NodeAction; ids: string[] }>): void {
    const { action, ids } = e.detail;
    const first = ids[0] ? this.index?.get(ids[0]) : undefined;
    switch (action) {
      case 'download': if (first) void this.save(first); break;
      case 'rename': if (first) void this.rename(first.id); break;
      case 'move': void this.move(ids); break;
      case 'trash': void this.trash(ids); break;
      case 'restore': void this.restore(ids); break;
      case 'delete-forever': void this.deleteForever(ids); break;
      case 'open': if (first) this.open(first.id); break;
    }
  }

  private onSortSelect(e: Event): void {
    const [key, direction] = (e.target as HTMLSelectElement).value.split('-') as [SortKey, 'asc' | 'desc'];
    this.sort = { key, direction };
    announce(this, `Sorted: ${sortChoices.find((c) => c.value === `${key}-${direction}`)?.label ?? key}.`);
  }

  /** Alt+↑ (and Backspace in the list, as in file managers) opens the parent folder. */
  private onMainKey(e: KeyboardEvent): void {
    const inList = e.composedPath().some((n) => n === this.grid);
    if (!((e.altKey && e.key === 'ArrowUp') || (inList && e.key === 'Backspace' && !e.ctrlKey && !e.metaKey))) return;
    const parent = this.folder?.parentId;
    if (this.trashView || this.searching || !parent) return;
    e.preventDefault();
    navigate(this, { page: 'files', folderId: parent === this.index!.rootId ? null : parent });
  }

  // ---- uploads ----

  private startUpload(items: UploadItem[], skipped = 0): void {
    if (skipped) announce(this, `${plural(skipped, 'item')} couldn't be read and were left out.`, true);
    if (!items.length) return;
    const panel = this.renderRoot.querySelector('vb-upload-panel');
    if (panel?.uploading) { announce(this, 'Wait for the current upload to finish, or cancel it.', true); return; }
    if (!panel?.add(items)) this.uploadItems = items;
  }

  private onDragEnter(e: DragEvent): void {
    if (this.trashView || !hasExternalFiles(e.dataTransfer)) return;
    this.dragDepth++;
    this.dragging = true;
  }

  private onDragOver(e: DragEvent): void {
    if (this.trashView || !hasExternalFiles(e.dataTransfer)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
  }

  private onDragLeave(): void {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (!this.dragDepth) this.dragging = false;
  }

  private async onDrop(e: DragEvent): Promise<void> {
    this.dragDepth = 0;
    this.dragging = false;
    if (this.trashView || !hasExternalFiles(e.dataTransfer)) return;
    e.preventDefault();
    const { items, skipped } = await itemsFromDrop(e.dataTransfer!);
    this.startUpload(items, skipped);
  }

  private pick(folder: boolean): void {
    this.renderRoot.querySelector<HTMLInputElement>(folder ? '#pick-folder' : '#pick-files')?.click();
  }

  private onPicked(e: Event): void {
    const input = e.target as HTMLInputElement;
    this.startUpload(itemsFromInput(input.files));
    input.value = '';
  }

  // ---- render ----

  private crumbs() {
    if (!this.index) return html``;
    if (this.searching) return html`<h1 class="visually-hidden">Search results</h1><nav class="crumbs" aria-label="Breadcrumb"><ol><li aria-current="page">Search results</li></ol></nav>`;
    if (this.trashView) return html`<nav class="crumbs" aria-label="Breadcrumb"><ol><li aria-current="page"><h1 class="visually-hidden">Trash</h1>Trash</li></ol></nav>`;
    const path = this.index.pathTo(this.folderId ?? this.index.rootId);
    return html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${path.map((n, i) => {
      const name = i === 0 ? 'Home' : n.name;
      return i === path.length - 1
        ? html`<li aria-current="page"><h1 class="visually-hidden">${name}</h1>${name}</li>`
        : html`<li><a href=${i === 0 ? '/files' : `/files/${n.id}`}>${name}</a></li>`;
    })}</ol></nav>`;
  }

  override render() {
    const ix = this.index;
    if (!ix) return html`<p>Loading your vault…</p>`;
    const { rows, locations } = this.rows();
    const selected = this.selected();
    const folderName = this.folder?.name || 'Home';
    const trashCount = ix.trashedNodes().length;
    const totalSize = rows.reduce((s, n) => s + n.size, 0);
    return html`
      <div class="scrim ${this.sidebarOpen ? 'open' : ''}" @click=${() => this.dispatchEvent(new CustomEvent('vb-toggle-sidebar', { bubbles: true, composed: true }))}></div>
      <aside class="side ${this.sidebarOpen ? '' : 'closed'}" aria-label="Folders and trash">
        <vb-folder-tree .index=${ix} .indexVersion=${this.indexVersion} .currentId=${this.trashView ? null : (this.folderId ?? ix.rootId)}
          @vb-open-folder=${(e: CustomEvent<NodeId>) => this.openFolder(e.detail)}
          @vb-move-drop=${(e: CustomEvent<MoveDropDetail>) => this.move(e.detail.ids, e.detail.targetId)}></vb-folder-tree>
        <a class="trash" href="/trash" aria-current=${this.trashView ? 'page' : 'false'}><span class="trash-icon" aria-hidden="true"></span> Trash ${trashCount ? html`<span class="hint">(${trashCount})</span>` : ''}</a>
        ${this.usageText ? html`<div class="usage">${this.usageText}</div>` : ''}
      </aside>
      <main @keydown=${this.onMainKey} @dragenter=${this.onDragEnter} @dragover=${this.onDragOver} @dragleave=${this.onDragLeave} @drop=${this.onDrop}>
        <div class="toolbar">
          ${this.crumbs()}
          <span class="spacer"></span>
          ${selected.length ? html`<button class="narrow-only" @click=${() => { this.detailsOpen = true; }}>Details</button>` : ''}
          ${this.searching ? '' : this.trashView ? html`<button class="danger" ?disabled=${!trashCount} @click=${this.emptyTrash}>Empty trash</button>` : html`
            <button @click=${this.createFolder}><span aria-hidden="true">+</span> New folder</button>
            <button @click=${() => this.pick(false)}><span aria-hidden="true">↑</span> Upload files</button>
            <button class="wide-only" @click=${() => this.pick(true)}><span aria-hidden="true">↑</span> Upload folder</button>
            <button class="wide-only" @click=${() => requestReceive(this, this.folderId ?? ix.rootId)}>Receive from phone</button>
            <input id="pick-files" type="file" multiple @change=${this.onPicked} />
            <input id="pick-folder" type="file" webkitdirectory @change=${this.onPicked} />`}
        </div>
        ${this.trashView ? '' : html`<vb-resume-uploads .client=${this.client}></vb-resume-uploads>`}
        <div class="filters">
          <vb-filter-bar .filter=${this.filter}></vb-filter-bar>
          <label class="sort"><span class="visually-hidden">Sort</span>
            <select @change=${this.onSortSelect}>
              ${sortChoices.map((c) => html`<option value=${c.value} ?selected=${c.value === `${this.sort.key}-${this.sort.direction}`}>${c.label}</option>`)}
            </select></label>
          <span class="count" role="status">${this.searching ? `${plural(rows.length, 'match', 'matches')}` : plural(rows.length, 'item')}${totalSize ? ` · ${formatBytes(totalSize)}` : ''}</span>
        </div>
        <vb-file-grid .nodes=${rows} .selection=${this.selection} .sort=${this.sort} .locations=${locations}
          .movable=${!this.trashView}
          label=${this.searching ? 'Search results' : this.trashView ? 'Trash' : `Files in ${folderName}`}
          emptyText=${this.searching ? 'Nothing matches. Try fewer words or clear the filters.' : this.trashView ? 'The trash is empty.' : 'This folder is empty. Drop files here or use Upload.'}
          @vb-selection-change=${(e: CustomEvent<Selection>) => { this.selection = e.detail; }}
          @vb-sort=${(e: CustomEvent<SortKey>) => { this.sort = toggleSort(this.sort, e.detail); announce(this, `Sorted by ${e.detail === 'mtime' ? 'date' : e.detail}, ${this.sort.direction === 'asc' ? 'ascending' : 'descending'}.`); }}
          @vb-open=${(e: CustomEvent<NodeId>) => this.open(e.detail)}
          @vb-rename-request=${(e: CustomEvent<NodeId>) => this.rename(e.detail)}
          @vb-delete-request=${() => { const ids = selected.map((n) => n.id); if (this.trashView) void this.deleteForever(ids); else void this.trash(ids); }}
          @vb-move-drop=${(e: CustomEvent<MoveDropDetail>) => this.move(e.detail.ids, e.detail.targetId)}></vb-file-grid>
        ${this.download ? html`<div class="download" role="status">
          <span>Downloading ${this.download.name}${this.download.total ? ` · ${Math.floor((this.download.done / this.download.total) * 100)}%` : ''}</span>
          <div class="dbar" aria-hidden="true"><div ${styleProps({ width: `${this.download.total ? (this.download.done / this.download.total) * 100 : 0}%` })}></div></div>
          <button @click=${() => this.download?.abort.abort()}>Cancel</button></div>` : ''}
        ${this.dragging ? html`<div class="drop-overlay" aria-hidden="true">Drop to upload to ${folderName}</div>` : ''}
      </main>
      <aside class="details ${this.detailsOpen ? '' : 'closed'}" aria-label="Details">
        <vb-details-panel .client=${this.client} .index=${ix} .nodes=${selected} ?inTrash=${this.trashView}
          @vb-action=${this.onAction} @vb-close-details=${() => { this.detailsOpen = false; this.selection = { ...this.selection, selected: new Set() }; this.grid?.focusList(); }}></vb-details-panel>
      </aside>
      ${this.uploadItems ? html`<vb-upload-panel .client=${this.client} .items=${this.uploadItems} targetId=${this.folderId ?? ix.rootId}
          targetName=${folderName} .existing=${ix.namesIn(this.folderId ?? ix.rootId)}
          @vb-upload-close=${() => { this.uploadItems = null; void this.renderRoot.querySelector('vb-resume-uploads')?.refresh(); }}></vb-upload-panel>` : ''}
      <vb-name-dialog></vb-name-dialog>
      <vb-move-dialog></vb-move-dialog>
      <vb-confirm-dialog></vb-confirm-dialog>`;
  }
}

declare global { interface HTMLElementTagNameMap { 'vb-files-page': VbFilesPage } }
