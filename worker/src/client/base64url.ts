// Unpadded base64url (RFC 4648 §5), the spelling of every binary field and id in the relay's JSON API,
// written on Web APIs only (btoa/atob) so it runs in a browser worker and in Node alike.
import { randomBytes } from '../format/bytes.js';

/** Node's Buffer where there is one (native; a sync pass encodes a record per file), else btoa. */
const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64url'): string } } }).Buffer;

export function encodeBase64url(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new TypeError('not unpadded base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A fresh 128-bit id in the relay's canonical form (22 base64url characters): node and account ids. */
export function newId(): string {
  return encodeBase64url(randomBytes(16));
}
