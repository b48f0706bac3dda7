// The plaintext body of a node record (DESIGN.md §5) and its sealing: JSON, then a Cobblestone-256
// message under the node key with context `veilbox/v1/node ‖ accountId ‖ nodeId ‖ version`
// (keys/records.ts). A body that fails to open or doesn't parse is `tampered`, never half-trusted.
import { openNodeRecord, sealNodeRecord } from '../keys/records.js';
import { ClientError, toClientError } from './client-error.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';

/** One stored content of a file: a blob (or several, in order) and what opens it. */
export interface FileContent {
  blobIds: string[];
  /** The file key, base64url: fresh for every blob, never reused. */
  fileKey: string;
  /** SealResult.length: the unpadded length to open with. */
  length: number;
  deflated: boolean;
  /** Plaintext size. */
  size: number;
  /** Total blob bytes on the relay (what counts toward the quota). */
  blobSize: number;
  mtime: number;
  mediaType: string;
  /** SHA-256 of the plaintext, hex; null when not computed. */
  contentHash: string | null;
  /** When this content was stored, ms since the epoch. */
  savedAt: number;
  /** The node version that first showed this content. */
  version: number;
}

export interface NodeBody {
  /** Body schema version. */
  v: 1;
  type: 'file' | 'folder';
  name: string;
  parentId: string | null;
  mtime: number;
  trashed: boolean;
  trashedAt: number | null;
  /** Files only: the current content. */
  content: FileContent | null;
  /** Files only: previous contents, newest first (at most MAX_VERSIONS). */
  versions: FileContent[];
  /** Root folder only: account settings that must stay private (see vault-core.ts). */
  settings?: AccountSettings;
}

export interface AccountSettings {
  /** The user confirmed saving the current recovery key. */
  recoveryConfirmed: boolean;
}

/** Previous contents kept per file (DESIGN.md §5). */
export const MAX_VERSIONS = 10;

export interface NodePlaceKeys { nodeKey: Uint8Array; accountId: string }

export async function sealNodeBody(keys: NodePlaceKeys, nodeId: string, version: number, body: NodeBody): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const sealed = await sealNodeRecord(keys.nodeKey, bytes, { accountId: keys.accountId, nodeId, version });
  return encodeBase64url(sealed);
}

export async function openNodeBody(keys: NodePlaceKeys, nodeId: string, version: number, sealed: string): Promise<NodeBody> {
  let bytes: Uint8Array;
  try {
    bytes = await openNodeRecord(keys.nodeKey, decodeBase64url(sealed), { accountId: keys.accountId, nodeId, version });
  } catch (error) {
    throw toClientError(error, { nodeId });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw tampered(nodeId, 'is not valid JSON');
  }
  return checkBody(parsed, nodeId);
}

function tampered(nodeId: string, what: string): ClientError {
  // It opened under our key, so we wrote it; a malformed body means a bug or an old client, but the
  // UI must treat it like any other record it can't trust.
  return new ClientError('tampered', `The record of node ${nodeId} ${what}.`, { nodeId });
}

function checkBody(value: unknown, nodeId: string): NodeBody {
  const b = value as Partial<NodeBody> | null;
  if (!b || typeof b !== 'object' || b.v !== 1) throw tampered(nodeId, 'has an unknown schema');
  if (b.type !== 'file' && b.type !== 'folder') throw tampered(nodeId, 'has no type');
  if (typeof b.name !== 'string' || (b.parentId !== null && typeof b.parentId !== 'string')) throw tampered(nodeId, 'has no name or parent');
  if (typeof b.mtime !== 'number' || typeof b.trashed !== 'boolean') throw tampered(nodeId, 'has a bad mtime or trash flag');
  if (!Array.isArray(b.versions)) throw tampered(nodeId, 'has no version list');
  if (b.type === 'file' && (!b.content || !Array.isArray(b.content.blobIds) || typeof b.content.fileKey !== 'string')) {
    throw tampered(nodeId, 'is a file without content');
  }
  return b as NodeBody;
}
