// A share's manifest (docs/FORMAT.md §4.3): JSON sealed under the link's manifest key, bound to the
// share id. The outer part says what the share is (kind, top name, count, size); the file list —
// every path, size, type, blob id, file key and stored length — is either inline or, for a password
// share, sealed again under a key that needs the password too ([Note: Share password] in
// keys/share-password.ts). Whatever fails to open or to parse is `tampered`: the page never shows a
// half-trusted list.
import { openShareManifest, sealShareManifest } from '../keys/records.js';
import { openProtectedList, sealProtectedList } from '../keys/share-password.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { ShareError } from './share-error.js';

/** One file as a share reader needs it to fetch and open its blob. */
export interface ShareFile {
  /** Relative to the shared folder ("photos/a.jpg"); a file share's own name. '/'-separated. */
  path: string;
  size: number;
  mediaType: string;
  mtime: number;
  blobId: string;
  /** base64url, 32 bytes: the blob's own file key, not re-encrypted (it is inside this sealed list). */
  fileKey: string;
  /** FileContent.length: the unpadded stored length that openStream needs. */
  length: number;
  deflated: boolean;
}

export interface ShareList {
  files: ShareFile[];
  /** Folders with nothing below them, so a ZIP keeps them. */
  emptyFolders: string[];
}

export interface ShareSummary {
  kind: 'file' | 'folder';
  /** The shared file's or folder's name. */
  name: string;
  fileCount: number;
  totalSize: number;
  createdAt: number;
}

interface OuterV1 extends ShareSummary {
  v: 1;
  /** Without a password: the list itself. */
  list?: ShareList;
  /** With a password: the list, sealed (base64url). */
  protected?: string;
}

const encoder = new TextEncoder();

function json(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ShareError('tampered', 'The share\'s file list is damaged. Ask the owner for a new link.');
  }
}

export async function sealManifest(
  keys: { manifestKey: Uint8Array; passwordKey: Uint8Array | null }, shareId: string, summary: ShareSummary, list: ShareList,
): Promise<Uint8Array> {
  const outer: OuterV1 = { v: 1, ...summary };
  if (keys.passwordKey) {
    outer.protected = encodeBase64url(await sealProtectedList(keys.manifestKey, keys.passwordKey, encoder.encode(JSON.stringify(list)), shareId));
  } else {
    outer.list = list;
  }
  return sealShareManifest(keys.manifestKey, encoder.encode(JSON.stringify(outer)), shareId);
}

export interface OpenedOuter { summary: ShareSummary; list: ShareList | null; sealedList: Uint8Array | null }

/** Opens the outer part; a password share's list stays sealed until `openList`. */
export async function openManifest(manifestKey: Uint8Array, sealed: Uint8Array, shareId: string): Promise<OpenedOuter> {
  let bytes: Uint8Array;
  try {
    bytes = await openShareManifest(manifestKey, sealed, shareId);
  } catch {
    throw new ShareError('tampered', 'This share could not be opened with its link: the link is wrong or the data was changed on the server.');
  }
  const o = json(bytes) as Partial<OuterV1> | null;
  if (!o || typeof o !== 'object' || o.v !== 1 || (o.kind !== 'file' && o.kind !== 'folder') || typeof o.name !== 'string'
    || !Number.isSafeInteger(o.fileCount) || !Number.isSafeInteger(o.totalSize) || typeof o.createdAt !== 'number') {
    throw new ShareError('tampered', 'The share\'s description is not one this app understands.');
  }
  const summary: ShareSummary = { kind: o.kind, name: o.name, fileCount: o.fileCount!, totalSize: o.totalSize!, createdAt: o.createdAt };
  if (typeof o.protected === 'string') return { summary, list: null, sealedList: decodeBase64url(o.protected) };
  return { summary, list: checkList(o.list, summary), sealedList: null };
}

export async function openList(manifestKey: Uint8Array, passwordKey: Uint8Array, sealedList: Uint8Array, shareId: string, summary: ShareSummary): Promise<ShareList> {
  let bytes: Uint8Array;
  try {
    bytes = await openProtectedList(manifestKey, passwordKey, sealedList, shareId);
  } catch {
    // The relay accepted the password's verifier, yet the list doesn't open with it.
    throw new ShareError('tampered', 'The server let this password through, but it does not open the files: the share\'s data was changed on the server.');
  }
  return checkList(json(bytes), summary);
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A path is relative, '/'-separated, with no empty, '.' or '..' part: it can't leave the ZIP or the download folder. */
export function safeSharePath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\') && !/[\u0000-\u001f]/.test(part));
}

function checkList(value: unknown, summary: ShareSummary): ShareList {
  const bad = (what: string) => new ShareError('tampered', `The share's file list is damaged (${what}). Ask the owner for a new link.`);
  const l = value as Partial<ShareList> | null;
  if (!l || typeof l !== 'object' || !Array.isArray(l.files) || !Array.isArray(l.emptyFolders)) throw bad('no list');
  for (const f of l.files as Partial<ShareFile>[]) {
    if (!f || !safeSharePath(f.path)) throw bad('a path');
    if (!Number.isSafeInteger(f.size) || f.size! < 0 || !Number.isSafeInteger(f.length) || f.length! < 0) throw bad('a size');
    if (typeof f.blobId !== 'string' || !ID_PATTERN.test(f.blobId) || typeof f.fileKey !== 'string' || !KEY_PATTERN.test(f.fileKey)) throw bad('a key');
    if (typeof f.mediaType !== 'string' || typeof f.mtime !== 'number' || typeof f.deflated !== 'boolean') throw bad('a field');
  }
  if (!l.emptyFolders.every(safeSharePath)) throw bad('a folder path');
  if (l.files.length !== summary.fileCount) throw bad('the file count');
  return l as ShareList;
}
