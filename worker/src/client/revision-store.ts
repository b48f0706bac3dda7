// The highest change-log revision this device has seen per account, kept between sessions: the relay
// must never show an older state than one a client has seen (DESIGN.md §2), and without this a reload
// would forget what "seen" was. Not secret (the relay knows it). The browser keeps it in the local
// database (revision-store-idb.ts); Node and tests keep it in memory.

export interface RevisionStore {
  load(accountId: string): Promise<number>;
  /** Keeps `revision` if it is higher than what is kept. */
  raise(accountId: string, revision: number): Promise<void>;
}

export class MemoryRevisionStore implements RevisionStore {
  private readonly seen = new Map<string, number>();

  async load(accountId: string): Promise<number> {
    return this.seen.get(accountId) ?? 0;
  }

  async raise(accountId: string, revision: number): Promise<void> {
    if (revision > (this.seen.get(accountId) ?? 0)) this.seen.set(accountId, revision);
  }
}
