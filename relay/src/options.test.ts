// Unit tests for the server's command-line options.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseOptions } from './options.js';

test('defaults: 127.0.0.1:8080, ./data, open sign-up on loopback, pwa/dist', () => {
  const o = parseOptions([], '/srv');
  assert.is(o.port, 8080);
  assert.is(o.host, '127.0.0.1');
  assert.is(o.dataDir, '/srv/data');
  assert.is(o.tls, null);
  assert.is(o.config.signup, 'open');
  assert.is(o.config.secureCookies, false);
  assert.ok(o.config.staticDir!.endsWith('/pwa/dist'));
});

test('a public address defaults to invite-only; flags override', () => {
  assert.is(parseOptions(['--host', '0.0.0.0']).config.signup, 'invite');
  assert.is(parseOptions(['--host', '0.0.0.0', '--open-signup']).config.signup, 'open');
  assert.is(parseOptions(['--invite-only']).config.signup, 'invite');
});

test('TLS, quota, port, data and static pass through', () => {
  const o = parseOptions(['--port', '9000', '--data', '/tmp/x', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--quota-gib', '2', '--static', 'dist'], '/srv');
  assert.is(o.port, 9000);
  assert.is(o.dataDir, '/tmp/x');
  assert.equal(o.tls, { cert: '/srv/c.pem', key: '/srv/k.pem' });
  assert.is(o.config.secureCookies, true);
  assert.is(o.config.defaultQuotaBytes, 2 * 1024 ** 3);
  assert.is(o.config.staticDir, '/srv/dist');
  assert.is(parseOptions([]).config.scrypt.N, 32768);
  assert.is(parseOptions(['--scrypt-cost', '12']).config.scrypt.N, 4096);
});

test('bad options are errors', () => {
  assert.throws(() => parseOptions(['--port', 'x']), /--port/);
  assert.throws(() => parseOptions(['--port']), /needs a value/);
  assert.throws(() => parseOptions(['--tls-cert', 'a']), /go together/);
  assert.throws(() => parseOptions(['--bogus']), /unknown option/);
  assert.throws(() => parseOptions(['--scrypt-cost', '5']), /10–20/);
});

test.run();
