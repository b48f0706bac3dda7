// How a Cobblestone context is built from a label and the fields that bind a message to its
// place: label ‖ (u32 length ‖ bytes) per field, so no two field lists encode alike.
import { FormatError } from '../format/format-error.js';
import { concatBytes, utf8 } from '../format/bytes.js';

/** A context field: text (UTF-8), raw bytes, or a whole number (8 bytes, big-endian). */
export type ContextField = string | Uint8Array | number;

const FIELD_LENGTH_BYTES = 4;
const NUMBER_BYTES = 8;

function fieldBytes(field: ContextField): Uint8Array {
  if (typeof field === 'string') return utf8(field);
  if (field instanceof Uint8Array) return field;
  if (!Number.isSafeInteger(field) || field < 0) {
    throw new FormatError('bad-parameters', `A numeric context field must be a whole number ≥ 0 (got ${field}).`);
  }
  const out = new Uint8Array(NUMBER_BYTES);
  new DataView(out.buffer).setBigUint64(0, BigInt(field));
  return out;
}

export function encodeContext(label: string, ...fields: ContextField[]): Uint8Array {
  const parts: Uint8Array[] = [utf8(label)];
  for (const field of fields) {
    const bytes = fieldBytes(field);
    const length = new Uint8Array(FIELD_LENGTH_BYTES);
    new DataView(length.buffer).setUint32(0, bytes.length);
    parts.push(length, bytes);
  }
  return concatBytes(...parts);
}
