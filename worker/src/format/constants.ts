// Every number and label of the byte format, named once (DESIGN.md §4, docs/FORMAT.md).
// Nothing else in the format may write these values as literals.

/** AES-256-GCM key size in bytes; also the size every Cobblestone-256 input key must have. */
export const AEAD_KEY_BYTES = 32;
/** AES-GCM nonce size in bytes (96-bit IV). */
export const AEAD_NONCE_BYTES = 12;
/** AES-GCM authentication tag size in bytes. */
export const AEAD_TAG_BYTES = 16;

/** Cobblestone-256 random salt at the start of every message. */
export const COBBLESTONE_SALT_BYTES = 24;
/** Cobblestone-256 key commitment that follows the salt. */
export const COBBLESTONE_COMMITMENT_BYTES = 32;
/** salt ‖ commitment: everything before the first chunk. */
export const COBBLESTONE_HEADER_BYTES = COBBLESTONE_SALT_BYTES + COBBLESTONE_COMMITMENT_BYTES;
/** Plaintext bytes in every chunk but the last (the last holds 0 … CHUNK−1). */
export const COBBLESTONE_CHUNK_BYTES = 16384;
/** A full chunk as stored: plaintext plus tag. */
export const COBBLESTONE_SEALED_CHUNK_BYTES = COBBLESTONE_CHUNK_BYTES + AEAD_TAG_BYTES;
/** HKDF-Expand output: AEAD key ‖ base nonce ‖ commitment. */
export const COBBLESTONE_DERIVED_BYTES = AEAD_KEY_BYTES + AEAD_NONCE_BYTES + COBBLESTONE_COMMITMENT_BYTES;
/** The HKDF-Expand info prefix; the full info is this ‖ 0x00 ‖ salt ‖ context. */
export const COBBLESTONE_INFO_LABEL = 'c2sp.org/chunked-encryption@v1+AEAD_AES_256_GCM';

/** VBX1 blob header: magic(4) ‖ version(1) ‖ flags(1) ‖ reserved(2). */
export const VBX1_HEADER_BYTES = 8;
/** ASCII magic at offset 0. */
export const VBX1_MAGIC = 'VBX1';
/** The only version this code reads and writes. */
export const VBX1_VERSION = 1;
/** Byte offsets inside the header. */
export const VBX1_VERSION_OFFSET = 4;
export const VBX1_FLAGS_OFFSET = 5;
export const VBX1_RESERVED_OFFSET = 6;
/** Flag bit 0: the padded plaintext is a raw DEFLATE (RFC 1951) stream. */
export const VBX1_FLAG_DEFLATE = 0x01;
/** Every flag bit this version knows; any other bit set is a bad header. */
export const VBX1_KNOWN_FLAGS = VBX1_FLAG_DEFLATE;
/** Cobblestone context of a blob is this ASCII label ‖ the 8 header bytes. */
export const VBX1_BLOB_CONTEXT_LABEL = 'veilbox/v1/blob';
/** Byte offset of chunk 0 inside a blob: header ‖ salt ‖ commitment. */
export const VBX1_FIRST_CHUNK_OFFSET = VBX1_HEADER_BYTES + COBBLESTONE_HEADER_BYTES;

/** Bytes sampled from the start of a file to decide whether DEFLATE pays off. */
export const COMPRESSION_SAMPLE_BYTES = 64 * 1024;
/** DEFLATE is applied only if the sample shrinks to at most this fraction of its size (≥ 5 % saving). */
export const COMPRESSION_MAX_RATIO = 0.95;
/** DEFLATE level for fflate and the sample (zlib's default, which the native streams use too). */
export const DEFLATE_LEVEL = 6;

/**
 * [Note: Chunks in flight] How many chunk operations may be pending at once. 16 KiB chunks are too
 * small for one WebCrypto call each to keep the crypto thread busy, so up to this many run
 * concurrently and are released strictly in order. Each result goes downstream as the buffer the
 * backend returned: gathering them into larger buffers would add an allocation and a copy per
 * chunk, and fresh allocations are the dearest thing on the machines this was measured on.
 */
export const DEFAULT_CHUNKS_IN_FLIGHT = 16;
