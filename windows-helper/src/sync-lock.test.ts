// takeSyncLock: one holder at a time; released, or its process gone, the next one gets it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { takeSyncLock } from './sync-lock.js';

test('one holder at a time, across processes; a released lock is free again', () => {
  const home = mkdtempSync(join(tmpdir(), 'veilbox-lock-'));
  try {
    const first = takeSyncLock(home);
    assert.ok(first);
    const script = `import('${new URL('./sync-lock.ts', import.meta.url).pathname}').then((m) => process.exit(m.takeSyncLock(${JSON.stringify(home)}) ? 0 : 7))`;
    const other = () => spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    const busy = other();
    assert.is(busy.status, 7, busy.stderr);
    first!.release();
    const free = other();
    assert.is(free.status, 0, free.stderr);
    // That process ended holding it: the lock went with it.
    const again = takeSyncLock(home);
    assert.ok(again);
    again!.release();
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test.run();
