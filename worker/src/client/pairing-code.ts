// The pairing code a user types on the new device (DESIGN.md §3 "Pairing"): the one-time secret as
// Crockford base32, 80 bits in four groups of four ("7KQ2-M9XD-4HTB-R1FE"). The pairing id is derived
// from the secret (pairing-keys.ts), so the code alone carries both. Reading forgives case, spaces,
// dashes and the look-alikes Crockford folds (O→0, I/L→1); U is not a Crockford digit.
import { ClientError } from './client-error.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 80 bits: DESIGN.md §3's floor for a typed code; the relay allows a handful of attempts per pairing. */
export const PAIRING_SECRET_BYTES = 10;
const CODE_CHARS = (PAIRING_SECRET_BYTES * 8) / 5;

export function encodePairingCode(secret: Uint8Array): string {
  if (secret.length !== PAIRING_SECRET_BYTES) throw new ClientError('unsupported', 'A pairing secret has 10 bytes.');
  let bits = 0, value = 0, out = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

export function decodePairingCode(code: string): Uint8Array {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== CODE_CHARS || [...clean].some((c) => !ALPHABET.includes(c))) {
    throw new ClientError('not-found', `That is not a pairing code: it has ${CODE_CHARS} letters and digits, like 7KQ2-M9XD-4HTB-R1FE.`);
  }
  const out = new Uint8Array(PAIRING_SECRET_BYTES);
  let bits = 0, value = 0, i = 0;
  for (const c of clean) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out[i++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return out;
}
