// Node records and share manifests are bound to their place: moved or replayed, they fail.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { utf8 } from '../format/bytes.js';
import { isFormatError } from '../format/format-error.js';
import { nodeContext, openNodeRecord, openShareManifest, sealNodeRecord, sealShareManifest, shareContext } from './records.js';
import { deriveNodeKey, generateVaultKey } from './vault-key.js';
import { encodeContext } from './context.js';

const place = { accountId: 'acct', nodeId: '0123456789abcdef0123456789abcdef', version: 3 };
const wrongKey = (e: unknown) => isFormatError(e, 'wrong-key');

const nodes = suite('sealNodeRecord / openNodeRecord');
nodes('round trip, and no move to another node, version or account', async () => {
  const nodeKey = await deriveNodeKey(generateVaultKey());
  const body = utf8('{"name":"taxes.pdf"}');
  const sealed = await sealNodeRecord(nodeKey, body, place);
  assert.equal(await openNodeRecord(nodeKey, sealed, place), body);
  for (const moved of [{ ...place, version: 2 }, { ...place, nodeId: 'ffff' }, { ...place, accountId: 'other' }]) {
    await openNodeRecord(nodeKey, sealed, moved).then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
  }
});
nodes.run();

const contexts = suite('nodeContext / shareContext');
contexts('fields are length-prefixed; the version is 8 bytes big-endian', () => {
  assert.equal(nodeContext(place), encodeContext('veilbox/v1/node', 'acct', place.nodeId, 3));
  assert.equal(shareContext('s1'), encodeContext('veilbox/v1/share', 's1'));
});
contexts.run();

const shares = suite('sealShareManifest / openShareManifest');
shares('bound to the share id', async () => {
  const key = generateVaultKey();
  const sealed = await sealShareManifest(key, utf8('[]'), 'share-a');
  assert.equal(await openShareManifest(key, sealed, 'share-a'), utf8('[]'));
  await openShareManifest(key, sealed, 'share-b').then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
});
shares.run();
