// The body of a streamed download link, for the page side of [Note: Transfers through the service
// worker]: the first verified piece is read before the link exists, so a transfer that fails at once
// (tampered, gone, used up) is reported in the app and the browser is never handed a download that can
// only fail; the rest is pulled one piece at a time as the browser reads (high-water mark 0).

export async function afterFirstPiece(
  read: () => Promise<ReadableStreamReadResult<Uint8Array>>,
  cancel: (reason?: unknown) => Promise<void>,
): Promise<ReadableStream<Uint8Array>> {
  const first = await read();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) { if (first.done) controller.close(); else controller.enqueue(first.value); },
    async pull(controller) {
      try {
        const { done, value } = await read();
        if (cancelled) return;
        if (done) controller.close(); else controller.enqueue(value);
      } catch (error) {
        if (!cancelled) controller.error(error);
      }
    },
    cancel: (reason) => { cancelled = true; return cancel(reason); },
  }, { highWaterMark: 0 });
}
