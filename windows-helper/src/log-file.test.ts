// Unit test of log-file.ts: lines are appended and the file rotates at its size, keeping `keep` old files.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LogFile } from './log-file.js';

test('rotates at maxBytes and keeps `keep` files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-log-'));
  try {
    const log = new LogFile(dir, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(20)}`);
    assert.ok(existsSync(log.path));
    assert.ok(existsSync(`${log.path}.1`));
    assert.ok(existsSync(`${log.path}.2`));
    assert.not.ok(existsSync(`${log.path}.3`));
    assert.match(readFileSync(log.path, 'utf8'), /INFO line 39 /);
    assert.ok(readFileSync(log.path, 'utf8').length < 300);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a log already past maxBytes rotates before its first new line; lines after close() still land', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-log-'));
  try {
    const log = new LogFile(dir, { maxBytes: 100, keep: 2 });
    writeFileSync(log.path, `${'old '.repeat(40)}\n`);
    log.info('first');
    assert.match(readFileSync(`${log.path}.1`, 'utf8'), /^old /);
    assert.match(readFileSync(log.path, 'utf8'), /^\S+ INFO first\n$/);
    log.close();
    log.warn('after close');
    log.close();
    assert.match(readFileSync(log.path, 'utf8'), /INFO first\n\S+ WARN after close\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
