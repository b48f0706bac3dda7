// The format module's public surface (DESIGN.md §4, docs/FORMAT.md); re-exports only.
export * from './constants.js';
export { FormatError, isFormatError, type FormatErrorKind, type FormatErrorDetails } from './format-error.js';
export { bytesToHex, hexToBytes, randomBytes, utf8, concatBytes, equalBytes } from './bytes.js';
export { loadAeadBackend, runningInNode, type AeadBackend, type AeadBackendChoice, type AeadBackendName, type AeadKey } from './aead-backend.js';
export { webCryptoBackend } from './aead-webcrypto.js';
export { hkdf, hkdfExpand, hkdfExtract, hmac, type HkdfHash } from './hkdf.js';
export { padme } from './padme.js';
export { argon2idRaw, type Argon2idCost } from './argon2id.js';
export { deriveCobblestoneBytes, chunkNonce } from './cobblestone-keys.js';
export type { CobblestoneOptions, CobblestoneEncryptOptions, CobblestoneDecryptOptions } from './cobblestone-options.js';
export { cobblestoneLayout } from './cobblestone-decryptor.js';
export {
  cobblestoneEncryptStream, cobblestoneDecryptStream, cobblestoneEncrypt, cobblestoneDecrypt,
  cobblestoneChunkOffset, CobblestoneChunkReader,
} from './cobblestone.js';
export { encodeVbx1Header, parseVbx1Header, vbx1BlobContext, type Vbx1Header } from './vbx1-header.js';
export { isAlreadyCompressed, sampleShrinks, shouldDeflate, type CompressionMode, type ContentHint } from './compression-policy.js';
export { nativeDeflateAvailable, type DeflateCodec } from './deflate-codec.js';
export type { SealOptions, SealResult } from './blob-sealer.js';
export type { OpenOptions } from './blob-opener.js';
export { sealStream, openStream, type SealStream } from './blob-stream.js';
export { sealBlob, openBlob, blobLayout, type SealedBlob, type BlobLayout } from './blob.js';
export { BLOB_HEAD_BYTES, blobChunkRange, blobChunkIndexOf, BlobChunkReader, openBlobChunk, type ByteRange } from './blob-chunks.js';
export { sealOnDevice, openOnDevice, type DeviceLocalSealed } from './device-local-seal.js';
