// Drop keys: HKDF-SHA-256 of the secret checked against node:crypto, the token hash, and that wraps,
// item records and labels open only under the same drop key and the same drop id.
import { createHash, hkdfSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { utf8 } from '../format/bytes.js';
import { isFormatError } from '../format/format-error.js';
import {
  deriveDropKeys, dropTokenHash, generateDropSecret, openDropItem, openDropLabel, sealDropItem, sealDropLabel, unwrapDropFileKey, wrapDropFileKey,
} from './drop-keys.js';
import { LABEL_DROP_AUTH, LABEL_DROP_KEY } from './labels.js';

const derive = suite('deriveDropKeys / generateDropSecret / dropTokenHash');
derive('drop key and auth token from the secret, the relay keeps SHA-256 of the token', async () => {
  const secret = generateDropSecret();
  assert.is(secret.length, 16);
  const { dropKey, authToken } = await deriveDropKeys(secret);
  assert.equal(dropKey, new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), LABEL_DROP_KEY, 32)));
  assert.equal(authToken, new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), LABEL_DROP_AUTH, 32)));
  assert.equal(await dropTokenHash(authToken), new Uint8Array(createHash('sha256').update(authToken).digest()));
});
derive('a secret shorter than 128 bits is refused', async () => {
  await deriveDropKeys(new Uint8Array(8)).then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
derive.run();

const seal = suite('drop wraps, item records and labels');
seal('open under the same key and drop id only', async () => {
  const { dropKey } = await deriveDropKeys(generateDropSecret());
  const other = (await deriveDropKeys(generateDropSecret())).dropKey;
  const fileKey = new Uint8Array(32).fill(7);
  const wrapped = await wrapDropFileKey(dropKey, fileKey, 'drop-a');
  assert.equal(await unwrapDropFileKey(dropKey, wrapped, 'drop-a'), fileKey);
  for (const [key, id] of [[other, 'drop-a'], [dropKey, 'drop-b']] as const) {
    await unwrapDropFileKey(key, wrapped, id).then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'wrong-key')));
  }
  const item = await sealDropItem(dropKey, utf8('{"name":"a.jpg"}'), 'drop-a');
  assert.equal(new TextDecoder().decode(await openDropItem(dropKey, item, 'drop-a')), '{"name":"a.jpg"}');
  await openDropItem(dropKey, item, 'drop-b').then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'wrong-key')));
  // An item record is not a label (different context), even under the same key and id.
  await openDropLabel(dropKey, item, 'drop-a').then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'wrong-key')));
  const label = await sealDropLabel(dropKey, utf8('Photos'), 'drop-a');
  assert.equal(new TextDecoder().decode(await openDropLabel(dropKey, label, 'drop-a')), 'Photos');
});
seal.run();
