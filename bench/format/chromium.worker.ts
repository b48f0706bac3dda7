// The format benchmark's browser half: runs inside a Web Worker (as the PWA's crypto does) and times
// raw WebCrypto AES-GCM, VBX1 seal and open, and Argon2id. Exposed to the page through comlink.
import * as Comlink from 'comlink';
import { sealStream, openStream } from '../../worker/src/format/blob-stream.js';
import { derivePasswordKeys } from '../../worker/src/keys/password-keys.js';
import { DEFAULT_PASSWORD_KDF } from '../../worker/src/keys/password-kdf-params.js';
import { generatedStream, countBytes, MiB } from './streams.js';

/** Set by the driver: collect garbage every N bytes (only with --js-flags=--expose-gc). */
let collectEvery = 0;

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

const api = {
  collectGarbageEvery(bytes: number): void { collectEvery = bytes; },
  async baseline(direction: 'encrypt' | 'decrypt', total: number): Promise<number> {
    const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const block = new Uint8Array(MiB);
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, block));
    const start = performance.now();
    for (let done = 0; done < total; done += MiB) {
      if (direction === 'encrypt') await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, block);
      else await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
    }
    return performance.now() - start;
  },
  async seal(total: number, fileKeyHex: string): Promise<number> {
    const start = performance.now();
    const seal = sealStream(fromHex(fileKeyHex));
    await Promise.all([generatedStream(total).pipeTo(seal.writable), countBytes(seal.readable, collectEvery)]);
    return performance.now() - start;
  },
  /** Seals into a file in the origin-private file system (untimed), so `open` reads from local storage. */
  async sealToFile(total: number, fileKeyHex: string): Promise<number> {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle('sealed.vbx', { create: true });
    const writable = await handle.createWritable();
    const seal = sealStream(fromHex(fileKeyHex));
    await Promise.all([generatedStream(total).pipeTo(seal.writable), seal.readable.pipeTo(writable)]);
    return (await seal.result).length;
  },
  async open(fileKeyHex: string, length: number): Promise<{ ms: number; bytes: number }> {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle('sealed.vbx')).getFile();
    const start = performance.now();
    const bytes = await countBytes(file.stream().pipeThrough(openStream(fromHex(fileKeyHex), { length })), collectEvery);
    const ms = performance.now() - start;
    await root.removeEntry('sealed.vbx');
    return { ms, bytes };
  },
  /** Reading the same file without decrypting: what the storage alone costs. */
  async readFile(): Promise<{ ms: number; bytes: number }> {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle('sealed.vbx')).getFile();
    const start = performance.now();
    const bytes = await countBytes(file.stream(), collectEvery);
    return { ms: performance.now() - start, bytes };
  },
  async argon(): Promise<number> {
    const start = performance.now();
    await derivePasswordKeys('correct horse battery staple', crypto.getRandomValues(new Uint8Array(16)), DEFAULT_PASSWORD_KDF);
    return performance.now() - start;
  },
};

export type FormatBenchApi = typeof api;
Comlink.expose(api);
