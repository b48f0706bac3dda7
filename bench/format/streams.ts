// Stream helpers for the format benchmark, shared by its Node side and its Chromium worker: a
// generated source that re-sends one buffer (no fresh large allocations) and a byte-counting sink.
export const MiB = 1024 * 1024;

/** `total` bytes of incompressible data, 1 MiB at a time, the same block every time. */
export function generatedStream(total: number): ReadableStream<Uint8Array> {
  const block = new Uint8Array(MiB);
  for (let i = 0; i < block.length; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) { controller.close(); return; }
      const n = Math.min(MiB, total - sent);
      controller.enqueue(n === MiB ? block : block.subarray(0, n));
      sent += n;
    },
  }, { highWaterMark: 2 });
}

/** With `collectEvery`, forces a garbage collection (where `gc` is exposed) each time that many bytes
 * went by: the benchmark's way to tell memory that is held from garbage not yet collected. */
export async function countBytes(stream: ReadableStream<Uint8Array>, collectEvery = 0): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let n = 0;
  let nextCollect = collectEvery;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
    if (gc && collectEvery && n >= nextCollect) { gc(); nextCollect += collectEvery; }
  }
}
