// toClientError: a device out of storage (IndexedDB's QuotaExceededError, bare or as Dexie wraps it)
// becomes `device-full` with words the user can act on, not `server` and not a cancellation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toClientError } from './client-error.js';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

test('a bare QuotaExceededError is device-full, with a message that says what to do', () => {
  const e = toClientError(quota());
  assert.is(e.kind, 'device-full');
  assert.match(e.message, /This device is out of storage space/);
  assert.match(e.message, /Free offline copies/);
});

test('Dexie\'s wrappings are seen through: inner, an aborted transaction, a bulk failure, a cause', () => {
  const inner = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError', inner: quota() });
  const aborted = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota() });
  const bulk = Object.assign(new Error('1 of 1 operations failed'), { name: 'BulkError', failures: [quota()] });
  const bulkByPosition = Object.assign(new Error('1 of 1 operations failed'), { name: 'BulkError', failures: { 0: quota() } });
  const caused = new Error('write failed', { cause: quota() });
  for (const error of [inner, aborted, bulk, bulkByPosition, caused]) assert.is(toClientError(error).kind, 'device-full', error.name);
});

test('a plain abort is still a cancellation, and other failures are not device-full', () => {
  assert.is(toClientError(new DOMException('stopped', 'AbortError')).kind, 'cancelled');
  assert.is(toClientError(new Error('boom')).kind, 'server');
});

test.run();
