// Unit tests of share-manifest.ts: a manifest round-trips with and without a password, a password
// share's list stays sealed without it, and paths that could leave a folder are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveSharePasswordKeys, SHARE_PASSWORD_KDF } from '../keys/share-password.js';
import { openList, openManifest, safeSharePath, sealManifest, type ShareList, type ShareSummary } from './share-manifest.js';
import { ShareError } from './share-error.js';

const manifestKey = new Uint8Array(32).fill(1);
const summary: ShareSummary = { kind: 'folder', name: 'Trip', fileCount: 1, totalSize: 5, createdAt: 1 };
const list: ShareList = {
  files: [{ path: 'a/b.txt', size: 5, mediaType: 'text/plain', mtime: 2, blobId: 'q3Vb6K1tY0WgO9m8mZ2x9A', fileKey: 'A'.repeat(43), length: 5, deflated: false }],
  emptyFolders: ['empty'],
};

test('without a password the list is inline and comes back as sealed', async () => {
  const sealed = await sealManifest({ manifestKey, passwordKey: null }, 'id-1', summary, list);
  const opened = await openManifest(manifestKey, sealed, 'id-1');
  assert.equal(opened.summary, summary);
  assert.equal(opened.list, list);
});

test('with a password only the summary opens with the link; the list needs the password key', async () => {
  const { passwordKey } = await deriveSharePasswordKeys('pw', new Uint8Array(16), SHARE_PASSWORD_KDF);
  const sealed = await sealManifest({ manifestKey, passwordKey }, 'id-2', summary, list);
  const opened = await openManifest(manifestKey, sealed, 'id-2');
  assert.equal([opened.summary.name, opened.list], ['Trip', null]);
  assert.equal(await openList(manifestKey, passwordKey, opened.sealedList!, 'id-2', opened.summary), list);
});

test('a manifest moved to another share id is tampered', async () => {
  const sealed = await sealManifest({ manifestKey, passwordKey: null }, 'id-3', summary, list);
  try {
    await openManifest(manifestKey, sealed, 'id-4');
    assert.unreachable('opened');
  } catch (e) {
    assert.ok(e instanceof ShareError && e.kind === 'tampered');
  }
});

test('safeSharePath: relative, no empty, dot or dot-dot parts, no backslash', () => {
  for (const good of ['a.txt', 'a/b/c.txt', 'é/ü.txt', '.hidden']) assert.ok(safeSharePath(good), good);
  for (const bad of ['', '/etc/passwd', '../x', 'a/../b', 'a//b', 'a/./b', 'a\\b', 'a/', 'x\u0000y']) assert.not.ok(safeSharePath(bad), bad);
});

test.run();
