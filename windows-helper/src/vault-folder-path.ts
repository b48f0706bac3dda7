// The vault folder a local folder syncs with, by path from the vault's root ("Sync/Laptop"): found by
// name (case as the vault compares names), its missing folders made.
import type { VaultCore } from '../../worker/src/client/vault-core.js';
import { nameKey } from '../../worker/src/client/names.js';

export function cleanVaultPath(path: string): string {
  return path.split(/[\\/]/).map((p) => p.trim()).filter((p) => p !== '' && p !== '.').join('/');
}

export async function resolveVaultFolder(core: VaultCore, path: string, create: boolean): Promise<string | null> {
  const tree = await core.listTree();
  let current = tree.rootId;
  for (const name of cleanVaultPath(path).split('/').filter((p) => p !== '')) {
    const next = tree.nodes.find((n) => n.parentId === current && !n.trashed && n.type === 'folder' && nameKey(n.name) === nameKey(name));
    if (next) current = next.id;
    else if (create) current = (await core.createFolder(current, name)).id;
    else return null;
  }
  return current;
}

/** Whether the folder is still live in the vault (not deleted, not below a trashed folder). */
export async function liveFolder(core: VaultCore, id: string): Promise<boolean> {
  const tree = await core.listTree();
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  for (let n = byId.get(id); n; n = n.parentId ? byId.get(n.parentId) : undefined) {
    if (n.trashed) return false;
    if (n.id === tree.rootId) return true;
  }
  return false;
}
