// The plaintext of a drop item record (docs/FORMAT.md §4.6): what the phone tells the desktop about a
// file it sent (name, sizes, media type, how to open the blob, its file key wrapped by the drop key),
// or the end of a batch. JSON, sealed under the drop key bound to the drop id (keys/drop-keys.ts).
// The desktop checks every field before it writes anything into the vault: whoever holds the link may
// have written it, so it is trusted no more than a file picked from disk.
import { openDropItem, sealDropItem } from '../keys/drop-keys.js';
import { ClientError, toClientError } from './client-error.js';

/** One file that arrived: its blob is already on the relay, uploaded through the drop. */
export interface DropFileRecord {
  v: 1;
  kind: 'file';
  /** A random id per "send" on the phone, so the desktop can tell when a batch is complete. */
  batch: string;
  /** Position in the batch, 0-based; (batch, index) also lets the desktop ignore a replayed item. */
  index: number;
  name: string;
  /** Plaintext size. */
  size: number;
  mediaType: string;
  mtime: number;
  /** The unpadded length to open the blob with, and whether it was deflated (SealResult). */
  length: number;
  deflated: boolean;
  /** Blob bytes on the relay. */
  blobSize: number;
  contentHash: string | null;
  /** The same ids the relay lists for the item: a relay that swaps lists between items is caught. */
  blobIds: string[];
  /** The file key wrapped by the drop key (keyType `file-key/drop`, owner = drop id), base64url. */
  wrappedKey: string;
}

/** Posted after the last file of a batch: `count` file items of this batch were posted before it. */
export interface DropEndRecord {
  v: 1;
  kind: 'end';
  batch: string;
  count: number;
}

export type DropRecord = DropFileRecord | DropEndRecord;

export async function sealDropRecord(dropKey: Uint8Array, dropId: string, record: DropRecord): Promise<Uint8Array> {
  return sealDropItem(dropKey, new TextEncoder().encode(JSON.stringify(record)), dropId);
}

function bad(what: string): ClientError {
  return new ClientError('tampered', `A file sent to this drop has a record that ${what}; it was not added.`);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export async function openDropRecord(dropKey: Uint8Array, dropId: string, sealed: Uint8Array): Promise<DropRecord> {
  let bytes: Uint8Array;
  try {
    bytes = await openDropItem(dropKey, sealed, dropId);
  } catch (error) {
    throw toClientError(error);
  }
  let r: Omit<Partial<DropFileRecord>, 'kind'> & Partial<Omit<DropEndRecord, 'kind'>> & { kind?: unknown };
  try {
    r = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as typeof r;
  } catch {
    throw bad('is not valid JSON');
  }
  if (!r || typeof r !== 'object' || r.v !== 1 || typeof r.batch !== 'string' || r.batch.length > 64) throw bad('has an unknown schema');
  if (r.kind === 'end') {
    if (!isCount(r.count)) throw bad('has no count');
    return { v: 1, kind: 'end', batch: r.batch, count: r.count };
  }
  if (r.kind !== 'file') throw bad('has an unknown kind');
  if (typeof r.name !== 'string' || typeof r.mediaType !== 'string' || typeof r.wrappedKey !== 'string') throw bad('has no name, type or key');
  if (![r.index, r.size, r.mtime, r.length, r.blobSize].every(isCount) || typeof r.deflated !== 'boolean') throw bad('has bad sizes');
  if (!Array.isArray(r.blobIds) || r.blobIds.length === 0 || !r.blobIds.every((id) => typeof id === 'string')) throw bad('names no blob');
  if (r.contentHash !== null && (typeof r.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(r.contentHash))) throw bad('has a bad content hash');
  return {
    v: 1, kind: 'file', batch: r.batch, index: r.index!, name: r.name, size: r.size!, mediaType: r.mediaType.slice(0, 255), mtime: r.mtime!,
    length: r.length!, deflated: r.deflated, blobSize: r.blobSize!, contentHash: r.contentHash ?? null, blobIds: [...r.blobIds], wrappedKey: r.wrappedKey,
  };
}
