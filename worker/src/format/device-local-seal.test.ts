// sealOnDevice / openOnDevice: round trip, the key stays non-extractable, and any change is refused.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openOnDevice, sealOnDevice } from './device-local-seal.js';

const deviceSeal = suite('sealOnDevice / openOnDevice');

deviceSeal('round trip with a key whose bytes cannot be exported', async () => {
  const plain = new TextEncoder().encode('device token and secret');
  const record = await sealOnDevice(plain);
  assert.equal(await openOnDevice(record), plain);
  assert.is(record.key.extractable, false);
  const exported = await crypto.subtle.exportKey('raw', record.key).then(() => true, () => false);
  assert.is(exported, false, 'a non-extractable key was exported');
});

deviceSeal('a flipped bit or another key is refused', async () => {
  const record = await sealOnDevice(new Uint8Array([1, 2, 3, 4]));
  const flipped = { ...record, sealed: record.sealed.slice() };
  flipped.sealed[0] ^= 1;
  let refused = 0;
  await openOnDevice(flipped).catch(() => { refused++; });
  const other = await sealOnDevice(new Uint8Array([1, 2, 3, 4]));
  await openOnDevice({ ...record, key: other.key }).catch(() => { refused++; });
  assert.is(refused, 2);
});

deviceSeal.run();
