// Counts every folder sync pass running in the crypto worker as a transfer (transfer-activity.ts), so
// the update prompt's "Reload" waits for a pass instead of cutting it ([Note: Updates are a prompt] in
// pwa/src/sw/sw.ts). A cut pass would resume without loss, but would leave its download to be fetched again.
import type { FolderSyncClient } from './folder-sync-client.js';
import type { TransferActivity } from './transfer-activity.js';

export function trackFolderSync(client: FolderSyncClient, activity: TransferActivity): void {
  const running = new Map<string, () => void>();
  client.subscribe((status) => {
    const end = running.get(status.pairId);
    if (status.state === 'syncing') {
      if (end) return;
      void activity.track(new Promise<void>((resolve) => { running.set(status.pairId, resolve); }));
    } else if (end) {
      running.delete(status.pairId);
      end();
    }
  }).catch(() => undefined);
}
