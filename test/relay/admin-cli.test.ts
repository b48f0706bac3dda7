// The admin CLI (`npm run admin -- …`) on the data folder of a running, invite-only relay: invites
// and reserved names gate sign-up, list-users and usage report, set-quota takes effect at once,
// delete-user removes the account and its blob files.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { client, errorCode, json, signUp, uploadBlob } from './support/http-client.js';
import { startRelay } from './support/relay-process.js';
import { storedBlobIds } from '../support/stored-blobs.js';

const root = new URL('../../', import.meta.url).pathname;

function admin(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'relay/src/admin/cli.ts', ...args, '--data', dir], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

test('invite, add-user, list-users, usage, set-quota, delete-user against a live relay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-admin-'));
  const relay = await startRelay(dir, ['--invite-only', '--scrypt-cost', '10']);
  try {
    const call = client(relay.url);
    assert.is(await errorCode(await call('POST', '/api/v1/auth/signup', { json: { name: 'alice' } })), 'invite_required');

    const invite = admin(dir, 'invite');
    assert.is(invite.status, 0, invite.stderr);
    assert.match(invite.stdout, /^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/);
    const alice = await signUp(call, 'alice', { invite: invite.stdout });
    const reused = await call('POST', '/api/v1/auth/signup', { json: { name: 'someone' } });
    assert.is(reused.status, 403);

    const bobInvite = admin(dir, 'add-user', 'bob', '--quota-gib', '1');
    assert.is(bobInvite.status, 0, bobInvite.stderr);
    const blobId = await uploadBlob(call, alice.token, randomBytes(300_000));
    assert.ok(storedBlobIds(dir).includes(blobId), 'the blob is stored');
    const list = admin(dir, 'list-users');
    assert.is(list.status, 0);
    assert.match(list.stdout, /^NAME\s+USAGE\s+QUOTA\s+LAST SEEN\s+CREATED/);
    assert.match(list.stdout, /\nalice\s+0\.00 GiB\s+10\.00 GiB\s+\d{4}-/);
    assert.match(list.stdout, /\nbob \(invited\)\s+0\.00 GiB\s+1\.00 GiB\s+never/);
    const wrongName = await call('POST', '/api/v1/auth/signup', { json: {
      name: 'mallory', invite: bobInvite.stdout, kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 },
      salt: 'AAAAAAAAAAAAAAAAAAAAAA', authKey: Buffer.alloc(32).toString('base64url'), passwordWrap: 'AAAA', recoveryWrap: 'AAAA', recoveryAuthKey: Buffer.alloc(32).toString('base64url'),
    } });
    assert.is(await errorCode(wrongName), 'invite_invalid');
    const bob = await signUp(call, 'bob', { invite: bobInvite.stdout });
    assert.is((await json<{ quota: number }>(await call('GET', '/api/v1/account', { token: bob.token }), 200)).quota, 1024 ** 3);

    assert.match(admin(dir, 'usage', 'alice').stdout, /alice\s+0\.00 GiB\s+10\.00 GiB/);

    assert.is(admin(dir, 'set-quota', 'alice', '0.0005').status, 0);
    assert.is((await json<{ quota: number }>(await call('GET', '/api/v1/account', { token: alice.token }), 200)).quota, Math.floor(0.0005 * 1024 ** 3));
    assert.is(await errorCode(await call('POST', '/api/v1/uploads', { token: alice.token, json: { size: 300_000 } })), 'quota_exceeded');

    const refused = admin(dir, 'delete-user', 'alice');
    assert.is(refused.status, 1);
    assert.match(refused.stderr, /--yes/);
    const deleted = admin(dir, 'delete-user', 'alice', '--yes');
    assert.is(deleted.status, 0, deleted.stderr);
    assert.match(deleted.stdout, /Deleted "alice" and 1 blobs/);
    assert.is((await call('GET', '/api/v1/account', { token: alice.token })).status, 401);
    assert.not.ok(storedBlobIds(dir).includes(blobId), 'its blob is gone from the store');
    const after = admin(dir, 'list-users').stdout;
    assert.not.match(after, /alice/);
    assert.match(after, /\nbob\s+0\.00 GiB\s+1\.00 GiB/);
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
