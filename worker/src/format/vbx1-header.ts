// The 8-byte VBX1 blob header (magic, version, flags, reserved) and the Cobblestone context it
// binds: "veilbox/v1/blob" ‖ header, so no header bit can change without failing the commitment.
import { concatBytes, utf8 } from './bytes.js';
import {
  VBX1_BLOB_CONTEXT_LABEL, VBX1_FLAG_DEFLATE, VBX1_FLAGS_OFFSET, VBX1_HEADER_BYTES, VBX1_KNOWN_FLAGS,
  VBX1_MAGIC, VBX1_RESERVED_OFFSET, VBX1_VERSION, VBX1_VERSION_OFFSET,
} from './constants.js';
import { FormatError } from './format-error.js';

export interface Vbx1Header {
  /** The padded plaintext is a raw DEFLATE stream. */
  deflate: boolean;
}

const MAGIC = utf8(VBX1_MAGIC);
const CONTEXT_LABEL = utf8(VBX1_BLOB_CONTEXT_LABEL);

export function encodeVbx1Header(header: Vbx1Header): Uint8Array {
  const bytes = new Uint8Array(VBX1_HEADER_BYTES);
  bytes.set(MAGIC);
  bytes[VBX1_VERSION_OFFSET] = VBX1_VERSION;
  bytes[VBX1_FLAGS_OFFSET] = header.deflate ? VBX1_FLAG_DEFLATE : 0;
  // Reserved bytes stay 0.
  return bytes;
}

function badHeader(message: string): FormatError {
  return new FormatError('bad-header', message);
}

/** True if `bytes` (possibly fewer than 8) could still be the start of a VBX1 header. */
export function couldBeVbx1Prefix(bytes: Uint8Array): boolean {
  for (let i = 0; i < Math.min(bytes.length, MAGIC.length); i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

export function parseVbx1Header(bytes: Uint8Array): Vbx1Header {
  if (bytes.length < VBX1_HEADER_BYTES || !couldBeVbx1Prefix(bytes)) {
    throw badHeader("This isn't a Veilbox file: it doesn't start with the VBX1 header.");
  }
  const version = bytes[VBX1_VERSION_OFFSET];
  if (version !== VBX1_VERSION) {
    throw badHeader(`This Veilbox file uses format version ${version}, which this version of Veilbox can't read. Update Veilbox and try again.`);
  }
  const flags = bytes[VBX1_FLAGS_OFFSET];
  if ((flags & ~VBX1_KNOWN_FLAGS) !== 0) {
    throw badHeader(`This Veilbox file sets header flags this version doesn't know (0x${flags.toString(16)}); it is damaged or from a newer version.`);
  }
  if (bytes[VBX1_RESERVED_OFFSET] !== 0 || bytes[VBX1_RESERVED_OFFSET + 1] !== 0) {
    throw badHeader("This Veilbox file's header has non-zero reserved bytes; it is damaged or from a newer version.");
  }
  return { deflate: (flags & VBX1_FLAG_DEFLATE) !== 0 };
}

export function vbx1BlobContext(header: Uint8Array): Uint8Array {
  return concatBytes(CONTEXT_LABEL, header.subarray(0, VBX1_HEADER_BYTES));
}
