// folderToSync: what `veilbox-helper sync` syncs when the logon start gives it no --folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultFolder, folderToSync, readConfig } from './helper-config.js';

const folders = suite('folderToSync');
let dir = '';
folders.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'veilbox-config-')); });
folders.after.each(() => rmSync(dir, { recursive: true, force: true }));

folders('none given and none remembered: ~/Veilbox, made and remembered', () => {
  const home = join(dir, 'home');
  const env = { HOME: join(dir, 'user'), USERPROFILE: join(dir, 'user') };
  const original = process.env.HOME;
  process.env.HOME = env.HOME;
  try {
    const chosen = folderToSync(home, undefined, env);
    assert.is(chosen.source, 'default');
    assert.is(chosen.folder, join(dir, 'user', 'Veilbox'));
    assert.is(chosen.folder, defaultFolder(env));
    assert.ok(existsSync(chosen.folder));
    assert.is(readConfig(home).folder, chosen.folder);
  } finally {
    process.env.HOME = original;
  }
});

folders('a given folder is remembered for the next start without one; a missing one is made', () => {
  const home = join(dir, 'home');
  const given = join(dir, 'Documents', 'Synced');
  assert.equal(folderToSync(home, given), { folder: given, source: 'given' });
  assert.ok(existsSync(given));
  rmSync(given, { recursive: true });
  assert.equal(folderToSync(home, undefined), { folder: given, source: 'remembered' });
  assert.ok(existsSync(given), 'made again rather than failing the logon start');
});
folders.run();
