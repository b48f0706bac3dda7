// Unit tests for media-kind.ts: kinds from media type and extension, type labels.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extensionOf, mediaKindOf, typeLabelOf, canPreview } from './media-kind.js';

const f = (name: string, mediaType = '') => ({ type: 'file' as const, name, mediaType });

test('extensionOf ignores dotfiles and trailing dots', () => {
  assert.is(extensionOf('a.TXT'), 'txt');
  assert.is(extensionOf('.bashrc'), '');
  assert.is(extensionOf('name.'), '');
  assert.is(extensionOf('archive.tar.gz'), 'gz');
});

test('mediaKindOf prefers the media type and falls back to the extension', () => {
  assert.is(mediaKindOf(f('x.bin', 'image/png')), 'image');
  assert.is(mediaKindOf(f('report.pdf')), 'pdf');
  assert.is(mediaKindOf(f('main.rs')), 'text');
  assert.is(mediaKindOf(f('song', 'audio/mpeg')), 'audio');
  assert.is(mediaKindOf(f('clip.webm')), 'video');
  assert.is(mediaKindOf(f('data.bin', 'application/octet-stream')), 'other');
  assert.is(mediaKindOf({ type: 'folder', name: 'a.jpg', mediaType: '' }), 'folder');
});

test('typeLabelOf and canPreview', () => {
  assert.is(typeLabelOf(f('a.png')), 'Image · PNG');
  assert.is(typeLabelOf(f('README')), 'Other');
  assert.ok(canPreview('pdf'));
  assert.not.ok(canPreview('archive'));
});

test.run();
