// The app's half of the share target ([Note: Shared files wait in a cache] in sw/share-target-route.ts):
// reads the files the service worker kept for a share id, uploads them into the vault's "Inbox" folder
// (made when missing) through the normal upload path — the crypto worker encrypts them like any other
// upload — and deletes the temporary plaintext copy afterwards, whether the upload worked or not.
import {
  SHARE_TARGET_CACHE, SHARED_MODIFIED_HEADER, SHARED_NAME_HEADER, SHARED_RECEIVED_HEADER, sharedEntryId,
} from '../sw/share-target-route.js';
import type { NodeId, UploadResult, VaultClient } from '../state/vault-client.js';
import type { VaultIndex } from '../state/vault-index.js';

export const INBOX_NAME = 'Inbox';
/** A shared copy no vault came to take is deleted after this long. */
const STALE_MS = 24 * 60 * 60 * 1000;

function cacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

/** The files kept for `id`, in the order they were shared. */
export async function sharedFiles(id: string): Promise<File[]> {
  const storage = cacheStorage();
  if (!storage) return [];
  const cache = await storage.open(SHARE_TARGET_CACHE);
  const keys = (await cache.keys()).filter((r) => sharedEntryId(r.url) === id);
  keys.sort((a, b) => Number(a.url.split('/').pop()) - Number(b.url.split('/').pop()));
  const files: File[] = [];
  for (const key of keys) {
    const response = await cache.match(key);
    if (!response) continue;
    const name = decodeURIComponent(response.headers.get(SHARED_NAME_HEADER) ?? '') || 'shared file';
    const lastModified = Number(response.headers.get(SHARED_MODIFIED_HEADER)) || Date.now();
    files.push(new File([await response.blob()], name, { type: response.headers.get('content-type') ?? '', lastModified }));
  }
  return files;
}

/** Deletes the plaintext copies of `id` (and any older than a day); the files then exist only in the vault. */
export async function discardSharedFiles(id: string | null): Promise<void> {
  const storage = cacheStorage();
  if (!storage) return;
  const cache = await storage.open(SHARE_TARGET_CACHE);
  const now = Date.now();
  for (const key of await cache.keys()) {
    const mine = id !== null && sharedEntryId(key.url) === id;
    const received = Number((await cache.match(key))?.headers.get(SHARED_RECEIVED_HEADER));
    if (mine || !Number.isFinite(received) || now - received > STALE_MS) await cache.delete(key);
  }
}

/** The live top-level "Inbox" folder, made when there is none. */
async function inboxFolder(client: VaultClient, index: VaultIndex): Promise<NodeId> {
  const existing = index.namesIn(index.rootId).get(INBOX_NAME.toLowerCase());
  if (existing && existing.type === 'folder' && !index.isInTrash(existing.id)) return existing.id;
  return (await client.createFolder(index.rootId, INBOX_NAME)).id;
}

export interface SharedImport { readonly folderId: NodeId; readonly count: number; readonly result: UploadResult }

/** Uploads the files shared under `id` into Inbox; null when nothing is kept under that id. */
export async function importSharedFiles(client: VaultClient, index: VaultIndex, id: string): Promise<SharedImport | null> {
  try {
    const files = await sharedFiles(id);
    if (!files.length) return null;
    const folderId = await inboxFolder(client, index);
    const result = await client.upload(folderId, files.map((file) => ({ file, relativePath: file.name })), { conflict: 'keep-both' });
    return { folderId, count: files.length, result };
  } finally {
    // The temporary plaintext copy goes now, uploaded or not: sharing again is the way to retry.
    await discardSharedFiles(id);
  }
}
