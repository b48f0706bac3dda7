// The recovery key as text people can copy, type and scan: Crockford base32 in 26 groups of
// four characters plus a check character each, so a typo is reported with its group number.
// 64 key bytes + 1 CRC-8 byte = 520 bits = 104 characters; the CRC catches swapped or lost groups.
import { FormatError } from '../format/format-error.js';
import { RECOVERY_KEY_BYTES } from './key-sizes.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BITS_PER_CHAR = 5;
const RADIX = ALPHABET.length;
const DATA_CHARS_PER_GROUP = 4;
const GROUP_CHARS = DATA_CHARS_PER_GROUP + 1;
const PAYLOAD_BYTES = RECOVERY_KEY_BYTES + 1;
const DATA_CHARS = (PAYLOAD_BYTES * 8) / BITS_PER_CHAR;
export const RECOVERY_KEY_GROUPS = DATA_CHARS / DATA_CHARS_PER_GROUP;
const SEPARATOR = '-';
/** CRC-8 polynomial x^8 + x^2 + x + 1 (CRC-8/SMBUS). */
const CRC8_POLY = 0x07;

// Crockford's rule: read O as 0 and I, L as 1, so the easy confusions aren't errors at all.
const DECODE = new Map<string, number>();
for (let i = 0; i < ALPHABET.length; i++) DECODE.set(ALPHABET[i], i);
DECODE.set('O', 0);
DECODE.set('I', 1);
DECODE.set('L', 1);

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ CRC8_POLY) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** Luhn mod 32 check character: catches any single wrong character and most swapped neighbours. */
function luhnCheck(codes: number[]): number {
  let factor = 2;
  let sum = 0;
  for (let i = codes.length - 1; i >= 0; i--) {
    const addend = factor * codes[i];
    sum += Math.floor(addend / RADIX) + (addend % RADIX);
    factor = factor === 2 ? 1 : 2;
  }
  return (RADIX - (sum % RADIX)) % RADIX;
}

function bad(message: string, group?: number): FormatError {
  return new FormatError('bad-recovery-key', message, group === undefined ? {} : { group });
}

export function encodeRecoveryKey(key: Uint8Array): string {
  if (key.length !== RECOVERY_KEY_BYTES) throw new FormatError('bad-parameters', `A recovery key is ${RECOVERY_KEY_BYTES} bytes.`);
  const payload = new Uint8Array(PAYLOAD_BYTES);
  payload.set(key);
  payload[RECOVERY_KEY_BYTES] = crc8(key);
  const codes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const byte of payload) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= BITS_PER_CHAR) {
      bits -= BITS_PER_CHAR;
      codes.push((buffer >> bits) & (RADIX - 1));
    }
    buffer &= (1 << bits) - 1;
  }
  const groups: string[] = [];
  for (let g = 0; g < RECOVERY_KEY_GROUPS; g++) {
    const group = codes.slice(g * DATA_CHARS_PER_GROUP, (g + 1) * DATA_CHARS_PER_GROUP);
    groups.push([...group, luhnCheck(group)].map((c) => ALPHABET[c]).join(''));
  }
  return groups.join(SEPARATOR);
}

/** Accepts any case, spaces, dashes and line breaks; reports the first mistyped group. */
export function decodeRecoveryKey(text: string): Uint8Array {
  const compact = text.toUpperCase().replace(/[\s\-_.]/g, '');
  const expected = RECOVERY_KEY_GROUPS * GROUP_CHARS;
  for (let i = 0; i < compact.length; i++) {
    if (!DECODE.has(compact[i])) {
      const group = Math.floor(i / GROUP_CHARS) + 1;
      throw bad(`The recovery key contains "${compact[i]}" (group ${group}), which is not one of its characters. ` +
        'It uses only digits and the letters A–Z without I, L, O and U.', group);
    }
  }
  if (compact.length !== expected) {
    throw bad(`A recovery key has ${RECOVERY_KEY_GROUPS} groups of ${GROUP_CHARS} characters (${expected} in all); ` +
      `this one has ${compact.length} characters. Check for a missing or repeated group.`);
  }
  const codes: number[] = [];
  for (let g = 0; g < RECOVERY_KEY_GROUPS; g++) {
    const chars = compact.slice(g * GROUP_CHARS, (g + 1) * GROUP_CHARS);
    const group = [...chars].map((c) => DECODE.get(c) ?? 0);
    const check = group.pop() ?? 0;
    if (luhnCheck(group) !== check) {
      throw bad(`Group ${g + 1} of the recovery key ("${chars}") has a typo. Compare it with your saved copy.`, g + 1);
    }
    codes.push(...group);
  }
  const payload = new Uint8Array(PAYLOAD_BYTES);
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const code of codes) {
    buffer = (buffer << BITS_PER_CHAR) | code;
    bits += BITS_PER_CHAR;
    if (bits >= 8) {
      bits -= 8;
      payload[out++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  const key = payload.slice(0, RECOVERY_KEY_BYTES);
  if (crc8(key) !== payload[RECOVERY_KEY_BYTES]) {
    throw bad('Every group of the recovery key looks right, but they don\'t belong together: ' +
      'groups may be in the wrong order, or two keys were mixed. Compare it with your saved copy.');
  }
  return key;
}
