// [Note: Reading into one buffer] A reader that reads a byte stream (a fetch body, a File's stream in
// Chromium and in Node) with a BYOB reader into one reused buffer, and any other stream with a default
// reader. Every chunk a default reader hands out is a fresh ArrayBuffer that lives until a collection; with
// the fresh buffers WebCrypto returns besides, a 1 GiB download's garbage rose ~175 MiB above a collected
// start in Chromium (bench pwa). A chunk read is only valid until the next read: the caller must be done
// with it by then (the AEAD backends copy or consume their inputs when called, and the sealer, opener and
// content hasher copy what they keep).

/** Bytes read at a time (a fetch body gives up to this much per read). */
export const REUSED_READ_BYTES = 256 * 1024;

export interface ReusingReader {
  /** The next bytes; the view is overwritten by the read after it. */
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(reason?: unknown): Promise<void>;
}

export function reusingReader(source: ReadableStream<Uint8Array>, bufferBytes = REUSED_READ_BYTES): ReusingReader {
  let byob: ReadableStreamBYOBReader;
  try {
    byob = source.getReader({ mode: 'byob' });
  } catch {
    const reader = source.getReader(); // not a byte stream
    return { read: () => reader.read(), cancel: (reason) => reader.cancel(reason).catch(() => undefined) };
  }
  let buffer = new ArrayBuffer(bufferBytes);
  return {
    async read() {
      const result = await byob.read(new Uint8Array(buffer));
      if (result.value) buffer = result.value.buffer as ArrayBuffer;
      return result.done ? { done: true, value: undefined } : { done: false, value: result.value };
    },
    cancel: (reason) => byob.cancel(reason).catch(() => undefined),
  };
}
