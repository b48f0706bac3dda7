// The Node entry the Windows helper (and the veilbox-format CLI) use: the same operations as
// index.ts, with node:crypto as the AES-GCM backend, plus adapters from Node streams.
import { Readable, Writable } from 'node:stream';
import { loadAeadBackend, type AeadBackend } from './format/aead-backend.js';
import { openStream, sealStream } from './format/blob-stream.js';
import type { OpenOptions } from './format/blob-opener.js';
import type { SealOptions, SealResult } from './format/blob-sealer.js';

export * from './index.js';

/** The node:crypto backend ([Note: AEAD backend seam]); 'auto' picks it in Node anyway. */
export function nodeAeadBackend(): Promise<AeadBackend> {
  return loadAeadBackend('node');
}

type NodeReadable = NodeJS.ReadableStream | Readable;

function toWebReadable(input: NodeReadable): ReadableStream<Uint8Array> {
  const readable = input instanceof Readable ? input : Readable.from(input as AsyncIterable<Uint8Array>);
  return Readable.toWeb(readable) as ReadableStream<Uint8Array>;
}

function toWebWritable(output: Writable): WritableStream<Uint8Array> {
  return Writable.toWeb(output) as WritableStream<Uint8Array>;
}

/** Seals a Node readable into a Node writable (e.g. a file, stdin → stdout). */
export async function sealNodeStreams(
  fileKey: Uint8Array, input: NodeReadable, output: Writable, options: SealOptions = {},
): Promise<SealResult> {
  const sealer = sealStream(fileKey, { backend: 'node', ...options });
  const written = sealer.readable.pipeTo(toWebWritable(output));
  await Promise.all([toWebReadable(input).pipeTo(sealer.writable), written]);
  return sealer.result;
}

/** Opens a Node readable holding a VBX1 blob into a Node writable. */
export async function openNodeStreams(
  fileKey: Uint8Array, input: NodeReadable, output: Writable, options: OpenOptions = {},
): Promise<void> {
  await toWebReadable(input).pipeThrough(openStream(fileKey, { backend: 'node', ...options })).pipeTo(toWebWritable(output));
}
