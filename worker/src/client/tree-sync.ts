// Pulls the relay's change log (`GET /nodes/changes?since=N`) into the VaultTree: opens every new
// body under its node context, drops tombstones, and checks the relay never goes back in time. One
// pull at a time per tree, so a live notice and an operation's re-read don't race each other.
import type { NodeChange, RelayApi } from './relay-api.js';
import { openNodeBody, type NodeBody, type NodePlaceKeys } from './node-record.js';
import { toClientNode, type ClientNode, type VaultTree } from './vault-tree.js';

export interface TreeDelta { revision: number; upserted: ClientNode[]; removed: string[] }

export interface TreeSyncHooks {
  /** The revision reached after every pull (kept for rollback checks across reloads). */
  pulled?(revision: number): Promise<void>;
  /** Each page of changes once applied, as the relay sent it (the offline cache keeps them sealed). */
  applied?(revision: number, changes: readonly NodeChange[]): Promise<void>;
  /** A record the node key doesn't open: true when another reader took it (device-records.ts), else it is tampered. */
  otherRecord?(change: NodeChange): Promise<boolean>;
  /** A deleted id: true when it was another reader's record. */
  otherRemoved?(id: string): boolean;
}

/** What two pulls in a row changed, as one delta (the later one's word on a node wins). */
export function mergeDeltas(first: TreeDelta, second: TreeDelta): TreeDelta {
  const upserted = new Map(first.upserted.map((n) => [n.id, n]));
  const removed = new Set(first.removed);
  for (const id of second.removed) {
    upserted.delete(id);
    removed.add(id);
  }
  for (const n of second.upserted) {
    removed.delete(n.id);
    upserted.set(n.id, n);
  }
  return { revision: second.revision, upserted: [...upserted.values()], removed: [...removed] };
}

export class TreeSync {
  private running: Promise<TreeDelta> | null = null;
  private queued: Promise<TreeDelta> | null = null;

  constructor(
    private readonly api: RelayApi,
    private readonly keys: NodePlaceKeys,
    readonly tree: VaultTree,
    private readonly hooks: TreeSyncHooks = {},
  ) {}

  /**
   * Brings the tree up to the relay's current revision. One pull at a time: a caller arriving while
   * one runs gets the next, which starts when the running one ends (so it sees the caller's writes),
   * and everyone arriving meanwhile shares it. (Joining a loop that pulled again while callers kept
   * coming made a busy sync pass wait for the whole loop: a convoy.)
   */
  pull(): Promise<TreeDelta> {
    if (!this.running) return this.start();
    // The queued pull reports what the running one applied too: a caller that came for a live notice
    // must see the change even when the pull it waited behind is the one that brought it.
    const running = this.running;
    this.queued ??= running.then(
      async (first) => mergeDeltas(first, await this.next()),
      () => this.next(),
    );
    return this.queued;
  }

  /** The pull that starts after the running one (or one already started by someone else meanwhile). */
  private next(): Promise<TreeDelta> {
    this.queued = null;
    return this.running ?? this.start();
  }

  private start(): Promise<TreeDelta> {
    const run = (async () => {
      const delta = await this.pullOnce();
      await this.hooks.pulled?.(this.tree.revision);
      return delta;
    })();
    this.running = run;
    const done = () => { if (this.running === run) this.running = null; };
    run.then(done, done);
    return run;
  }

  private async pullOnce(): Promise<TreeDelta> {
    const tree = this.tree;
    const upserted = new Map<string, ClientNode>();
    const removed = new Set<string>();
    let since = tree.revision;
    for (;;) {
      const page = await this.api.changes(since);
      // Checked before anything is applied; the revision itself advances only after the page is.
      tree.checkRevision(page.revision);
      for (const change of page.changes) {
        if (change.deleted || change.body === undefined) {
          if (this.hooks.otherRemoved?.(change.id)) continue;
          tree.remove(change.id);
          upserted.delete(change.id);
          removed.add(change.id);
          continue;
        }
        // A version this client already holds (it wrote it, or pulled it before) is not opened again:
        // what it holds is what it checked or sealed itself.
        const held = tree.nodes.get(change.id);
        // Newer than this page too: this client wrote it while the page was being applied; the log shows
        // it further on. (Not a rollback: the relay answered before the write.)
        if (held && held.version >= change.version) {
          removed.delete(change.id);
          upserted.set(change.id, toClientNode(held));
          continue;
        }
        let body: NodeBody;
        try {
          body = await openNodeBody(this.keys, change.id, change.version, change.body);
        } catch (error) {
          if (await this.hooks.otherRecord?.(change)) continue;
          throw error;
        }
        const node = { id: change.id, version: change.version, body };
        tree.upsert(node);
        removed.delete(change.id);
        upserted.set(change.id, toClientNode(node));
      }
      tree.noteRevision(Math.max(tree.revision, page.next));
      await this.hooks.applied?.(tree.revision, page.changes);
      since = page.next;
      if (!page.more) break;
    }
    return { revision: tree.revision, upserted: [...upserted.values()], removed: [...removed] };
  }
}
