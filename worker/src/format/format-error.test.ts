// FormatError: a kind code can branch on, details where they apply, and the shared messages.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FormatError, formatErrors, isFormatError } from './format-error.js';

const errors = suite('FormatError / isFormatError / formatErrors');
errors('kind, name, details', () => {
  const e = formatErrors.chunkAuth(7);
  assert.instance(e, Error);
  assert.is(e.name, 'FormatError');
  assert.is(e.kind, 'chunk-auth');
  assert.is(e.chunkIndex, 7);
  assert.match(e.message, /chunk 7/);
  assert.ok(isFormatError(e));
  assert.ok(isFormatError(e, 'chunk-auth'));
  assert.not.ok(isFormatError(e, 'truncated'));
  assert.not.ok(isFormatError(new Error('chunk-auth')));
  assert.is(new FormatError('bad-recovery-key', 'x', { group: 3 }).group, 3);
});
errors('messages tell people what happened', () => {
  assert.match(formatErrors.wrongKey().message, /key is wrong/);
  assert.match(formatErrors.truncated('it ends early').message, /incomplete: it ends early/);
  assert.match(formatErrors.trailingData('3 bytes').message, /extra bytes/);
});
errors.run();
