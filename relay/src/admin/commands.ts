// What the admin CLI does, as functions over the stores (cli.ts parses and prints). Sign-up needs a
// client to derive keys, so an admin never creates an account directly: `invite` makes a one-time code
// and `add-user` makes one that reserves a name (with an optional quota) until the person signs up.
import { hashInviteCode, newInviteCode } from '../auth/invite-code.js';
import { normalizeName } from '../auth/login-name.js';
import { purgeBlobData } from '../services/purge.js';
import type { Stores } from '../store/open-stores.js';

export const DAY_MS = 24 * 60 * 60_000;

export interface InviteOptions { name: string | null; quota: number | null; days: number; now?: number }

export async function createInvite(stores: Stores, o: InviteOptions): Promise<{ code: string; expiresAt: number }> {
  const name = o.name === null ? null : normalizeName(o.name);
  const code = newInviteCode();
  const now = o.now ?? Date.now();
  const expiresAt = now + o.days * DAY_MS;
  const result = await stores.meta.createInvite({ codeHash: hashInviteCode(code)!, name, quota: o.quota, createdAt: now, expiresAt, usedAt: null });
  if (result === 'name_taken') throw new Error(`The name "${name}" already has an account or a pending invite.`);
  return { code, expiresAt };
}

export interface UserRow { name: string; usage: number; quota: number; lastSeenAt: number | null; createdAt: number; pending: boolean }

export async function listUsers(stores: Stores, now = Date.now()): Promise<UserRow[]> {
  const accounts = (await stores.meta.listAccounts()).map((a) => ({ ...a, pending: false }));
  const reserved = (await stores.meta.listInvites())
    .filter((i) => i.name !== null && i.usedAt === null && i.expiresAt > now)
    .map((i) => ({ name: i.name!, usage: 0, quota: i.quota ?? 0, lastSeenAt: null, createdAt: i.createdAt, pending: true }));
  return [...accounts, ...reserved].sort((a, b) => a.name.localeCompare(b.name));
}

async function accountByName(stores: Stores, name: string) {
  const account = await stores.meta.findAccountByName(normalizeName(name));
  if (!account) throw new Error(`No account named "${name}". See: npm run admin -- list-users`);
  return account;
}

export async function deleteUser(stores: Stores, name: string): Promise<{ blobs: number }> {
  const account = await accountByName(stores, name);
  const removed = await stores.meta.deleteAccount(account.id);
  if (!removed) return { blobs: 0 };
  await purgeBlobData(stores.blobs, removed);
  return { blobs: removed.blobIds.length };
}

export async function setQuota(stores: Stores, name: string, bytes: number): Promise<void> {
  const account = await accountByName(stores, name);
  await stores.meta.setQuota(account.id, bytes);
}

export async function usage(stores: Stores, name: string | null): Promise<{ name: string; usage: number; quota: number }[]> {
  const all = await stores.meta.listAccounts();
  const wanted = name === null ? all : all.filter((a) => a.name === normalizeName(name));
  if (name !== null && wanted.length === 0) throw new Error(`No account named "${name}".`);
  return wanted.map((a) => ({ name: a.name, usage: a.usage, quota: a.quota }));
}
