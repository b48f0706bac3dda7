// Unit tests of copyTo (file-download.ts): batches into a plain stream and into a file target, whose
// batch buffers are reused — the bytes must come out exact however slowly the file takes each write —
// and a failing source aborts the file instead of closing it; writeFile aborts a file an early step failed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from '../format/bytes.js';
import { isClientError } from './client-error.js';
import { COPY_BATCH_BYTES, copyTo, writeFile } from './file-download.js';

const CHUNK = 16384;

/** `bytes` in 16 KiB chunks, each a fresh buffer as the decryptor gives them; fails after `failAfter` chunks. */
function chunked(bytes: Uint8Array, failAfter = Infinity): ReadableStream<Uint8Array> {
  let at = 0;
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= failAfter) return controller.error(new Error('chunk 3 failed authentication'));
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + CHUNK));
      at += CHUNK;
    },
  });
}

/** A file's writable that reads each write only after a delay, as a disk write would, and records what it got. */
function slowFile(): { file: WritableStream<Uint8Array>; written: Uint8Array[]; closed: () => boolean; aborted: () => boolean } {
  const written: Uint8Array[] = [];
  let closed = false;
  let aborted = false;
  const file = new WritableStream<Uint8Array>({
    async write(chunk) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      written.push(chunk.slice());
    },
    close() { closed = true; },
    abort() { aborted = true; },
  });
  return { file, written, closed: () => closed, aborted: () => aborted };
}

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

test('a file target gets every byte in order through its reused batch buffers, and is closed', async () => {
  const bytes = randomBytes(3 * COPY_BATCH_BYTES + 5 * CHUNK + 123);
  const target = slowFile();
  const progress: number[] = [];
  await copyTo(chunked(bytes), { file: target.file }, bytes.length, 'n', { onProgress: (done) => progress.push(done) });
  assert.ok(target.written.length >= 4, `${target.written.length} writes`);
  assert.ok(target.written.every((w) => w.length <= COPY_BATCH_BYTES + CHUNK));
  assert.equal(joined(target.written), bytes);
  assert.ok(target.closed());
  assert.is(progress.at(-1), bytes.length);
});

test('a plain stream target gets batches it may keep', async () => {
  const bytes = randomBytes(2 * COPY_BATCH_BYTES + 77);
  const kept: Uint8Array[] = [];
  await copyTo(chunked(bytes), new WritableStream({ write(chunk) { kept.push(chunk); } }), bytes.length, 'n');
  assert.equal(joined(kept), bytes);
});

test('a source failing midway aborts the file, never closes it', async () => {
  const bytes = randomBytes(COPY_BATCH_BYTES);
  const target = slowFile();
  try {
    await copyTo(chunked(bytes, 3), { file: target.file }, bytes.length, 'n');
    assert.unreachable('copy succeeded');
  } catch (error) {
    assert.ok(isClientError(error), String(error));
  }
  assert.ok(target.aborted());
  assert.not.ok(target.closed());
});

test('writeFile aborts the file when the step before the bytes fails, and hands back what succeeds', async () => {
  const target = slowFile();
  const handle = { createWritable: async () => target.file } as unknown as FileSystemFileHandle;
  const failure = new Error('the share is used up');
  try {
    await writeFile(handle, async () => { throw failure; });
    assert.unreachable('writeFile succeeded');
  } catch (error) {
    assert.is(error, failure);
  }
  assert.ok(target.aborted());
  const bytes = randomBytes(1000);
  const again = slowFile();
  const answer = await writeFile({ createWritable: async () => again.file } as unknown as FileSystemFileHandle,
    async (file) => { await copyTo(chunked(bytes), file, bytes.length, 'n'); return 'saved'; });
  assert.is(answer, 'saved');
  assert.equal(joined(again.written), bytes);
  assert.ok(again.closed());
  assert.not.ok(again.aborted());
});

test.run();
