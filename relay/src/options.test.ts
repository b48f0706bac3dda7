// Unit tests for the server's command-line options.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseOptions } from './options.js';
import { parseS3Url } from './store/s3-location.js';

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

test('scale-out stores: --meta postgres://… and --blobs s3://…, checked when parsed', () => {
  const o = parseOptions(['--meta', 'postgres://relay:pw@db:5432/veilbox', '--blobs', 's3://vault/veilbox?endpoint=http%3A%2F%2Fminio%3A9000&region=eu-1']);
  assert.is(o.meta, 'postgres://relay:pw@db:5432/veilbox');
  assert.is(o.blobs, 's3://vault/veilbox?endpoint=http%3A%2F%2Fminio%3A9000&region=eu-1');
  assert.equal(parseS3Url(o.blobs!), { bucket: 'vault', prefix: 'veilbox/', endpoint: 'http://minio:9000', region: 'eu-1', forcePathStyle: true });
  assert.is(parseS3Url('s3://vault?region=us-east-2').forcePathStyle, false, 'AWS itself: virtual-hosted style');
  assert.is(parseOptions([]).meta, null);
  assert.throws(() => parseOptions(['--meta', 'mysql://db/x']), /--meta.*postgres:\/\//);
  assert.throws(() => parseOptions(['--meta', 'postgres://db/x?schema=Bad-Name']), /schema/);
  assert.throws(() => parseOptions(['--blobs', '/srv/blobs']), /--blobs takes s3:\/\//);
  assert.throws(() => parseOptions(['--blobs', 's3://b?endpoint=minio:9000']), /endpoint must be an http/);
  assert.throws(() => parseOptions(['--blobs', 's3://b?secret=x']), /unknown parameter "secret"/);
});

test.run();
