// Streaming raw DEFLATE (RFC 1951) both ways behind one push/finish shape: the platform's
// CompressionStream('deflate-raw') where present (native zlib, about twice fflate's speed), fflate
// otherwise. Either can be chosen explicitly so tests exercise both.
import { Deflate, Inflate } from 'fflate';
import type { Emit } from './chunk-queue.js';
import { DEFLATE_LEVEL } from './constants.js';
import { FormatError } from './format-error.js';

export type DeflateCodec = 'native' | 'fflate';

/** A streaming stage: push bytes, then finish; output goes to the Emit it was made with. */
export interface ByteSink {
  push(data: Uint8Array): Promise<void>;
  finish(): Promise<void>;
}

const ignore = (): void => undefined;
const RAW = 'deflate-raw';

let nativeAvailable: boolean | undefined;

/** True where CompressionStream and DecompressionStream accept 'deflate-raw'. */
export function nativeDeflateAvailable(): boolean {
  if (nativeAvailable === undefined) {
    try {
      // Constructing with an unsupported format throws; that is the only feature test there is.
      new CompressionStream(RAW);
      new DecompressionStream(RAW);
      nativeAvailable = true;
    } catch {
      nativeAvailable = false;
    }
  }
  return nativeAvailable;
}

export function resolveCodec(codec: DeflateCodec | undefined): DeflateCodec {
  if (codec === 'native' && !nativeDeflateAvailable()) {
    throw new FormatError('bad-parameters', "This platform has no native 'deflate-raw' stream; use the fflate codec.");
  }
  return codec ?? (nativeDeflateAvailable() ? 'native' : 'fflate');
}

function badCompression(): FormatError {
  return new FormatError('bad-compression',
    "This file's compressed content is damaged or doesn't end where its stored length says. " +
    'If you gave a length, check it; otherwise the file was written incorrectly.');
}

export function createDeflater(codec: DeflateCodec | undefined, emit: Emit): ByteSink {
  return resolveCodec(codec) === 'native'
    ? new NativeSink(new CompressionStream(RAW), emit, true, (e) => e)
    : new FflateSink(new Deflate({ level: DEFLATE_LEVEL }), emit, (e) => e);
}

/**
 * Inflation stops at the end of the DEFLATE stream. fflate ignores bytes after it (the Padmé
 * zeros); native DecompressionStream may reject them (Chromium does), so a caller that can't cut
 * the input at the stored length must ask for fflate.
 */
export function createInflater(codec: DeflateCodec | undefined, emit: Emit): ByteSink {
  return resolveCodec(codec) === 'native'
    ? new NativeSink(new DecompressionStream(RAW), emit, false, badCompression)
    : new FflateSink(new Inflate(), emit, badCompression);
}

type FflateStream = Deflate | Inflate;

class FflateSink implements ByteSink {
  private readonly out: Uint8Array[] = [];

  constructor(private readonly stream: FflateStream, private readonly emit: Emit, private readonly mapError: (e: unknown) => unknown) {
    stream.ondata = (chunk) => { if (chunk.length > 0) this.out.push(chunk); };
  }

  async push(data: Uint8Array): Promise<void> {
    this.run(data, false);
    await this.release();
  }

  async finish(): Promise<void> {
    this.run(new Uint8Array(0), true);
    await this.release();
  }

  private run(data: Uint8Array, final: boolean): void {
    try {
      this.stream.push(data, final);
    } catch (error) {
      throw this.mapError(error);
    }
  }

  private async release(): Promise<void> {
    // fflate hands out fresh arrays, so they can go downstream as they are.
    for (let chunk = this.out.shift(); chunk; chunk = this.out.shift()) await this.emit(chunk);
  }
}

class NativeSink implements ByteSink {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly pumped: Promise<void>;
  private failure: { error: unknown } | undefined;

  constructor(
    stream: CompressionStream | DecompressionStream, emit: Emit,
    /** Native streams read their input later, so input a caller may reuse must be copied. */
    private readonly copyInput: boolean,
    mapError: (e: unknown) => unknown,
  ) {
    this.writer = stream.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
    const reader = stream.readable.getReader();
    this.pumped = (async () => {
      for (;;) {
        let step: ReadableStreamReadResult<Uint8Array>;
        try {
          step = await reader.read();
        } catch (error) {
          throw mapError(error);
        }
        if (step.done) return;
        await emit(step.value); // a downstream failure passes through unchanged
      }
    })().catch((error: unknown) => {
      this.failure ??= { error };
      this.writer.abort(error).catch(ignore);
    });
  }

  async push(data: Uint8Array): Promise<void> {
    this.check();
    try {
      await this.writer.ready;
    } catch {
      await this.pumped;
      this.check();
    }
    // Not awaited: write() settles only once the codec consumed the chunk; `ready` is the backpressure.
    this.writer.write(this.copyInput ? data.slice() : data).catch(ignore);
  }

  async finish(): Promise<void> {
    this.check();
    // A codec failure on close (e.g. a DEFLATE stream cut short) also errors the readable, where the
    // pump records it; so the close rejection itself carries nothing new.
    await this.writer.close().catch(ignore);
    await this.pumped;
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure.error;
  }
}
