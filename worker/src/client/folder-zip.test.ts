// Unit tests of folder-zip.ts: every file time becomes one a ZIP entry can hold; the ZIP reaches its
// target in 2 MiB batches (a file's writable costs most per write), with progress per batch, whole and
// byte-exact; a source that fails aborts the target.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { unzipSync, Zip, ZipPassThrough } from 'fflate';
import { crc32 } from 'node:zlib';
import { COPY_BATCH_BYTES } from './file-download.js';
import { zipEntries, zipEntryDate, type ZipSource } from './folder-zip.js';

test('zipEntryDate keeps a date the format can hold and clamps the rest to 1980–2099', () => {
  const now = Date.UTC(2024, 4, 17, 9, 30, 0);
  assert.is(zipEntryDate(now).getTime(), now);
  assert.equal(zipEntryDate(0), new Date(1980, 0, 1, 0, 0, 0));
  assert.equal(zipEntryDate(Date.UTC(1975, 5, 1)), new Date(1980, 0, 1, 0, 0, 0));
  assert.equal(zipEntryDate(Date.UTC(2150, 0, 1)), new Date(2099, 11, 31, 23, 59, 58));
  assert.ok(zipEntryDate(Number.NaN).getFullYear() >= 2024, 'no time at all: now');
});

test('an entry dated 1970 is written, not refused', () => {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => { if (error) throw error; out.push(chunk); });
  const entry = new ZipPassThrough('old.txt');
  entry.mtime = zipEntryDate(0);
  zip.add(entry);
  entry.push(new TextEncoder().encode('old'), true);
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  out.reduce((at, c) => { bytes.set(c, at); return at + c.length; }, 0);
  assert.equal(new TextDecoder().decode(unzipSync(bytes)['old.txt']), 'old');
});

/** A file source handing out its bytes in 16 KiB pieces, as verified chunks come. */
function source(path: string, bytes: Uint8Array): ZipSource {
  return {
    kind: 'file', path, mtime: Date.UTC(2024, 0, 2), size: bytes.length,
    open: async () => new ReadableStream({
      start(c) {
        for (let at = 0; at < bytes.length; at += 16384) c.enqueue(bytes.slice(at, at + 16384));
        c.close();
      },
    }),
  };
}

/** Name → CRC-32 as the ZIP's central directory records them (unzipSync does not check them). */
function centralCrcs(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const out = new Map<string, number>();
  for (let at = view.getUint32(end + 16, true), n = view.getUint16(end + 10, true); n > 0; n--) {
    const nameLength = view.getUint16(at + 28, true);
    out.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), view.getUint32(at + 16, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

const filled = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * seed + (i >> 9)) & 255);

test('the ZIP goes out in 2 MiB batches, with progress per batch, every entry byte-exact, to a file or a stream', async () => {
  const files = { 'a.bin': filled(3_000_000, 7), 'sub/b.bin': filled(1_500_000, 13), 'c.txt': filled(100, 3) };
  for (const kind of ['file', 'stream'] as const) {
    const writes: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({ async write(chunk) { writes.push(chunk.slice()); await new Promise((r) => setTimeout(r, 1)); } });
    const progress: number[] = [];
    const sources: ZipSource[] = [...Object.entries(files).map(([path, bytes]) => source(path, bytes)), { kind: 'folder', path: 'empty' }];
    await zipEntries(sources, kind === 'file' ? { file: stream } : stream, { onProgress: (done) => progress.push(done) });
    const total = writes.reduce((n, w) => n + w.length, 0);
    assert.ok(writes.slice(0, -1).every((w) => w.length === COPY_BATCH_BYTES), `${kind}: full batches but the last`);
    assert.is(writes.length, Math.ceil(total / COPY_BATCH_BYTES), `${kind}: as few writes as batches`);
    const zip = new Uint8Array(total);
    writes.reduce((at, w) => { zip.set(w, at); return at + w.length; }, 0);
    const back = unzipSync(zip);
    const crcs = centralCrcs(zip);
    for (const [path, bytes] of Object.entries(files)) {
      assert.equal(back[path], bytes, `${kind}: ${path}`);
      assert.is(crcs.get(path), crc32(bytes), `${kind}: ${path}'s CRC-32`);
    }
    assert.ok('empty/' in back, `${kind}: the empty folder`);
    const size = Object.values(files).reduce((n, b) => n + b.length, 0);
    assert.is(progress[progress.length - 1], size, `${kind}: progress ends at the whole`);
    assert.ok(progress.length <= Math.ceil(size / COPY_BATCH_BYTES) + 3, `${kind}: progress per batch, not per chunk (${progress.length} calls)`);
  }
});

test('a source that fails aborts the target and fails the ZIP', async () => {
  let aborted: unknown;
  const target = new WritableStream<Uint8Array>({ abort(reason) { aborted = reason; } });
  const failing: ZipSource = { kind: 'file', path: 'x', mtime: 0, size: 10, open: async () => new ReadableStream({ pull(c) { c.error(new Error('chunk 3 failed to verify')); } }) };
  try {
    await zipEntries([source('ok.bin', filled(50_000, 5)), failing], target);
    assert.unreachable();
  } catch (error) {
    assert.match(String((error as Error).message), /verify/);
  }
  assert.ok(aborted !== undefined, 'target aborted');
});

test.run();
