// Audio and video previews seek by reading single chunks: the <audio> element of <vb-preview> plays a
// /media/<token> URL that the service worker answers by HTTP Range (pwa/src/sw/media-route.ts), and the
// crypto worker reads only the encrypted chunks under each range (worker/src/client/file-range.ts).
// The sample is a WAV synthesised here: ten minutes of 8 kHz 8-bit noise, ~4.6 MiB, stored as is (noise
// does not shrink under DEFLATE) and spanning ~290 chunks of 16 KiB. A WAV seeks by arithmetic, so the
// player asks for bytes near the end when told to play from there. A real relay behind a recording
// pass-through shows what the worker fetched. A second, silent WAV is DEFLATE-stored (no random access)
// and must still answer ranges with the right bytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startPwaRelay, type PwaRelay } from './support/pwa-relay.js';
import { filesGrid, newAppContext, openApp, row, signUp, type AppPage } from './support/pwa-page.js';
import { startRelayRecorder, type RelayRecorder } from './support/relay-recorder.js';
import { noiseBytes } from './support/sample-files.js';

const SAMPLE_RATE = 8000;
const SECONDS = 600;
/** Where the player is sent; the bytes there are ~4.6 MiB into the file. */
const SEEK_TO = 580;
/** VBX1: chunk k starts at byte 8 + 56 + k·16400 (DESIGN.md §4). */
const blobOffsetOfPlain = (offset: number) => 64 + Math.floor(offset / 16384) * 16400;

/** A mono 8-bit PCM WAV (RIFF) holding `samples`. */
function wav(samples: Uint8Array): Buffer {
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(36 + samples.length, 4);
  head.write('WAVEfmt ', 8, 'latin1');
  head.writeUInt32LE(16, 16); // fmt chunk size
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(SAMPLE_RATE, 24);
  head.writeUInt32LE(SAMPLE_RATE, 28); // bytes per second
  head.writeUInt16LE(1, 32); // block align
  head.writeUInt16LE(8, 34); // bits per sample
  head.write('data', 36, 'latin1');
  head.writeUInt32LE(samples.length, 40);
  return Buffer.concat([head, samples]);
}

const noisy = wav(noiseBytes(SAMPLE_RATE * SECONDS, 5));
const quiet = wav(new Uint8Array(SAMPLE_RATE * 30).fill(128));

let relay: PwaRelay;
let recorder: RelayRecorder;
let browser: Browser;
let app: AppPage;

test.before(async () => {
  relay = await startPwaRelay();
  recorder = await startRelayRecorder(relay.url);
  // Playing needs no click here; the element is muted anyway.
  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  app = await openApp(browser, recorder.url, await newAppContext(browser));
  await signUp(app.page, recorder.url, 'listener');
  await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await app.page.locator('vb-files-page input#pick-files').setInputFiles([
    { name: 'long noise.wav', mimeType: 'audio/wav', buffer: noisy },
    { name: 'quiet.wav', mimeType: 'audio/wav', buffer: quiet },
  ]);
  await app.page.getByRole('button', { name: 'Upload 2 files' }).click();
  await app.page.getByRole('heading', { name: 'Upload finished' }).waitFor({ timeout: 60_000 });
  await app.page.getByRole('button', { name: 'Done' }).click();
});

test.after(async () => {
  await browser?.close();
  await recorder?.stop();
  await relay?.stop();
});

/** Selects the file and waits until its preview's <audio> has read the WAV header. */
async function openPreview(name: string): Promise<string> {
  const { page } = app;
  await row(filesGrid(page, 'Home'), name).click();
  const audio = page.getByLabel(`Audio: ${name}`);
  await audio.waitFor();
  await audio.evaluate((el: HTMLAudioElement) => el.readyState >= 1 || new Promise((resolve, reject) => {
    el.addEventListener('loadedmetadata', resolve, { once: true });
    el.addEventListener('error', () => reject(new Error(`media error ${el.error?.code}: ${el.error?.message}`)), { once: true });
  }));
  return (await audio.getAttribute('src')) ?? '';
}

interface RangeAnswer { status: number; contentRange: string | null; contentLength: string | null; acceptRanges: string | null; bytes: number[] }

/** What the preview URL answers to a fetch from the page with `range` (null: no Range header). */
function fetchRange(src: string, range: string | null): Promise<RangeAnswer> {
  return app.page.evaluate(async ([url, r]) => {
    const answer = await fetch(url, { headers: r ? { Range: r } : {} });
    // (No helper function in here: tsx would wrap it in a __name() the page doesn't have.)
    const out = {
      status: answer.status, contentRange: answer.headers.get('content-range'), contentLength: answer.headers.get('content-length'),
      acceptRanges: answer.headers.get('accept-ranges'), bytes: [] as number[],
    };
    if (answer.status === 206) out.bytes = [...new Uint8Array(await answer.arrayBuffer())];
    else await answer.body?.cancel();
    return out;
  }, [src, range] as const);
}

test('the audio preview plays a service-worker URL; seeking near the end reads only a few chunks from the relay', async () => {
  const src = await openPreview('long noise.wav');
  assert.match(src, /^\/media\/[A-Za-z0-9_-]{22}$/);
  const audio = app.page.getByLabel('Audio: long noise.wav');
  assert.is(Math.round(await audio.evaluate((el: HTMLAudioElement) => el.duration)), SECONDS);

  const mark = recorder.requests.length;
  const position = await audio.evaluate(async (el: HTMLAudioElement, to) => {
    el.muted = true;
    el.currentTime = to;
    await new Promise((resolve) => el.addEventListener('seeked', resolve, { once: true }));
    await el.play();
    // Playback goes on from the new place: wait for the clock to move past it.
    await new Promise<void>((resolve) => el.addEventListener('timeupdate', () => { if (el.currentTime > to + 0.25) resolve(); }));
    el.pause();
    return el.currentTime;
  }, SEEK_TO);
  assert.ok(position > SEEK_TO && position < SECONDS, `playing from ${position}`);

  const blobSize = blobOffsetOfPlain(noisy.length) + 16400;
  const reads = recorder.requests.slice(mark).filter((r) => r.url.startsWith('/api/v1/blobs/'));
  assert.ok(reads.length > 0, 'the seek read from the relay');
  const spans = reads.map((r) => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(r.range ?? '');
    assert.ok(m, `every blob read after the seek is a bounded Range request (got ${r.method} ${r.url} range ${r.range})`);
    return { start: Number(m![1]), end: Number(m![2]) + 1 };
  });
  const total = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
  assert.ok(spans.every((s) => s.end - s.start <= 16 * 16400), `each read is at most 16 chunks: ${JSON.stringify(spans)}`);
  assert.ok(total < blobSize / 8, `read ${total} of ~${blobSize} blob bytes after the seek`);
  const target = blobOffsetOfPlain(44 + SEEK_TO * SAMPLE_RATE);
  assert.ok(spans.some((s) => s.start <= target + 16 * 16400 && s.end > target - 16 * 16400), `a read covers the seek target at blob byte ${target}: ${JSON.stringify(spans)}`);
  assert.equal(app.problems, []);
});

test('the media URL answers Range with 206 and the exact bytes, no Range with 200, past the end with 416', async () => {
  const src = await openPreview('long noise.wav');
  const size = noisy.length;
  const mid = await fetchRange(src, 'bytes=3000000-3000099');
  assert.is(mid.status, 206);
  assert.is(mid.contentRange, `bytes 3000000-3000099/${size}`);
  assert.is(mid.contentLength, '100');
  assert.is(mid.acceptRanges, 'bytes');
  assert.equal(mid.bytes, [...noisy.subarray(3000000, 3000100)]);

  const tail = await fetchRange(src, 'bytes=-10');
  assert.is(tail.contentRange, `bytes ${size - 10}-${size - 1}/${size}`);
  assert.equal(tail.bytes, [...noisy.subarray(size - 10)]);

  const whole = await fetchRange(src, null);
  assert.is(whole.status, 200);
  assert.is(whole.contentLength, String(size));
  assert.is(whole.acceptRanges, 'bytes');

  const past = await fetchRange(src, `bytes=${size}-`);
  assert.is(past.status, 416);
  assert.is(past.contentRange, `bytes */${size}`);
  // Chromium logs any 4xx fetch as a console error; this one was asked for.
  const logged = app.problems.findIndex((p) => /status of 416/.test(p));
  assert.ok(logged >= 0);
  app.problems.splice(logged, 1);
  assert.equal(app.problems, []);
  assert.equal(recorder.requests.filter((r) => r.url.startsWith('/media/')), [], 'no media URL reached the relay');
});

test('a DEFLATE-stored WAV (no random access) still answers a range with the right bytes', async () => {
  const src = await openPreview('quiet.wav');
  const mark = recorder.requests.length;
  const part = await fetchRange(src, 'bytes=200000-200015');
  assert.is(part.status, 206);
  assert.is(part.contentRange, `bytes 200000-200015/${quiet.length}`);
  assert.equal(part.bytes, [...quiet.subarray(200000, 200016)]);
  // Decrypted from the start: the whole blob is read, not a Range of it.
  const reads = recorder.requests.slice(mark).filter((r) => r.url.startsWith('/api/v1/blobs/'));
  assert.ok(reads.length > 0 && reads.every((r) => r.range === null), JSON.stringify(reads));
  assert.equal(app.problems, []);
});

test.run();
