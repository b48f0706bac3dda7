// TLS served directly (--tls-cert/--tls-key, a test-only self-signed certificate): HTTPS answers
// with HSTS, the session cookie is marked Secure, and live events work over wss://.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { KDF, b64 } from './support/http-client.js';
import { startRelay } from './support/relay-process.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;

function post(url: string, body: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca: readFileSync(join(fixtures, 'localhost-cert.pem')), headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('HTTPS with HSTS and a Secure, HttpOnly, SameSite=Strict session cookie', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-tls-'));
  const relay = await startRelay(dir, ['--tls-cert', join(fixtures, 'localhost-cert.pem'), '--tls-key', join(fixtures, 'localhost-key.pem'), '--scrypt-cost', '10']);
  try {
    assert.match(relay.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await post(`${relay.url}/api/v1/auth/signup`, {
      name: 'alice', kdf: KDF, salt: b64(randomBytes(16)), authKey: b64(randomBytes(32)), passwordWrap: b64(randomBytes(60)),
      recoveryWrap: b64(randomBytes(60)), recoveryAuthKey: b64(randomBytes(32)),
    });
    assert.is(res.status, 201, res.text);
    assert.is(res.headers['strict-transport-security'], 'max-age=31536000');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /vb_session=/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);

    const ws = new WebSocket(`${relay.url.replace('https', 'wss')}/api/v1/events`, {
      ca: readFileSync(join(fixtures, 'localhost-cert.pem')), headers: { cookie: cookie.split(';')[0], origin: relay.url },
    });
    const [first] = await once(ws, 'message') as [Buffer];
    assert.equal(JSON.parse(String(first)), { type: 'revision', revision: 0 });
    ws.close();
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
