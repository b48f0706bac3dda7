// Unit tests of device-store-file.ts: pairing secrets round-trip through a 0600 file into a DeviceRecord
// VaultCore can open; clear removes the file; on Windows without DPAPI the key is refused, not kept bare.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDeviceRecord } from '../../worker/src/client/remembered-device.js';
import { FileDeviceStore } from './device-store-file.js';

const device = { relay: 'http://127.0.0.1:1', login: 'ann', accountId: 'acc', deviceId: 'dev', pairedAt: '2026-11-28T00:00:00.000Z' };

test('secrets round-trip through a 0600 file; clear removes it', async () => {
  const home = mkdtempSync(join(tmpdir(), 'vb-device-store-'));
  try {
    const store = new FileDeviceStore(join(home, 'nested'), 'linux');
    assert.is(await store.load(), null);
    const secret = crypto.getRandomValues(new Uint8Array(32));
    await store.saveSecrets(device, { token: 't'.repeat(43), secret: secret.slice() });
    assert.is(statSync(store.path).mode & 0o777, 0o600);
    assert.equal(store.paired(), device);
    const record = await store.load();
    assert.is(record?.deviceId, 'dev');
    const opened = await openDeviceRecord(record!);
    assert.is(opened.token, 't'.repeat(43));
    assert.equal(opened.secret, secret);
    await store.clear();
    assert.not.ok(existsSync(store.path));
    assert.is(store.paired(), null);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('on Windows without DPAPI the key is refused, never written bare', async () => {
  // Only meaningful where the package is absent (it ships with the Windows build, not this workspace).
  if (existsSync(new URL('../../node_modules/@primno/dpapi', import.meta.url))) return;
  const home = mkdtempSync(join(tmpdir(), 'vb-device-store-'));
  try {
    const store = new FileDeviceStore(home, 'win32');
    try {
      await store.saveSecrets(device, { token: 't'.repeat(43), secret: new Uint8Array(32) });
      assert.unreachable('stored without DPAPI');
    } catch (error) {
      assert.match((error as Error).message, /DPAPI is not available/);
    }
    assert.not.ok(existsSync(store.path));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test.run();
