// The single place where the app gets its clients: the main-thread adapters over the comlink crypto
// worker and the relay API (see [Note: VaultClient contract] in vault-client.ts).
import type { VaultClient } from './vault-client.js';
import { createClients, createVaultClient, type AppClients } from '../data/create-vault-client.js';

export async function connectVaultClient(): Promise<VaultClient> {
  return createVaultClient();
}

/** The vault and share clients over one crypto worker. */
export async function connectClients(): Promise<AppClients> {
  return createClients();
}
