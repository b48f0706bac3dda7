// The recovery key's text form: round trips, a pinned encoding, and typos reported by group.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pseudoRandomBytes } from '../../../test/vectors/check-harness.js';
import { isFormatError, type FormatError } from '../format/format-error.js';
import { decodeRecoveryKey, encodeRecoveryKey, RECOVERY_KEY_GROUPS } from './recovery-key-text.js';

const badKey = (group?: number) => (e: unknown) =>
  isFormatError(e, 'bad-recovery-key') && (group === undefined || (e as FormatError).group === group);

const encode = suite('encodeRecoveryKey');
encode('26 dash-separated groups of 5 Crockford characters', () => {
  const text = encodeRecoveryKey(pseudoRandomBytes(64, 1));
  const groups = text.split('-');
  assert.is(groups.length, RECOVERY_KEY_GROUPS);
  for (const g of groups) assert.match(g, /^[0-9A-HJKMNP-TV-Z]{5}$/);
});
encode('pinned: the all-zero and all-0xff keys', () => {
  assert.is(encodeRecoveryKey(new Uint8Array(64)), Array(RECOVERY_KEY_GROUPS).fill('00000').join('-'));
  const ones = encodeRecoveryKey(new Uint8Array(64).fill(0xff));
  assert.ok(ones.startsWith('ZZZZ'));
  assert.equal(decodeRecoveryKey(ones), new Uint8Array(64).fill(0xff));
});
encode('refuses anything but 64 bytes', () => {
  assert.throws(() => encodeRecoveryKey(new Uint8Array(32)), (e: unknown) => isFormatError(e, 'bad-parameters'));
});
encode.run();

const decode = suite('decodeRecoveryKey');
decode('round trips, in any case, with spaces, line breaks, and O/I/L for 0/1/1', () => {
  for (let seed = 1; seed < 40; seed++) {
    const key = pseudoRandomBytes(64, seed);
    const text = encodeRecoveryKey(key);
    assert.equal(decodeRecoveryKey(text), key);
    const messy = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    assert.equal(decodeRecoveryKey(messy.slice(0, 60) + '\n' + messy.slice(60)), key);
  }
});
decode('a wrong character is reported with its group', () => {
  const groups = encodeRecoveryKey(pseudoRandomBytes(64, 2)).split('-');
  for (const g of [0, 7, 25]) {
    const chars = [...groups[g]];
    chars[2] = chars[2] === 'A' ? 'B' : 'A';
    const typo = [...groups.slice(0, g), chars.join(''), ...groups.slice(g + 1)].join('-');
    assert.throws(() => decodeRecoveryKey(typo), badKey(g + 1), `group ${g + 1}`);
  }
});
decode('swapped neighbours in a group are caught', () => {
  let caught = 0;
  let tried = 0;
  for (let seed = 1; seed < 30; seed++) {
    const groups = encodeRecoveryKey(pseudoRandomBytes(64, seed)).split('-');
    const chars = [...groups[3]];
    if (chars[0] === chars[1]) continue;
    [chars[0], chars[1]] = [chars[1], chars[0]];
    tried++;
    try {
      decodeRecoveryKey([...groups.slice(0, 3), chars.join(''), ...groups.slice(4)].join('-'));
    } catch (e) {
      if (badKey()(e)) caught++;
    }
  }
  assert.is(caught, tried);
});
decode('swapped groups, a missing group, letters it never uses, other text', () => {
  const groups = encodeRecoveryKey(pseudoRandomBytes(64, 3)).split('-');
  const swapped = [groups[1], groups[0], ...groups.slice(2)].join('-');
  assert.throws(() => decodeRecoveryKey(swapped), badKey());
  assert.throws(() => decodeRecoveryKey(groups.slice(1).join('-')), badKey());
  assert.throws(() => decodeRecoveryKey('U' + groups.join('-').slice(1)), badKey(1));
  assert.throws(() => decodeRecoveryKey('https://example.org/s/abc#secret'), badKey());
  assert.throws(() => decodeRecoveryKey(''), badKey());
});
decode.run();
