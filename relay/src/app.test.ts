// App-wide behaviour: security headers and CSP on every kind of answer, CORS closed, JSON errors
// (404, 415, 413, invalid JSON, uncaught errors without internals), the PWA with its SPA fallback.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONTENT_SECURITY_POLICY } from './http/security-headers.js';
import { errorCode, makeFixture, signUp, uploadBlob } from './test-support/fixture.js';

const EXPECTED_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function checkHeaders(res: Response, what: string) {
  assert.is(res.headers.get('content-security-policy'), EXPECTED_CSP, what);
  assert.is(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.is(res.headers.get('referrer-policy'), 'no-referrer', what);
  assert.is(res.headers.get('cross-origin-opener-policy'), 'same-origin', what);
  assert.is(res.headers.get('access-control-allow-origin'), null, what);
}

function pwaDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-pwa-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Veilbox</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'sw.js'), '// sw');
  return dir;
}

test('the CSP is exactly DESIGN.md §7', () => {
  assert.is(CONTENT_SECURITY_POLICY, EXPECTED_CSP);
});

test('security headers on API answers, errors, blobs, static files and the SPA fallback', async () => {
  const f = await makeFixture({ staticDir: pwaDir() });
  const alice = await signUp(f, 'alice');
  const blobId = await uploadBlob(f, alice, Buffer.alloc(10));
  const answers: [string, Response][] = [
    ['api', await f.call('GET', '/api/v1/account', { as: alice })],
    ['401', await f.call('GET', '/api/v1/account')],
    ['404 api', await f.call('GET', '/api/v1/nothing')],
    ['blob', await f.call('GET', `/api/v1/blobs/${blobId}`, { as: alice })],
    ['index', await f.call('GET', '/')],
    ['asset', await f.call('GET', '/assets/app-1234.js')],
    ['share page', await f.call('GET', '/s/AAAAAAAAAAAAAAAAAAAAAA')],
    ['drop page', await f.call('GET', '/d/AAAAAAAAAAAAAAAAAAAAAA')],
    ['pair page', await f.call('GET', '/pair')],
    ['missing asset', await f.call('GET', '/assets/missing.js')],
  ];
  for (const [what, res] of answers) checkHeaders(res, what);
  const [, index] = answers[4];
  assert.is(await index.text(), '<!doctype html><title>Veilbox</title>');
  for (const i of [6, 7, 8]) {
    assert.is(answers[i][1].status, 200);
    assert.is(await answers[i][1].text(), '<!doctype html><title>Veilbox</title>', answers[i][0]);
  }
  assert.is(answers[5][1].headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.is(answers[5][1].headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.is(answers[9][1].status, 404);
  assert.is(answers[0][1].headers.get('cache-control'), 'no-store');
  await f.close();
});

test('static paths can\'t leave the build folder', async () => {
  const dir = pwaDir();
  writeFileSync(join(dir, '..', 'secret.txt'), 'nope');
  const f = await makeFixture({ staticDir: dir });
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
    const res = await f.call('GET', path);
    assert.is.not((await res.text()).includes('nope'), true, path);
  }
  await f.close();
});

test('without a build, a page says to run npm run build', async () => {
  const f = await makeFixture({ staticDir: join(tmpdir(), 'vbx-no-such-dir') });
  const res = await f.call('GET', '/');
  assert.is(res.status, 200);
  assert.match(await res.text(), /npm run build/);
  checkHeaders(res, 'no build');
  await f.close();
});

test('CORS is closed: preflights get no allow headers', async () => {
  const f = await makeFixture();
  const res = await f.call('OPTIONS', '/api/v1/auth/login', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.is(res.headers.get('access-control-allow-origin'), null);
  assert.is(res.headers.get('access-control-allow-methods'), null);
  assert.is(res.status, 404);
  await f.close();
});

test('JSON errors: wrong content type, oversized body, invalid JSON, not an object', async () => {
  const f = await makeFixture();
  const url = '/api/v1/auth/prelogin';
  const text = await f.call('POST', url, { body: 'name=alice', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.is(text.status, 415);
  assert.is(await errorCode(text), 'unsupported_media_type');
  const big = await f.call('POST', url, { json: { name: 'x'.repeat(70_000) } });
  assert.is(big.status, 413);
  assert.is(await errorCode(big), 'body_too_large');
  const broken = await f.call('POST', url, { body: '{"name":', headers: { 'content-type': 'application/json' } });
  assert.is(broken.status, 400);
  assert.is(await errorCode(broken), 'invalid_json');
  const list = await f.call('POST', url, { body: '[1]', headers: { 'content-type': 'application/json' } });
  assert.is(await errorCode(list), 'invalid_request');
  await f.close();
});

test('an uncaught error is a bare 500 internal_error: no message, no stack', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  f.meta.listDevices = async () => { throw new Error('SQLITE_CORRUPT at /secret/path token=abc'); };
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { logged.push(args.join(' ')); };
  const res = await f.call('GET', '/api/v1/devices', { as: alice });
  console.error = original;
  assert.is(res.status, 500);
  const text = await res.text();
  assert.equal(JSON.parse(text).error.code, 'internal_error');
  assert.not.match(text, /SQLITE|\/secret|token=|\s+at \S+ \(/);
  assert.not.match(logged.join('\n'), /token=abc|\/secret\/path/);
  await f.close();
});

test.run();
