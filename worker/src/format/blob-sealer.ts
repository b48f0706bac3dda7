// The VBX1 write pipeline as push/finish: sample → optional DEFLATE → Padmé zero padding →
// Cobblestone-256 under the file key with context "veilbox/v1/blob" ‖ header (DESIGN.md §4).
import { concatBytes } from './bytes.js';
import type { Emit } from './chunk-queue.js';
import { cobblestoneLayout } from './cobblestone-decryptor.js';
import { CobblestoneEncryptor } from './cobblestone-encryptor.js';
import { checkInputKey } from './cobblestone-keys.js';
import type { CobblestoneOptions } from './cobblestone-options.js';
import { isAlreadyCompressed, shouldDeflate, type CompressionMode, type ContentHint } from './compression-policy.js';
import { COMPRESSION_SAMPLE_BYTES, VBX1_HEADER_BYTES } from './constants.js';
import { createDeflater, resolveCodec, type ByteSink, type DeflateCodec } from './deflate-codec.js';
import { FormatError } from './format-error.js';
import { padme } from './padme.js';
import { StickyFailure } from './sticky-failure.js';
import { encodeVbx1Header, vbx1BlobContext } from './vbx1-header.js';

export interface SealOptions extends CobblestoneOptions, ContentHint {
  /** 'auto' (default): DEFLATE unless the type is already compressed or a sample won't shrink 5 %. */
  compression?: CompressionMode;
  /** DEFLATE implementation; default native where the platform has it, fflate otherwise. */
  codec?: DeflateCodec;
  /**
   * Fixed Cobblestone salt: for reproducing test vectors, and for resuming an upload of the *same*
   * plaintext under the same file key (the caller proves the plaintext is unchanged first; see
   * docs/FORMAT.md §4.4). Anything else must leave it out and get a fresh random salt.
   */
  salt?: Uint8Array;
}

export interface SealResult {
  /**
   * The unpadded length (after DEFLATE, if applied): what the caller stores in the encrypted
   * record and passes back as `length` when opening.
   */
  length: number;
  /** Whether DEFLATE was applied (also flag bit 0 of the header). */
  deflated: boolean;
  /** Bytes of original content that went in. */
  inputLength: number;
  /** padme(length): the plaintext length Cobblestone encrypted. */
  paddedLength: number;
  /** Size of the whole blob in bytes. */
  blobLength: number;
}

const COMPRESSION_MODES: readonly CompressionMode[] = ['auto', 'on', 'off'];

export class BlobSealer {
  private readonly mode: CompressionMode;
  private sample: Uint8Array[] = [];
  private sampleBytes = 0;
  private inputLength = 0;
  private encryptor: CobblestoneEncryptor | undefined;
  private deflater: ByteSink | undefined;
  private readonly sticky = new StickyFailure();

  constructor(private readonly fileKey: Uint8Array, private readonly options: SealOptions, private readonly emit: Emit) {
    checkInputKey(fileKey);
    this.mode = options.compression ?? 'auto';
    if (!COMPRESSION_MODES.includes(this.mode)) {
      throw new FormatError('bad-parameters', `Compression must be 'auto', 'on' or 'off' (got '${String(this.mode)}').`);
    }
    if (this.mode !== 'off') resolveCodec(options.codec); // fail now, not mid-stream
  }

  async push(data: Uint8Array): Promise<void> {
    await this.sticky.run(async () => {
      this.inputLength += data.length;
      if (this.encryptor) return this.forward(data);
      if (!this.needsSample()) {
        await this.start(this.mode === 'on');
        return this.forward(data);
      }
      // Held across calls, so copied: the caller may reuse its buffer.
      this.sample.push(data.slice());
      this.sampleBytes += data.length;
      if (this.sampleBytes >= COMPRESSION_SAMPLE_BYTES) await this.startFromSample();
    });
  }

  /**
   * The whole input in one call, as the first and only push: sampled where it lies instead of copied,
   * so the caller must leave `data` untouched until finish() settles (blob.ts sealBlob).
   */
  async pushAll(data: Uint8Array): Promise<void> {
    await this.sticky.run(async () => {
      if (this.inputLength > 0 || this.sampleBytes > 0 || this.encryptor) throw new FormatError('bad-parameters', 'pushAll must be the only push.');
      this.inputLength = data.length;
      await this.start(this.needsSample() ? await shouldDeflate(this.mode, this.options, data.subarray(0, COMPRESSION_SAMPLE_BYTES)) : this.mode === 'on');
      await this.forward(data);
    });
  }

  async finish(): Promise<SealResult> {
    let result: SealResult | undefined;
    await this.sticky.run(async () => {
      if (!this.encryptor) {
        if (this.needsSample()) await this.startFromSample();
        else await this.start(this.mode === 'on');
      }
      const encryptor = this.encryptor;
      if (!encryptor) throw new Error('sealer did not start');
      await this.deflater?.finish();
      const length = encryptor.length;
      const paddedLength = padme(length);
      await encryptor.pushZeros(paddedLength - length);
      await encryptor.finish();
      result = {
        length,
        deflated: this.deflater !== undefined,
        inputLength: this.inputLength,
        paddedLength,
        blobLength: VBX1_HEADER_BYTES + cobblestoneLayout(paddedLength).sealedBytes,
      };
    });
    if (!result) throw new Error('sealer produced no result');
    return result;
  }

  private needsSample(): boolean {
    return this.mode === 'auto' && !isAlreadyCompressed(this.options);
  }

  private async startFromSample(): Promise<void> {
    const sample = this.sample.length === 1 ? this.sample[0] : concatBytes(...this.sample);
    this.sample = [];
    await this.start(await shouldDeflate(this.mode, this.options, sample.subarray(0, COMPRESSION_SAMPLE_BYTES)));
    if (sample.length > 0) await this.forward(sample);
  }

  private async start(deflate: boolean): Promise<void> {
    const header = encodeVbx1Header({ deflate });
    await this.emit(header);
    const encryptor = await CobblestoneEncryptor.create(this.fileKey, vbx1BlobContext(header), this.options, this.emit);
    this.encryptor = encryptor;
    if (deflate) this.deflater = createDeflater(this.options.codec, (b) => encryptor.push(b));
  }

  private forward(data: Uint8Array): Promise<void> {
    if (this.deflater) return this.deflater.push(data);
    if (!this.encryptor) throw new Error('forward before start');
    return this.encryptor.push(data);
  }
}
