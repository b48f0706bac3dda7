// When DEFLATE is applied: types that are already compressed never, others when a sample shrinks
// by at least 5 %; 'on' and 'off' override.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pseudoRandomBytes, textBytes } from '../../../test/vectors/check-harness.js';
import { isAlreadyCompressed, sampleShrinks, shouldDeflate } from './compression-policy.js';

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
sample('text shrinks, random bytes and empty samples do not', () => {
  assert.ok(sampleShrinks(textBytes(65536)));
  assert.not.ok(sampleShrinks(pseudoRandomBytes(65536, 1)));
  assert.not.ok(sampleShrinks(new Uint8Array(0)));
});
sample('the threshold is a 5 % saving', () => {
  // Random bytes with every 12th byte zero compress by only ~3 %: below the threshold.
  const nearly = pseudoRandomBytes(65536, 2).map((b, i) => (i % 12 === 0 ? 0 : b));
  assert.not.ok(sampleShrinks(nearly));
  // Half zeros compress far more than 5 %.
  const half = pseudoRandomBytes(65536, 3).map((b, i) => (i % 2 === 0 ? 0 : b));
  assert.ok(sampleShrinks(half));
});
sample.run();

const decide = suite('shouldDeflate');
decide('on and off override; auto combines type and sample', () => {
  const text = textBytes(10000);
  const noise = pseudoRandomBytes(10000, 4);
  assert.ok(shouldDeflate('on', { contentType: 'image/jpeg' }, noise));
  assert.not.ok(shouldDeflate('off', {}, text));
  assert.ok(shouldDeflate('auto', { contentType: 'text/plain' }, text));
  assert.not.ok(shouldDeflate('auto', { contentType: 'image/png' }, text));
  assert.not.ok(shouldDeflate('auto', {}, noise));
});
decide.run();
