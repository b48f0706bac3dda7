// The single place where the app gets its VaultClient: the main-thread adapter over the comlink crypto
// worker and the relay API (see [Note: VaultClient contract] in vault-client.ts).
import type { VaultClient } from './vault-client.js';
import { createVaultClient } from '../data/create-vault-client.js';

export async function connectVaultClient(): Promise<VaultClient> {
  return createVaultClient();
}
