// A ReadableStream carried over a MessagePort one piece at a time, the body of every service-worker
// transfer (step 3 of [Note: Transfers through the service worker]): the page serves a stream on the
// port (`serveOnPort`), the service worker reads it as a stream (`streamFromPort`). Each piece moves
// only when the reader pulls, so the browser's pace reaches the crypto worker and nothing piles up.
import type { PullAnswer, PullRequest } from './transfer-protocol.js';

/** A piece as a Uint8Array that owns its whole buffer, so the buffer can be transferred, not copied. */
function owned(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes as Uint8Array<ArrayBuffer> : bytes.slice();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

/**
 * Page side: answers the port's pulls from `source` until it ends. Resolves 'end' when the reader got
 * everything, 'cancelled' when the reader gave up; rejects with the source's error (after telling the
 * reader, whose stream then errors too).
 */
export function serveOnPort(port: MessagePort, source: ReadableStream<Uint8Array>): Promise<'end' | 'cancelled'> {
  const reader = source.getReader();
  return new Promise((resolve, reject) => {
    port.onmessage = async (event: MessageEvent<PullRequest>) => {
      if (event.data.type === 'cancel') {
        port.close();
        void reader.cancel().catch(() => undefined);
        resolve('cancelled');
        return;
      }
      try {
        const { done, value } = await reader.read();
        if (done) {
          port.postMessage({ type: 'end' } satisfies PullAnswer);
          port.close();
          resolve('end');
          return;
        }
        const bytes = owned(value);
        port.postMessage({ type: 'chunk', bytes } satisfies PullAnswer, [bytes.buffer]);
      } catch (error) {
        port.postMessage({ type: 'error', message: messageOf(error) } satisfies PullAnswer);
        port.close();
        reject(error);
      }
    };
  });
}

/** Service-worker side: the stream the page serves on `port`; cancelling it tells the page to stop. */
export function streamFromPort(port: MessagePort): ReadableStream<Uint8Array> {
  let answer: ((message: PullAnswer) => void) | null = null;
  port.onmessage = (event: MessageEvent<PullAnswer>) => {
    const take = answer;
    answer = null;
    take?.(event.data);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const message = await new Promise<PullAnswer>((resolve) => {
        answer = resolve;
        port.postMessage({ type: 'pull' } satisfies PullRequest);
      });
      if (message.type === 'chunk') {
        controller.enqueue(message.bytes);
        return;
      }
      port.close();
      if (message.type === 'end') controller.close();
      else controller.error(new Error(message.message));
    },
    cancel() {
      port.postMessage({ type: 'cancel' } satisfies PullRequest);
      port.close();
    },
  });
}
