// Strict base64url (RFC 4648 §5, no padding) for every binary field of the JSON API: the relay
// refuses non-canonical encodings so that one byte string has exactly one spelling.

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes canonical unpadded base64url, or returns null when the text is not exactly that. */
export function decodeBase64url(text: string): Buffer | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
