// Unit tests of port-stream.ts over a real MessageChannel: pieces arrive whole and in order, the
// reader's cancel reaches the source, and a source failure reaches the reader.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serveOnPort, streamFromPort } from './port-stream.js';

function sourceOf(pieces: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) { const next = pieces.shift(); if (next) controller.enqueue(next); else controller.close(); },
    cancel() { onCancel?.(); },
  });
}

test('every piece arrives, in order, and the page side resolves end', async () => {
  const { port1, port2 } = new MessageChannel();
  const whole = new Uint8Array(3000).map((_, i) => i & 0xff);
  // One piece is a view into a larger buffer: it must be copied, not the whole buffer sent.
  const served = serveOnPort(port1, sourceOf([whole.subarray(0, 1000), whole.slice(1000, 2500), whole.subarray(2500)]));
  const got: number[] = [];
  for await (const piece of streamFromPort(port2) as unknown as AsyncIterable<Uint8Array>) got.push(...piece);
  assert.equal(got, [...whole]);
  assert.is(await served, 'end');
});

test('cancelling the reader cancels the source and resolves cancelled', async () => {
  const { port1, port2 } = new MessageChannel();
  let cancelled = false;
  const served = serveOnPort(port1, sourceOf([new Uint8Array(10), new Uint8Array(10), new Uint8Array(10)], () => { cancelled = true; }));
  const reader = streamFromPort(port2).getReader();
  assert.is((await reader.read()).value?.length, 10);
  await reader.cancel();
  assert.is(await served, 'cancelled');
  assert.ok(cancelled);
});

test('a failing source errors the reader with its message, and rejects on the page side', async () => {
  const { port1, port2 } = new MessageChannel();
  const source = new ReadableStream<Uint8Array>({ pull(controller) { controller.error(new Error('chunk 3 failed authentication')); } });
  const served = serveOnPort(port1, source);
  served.catch(() => undefined); // looked at below, after the reader's side
  const failure = await streamFromPort(port2).getReader().read().then(() => null, (e: unknown) => e);
  assert.match(String(failure), /chunk 3 failed authentication/);
  assert.match(String(await served.then(() => null, (e: unknown) => e)), /chunk 3 failed authentication/);
});

test.run();
