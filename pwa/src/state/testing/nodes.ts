// Builders for VaultNode values in unit tests and the dev page. Test support only; not shipped.
import type { VaultNode } from '../vault-client.js';

export function fileNode(id: string, name: string, extra: Partial<VaultNode> = {}): VaultNode {
  return { id, parentId: 'root', type: 'file', name, size: 0, mtime: 0, mediaType: '', version: 1, trashed: false, trashedAt: null, contentHash: null, ...extra };
}

export function folderNode(id: string, name: string, extra: Partial<VaultNode> = {}): VaultNode {
  return { id, parentId: 'root', type: 'folder', name, size: 0, mtime: 0, mediaType: '', version: 1, trashed: false, trashedAt: null, contentHash: null, ...extra };
}

export const rootNode: VaultNode = { id: 'root', parentId: null, type: 'folder', name: '', size: 0, mtime: 0, mediaType: '', version: 1, trashed: false, trashedAt: null, contentHash: null };
