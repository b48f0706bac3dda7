// Account life cycle of the client core against a real relay: sign-up, login with the password and
// with the recovery key (typed and as a key file), wrong secrets, password change, lock, remembered
// device and its revocation.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ClientStatus } from '../../worker/src/client/index.js';
import { newCore, startRelay, type TestRelay, rejectsWith } from './client-support.js';

const account = suite<{ relay: TestRelay; recoveryText: string; keyFile: string }>('client account', { relay: null!, recoveryText: '', keyFile: '' });

account.before(async (ctx) => {
  ctx.relay = await startRelay();
});
account.after(async (ctx) => {
  await ctx.relay.close();
});

account('sign-up unlocks, creates the root folder and returns the recovery key once', async (ctx) => {
  const core = newCore(ctx.relay);
  const { recoveryKey } = await core.signUp('alice', 'correct horse battery staple');
  assert.match(recoveryKey.text, /^[0-9A-Z]{130}$/);
  assert.is(recoveryKey.qrPayload, recoveryKey.text);
  assert.ok(recoveryKey.keyFileText.includes('#'));
  ctx.recoveryText = recoveryKey.text;
  ctx.keyFile = recoveryKey.keyFileText;
  const status = await core.getStatus();
  assert.equal(status, { state: 'unlocked', login: 'alice', unlockedWith: 'password', deviceRemembered: false, recoveryKeyConfirmed: false });
  const tree = await core.listTree();
  assert.is(tree.nodes.length, 1);
  assert.is(tree.nodes[0].id, tree.rootId);
  assert.is(tree.nodes[0].parentId, null);
  await core.confirmRecoverySaved();
  assert.is(((await core.getStatus()) as Extract<ClientStatus, { state: 'unlocked' }>).recoveryKeyConfirmed, true);
  await rejectsWith('login-taken', () => newCore(ctx.relay).signUp('alice', 'another password 123'));
});

account('login with the password unlocks; a wrong password is wrong-password', async (ctx) => {
  const core = newCore(ctx.relay);
  await rejectsWith('wrong-password', () => core.logIn('alice', 'wrong horse'));
  assert.equal(await core.getStatus(), { state: 'signed-out' });
  const status = await core.logIn('alice', 'correct horse battery staple');
  assert.is(status.state, 'unlocked');
  assert.is((await core.listTree()).nodes.length, 1);
  await core.lock();
  assert.equal(await core.getStatus(), { state: 'locked', login: 'alice', deviceRemembered: false });
  await rejectsWith('locked', () => core.listTree());
});

account('login with the recovery key, typed or as the key file; a wrong key is refused', async (ctx) => {
  const typed = newCore(ctx.relay);
  const grouped = ctx.recoveryText.match(/.{1,5}/g)!.join(' ').toLowerCase();
  const status = await typed.logInWithRecoveryKey('alice', grouped);
  assert.is((status as Extract<ClientStatus, { state: 'unlocked' }>).unlockedWith, 'recovery-key');
  const file = newCore(ctx.relay);
  assert.is((await file.logInWithRecoveryKey('alice', ctx.keyFile)).state, 'unlocked');
  // A well-formed key of another account: the relay refuses it.
  const other = newCore(ctx.relay);
  const { recoveryKey } = await other.signUp('bob', 'bob password 12345');
  await rejectsWith('wrong-recovery-key', () => newCore(ctx.relay).logInWithRecoveryKey('alice', recoveryKey.text));
  // A typo is caught locally by the key's check characters.
  const typo = (ctx.recoveryText[0] === 'A' ? 'B' : 'A') + ctx.recoveryText.slice(1);
  await rejectsWith('wrong-recovery-key', () => newCore(ctx.relay).logInWithRecoveryKey('alice', typo));
});

account('set a new password after recovery, then log in with it', async (ctx) => {
  const core = newCore(ctx.relay);
  await core.logInWithRecoveryKey('alice', ctx.recoveryText);
  await core.setPasswordAfterRecovery('a brand new password');
  assert.is(((await core.getStatus()) as Extract<ClientStatus, { state: 'unlocked' }>).unlockedWith, 'password');
  await rejectsWith('wrong-password', () => newCore(ctx.relay).logIn('alice', 'correct horse battery staple'));
  assert.is((await newCore(ctx.relay).logIn('alice', 'a brand new password')).state, 'unlocked');
  // changePassword checks the old password first.
  await rejectsWith('wrong-password', () => core.changePassword('not the password', 'x'));
});

account('remember the device, unlock with it, revoke it → device-revoked', async (ctx) => {
  const core = newCore(ctx.relay);
  await core.logIn('alice', 'a brand new password', { rememberDevice: true, deviceLabel: 'Test browser' });
  const devices = await core.listDevices();
  assert.is(devices.length, 1);
  assert.is(devices[0].label, 'Test browser');
  assert.ok(devices[0].current);
  await core.logOut();
  assert.equal(await core.getStatus(), { state: 'locked', login: 'alice', deviceRemembered: true });
  const status = await core.unlockWithDevice();
  assert.is((status as Extract<ClientStatus, { state: 'unlocked' }>).unlockedWith, 'device');
  assert.is((await core.listTree()).nodes.length, 1);
  // Revoked from another session: the device can no longer open the vault.
  const other = newCore(ctx.relay);
  await other.logIn('alice', 'a brand new password');
  await other.revokeDevice(devices[0].id);
  await core.lock();
  await rejectsWith('device-revoked', () => core.unlockWithDevice());
  assert.equal(await core.getStatus(), { state: 'signed-out' });
});

account.run();
