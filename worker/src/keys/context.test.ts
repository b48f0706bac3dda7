// Context encoding: label ‖ (u32 length ‖ bytes) per field, exact bytes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bytesToHex, utf8 } from '../format/bytes.js';
import { isFormatError } from '../format/format-error.js';
import { encodeContext } from './context.js';

const encode = suite('encodeContext');
encode('strings, bytes and numbers', () => {
  const hex = bytesToHex(encodeContext('L', 'ab', Uint8Array.of(9), 258));
  assert.is(hex, bytesToHex(utf8('L')) + '00000002' + '6162' + '00000001' + '09' + '00000008' + '0000000000000102');
});
encode('field boundaries cannot be confused', () => {
  assert.not.equal(encodeContext('L', 'ab', 'c'), encodeContext('L', 'a', 'bc'));
});
encode('numbers must be safe non-negative integers', () => {
  assert.throws(() => encodeContext('L', -1), (e: unknown) => isFormatError(e, 'bad-parameters'));
  assert.throws(() => encodeContext('L', 1.5), (e: unknown) => isFormatError(e, 'bad-parameters'));
});
encode.run();
