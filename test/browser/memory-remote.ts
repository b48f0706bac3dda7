// Test support: an in-memory RemoteVault (worker/src/sync/remote-vault.ts) with content hashes made the
// way local-state.ts makes them, so the engine can run in a browser test without a relay.
import { ClientError } from '../../worker/src/client/client-error.js';
import type { FileSource } from '../../worker/src/client/file-upload.js';
import { ContentHasher } from '../../worker/src/format/content-hasher.js';
import type { RemoteNode, RemoteVault } from '../../worker/src/sync/remote-vault.js';
import { depth, isUnder, joinPath, parentPath, pathKey, rebase } from '../../worker/src/sync/sync-paths.js';

interface Item extends RemoteNode { bytes: Uint8Array }

export class MemoryRemote implements RemoteVault {
  readonly items = new Map<string, Item>();
  private ids = 0;

  private at(path: string): Item | undefined {
    return [...this.items.values()].find((i) => pathKey(i.path) === pathKey(path));
  }

  private node(item: Item): RemoteNode {
    const { bytes: _b, ...node } = item;
    return { ...node };
  }

  /** Path → text of every file. */
  files(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of [...this.items.values()].sort((a, b) => a.path.localeCompare(b.path))) if (i.kind === 'file') out[i.path] = new TextDecoder().decode(i.bytes);
    return out;
  }

  async list(): Promise<RemoteNode[]> {
    return [...this.items.values()].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path)).map((i) => this.node(i));
  }

  async makeFolder(path: string): Promise<RemoteNode> {
    let made: Item | undefined;
    let done = '';
    for (const part of path.split('/').filter((p) => p !== '')) {
      done = joinPath(done, part);
      made = this.at(done);
      if (made && made.kind !== 'folder') throw new ClientError('name-taken', `"${done}" is a file.`);
      if (!made) {
        made = { id: `n${++this.ids}`, path: done, kind: 'folder', version: 1, size: 0, mtime: Date.now(), contentHash: null, bytes: new Uint8Array(0) };
        this.items.set(made.id, made);
      }
    }
    return made ? this.node(made) : { id: 'root', path: '', kind: 'folder', version: 1, size: 0, mtime: 0, contentHash: null };
  }

  async upload(path: string, file: FileSource, options: { replaceId: string | null }): Promise<RemoteNode> {
    await this.makeFolder(parentPath(path));
    const bytes = new Uint8Array(await new Response(file.stream()).arrayBuffer());
    const hasher = await ContentHasher.create();
    hasher.update(bytes);
    const contentHash = await hasher.digest();
    if (options.replaceId !== null) {
      const item = this.items.get(options.replaceId);
      if (!item || pathKey(item.path) !== pathKey(path)) throw new ClientError('conflict', `"${path}" changed in the vault meanwhile.`);
      Object.assign(item, { bytes, size: bytes.length, contentHash, version: item.version + 1, mtime: Date.now() });
      return this.node(item);
    }
    if (this.at(path)) throw new ClientError('name-taken', `"${path}" exists.`);
    const item: Item = { id: `n${++this.ids}`, path, kind: 'file', version: 1, size: bytes.length, mtime: Date.now(), contentHash, bytes };
    this.items.set(item.id, item);
    return this.node(item);
  }

  async download(id: string, sink: WritableStream<Uint8Array>): Promise<void> {
    const item = this.items.get(id);
    if (!item) throw new ClientError('not-found', 'gone');
    const w = sink.getWriter();
    await w.write(item.bytes.slice());
    await w.close();
  }

  async move(id: string, path: string): Promise<RemoteNode> {
    const item = this.items.get(id);
    if (!item) throw new ClientError('not-found', 'gone');
    await this.makeFolder(parentPath(path));
    const from = item.path;
    for (const i of this.items.values()) if (isUnder(i.path, from)) i.path = rebase(i.path, from, path);
    item.version += 1;
    return this.node(item);
  }

  async trash(id: string): Promise<void> {
    const item = this.items.get(id);
    if (!item) return;
    for (const [k, i] of [...this.items.entries()]) if (isUnder(i.path, item.path)) this.items.delete(k);
  }
}
