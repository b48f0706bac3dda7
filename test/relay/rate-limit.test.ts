// Rate limits against the real relay with its default settings: login attempts from one IP, and
// failed logins against one account, end in 429 with a Retry-After the client can honour. (Only the
// slow hash is made cheap, so the test runs in seconds.)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { b64, client, errorCode, signUp } from './support/http-client.js';
import { startRelay } from './support/relay-process.js';

test('failed logins: 401 until the account limit, then 429 + Retry-After, even with the right key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-rate-'));
  const relay = await startRelay(dir, ['--scrypt-cost', '10']);
  try {
    const call = client(relay.url);
    const alice = await signUp(call, 'alice');
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push((await call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(randomBytes(32)) } })).status);
    }
    assert.equal(codes, Array(10).fill(401));
    const limited = await call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey) } });
    assert.is(limited.status, 429);
    const retry = Number(limited.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
    const body = (await limited.json()) as { error: { code: string; retryAfter: number } };
    assert.is(body.error.code, 'rate_limited');
    assert.is(body.error.retryAfter, retry);

    // Per IP: the 30th attempt in the window from this address is the last one let through.
    let status = 0;
    let n = 11;
    while (n < 40 && status !== 429) {
      status = (await call('POST', '/api/v1/auth/login', { json: { name: `user${n}`, authKey: b64(randomBytes(32)) } })).status;
      n++;
    }
    assert.is(status, 429);
    assert.is(n, 31, 'thirty attempts per IP per five minutes');
    assert.is(await errorCode(await call('POST', '/api/v1/auth/login', { json: { name: 'bob', authKey: b64(randomBytes(32)) } })), 'rate_limited');
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
