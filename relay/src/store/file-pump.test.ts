// Unit tests for pumpFile: exact byte ranges across buffer boundaries, buffers reused only after the
// writable released them, and a writable that goes away.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pumpFile } from './file-pump.js';

const file = randomBytes(3 * 1024 * 1024 + 123);
const readAt = async (buffer: Buffer, length: number, position: number) => file.copy(buffer, 0, position, position + length);

/** A slow sink that copies what it gets only when it "sends" it, like a socket. */
function slowSink(delayMs: number) {
  const got: Buffer[] = [];
  let ended = false;
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, done) {
      setTimeout(() => { got.push(Buffer.from(chunk)); done(); }, delayMs);
    },
    final(done) { ended = true; done(); },
  });
  return { sink, got, ended: () => ended };
}

for (const [from, to] of [[0, file.length], [5, 1024 * 1024 + 7], [file.length - 10, file.length], [0, 4096], [100, 101]]) {
  test(`copies bytes [${from}, ${to}) exactly`, async () => {
    const { sink, got, ended } = slowSink(1);
    await pumpFile(readAt, from, to, sink);
    await new Promise((r) => sink.on('finish', r));
    assert.ok(Buffer.concat(got).equals(file.subarray(from, to)));
    assert.ok(ended());
  });
}

test('a writable that is destroyed mid-way ends the pump without throwing', async () => {
  const { sink } = slowSink(5);
  setTimeout(() => sink.destroy(), 10);
  await pumpFile(readAt, 0, file.length, sink);
  assert.ok(sink.destroyed);
});

test('a file shorter than promised destroys the writable', async () => {
  const { sink } = slowSink(0);
  await pumpFile(async () => 0, 0, 10, sink);
  assert.ok(sink.destroyed);
});

test.run();
