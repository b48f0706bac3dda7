// One-time invite codes from the admin CLI: 20 base32 characters (100 bits) shown as four groups of
// five. Stored only as SHA-256 of the normalised code; typing is forgiving about case and dashes.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function newInviteCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Null when the text can't be a code at all. */
export function hashInviteCode(text: string): Buffer | null {
  const normalized = text.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z2-7]{20}$/.test(normalized)) return null;
  return createHash('sha256').update(normalized).digest();
}
