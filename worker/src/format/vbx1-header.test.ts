// The VBX1 header: encoding, every rule of parsing, and the context it binds.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bytesToHex, utf8 } from './bytes.js';
import { isFormatError } from './format-error.js';
import { couldBeVbx1Prefix, encodeVbx1Header, parseVbx1Header, vbx1BlobContext } from './vbx1-header.js';

const badHeader = (e: unknown) => isFormatError(e, 'bad-header');

const encode = suite('encodeVbx1Header');
encode('magic, version 1, flag bit 0, reserved zero', () => {
  assert.is(bytesToHex(encodeVbx1Header({ deflate: false })), '5642583101000000');
  assert.is(bytesToHex(encodeVbx1Header({ deflate: true })), '5642583101010000');
});
encode.run();

const parse = suite('parseVbx1Header');
parse('reads what encode writes', () => {
  assert.equal(parseVbx1Header(encodeVbx1Header({ deflate: true })), { deflate: true });
  assert.equal(parseVbx1Header(encodeVbx1Header({ deflate: false })), { deflate: false });
});
parse('rejects wrong magic, other versions, unknown flags, reserved bits, short input', () => {
  const good = encodeVbx1Header({ deflate: false });
  for (const [offset, value] of [[0, 0x57], [4, 2], [4, 0], [5, 2], [5, 0x80], [6, 1], [7, 0x10]] as const) {
    const bad = good.slice();
    bad[offset] = value;
    assert.throws(() => parseVbx1Header(bad), badHeader, `byte ${offset} = ${value}`);
  }
  assert.throws(() => parseVbx1Header(good.subarray(0, 7)), badHeader);
});
parse.run();

const prefix = suite('couldBeVbx1Prefix');
prefix('judges partial input by the magic', () => {
  assert.ok(couldBeVbx1Prefix(utf8('VB')));
  assert.ok(couldBeVbx1Prefix(new Uint8Array(0)));
  assert.not.ok(couldBeVbx1Prefix(utf8('PK')));
});
prefix.run();

const context = suite('vbx1BlobContext');
context('"veilbox/v1/blob" followed by the 8 header bytes', () => {
  const header = encodeVbx1Header({ deflate: true });
  assert.is(bytesToHex(vbx1BlobContext(header)), bytesToHex(utf8('veilbox/v1/blob')) + '5642583101010000');
});
context.run();
