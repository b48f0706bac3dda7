// The AEAD backend seam: both implementations pass the Wycheproof AES-256-GCM group, and the
// loader picks node:crypto in Node unless WebCrypto is asked for; node's sealApart gives seal's bytes in two.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aesGcmChecks } from '../../../test/vectors/primitive-checks.js';
import { runChecksWithUvu } from '../../../test/vectors/uvu-checks.js';
import { loadAeadBackend, runningInNode } from './aead-backend.js';

runChecksWithUvu([...aesGcmChecks('node'), ...aesGcmChecks('webcrypto')]);

const load = suite('loadAeadBackend');
load('auto is node:crypto in Node', async () => {
  assert.ok(runningInNode());
  assert.is((await loadAeadBackend()).name, 'node');
  assert.is((await loadAeadBackend('auto')).name, 'node');
  assert.is((await loadAeadBackend('webcrypto')).name, 'webcrypto');
});
load('a key from one backend is refused by the other', async () => {
  const node = await loadAeadBackend('node');
  const web = await loadAeadBackend('webcrypto');
  const key = await node.importKey(new Uint8Array(32));
  await web.seal(key, new Uint8Array(12), new Uint8Array(1)).then(
    () => assert.unreachable(), (e: unknown) => assert.instance(e, TypeError));
});
load('node sealApart: ciphertext and tag apart, the same bytes as seal and WebCrypto give joined', async () => {
  const node = await loadAeadBackend('node');
  const web = await loadAeadBackend('webcrypto');
  const raw = new Uint8Array(32).map((_, i) => i * 7);
  const nonce = new Uint8Array(12).map((_, i) => 200 - i);
  for (const length of [0, 1, 16, 1000, 16 * 1024]) {
    const plaintext = new Uint8Array(length).map((_, i) => (i * 31) & 0xff);
    const [body, tag] = node.sealApart!(await node.importKey(raw), nonce, plaintext);
    assert.is(body.length, length);
    assert.is(tag.length, 16);
    const joined = new Uint8Array([...body, ...tag]);
    assert.equal(joined, await node.seal(await node.importKey(raw), nonce, plaintext), `node seal, ${length} bytes`);
    assert.equal(joined, await web.seal(await web.importKey(raw), nonce, plaintext), `WebCrypto, ${length} bytes`);
  }
});
load.run();
