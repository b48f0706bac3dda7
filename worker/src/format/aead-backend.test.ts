// The AEAD backend seam: both implementations pass the Wycheproof AES-256-GCM group, and the
// loader picks node:crypto in Node unless WebCrypto is asked for.
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
load.run();
