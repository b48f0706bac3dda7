// E2E: pairing the helper with a vault against a real relay. The browser's side is PairingHost over a
// logged-in VaultCore (what the PWA's crypto worker runs); the helper's side is the real CLI process.
// Both show the same verification code; the paired helper opens the vault with no password; its key
// file is mode 0600 and holds no vault key; wrong, reused and expired codes are refused in words; a
// rejected pairing revokes the device; unpair removes it from the relay and the disk.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PairingHost } from '../../worker/src/client/pairing.js';
import { VaultCore } from '../../worker/src/client/vault-core.js';
import { FileDeviceStore } from '../../windows-helper/src/device-store-file.js';
import { startRelay, type TestRelay } from './client-support.js';
import { helperHomeDir, runHelper } from './helper-support.js';
import { loggedIn } from './support/sync-device.js';

let relay: TestRelay;
let skewMs = 0;
const homes: string[] = [];

test.before(async () => {
  relay = await startRelay({ now: () => Date.now() + skewMs });
});
test.after(async () => {
  await relay.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

function home(): string {
  const h = helperHomeDir();
  homes.push(h);
  return h;
}

function digitsOf(stdout: string): string {
  const m = stdout.match(/Verification code: (\d{3}) (\d{3})/);
  assert.ok(m, `no verification code in: ${stdout}`);
  return m![1]! + m![2]!;
}

test('pair with the CLI, same code on both sides, then the vault opens with no password', async () => {
  const owner = await loggedIn(relay, 'pair-owner', 'correct horse battery staple', true);
  const tree = await owner.listTree();
  await owner.createFolder(tree.rootId, 'Hello from the browser');
  const host = new PairingHost(owner, relay.baseUrl);
  const offer = await host.offer();
  assert.match(offer.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.is((await host.state(offer.pairingId)).status, 'pending');

  const h = home();
  const run = await runHelper(h, ['pair', '--relay', relay.baseUrl, '--code', offer.link]);
  assert.is(run.code, 0, run.stderr + run.stdout);
  const shown = digitsOf(run.stdout);
  const state = await host.state(offer.pairingId);
  assert.is(state.status, 'claimed');
  assert.is(state.verificationCode, shown);
  await host.confirm(offer.pairingId);

  // The key file: mode 0600, no password, nothing that is the vault key in the clear.
  const file = join(h, 'device.json');
  assert.is(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  assert.not.match(text, /correct horse/);
  assert.is(JSON.parse(text).deviceId, state.deviceId);

  // The helper's side opens the vault with only what it stored.
  const helperCore = new VaultCore({ baseUrl: relay.baseUrl, sessionMode: 'bearer', deviceStore: new FileDeviceStore(h), webSocket: null });
  const status = await helperCore.unlockWithDevice();
  assert.is(status.state, 'unlocked');
  assert.ok((await helperCore.listTree()).nodes.some((n) => n.name === 'Hello from the browser'));
  await helperCore.lock();
  assert.ok((await owner.listDevices()).some((d) => d.id === state.deviceId));

  const st = await runHelper(h, ['status', '--json']);
  assert.is(JSON.parse(st.stdout).paired, true);

  // Unpair: gone from the relay and from the disk.
  const un = await runHelper(h, ['unpair']);
  assert.is(un.code, 0, un.stderr);
  assert.match(un.stdout, /Unpaired/);
  assert.not.ok((await owner.listDevices()).some((d) => d.id === state.deviceId));
  assert.is(new FileDeviceStore(h).paired(), null);
});

test('wrong, reused and expired codes are refused in words; a rejected pairing revokes the device', async () => {
  const owner = await loggedIn(relay, 'pair-owner-2', 'another long password', true);
  const host = new PairingHost(owner, relay.baseUrl);

  // Wrong: one character changed.
  const offer = await host.offer();
  const last = offer.code.at(-1) === '0' ? '1' : '0';
  const wrong = await runHelper(home(), ['pair', '--relay', relay.baseUrl, '--code', offer.code.slice(0, -1) + last]);
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, /No pairing has that code|pairing code is wrong/);
  const bad = await runHelper(home(), ['pair', '--relay', relay.baseUrl, '--code', 'hello']);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /not a pairing code/);

  // Reused: the first claim works, the second is refused.
  const h1 = home();
  assert.is((await runHelper(h1, ['pair', '--relay', relay.baseUrl, '--code', offer.code])).code, 0);
  const again = await runHelper(home(), ['pair', '--relay', relay.baseUrl, '--code', offer.code]);
  assert.is(again.code, 1);
  assert.match(again.stderr, /already used/);

  // Rejected on the browser side ("codes differ"): the device is revoked; the helper can't open the vault.
  const claimed = await host.state(offer.pairingId);
  await host.reject(offer.pairingId);
  assert.not.ok((await owner.listDevices()).some((d) => d.id === claimed.deviceId));
  const helperCore = new VaultCore({ baseUrl: relay.baseUrl, sessionMode: 'bearer', deviceStore: new FileDeviceStore(h1), webSocket: null });
  try {
    await helperCore.unlockWithDevice();
    assert.unreachable('a revoked device opened the vault');
  } catch (error) {
    assert.match((error as Error).message, /removed from the account|no key/);
  }

  // Expired: the relay's clock moves past the offer's five minutes.
  const late = await host.offer();
  skewMs = 6 * 60_000;
  try {
    const expired = await runHelper(home(), ['pair', '--relay', relay.baseUrl, '--code', late.code]);
    assert.is(expired.code, 1);
    assert.match(expired.stderr, /expired/);
  } finally {
    skewMs = 0;
  }
});

test.run();
