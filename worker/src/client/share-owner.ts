// Share links, owner side (DESIGN.md §6, docs/architecture.md "Share"): makes a share of a file or
// a folder from the unlocked tree, lists the account's shares with what each one holds, revokes.
// A share's secret is derived from the vault key and the share id ([Note: Share password] in
// keys/share-password.ts), so nothing is stored to show or copy a link again later; the relay gets
// the sealed manifest, the read token's hash, the blob ids readers may fetch, and the limits.
import { randomBytes } from '../format/bytes.js';
import { deriveShareKeys } from '../keys/share-keys.js';
import { deriveOwnedShareSecret, deriveSharePasswordKeys, SHARE_PASSWORD_KDF, SHARE_PASSWORD_SALT_BYTES, shareTokenHash } from '../keys/share-password.js';
import { decodeBase64url, encodeBase64url, newId } from './base64url.js';
import { ClientError } from './client-error.js';
import { toRelayKdf } from './kdf-params.js';
import type { FileContent } from './node-record.js';
import { openManifest, sealManifest, type ShareFile, type ShareList, type ShareSummary } from './share-manifest.js';
import { ownerShares, type OwnerShareView, type ShareStatus } from './share-relay.js';
import type { VaultSession } from './vault-session.js';

export interface CreateShareOptions {
  /** Empty or absent: no password. */
  password?: string;
  /** 60 s … 366 days; absent: no expiry. */
  expiresInSeconds?: number;
  /** 1 … 1 000 000; absent: unlimited. */
  downloadLimit?: number;
}

/** One share as "My shares" shows it. Times are ms since the epoch. */
export interface OwnedShare {
  shareId: string;
  /** `/s/<id>#<secret>`; null once revoked (the relay dropped the manifest, the link opens nothing). */
  linkPath: string | null;
  /** null when the share's description can't be read any more (revoked) or failed to open. */
  summary: ShareSummary | null;
  status: ShareStatus;
  createdAt: number;
  expiresAt: number | null;
  downloadLimit: number | null;
  downloadsUsed: number;
  downloadsLeft: number | null;
  passwordProtected: boolean;
  revokedAt: number | null;
}

function shareFile(path: string, content: FileContent, nodeId: string): ShareFile {
  if (content.blobIds.length !== 1) throw new ClientError('unsupported', 'This file is stored in several parts, which shares can\'t carry yet.', { nodeId });
  return {
    path, size: content.size, mediaType: content.mediaType || 'application/octet-stream', mtime: content.mtime,
    blobId: content.blobIds[0], fileKey: content.fileKey, length: content.length, deflated: content.deflated,
  };
}

/** What the share holds: the file itself, or every live file below the folder with paths relative to it. */
export function shareListOf(session: VaultSession, nodeId: string): { summary: Omit<ShareSummary, 'createdAt'>; list: ShareList } {
  const { tree } = session;
  const node = tree.get(nodeId);
  if (tree.inTrash(nodeId)) throw new ClientError('not-found', 'That item is in the trash; restore it to share it.', { nodeId });
  if (nodeId === tree.rootId) throw new ClientError('unsupported', 'The whole vault can\'t be shared; share a folder in it.', { nodeId });
  const list: ShareList = { files: [], emptyFolders: [] };
  if (node.body.type === 'file') {
    if (!node.body.content) throw new ClientError('not-found', 'That file has no content yet.', { nodeId });
    list.files.push(shareFile(node.body.name, node.body.content, nodeId));
  } else {
    const base = tree.pathOf(nodeId).length;
    for (const n of tree.subtree(nodeId)) {
      if (n.id === nodeId || tree.inTrash(n.id)) continue;
      const path = tree.pathOf(n.id).slice(base).join('/');
      if (n.body.type === 'folder') {
        if (!tree.children(n.id).some((c) => !c.body.trashed)) list.emptyFolders.push(path);
      } else if (n.body.content) {
        list.files.push(shareFile(path, n.body.content, n.id));
      }
    }
  }
  const totalSize = list.files.reduce((s, f) => s + f.size, 0);
  return { summary: { kind: node.body.type, name: node.body.name, fileCount: list.files.length, totalSize }, list };
}

async function linkPathOf(session: VaultSession, shareId: string): Promise<string> {
  const secret = await deriveOwnedShareSecret(session.keys.vaultKey, shareId);
  return `/s/${shareId}#${encodeBase64url(secret)}`;
}

function owned(view: OwnerShareView, summary: ShareSummary | null, linkPath: string | null): OwnedShare {
  const time = (t: string | null) => (t === null ? null : Date.parse(t));
  return {
    shareId: view.shareId, linkPath: view.status === 'revoked' ? null : linkPath, summary, status: view.status,
    createdAt: Date.parse(view.createdAt), expiresAt: time(view.expiresAt), downloadLimit: view.downloadLimit,
    downloadsUsed: view.downloadsUsed, downloadsLeft: view.downloadLimit === null ? null : Math.max(0, view.downloadLimit - view.downloadsUsed),
    passwordProtected: view.passwordProtected, revokedAt: time(view.revokedAt),
  };
}

export async function createShare(session: VaultSession, nodeId: string, options: CreateShareOptions, now: number): Promise<OwnedShare> {
  const { summary: base, list } = shareListOf(session, nodeId);
  const summary: ShareSummary = { ...base, createdAt: now };
  const shareId = newId();
  const secret = await deriveOwnedShareSecret(session.keys.vaultKey, shareId);
  const { manifestKey, authToken } = await deriveShareKeys(secret);
  let password: { verifier: string; kdf: ReturnType<typeof toRelayKdf>; salt: string } | undefined;
  let passwordKey: Uint8Array | null = null;
  if (options.password) {
    const salt = randomBytes(SHARE_PASSWORD_SALT_BYTES);
    const keys = await deriveSharePasswordKeys(options.password, salt, SHARE_PASSWORD_KDF);
    passwordKey = keys.passwordKey;
    password = { verifier: encodeBase64url(keys.verifier), kdf: toRelayKdf(SHARE_PASSWORD_KDF), salt: encodeBase64url(salt) };
  }
  const manifest = await sealManifest({ manifestKey, passwordKey }, shareId, summary, list);
  const view = await ownerShares.create(session.api, {
    shareId, tokenHash: encodeBase64url(await shareTokenHash(authToken)), manifest: encodeBase64url(manifest),
    blobIds: [...new Set(list.files.map((f) => f.blobId))],
    ...(options.expiresInSeconds !== undefined ? { expiresInSeconds: options.expiresInSeconds } : {}),
    ...(options.downloadLimit !== undefined ? { downloadLimit: options.downloadLimit } : {}),
    ...(password ? { password } : {}),
  });
  return owned(view, summary, `/s/${shareId}#${encodeBase64url(secret)}`);
}

/** How many manifests are fetched at once when listing. */
const LIST_PARALLEL = 4;

export async function listShares(session: VaultSession): Promise<OwnedShare[]> {
  const views = await ownerShares.list(session.api);
  const out: OwnedShare[] = new Array(views.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(LIST_PARALLEL, views.length) }, async () => {
    for (let i = next++; i < views.length; i = next++) {
      const view = views[i];
      let summary: ShareSummary | null = null;
      if (view.status !== 'revoked') {
        try {
          const { manifest } = await ownerShares.get(session.api, view.shareId);
          if (manifest !== null) {
            const { manifestKey } = await deriveShareKeys(await deriveOwnedShareSecret(session.keys.vaultKey, view.shareId));
            summary = (await openManifest(manifestKey, decodeBase64url(manifest), view.shareId)).summary;
          }
        } catch {
          // Shown without a name; the limits and revoke still work.
        }
      }
      out[i] = owned(view, summary, await linkPathOf(session, view.shareId));
    }
  }));
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

export async function revokeShare(session: VaultSession, shareId: string): Promise<void> {
  await ownerShares.revoke(session.api, shareId);
}
