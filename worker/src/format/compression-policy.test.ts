// When DEFLATE is applied: types that are already compressed never, others when a sample shrinks
// by at least 5 %; 'on' and 'off' override.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pseudoRandomBytes, textBytes } from '../../../test/vectors/check-harness.js';
import { byteHistogram, isAlreadyCompressed, sampleShrinks, shouldDeflate } from './compression-policy.js';

const types = suite('isAlreadyCompressed');
types('media and archives by type or extension', () => {
  for (const contentType of ['image/jpeg', 'image/png', 'video/mp4', 'audio/mpeg', 'application/zip', 'application/pdf', 'image/webp; q=1']) {
    assert.ok(isAlreadyCompressed({ contentType }), contentType);
  }
  for (const fileName of ['a.JPG', 'clip.mov', 'archive.tar.gz', 'report.docx', 'x.7z']) {
    assert.ok(isAlreadyCompressed({ fileName }), fileName);
  }
});
types('text, SVG, BMP, WAV and unknown types are not', () => {
  for (const contentType of ['text/plain', 'image/svg+xml', 'image/bmp', 'audio/wav', 'application/json', 'application/octet-stream', '']) {
    assert.not.ok(isAlreadyCompressed({ contentType }), contentType);
  }
  assert.not.ok(isAlreadyCompressed({ fileName: 'notes.txt' }));
  assert.not.ok(isAlreadyCompressed({ fileName: 'Makefile' }));
  assert.not.ok(isAlreadyCompressed({}));
});
types.run();

const sample = suite('sampleShrinks');
sample('text shrinks, random bytes and empty samples do not', async () => {
  assert.ok(await sampleShrinks(textBytes(65536)));
  assert.not.ok(await sampleShrinks(pseudoRandomBytes(65536, 1)));
  assert.not.ok(await sampleShrinks(new Uint8Array(0)));
});
sample('the threshold is a 5 % saving', async () => {
  // Random bytes with every 12th byte zero compress by only ~3 %: below the threshold.
  const nearly = pseudoRandomBytes(65536, 2).map((b, i) => (i % 12 === 0 ? 0 : b));
  assert.not.ok(await sampleShrinks(nearly));
  // Half zeros compress far more than 5 %.
  const half = pseudoRandomBytes(65536, 3).map((b, i) => (i % 2 === 0 ? 0 : b));
  assert.ok(await sampleShrinks(half));
});
sample('random-looking bytes skip the trial, structured ones are still tried ([Note: Random-looking samples])', async () => {
  for (const n of [4096, 20480, 65536]) {
    // A random quarter repeated (within DEFLATE's 32 KiB window), and a counting pattern: bytes
    // near-uniform at order 0 that DEFLATE shrinks a lot.
    const quarter = pseudoRandomBytes(n / 4, n);
    const repeated = new Uint8Array(n);
    for (let at = 0; at < n; at += n / 4) repeated.set(quarter, at);
    assert.ok(await sampleShrinks(repeated), `a repeated random quarter of ${n} bytes`);
    assert.ok(await sampleShrinks(new Uint8Array(n).map((_, i) => i % 256)), `a counting pattern of ${n} bytes`);
    for (let seed = 0; seed < 20; seed++) assert.not.ok(await sampleShrinks(pseudoRandomBytes(n, 100 + seed)));
  }
});
sample.run();

const decide = suite('shouldDeflate');
decide('on and off override; auto combines type and sample', async () => {
  const text = textBytes(10000);
  const noise = pseudoRandomBytes(10000, 4);
  assert.ok(await shouldDeflate('on', { contentType: 'image/jpeg' }, noise));
  assert.not.ok(await shouldDeflate('off', {}, text));
  assert.ok(await shouldDeflate('auto', { contentType: 'text/plain' }, text));
  assert.not.ok(await shouldDeflate('auto', { contentType: 'image/png' }, text));
  assert.not.ok(await shouldDeflate('auto', {}, noise));
});
decide.run();

const histogram = suite('byteHistogram');
histogram('counts every byte once, at any offset and length (four bytes at a time, the rest one by one)', () => {
  const bytes = pseudoRandomBytes(4096 + 7, 11);
  bytes.fill(0xff, 100, 200);
  for (const [from, to] of [[0, 4103], [1, 4103], [2, 4101], [3, 3], [3, 6], [5, 4100], [0, 0]]) {
    const sample = bytes.subarray(from, to);
    const want = new Uint32Array(256);
    for (const b of sample) want[b]++;
    assert.equal(Array.from(byteHistogram(sample)), Array.from(want), `${from}..${to}`);
  }
});
histogram.run();
