// A blob's bytes as one buffer or as pieces in order: a sealed small file stays in the pieces its
// sealer emitted (format/blob.ts sealBlobPieces) until whoever sends it copies them on.

export type BlobBytes = Uint8Array | readonly Uint8Array[];

export function blobPieces(blob: BlobBytes): readonly Uint8Array[] {
  return blob instanceof Uint8Array ? [blob] : blob;
}

export function blobBytesLength(blob: BlobBytes): number {
  let length = 0;
  for (const piece of blobPieces(blob)) length += piece.length;
  return length;
}

/** The blob as a stream of its pieces, for an upload that takes a stream. */
export function blobBytesStream(blob: BlobBytes): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of blobPieces(blob)) controller.enqueue(piece);
      controller.close();
    },
  });
}
