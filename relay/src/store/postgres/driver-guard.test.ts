// Unit test of the guard for postgres.js's write-after-close TypeError ([Note: postgres.js write after
// close]): only that error, thrown from the driver's connection.js, is recognised.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDriverWriteAfterClose } from './driver-guard.js';

test('recognises the driver\'s null-socket write and nothing else', () => {
  const driver = new TypeError('Cannot read properties of null (reading \'write\')');
  driver.stack = `${driver.message}\n    at Immediate.nextWrite (file:///srv/veilbox/node_modules/postgres/src/connection.js:255:22)`;
  assert.ok(isDriverWriteAfterClose(driver));
  const ours = new TypeError('Cannot read properties of null (reading \'write\')');
  ours.stack = `${ours.message}\n    at send (file:///srv/veilbox/relay/src/routes/blobs.ts:10:5)`;
  assert.not.ok(isDriverWriteAfterClose(ours));
  const other = new Error('boom');
  other.stack = `${other.message}\n    at x (file:///srv/veilbox/node_modules/postgres/src/connection.js:1:1)`;
  assert.not.ok(isDriverWriteAfterClose(other));
});

test.run();
