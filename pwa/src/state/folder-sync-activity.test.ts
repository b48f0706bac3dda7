// Unit tests of folder-sync-activity.ts over a fake FolderSyncClient: a pass counts as a transfer from
// 'syncing' until the pair's next other state, once per pair however often 'syncing' repeats.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FolderSyncClient, FolderSyncState, FolderSyncStatus } from './folder-sync-client.js';
import { trackFolderSync } from './folder-sync-activity.js';
import { TransferActivity } from './transfer-activity.js';

function fakeClient(): { client: FolderSyncClient; emit(pairId: string, state: FolderSyncState): void } {
  let listener: ((s: FolderSyncStatus) => void) | null = null;
  const client = { subscribe: async (l: (s: FolderSyncStatus) => void) => { listener = l; return () => { listener = null; }; } } as unknown as FolderSyncClient;
  return { client, emit: (pairId, state) => listener?.({ pairId, state } as FolderSyncStatus) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

test('a pass is a transfer until the pair leaves syncing; two pairs count apart', async () => {
  const { client, emit } = fakeClient();
  const activity = new TransferActivity();
  trackFolderSync(client, activity);
  await tick();
  emit('a', 'starting');
  assert.is(activity.count, 0);
  emit('a', 'syncing');
  emit('a', 'syncing');
  emit('b', 'syncing');
  assert.is(activity.count, 2);
  emit('a', 'idle');
  await tick();
  assert.is(activity.count, 1);
  emit('b', 'confirm-deletions');
  await tick();
  assert.is(activity.count, 0);
  assert.not.ok(activity.busy);
});

test.run();
