// Device records: their own key (a node key doesn't open them, nor theirs a node record), bound to their
// place, and one stable id per kind and device that differs between vaults.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { utf8 } from '../format/bytes.js';
import { isFormatError } from '../format/format-error.js';
import { deriveDeviceRecordKey, deviceRecordContext, deviceRecordIdBytes, openDeviceRecord, sealDeviceRecord } from './device-records.js';
import { openNodeRecord, sealNodeRecord } from './records.js';
import { encodeContext } from './context.js';
import { deriveNodeKey, generateVaultKey } from './vault-key.js';

const place = { accountId: 'acct', nodeId: 'AAAAAAAAAAAAAAAAAAAAAA', version: 2 };
const wrongKey = (e: unknown) => isFormatError(e, 'wrong-key');

const records = suite('sealDeviceRecord / openDeviceRecord');
records('round trip; not opened by the node key, nor moved to another id, version or account', async () => {
  const vaultKey = generateVaultKey();
  const key = await deriveDeviceRecordKey(vaultKey);
  const nodeKey = await deriveNodeKey(vaultKey);
  assert.not.equal(key, nodeKey);
  const body = utf8('{"kind":"helper-settings"}');
  const sealed = await sealDeviceRecord(key, body, place);
  assert.equal(await openDeviceRecord(key, sealed, place), body);
  await openNodeRecord(nodeKey, sealed, place).then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
  await openDeviceRecord(key, await sealNodeRecord(nodeKey, body, place), place).then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
  for (const moved of [{ ...place, version: 3 }, { ...place, nodeId: 'BAAAAAAAAAAAAAAAAAAAAA' }, { ...place, accountId: 'other' }]) {
    await openDeviceRecord(key, sealed, moved).then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
  }
  assert.equal(deviceRecordContext(place), encodeContext('veilbox/v1/device-record', 'acct', place.nodeId, 2));
});
records.run();

const ids = suite('deviceRecordIdBytes');
ids('16 bytes, stable per kind and device, different per vault', async () => {
  const key = await deriveDeviceRecordKey(generateVaultKey());
  const a = await deviceRecordIdBytes(key, 'helper-settings', 'dev1');
  assert.is(a.length, 16);
  assert.equal(await deviceRecordIdBytes(key, 'helper-settings', 'dev1'), a);
  assert.not.equal(await deviceRecordIdBytes(key, 'helper-status', 'dev1'), a);
  assert.not.equal(await deviceRecordIdBytes(key, 'helper-settings', 'dev2'), a);
  assert.not.equal(await deviceRecordIdBytes(await deriveDeviceRecordKey(generateVaultKey()), 'helper-settings', 'dev1'), a);
});
ids.run();
