// The one error class of the format boundary: every failure to read or write a blob, a record or
// a key is a FormatError whose `kind` code can branch on; the message is for people.

export type FormatErrorKind =
  /** Not a VBX1 blob, an unknown version, or flags/reserved bits this version doesn't know. */
  | 'bad-header'
  /** The commitment didn't match: wrong key, wrong context, or the salt/commitment/header was changed. */
  | 'wrong-key'
  /** A chunk failed authentication: the ciphertext was changed, reordered, or cut inside a chunk. */
  | 'chunk-auth'
  /** The data ends too early (a missing final chunk, a cut header, fewer bytes than the stated length). */
  | 'truncated'
  /** Bytes follow the end of the message. */
  | 'trailing-data'
  /** The caller passed something unusable: a key of the wrong size, a bad length, weak KDF parameters. */
  | 'bad-parameters'
  /** The decrypted DEFLATE stream is malformed or doesn't end where the stated length says. */
  | 'bad-compression'
  /** A recovery key typed or pasted by the user doesn't decode (typo, missing group, wrong file). */
  | 'bad-recovery-key';

export interface FormatErrorDetails {
  /** Index of the chunk that failed, where one did. */
  chunkIndex?: number;
  /** 1-based group of a recovery key that failed its check. */
  group?: number;
}

export class FormatError extends Error {
  override readonly name = 'FormatError';
  readonly kind: FormatErrorKind;
  readonly chunkIndex?: number;
  readonly group?: number;

  constructor(kind: FormatErrorKind, message: string, details: FormatErrorDetails = {}) {
    super(message);
    this.kind = kind;
    if (details.chunkIndex !== undefined) this.chunkIndex = details.chunkIndex;
    if (details.group !== undefined) this.group = details.group;
  }
}

export function isFormatError(value: unknown, kind?: FormatErrorKind): value is FormatError {
  return value instanceof FormatError && (kind === undefined || value.kind === kind);
}

// Messages written once so every path that detects the same failure says the same thing.
export const formatErrors = {
  wrongKey: () => new FormatError('wrong-key',
    "This key can't open this data: the key is wrong, or the file's header was changed after it was encrypted. " +
    'Check that you used the key (or password) this file was saved with.'),
  chunkAuth: (chunkIndex: number) => new FormatError('chunk-auth',
    `This file was changed or damaged after it was encrypted (chunk ${chunkIndex} failed authentication). ` +
    'Nothing after the last intact chunk was released; download it again or restore an earlier version.',
    { chunkIndex }),
  truncated: (what: string) => new FormatError('truncated',
    `This file is incomplete: ${what}. It was cut short in transfer or storage; download it again.`),
  trailingData: (what: string) => new FormatError('trailing-data',
    `This file has extra bytes after its end (${what}). It was changed after it was encrypted, ` +
    'or the stated length is wrong.'),
};
