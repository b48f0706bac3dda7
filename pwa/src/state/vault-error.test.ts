// Unit tests for vault-error.ts: plain-words messages per kind, never the developer detail.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeError, isVaultError, vaultError } from './vault-error.js';

test('describeError gives the tampered message in plain words', () => {
  const t = describeError(vaultError('tampered', 'chunk 3 failed authentication'));
  assert.is(t.message, 'This file was changed on the server and can\'t be trusted. It was not opened.');
});

test('describeError never shows the developer message', () => {
  const t = describeError(vaultError('network', 'ECONNRESET at 10.0.0.1'));
  assert.not.match(t.message, /ECONNRESET/);
});

test('describeError says how long to wait when rate limited', () => {
  assert.is(describeError(vaultError('rate-limited', undefined, { retryAfterMs: 1500 })).message, 'Wait 2 seconds before trying again.');
});

test('describeError handles unknown throwables and aborts', () => {
  assert.is(describeError(new TypeError('x')).title, 'Something went wrong');
  assert.is(describeError('nope').title, 'Something went wrong');
  assert.is(describeError(new DOMException('aborted', 'AbortError')).title, 'Cancelled');
});

test('isVaultError accepts only known kinds', () => {
  assert.ok(isVaultError(vaultError('quota-full')));
  const fake = Object.assign(new Error('x'), { kind: 'bogus' });
  assert.not.ok(isVaultError(fake));
  assert.not.ok(isVaultError({ kind: 'network' }));
});

test.run();
