// Unit tests for TransferActivity and the client wrapper: transfers count from call to settle (a streamed
// download until its `finished`), other calls pass through untouched, and listeners hear busy/idle edges.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TransferActivity, trackVaultClient } from './transfer-activity.js';
import type { DownloadLink, VaultClient } from './vault-client.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

test('track counts work until it settles, rejections included, and reports busy edges', async () => {
  const activity = new TransferActivity();
  const edges: boolean[] = [];
  activity.onChange((busy) => edges.push(busy));
  const a = deferred<void>();
  const b = deferred<void>();
  void activity.track(a.promise);
  void activity.track(b.promise).catch(() => undefined);
  assert.is(activity.count, 2);
  a.resolve();
  await tick();
  assert.ok(activity.busy);
  b.reject(new Error('cut'));
  await tick();
  assert.not.ok(activity.busy);
  assert.equal(edges, [true, false]);
});

test('the vault client wrapper counts uploads and streamed downloads, not other calls', async () => {
  const activity = new TransferActivity();
  const upload = deferred<unknown>();
  const finished = deferred<void>();
  const link: DownloadLink = { url: '/download/x/a.bin', fileName: 'a.bin', finished: finished.promise, release: () => undefined } as DownloadLink;
  const fake = {
    marker: 'kept',
    upload: () => upload.promise,
    downloadTo: () => Promise.resolve(link),
    listTree() { return Promise.resolve(this.marker); },
  };
  const client = trackVaultClient(fake as unknown as VaultClient, activity);
  assert.is(await (client.listTree() as unknown as Promise<string>), 'kept', 'other methods keep their `this`');
  assert.not.ok(activity.busy);
  const uploading = client.upload('root', [], {} as never);
  assert.ok(activity.busy);
  upload.resolve({});
  await uploading;
  await tick();
  assert.not.ok(activity.busy);
  assert.is(await client.downloadTo('n', 'url'), link);
  assert.ok(activity.busy, 'a streamed download runs until the browser has read it');
  finished.resolve();
  await tick();
  assert.not.ok(activity.busy);
});

test.run();
