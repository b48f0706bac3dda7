// An in-memory VaultClient for the dev page and screenshot checks only: no crypto, no relay, never
// imported by the shipped app (main.ts uses state/connect.ts). Simulates latency, upload progress,
// versions, devices and live events so the UI can be exercised end to end.
import type {
  ByteSpan, DeviceInfo, DownloadLink, DownloadTarget, FileVersion, NodeId, PendingUpload, PreviewHandle, RecoveryKeySheet,
  StorageUsage, UploadItem, UploadOptions, UploadResult, VaultClient, VaultEvent, VaultNode, VaultStatus, VaultTree,
} from '../vault-client.js';
import { vaultError } from '../vault-error.js';
import { nextFreeName } from '../conflict-names.js';

export interface MemoryClientOptions {
  /** Extra generated files (spread over folders) to exercise the virtualized list. */
  readonly bulkFiles?: number;
  readonly startState?: 'signed-out' | 'locked' | 'unlocked';
  readonly recoveryKeyConfirmed?: boolean;
  readonly deviceRemembered?: boolean;
  /** Simulated upload speed, bytes per second. */
  readonly uploadSpeed?: number;
}

const DAY = 86_400_000;
const wait = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); reject(vaultError('cancelled')); }, { once: true });
});

export class MemoryVaultClient implements VaultClient {
  private readonly nodes = new Map<NodeId, VaultNode>();
  private readonly versionLog = new Map<NodeId, FileVersion[]>();
  private readonly listeners = new Set<(e: VaultEvent) => void>();
  private revision = 1;
  private seq = 0;
  private status: VaultStatus;
  private devices: DeviceInfo[];
  private readonly login = 'alice';
  private password = 'correct horse battery staple';
  readonly rootId = 'root';
  private readonly speed: number;

  constructor(private readonly options: MemoryClientOptions = {}) {
    this.speed = options.uploadSpeed ?? 12 * 1024 * 1024;
    const st = options.startState ?? 'unlocked';
    this.status = st === 'signed-out' ? { state: 'signed-out' }
      : st === 'locked' ? { state: 'locked', login: this.login, deviceRemembered: !!options.deviceRemembered }
      : { state: 'unlocked', login: this.login, unlockedWith: 'password', deviceRemembered: !!options.deviceRemembered, recoveryKeyConfirmed: options.recoveryKeyConfirmed ?? true };
    const now = Date.now();
    this.devices = [
      { id: 'd1', label: 'Windows helper on DESKTOP-7Q2', kind: 'helper', createdAt: now - 40 * DAY, lastSeenAt: now - 3600_000, current: false },
      { id: 'd2', label: 'Firefox on Pixel 8', kind: 'browser', createdAt: now - 12 * DAY, lastSeenAt: now - 2 * DAY, current: false },
    ];
    this.seed(now);
  }

  private id(): NodeId { return (++this.seq).toString(16).padStart(32, '0'); }

  private add(parentId: NodeId | null, type: 'file' | 'folder', name: string, size = 0, mtime = Date.now(), mediaType = ''): VaultNode {
    const n: VaultNode = { id: parentId === null ? this.rootId : this.id(), parentId, type, name, size, mtime, mediaType, version: 1, trashed: false, trashedAt: null, contentHash: null };
    this.nodes.set(n.id, n);
    if (type === 'file') this.versionLog.set(n.id, [{ version: 1, size, mtime, savedAt: mtime, current: true }]);
    return n;
  }

  private seed(now: number): void {
    this.add(null, 'folder', '');
    const docs = this.add(this.rootId, 'folder', 'Documents', 0, now - 5 * DAY);
    const photos = this.add(this.rootId, 'folder', 'Photos', 0, now - 2 * DAY);
    const trip = this.add(photos.id, 'folder', 'Lisbon 2026', 0, now - 30 * DAY);
    const code = this.add(this.rootId, 'folder', 'Projects', 0, now - 1 * DAY);
    this.add(code.id, 'folder', 'veilbox-notes', 0, now - DAY);
    const music = this.add(this.rootId, 'folder', 'Music', 0, now - 90 * DAY);
    this.add(this.rootId, 'file', 'Tax return 2025.pdf', 482_133, now - 20 * DAY, 'application/pdf');
    this.add(this.rootId, 'file', 'passport-scan.jpg', 2_311_004, now - 200 * DAY, 'image/jpeg');
    this.add(this.rootId, 'file', 'README.md', 3_204, now - 3600_000, 'text/markdown');
    this.add(this.rootId, 'file', 'budget.xlsx', 48_220, now - 9 * DAY, '');
    this.add(docs.id, 'file', 'Lease agreement.pdf', 1_203_331, now - 400 * DAY, 'application/pdf');
    this.add(docs.id, 'file', 'notes.txt', 912, now - 2 * DAY, 'text/plain');
    for (let i = 1; i <= 24; i++) this.add(trip.id, 'file', `IMG_${4200 + i}.jpg`, 2_000_000 + i * 91_331, now - 30 * DAY + i * 60_000, 'image/jpeg');
    this.add(code.id, 'file', 'main.ts', 4_100, now - DAY, 'text/typescript');
    this.add(music.id, 'file', 'demo tone.wav', 88_244, now - 50 * DAY, 'audio/wav');
    const report = this.add(docs.id, 'file', 'Quarterly report.docx', 220_114, now - 3 * DAY, '');
    this.versionLog.set(report.id, [
      { version: 3, size: 220_114, mtime: now - 3 * DAY, savedAt: now - 3 * DAY, current: true },
      { version: 2, size: 214_002, mtime: now - 6 * DAY, savedAt: now - 6 * DAY, current: false },
      { version: 1, size: 190_551, mtime: now - 11 * DAY, savedAt: now - 11 * DAY, current: false },
    ]);
    const old = this.add(this.rootId, 'file', 'old draft.txt', 1_000, now - 60 * DAY, 'text/plain');
    this.nodes.set(old.id, { ...old, trashed: true, trashedAt: now - 4 * DAY });
    const bulk = this.options.bulkFiles ?? 0;
    if (bulk) {
      const archive = this.add(this.rootId, 'folder', 'Archive', 0, now - 100 * DAY);
      const exts = [['pdf', 'application/pdf'], ['jpg', 'image/jpeg'], ['txt', 'text/plain'], ['mp4', 'video/mp4'], ['zip', 'application/zip']];
      for (let i = 0; i < bulk; i++) {
        const [ext, mt] = exts[i % exts.length];
        this.add(archive.id, 'file', `scan ${String(i + 1).padStart(5, '0')}.${ext}`, (i * 7919) % 5_000_000, now - (i % 900) * DAY / 3, mt);
      }
    }
  }

  private emit(e: VaultEvent): void { for (const l of this.listeners) l(e); }

  private changed(upserted: VaultNode[], removed: NodeId[] = []): void {
    this.revision++;
    // Delivered like the real client's live events: asynchronously, after the call resolves.
    setTimeout(() => { this.emit({ type: 'nodes', revision: this.revision, upserted, removed }); this.emit({ type: 'usage', usage: this.usageNow() }); }, 0);
  }

  private setStatus(s: VaultStatus): void {
    this.status = s;
    setTimeout(() => this.emit({ type: 'status', status: s }), 0);
  }

  private unlockedOrThrow(): Extract<VaultStatus, { state: 'unlocked' }> {
    if (this.status.state !== 'unlocked') throw vaultError('locked');
    return this.status;
  }

  private node(id: NodeId): VaultNode {
    const n = this.nodes.get(id);
    if (!n) throw vaultError('not-found', `no node ${id}`);
    return n;
  }

  private namesIn(parentId: NodeId, except?: NodeId): Set<string> {
    const out = new Set<string>();
    for (const n of this.nodes.values()) if (n.parentId === parentId && !n.trashed && n.id !== except) out.add(n.name.toLowerCase());
    return out;
  }

  private sheet(): RecoveryKeySheet {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const bytes = crypto.getRandomValues(new Uint8Array(130));
    const text = [...bytes].map((b) => alphabet[b % 32]).join('');
    return { text, qrPayload: text, keyFileText: `Veilbox recovery key for ${this.login}\n\n${text}\n`, keyFileName: `veilbox-recovery-key-${this.login}.txt` };
  }

  // ---- session ----
  async getStatus() { return this.status; }
  async signUp(login: string, password: string) {
    await wait(600);
    if (login === 'taken') throw vaultError('login-taken');
    this.password = password;
    this.setStatus({ state: 'unlocked', login, unlockedWith: 'password', deviceRemembered: false, recoveryKeyConfirmed: false });
    return { recoveryKey: this.sheet() };
  }
  async confirmRecoverySaved() { const s = this.unlockedOrThrow(); this.setStatus({ ...s, recoveryKeyConfirmed: true }); }
  async newRecoveryKey() { const s = this.unlockedOrThrow(); this.setStatus({ ...s, recoveryKeyConfirmed: false }); return this.sheet(); }
  async logIn(login: string, password: string, o?: { rememberDevice?: boolean }) {
    await wait(500);
    if (password !== this.password) throw vaultError('wrong-password');
    this.setStatus({ state: 'unlocked', login, unlockedWith: 'password', deviceRemembered: !!o?.rememberDevice, recoveryKeyConfirmed: true });
    return this.status;
  }
  async logInWithRecoveryKey(login: string, keyText: string) {
    await wait(500);
    if (keyText.replace(/[\s-]/g, '').length < 20) throw vaultError('wrong-recovery-key');
    this.setStatus({ state: 'unlocked', login, unlockedWith: 'recovery-key', deviceRemembered: false, recoveryKeyConfirmed: true });
    return this.status;
  }
  async unlockWithDevice() {
    if (this.status.state !== 'locked' || !this.status.deviceRemembered) throw vaultError('device-revoked');
    this.setStatus({ state: 'unlocked', login: this.status.login, unlockedWith: 'device', deviceRemembered: true, recoveryKeyConfirmed: true });
    return this.status;
  }
  async lock() { const s = this.unlockedOrThrow(); this.setStatus({ state: 'locked', login: s.login, deviceRemembered: s.deviceRemembered }); }
  async logOut() { this.setStatus({ state: 'signed-out' }); }
  async changePassword(oldPassword: string, newPassword: string) {
    this.unlockedOrThrow();
    await wait(400);
    if (oldPassword !== this.password) throw vaultError('wrong-password');
    this.password = newPassword;
  }
  async setPasswordAfterRecovery(newPassword: string) { const s = this.unlockedOrThrow(); this.password = newPassword; this.setStatus({ ...s, unlockedWith: 'password' }); }

  // ---- devices ----
  async rememberDevice() {
    const s = this.unlockedOrThrow();
    this.devices = [...this.devices.filter((d) => !d.current), { id: 'this', label: 'Chromium on this computer', kind: 'browser', createdAt: Date.now(), lastSeenAt: Date.now(), current: true }];
    this.setStatus({ ...s, deviceRemembered: true });
  }
  async forgetDevice() {
    this.devices = this.devices.filter((d) => !d.current);
    if (this.status.state === 'unlocked') this.setStatus({ ...this.status, deviceRemembered: false });
  }
  async listDevices() { await wait(150); return this.devices; }
  async revokeDevice(id: string) {
    const d = this.devices.find((x) => x.id === id);
    if (!d) throw vaultError('not-found');
    if (d.current) return this.forgetDevice();
    this.devices = this.devices.filter((x) => x.id !== id);
  }

  // ---- tree ----
  async listTree(): Promise<VaultTree> {
    this.unlockedOrThrow();
    await wait(200);
    return { rootId: this.rootId, nodes: [...this.nodes.values()], revision: this.revision };
  }
  async createFolder(parentId: NodeId, name: string) {
    this.unlockedOrThrow();
    if (this.namesIn(parentId).has(name.toLowerCase())) throw vaultError('name-taken');
    const n = this.add(parentId, 'folder', name);
    this.changed([n]);
    return n;
  }
  async rename(id: NodeId, name: string) {
    const n = this.node(id);
    if (this.namesIn(n.parentId ?? this.rootId, id).has(name.toLowerCase())) throw vaultError('name-taken');
    const next = { ...n, name, version: n.version + 1 };
    this.nodes.set(id, next);
    this.changed([next]);
    return next;
  }
  async move(ids: readonly NodeId[], parentId: NodeId) {
    const out: VaultNode[] = [];
    for (const id of ids) {
      for (let p: VaultNode | undefined = this.nodes.get(parentId); p; p = p.parentId ? this.nodes.get(p.parentId) : undefined) {
        if (p.id === id) throw vaultError('invalid-name', 'into itself');
      }
      const n = this.node(id);
      const name = nextFreeName(n.name, this.namesIn(parentId, id));
      const next = { ...n, parentId, name, version: n.version + 1 };
      this.nodes.set(id, next);
      out.push(next);
    }
    this.changed(out);
  }
  async trash(ids: readonly NodeId[]) {
    const now = Date.now();
    const out = ids.map((id) => ({ ...this.node(id), trashed: true, trashedAt: now }));
    for (const n of out) this.nodes.set(n.id, n);
    this.changed(out);
  }
  async restore(ids: readonly NodeId[]) {
    const out = ids.map((id) => ({ ...this.node(id), trashed: false, trashedAt: null }));
    for (const n of out) this.nodes.set(n.id, n);
    this.changed(out);
  }
  async deleteForever(ids: readonly NodeId[]) {
    const gone: NodeId[] = [];
    const drop = (id: NodeId) => {
      for (const c of [...this.nodes.values()]) if (c.parentId === id) drop(c.id);
      this.nodes.delete(id);
      gone.push(id);
    };
    ids.forEach(drop);
    this.changed([], gone);
  }
  async emptyTrash() { await this.deleteForever([...this.nodes.values()].filter((n) => n.trashed).map((n) => n.id)); }
  async versions(id: NodeId) { await wait(150); this.node(id); return this.versionLog.get(id) ?? []; }
  async restoreVersion(id: NodeId, version: number) {
    const n = this.node(id);
    const log = this.versionLog.get(id) ?? [];
    const v = log.find((x) => x.version === version);
    if (!v) throw vaultError('not-found');
    const nextV = Math.max(...log.map((x) => x.version)) + 1;
    const now = Date.now();
    this.versionLog.set(id, [{ version: nextV, size: v.size, mtime: now, savedAt: now, current: true }, ...log.map((x) => ({ ...x, current: false }))]);
    const next = { ...n, size: v.size, mtime: now, version: n.version + 1 };
    this.nodes.set(id, next);
    this.changed([next]);
    return next;
  }

  // ---- transfers ----
  private ensureFolder(parentId: NodeId, name: string): NodeId {
    for (const n of this.nodes.values()) if (n.parentId === parentId && !n.trashed && n.type === 'folder' && n.name.toLowerCase() === name.toLowerCase()) return n.id;
    const f = this.add(parentId, 'folder', name);
    this.changed([f]);
    return f.id;
  }

  async upload(parentId: NodeId, items: readonly UploadItem[], options: UploadOptions): Promise<UploadResult> {
    this.unlockedOrThrow();
    const done: { index: number; nodeId: NodeId }[] = [];
    const failed: UploadResult['failed'][number][] = [];
    items.forEach((it, index) => options.onProgress?.({ index, bytesDone: 0, bytesTotal: it.file.size, phase: 'queued' }));
    for (let index = 0; index < items.length; index++) {
      const it = items[index];
      if (options.signal?.aborted) return { done, failed, cancelled: true };
      const segs = it.relativePath.split('/').filter(Boolean);
      let folder = parentId;
      for (const s of segs.slice(0, -1)) folder = this.ensureFolder(folder, s);
      const total = it.file.size;
      try {
        for (let sent = 0; ; ) {
          options.onProgress?.({ index, bytesDone: sent, bytesTotal: total, phase: 'uploading' });
          if (sent >= total) break;
          await wait(100, options.signal);
          sent = Math.min(total, sent + this.speed / 10);
        }
      } catch {
        return { done, failed, cancelled: true };
      }
      if (it.file.name.includes('fail')) {
        const error = vaultError('quota-full');
        failed.push({ index, error });
        options.onProgress?.({ index, bytesDone: 0, bytesTotal: total, phase: 'failed', error });
        continue;
      }
      const name = segs[segs.length - 1] ?? it.file.name;
      const existing = [...this.nodes.values()].find((n) => n.parentId === folder && !n.trashed && n.name.toLowerCase() === name.toLowerCase());
      let node: VaultNode;
      if (existing && existing.type === 'file' && options.conflict === 'replace') {
        node = { ...existing, size: total, mtime: it.file.lastModified, version: existing.version + 1 };
        this.nodes.set(node.id, node);
      } else {
        node = this.add(folder, 'file', nextFreeName(name, this.namesIn(folder)), total, it.file.lastModified || Date.now(), it.file.type);
      }
      this.changed([node]);
      done.push({ index, nodeId: node.id });
      options.onProgress?.({ index, bytesDone: total, bytesTotal: total, phase: 'done', nodeId: node.id });
    }
    return { done, failed, cancelled: false };
  }
  async pendingUploads(): Promise<readonly PendingUpload[]> { return []; }
  async resumeUploads(): Promise<UploadResult> { return { done: [], failed: [], cancelled: false }; }
  async discardPendingUpload() {}

  async downloadTo(id: NodeId, target: DownloadTarget): Promise<DownloadLink | null> {
    const n = this.node(id);
    const bytes = new TextEncoder().encode(`In-memory dev client: placeholder contents of ${n.name}\n`);
    if (target === 'url') {
      const url = URL.createObjectURL(new Blob([bytes]));
      return { url, fileName: n.type === 'folder' ? `${n.name}.zip` : n.name, release: () => URL.revokeObjectURL(url) };
    }
    const w = (target instanceof WritableStream ? target : await target.createWritable()).getWriter();
    await w.write(bytes);
    await w.close();
    return null;
  }

  async previewUrl(id: NodeId, options?: { signal?: AbortSignal }): Promise<PreviewHandle> {
    const n = this.node(id);
    await wait(250, options?.signal);
    if (n.name.includes('tamper')) throw vaultError('tampered', 'chunk 0 failed authentication', { nodeId: id });
    let blob: Blob;
    if (n.mediaType.startsWith('image/')) {
      const hue = [...n.name].reduce((h, c) => h + c.charCodeAt(0), 0) % 360;
      blob = new Blob([`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="420"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},70%,35%)"/></linearGradient></defs><rect width="640" height="420" fill="url(#g)"/><circle cx="480" cy="120" r="56" fill="rgba(255,255,255,.75)"/><path d="M0 420 L200 220 L330 330 L430 250 L640 420Z" fill="rgba(0,0,0,.35)"/></svg>`], { type: 'image/svg+xml' });
    } else if (n.mediaType.startsWith('audio/')) {
      blob = sineWav(1.5, 440);
    } else {
      blob = new Blob([`%PDF-1.1\n%dev placeholder for ${n.name}\n`], { type: n.mediaType || 'application/octet-stream' });
    }
    const url = URL.createObjectURL(blob);
    return { url, mediaType: blob.type, release: () => URL.revokeObjectURL(url) };
  }

  /** Bytes of a stand-in pattern (byte i is i mod 256) as long as the node says; no service worker runs in dev. */
  readRange(id: NodeId, range: ByteSpan, options?: { signal?: AbortSignal }): ReadableStream<Uint8Array> {
    let at = range.start;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const n = this.node(id);
        if (n.name.includes('tamper')) throw vaultError('tampered', 'chunk 0 failed authentication', { nodeId: id });
        if (range.start < 0 || range.end < range.start || range.end > n.size) throw vaultError('not-found', 'No such range.', { nodeId: id });
        await wait(20, options?.signal);
        if (at >= range.end) { controller.close(); return; }
        const piece = new Uint8Array(Math.min(64 * 1024, range.end - at));
        for (let i = 0; i < piece.length; i++) piece[i] = (at + i) & 0xff;
        at += piece.length;
        controller.enqueue(piece);
      },
    });
  }

  async readText(id: NodeId, options: { maxBytes: number; signal?: AbortSignal }) {
    const n = this.node(id);
    await wait(150, options.signal);
    const text = n.name.endsWith('.ts')
      ? `// ${n.name}\nimport { openVault } from './vault.js';\n\nexport async function main(): Promise<void> {\n  const vault = await openVault();\n  console.log(await vault.list('/'));\n}\n`
      : `# ${n.name}\n\nThis is the in-memory dev client's placeholder text for ${n.name}.\nThe real client decrypts the file in the worker and returns its start here.\n`;
    return { text, truncated: false };
  }
  async readBytes(id: NodeId) { this.node(id); return new Uint8Array(); }

  private usageNow(): StorageUsage {
    let used = 0, trash = 0;
    for (const n of this.nodes.values()) { used += n.size; if (n.trashed) trash += n.size; }
    return { usedBytes: used, quotaBytes: 50 * 1024 ** 3, trashBytes: trash, versionsBytes: 404_553 };
  }
  async usage() { return this.usageNow(); }

  private readonly offlinePins = new Set<NodeId>();
  async setAvailableOffline(ids: readonly NodeId[], available: boolean) {
    for (const id of ids) if (available) this.offlinePins.add(id); else this.offlinePins.delete(id);
    return this.offlineSummary();
  }
  async offlineSummary() { return { pinned: [...this.offlinePins], files: this.offlinePins.size, bytes: 0 }; }
  async clearOffline() { this.offlinePins.clear(); return this.offlineSummary(); }
  async offlineChangesWaiting() { return []; }
  async discardOfflineChange() { /* the memory client never works offline */ }
  async sendWaitingChanges() { /* nothing ever waits here */ }

  onChange(listener: (event: VaultEvent) => void) {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}

/** A short mono 16-bit WAV tone, so the audio preview has something to play. */
function sineWav(seconds: number, hz: number): Blob {
  const rate = 8000, n = Math.floor(rate * seconds);
  const buf = new DataView(new ArrayBuffer(44 + n * 2));
  const str = (o: number, s: string) => [...s].forEach((c, i) => buf.setUint8(o + i, c.charCodeAt(0)));
  str(0, 'RIFF'); buf.setUint32(4, 36 + n * 2, true); str(8, 'WAVEfmt '); buf.setUint32(16, 16, true);
  buf.setUint16(20, 1, true); buf.setUint16(22, 1, true); buf.setUint32(24, rate, true); buf.setUint32(28, rate * 2, true);
  buf.setUint16(32, 2, true); buf.setUint16(34, 16, true); str(36, 'data'); buf.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) buf.setInt16(44 + i * 2, Math.sin((2 * Math.PI * hz * i) / rate) * 8000, true);
  return new Blob([buf], { type: 'audio/wav' });
}
