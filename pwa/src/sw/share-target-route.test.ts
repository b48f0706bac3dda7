// The share-target route on its own (Node's Request/Response/FormData and a cache in memory): the
// shared files are kept as they came under a fresh one-time id, the answer is a 303 to the app, a POST
// without files just opens the app, and other requests are not ours.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  isShareTargetPost, SHARE_TARGET_CACHE, SHARED_NAME_HEADER, sharedEntryId, shareTargetResponse,
} from './share-target-route.js';

const origin = 'https://vault.example';

function memoryCaches(): { storage: CacheStorage; entries: Map<string, Map<string, Response>> } {
  const entries = new Map<string, Map<string, Response>>();
  const storage = {
    async open(name: string) {
      const m = entries.get(name) ?? new Map<string, Response>();
      entries.set(name, m);
      return { async put(url: string, response: Response) { m.set(url, response); } } as unknown as Cache;
    },
  } as unknown as CacheStorage;
  return { storage, entries };
}

const route = suite('shareTargetResponse');
route('keeps each file under one fresh id and redirects to the app with it', async () => {
  const { storage, entries } = memoryCaches();
  const form = new FormData();
  form.append('files', new File([new Uint8Array([1, 2, 3])], 'sunset é.jpg', { type: 'image/jpeg' }));
  form.append('files', new File(['hello'], 'note.txt', { type: 'text/plain' }));
  form.append('title', 'ignored text field');
  const response = await shareTargetResponse(new Request(`${origin}/share-target`, { method: 'POST', body: form }), storage, origin);
  assert.is(response.status, 303);
  const location = response.headers.get('location')!;
  const id = /\/files\?share-target=([A-Za-z0-9_-]{22})$/.exec(location)?.[1];
  assert.ok(id, location);
  const kept = entries.get(SHARE_TARGET_CACHE)!;
  assert.equal([...kept.keys()].map(sharedEntryId), [id, id]);
  const first = kept.get(`${origin}/share-target/${id}/0`)!;
  assert.is(decodeURIComponent(first.headers.get(SHARED_NAME_HEADER)!), 'sunset é.jpg');
  assert.is(first.headers.get('content-type'), 'image/jpeg');
  assert.equal(new Uint8Array(await first.arrayBuffer()), new Uint8Array([1, 2, 3]));
});
route('a share with no file opens the app and keeps nothing', async () => {
  const { storage, entries } = memoryCaches();
  const form = new FormData();
  form.append('text', 'just a link');
  const response = await shareTargetResponse(new Request(`${origin}/share-target`, { method: 'POST', body: form }), storage, origin);
  assert.is(response.status, 303);
  assert.is(response.headers.get('location'), `${origin}/files`);
  assert.is(entries.size, 0);
});
route.run();

const match = suite('isShareTargetPost / sharedEntryId');
match('only a same-origin POST to /share-target', () => {
  assert.ok(isShareTargetPost(new Request(`${origin}/share-target`, { method: 'POST' }), origin));
  assert.not.ok(isShareTargetPost(new Request(`${origin}/share-target`), origin));
  assert.not.ok(isShareTargetPost(new Request(`${origin}/share-target/x`, { method: 'POST' }), origin));
  assert.not.ok(isShareTargetPost(new Request('https://other.example/share-target', { method: 'POST' }), origin));
  assert.is(sharedEntryId(`${origin}/share-target/AAAAAAAAAAAAAAAAAAAAAA/0`), 'AAAAAAAAAAAAAAAAAAAAAA');
  assert.is(sharedEntryId(`${origin}/assets/index.js`), null);
});
match.run();
