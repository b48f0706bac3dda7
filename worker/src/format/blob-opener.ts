// The VBX1 read pipeline as push/finish: header check → Cobblestone-256 decryption → drop the
// Padmé padding (cut at the stored length) → inflate when the header says DEFLATE.
import type { Emit } from './chunk-queue.js';
import { CobblestoneDecryptor } from './cobblestone-decryptor.js';
import { checkInputKey } from './cobblestone-keys.js';
import { checkLength, type CobblestoneOptions } from './cobblestone-options.js';
import { VBX1_HEADER_BYTES } from './constants.js';
import { createInflater, type ByteSink, type DeflateCodec } from './deflate-codec.js';
import { formatErrors } from './format-error.js';
import { padme } from './padme.js';
import { StickyFailure } from './sticky-failure.js';
import { couldBeVbx1Prefix, parseVbx1Header, vbx1BlobContext, type Vbx1Header } from './vbx1-header.js';

export interface OpenOptions extends CobblestoneOptions {
  /**
   * The unpadded length stored at seal time (SealResult.length). With it the blob's exact size is
   * known (precise 'truncated' / 'trailing-data' errors) and the padding is cut off. Without it a
   * stored blob comes out with its zero padding; a DEFLATE blob still comes out exact, because a
   * DEFLATE stream ends by itself.
   */
  length?: number;
  /** Inflate implementation; without `length` fflate is always used (it ignores the padding). */
  codec?: DeflateCodec;
  /** Called once the 8-byte header has been read and checked, before any chunk. */
  onHeader?: (header: Vbx1Header) => void;
}

export class BlobOpener {
  private readonly header = new Uint8Array(VBX1_HEADER_BYTES);
  private headerFill = 0;
  private decryptor: CobblestoneDecryptor | undefined;
  private inflater: ByteSink | undefined;
  /** Padded plaintext bytes seen so far. */
  private seen = 0;
  private readonly sticky = new StickyFailure();

  constructor(private readonly fileKey: Uint8Array, private readonly options: OpenOptions, private readonly emit: Emit) {
    checkInputKey(fileKey);
    checkLength(options.length, 'The stored length');
  }

  /** Whether the blob is DEFLATE-compressed; known once the header has arrived. */
  get deflated(): boolean | undefined {
    return this.decryptor ? this.inflater !== undefined : undefined;
  }

  async push(data: Uint8Array): Promise<void> {
    await this.sticky.run(async () => {
      let offset = 0;
      if (!this.decryptor) {
        offset = Math.min(VBX1_HEADER_BYTES - this.headerFill, data.length);
        this.header.set(data.subarray(0, offset), this.headerFill);
        this.headerFill += offset;
        if (!couldBeVbx1Prefix(this.header.subarray(0, this.headerFill))) parseVbx1Header(this.header);
        if (this.headerFill < VBX1_HEADER_BYTES) return;
        this.setUp();
      }
      if (offset < data.length) await this.decryptor?.push(offset === 0 ? data : data.subarray(offset));
    });
  }

  async finish(): Promise<void> {
    await this.sticky.run(async () => {
      if (!this.decryptor) throw formatErrors.truncated(`it ends after ${this.headerFill} bytes, inside the ${VBX1_HEADER_BYTES}-byte VBX1 header`);
      await this.decryptor.finish();
      await this.inflater?.finish();
    });
  }

  private setUp(): void {
    const header = parseVbx1Header(this.header);
    const { deflate } = header;
    const { length } = this.options;
    if (deflate) {
      // Without a length the inflater sees the padding too, which only fflate reliably ignores.
      this.inflater = createInflater(length === undefined ? 'fflate' : this.options.codec, this.emit);
    }
    this.decryptor = new CobblestoneDecryptor(this.fileKey, vbx1BlobContext(this.header),
      { ...this.options, plaintextLength: length === undefined ? undefined : padme(length) }, (b) => this.unpad(b));
    this.options.onHeader?.(header);
  }

  private unpad(bytes: Uint8Array): void | Promise<void> {
    const { length } = this.options;
    let keep = bytes;
    if (length !== undefined) {
      const wanted = Math.max(0, Math.min(bytes.length, length - this.seen));
      keep = wanted < bytes.length ? bytes.subarray(0, wanted) : bytes;
    }
    this.seen += bytes.length;
    if (keep.length === 0) return;
    return this.inflater ? this.inflater.push(keep) : this.emit(keep);
  }
}

