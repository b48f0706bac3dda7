// Start-up clean-up of what a killed helper left: partial downloads of dead processes go, a live
// process's stay, and a file caught mid case-only rename is put back under its name, never deleted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMP_PREFIX } from '../../worker/src/sync/index.js';
import { removeStaleTempFiles } from './stale-temp-files.js';

test('partial downloads of a dead process go; a live one\'s stay; a case-rename temp comes back under its name', () => {
  const root = mkdtempSync(join(tmpdir(), 'vb-stale-'));
  try {
    mkdirSync(join(root, 'docs'));
    const dead = join(root, 'docs', `${TEMP_PREFIX}999999999-1-report.pdf`);
    const live = join(root, `${TEMP_PREFIX}${process.ppid}-2-photo.jpg`);
    const caseTemp = join(root, 'docs', `${TEMP_PREFIX}case-Notes.txt`);
    const blocked = join(root, `${TEMP_PREFIX}case-Plan.txt`);
    writeFileSync(dead, 'half');
    writeFileSync(live, 'in progress');
    writeFileSync(caseTemp, 'the user\'s notes');
    writeFileSync(blocked, 'older plan');
    writeFileSync(join(root, 'Plan.txt'), 'newer plan');
    const removed = removeStaleTempFiles(root);
    assert.equal(removed, [dead]);
    assert.ok(existsSync(live), 'a running process\'s download stays');
    assert.is(readFileSync(join(root, 'docs', 'Notes.txt'), 'utf8'), 'the user\'s notes', 'put back under its name');
    assert.not.ok(existsSync(caseTemp));
    assert.ok(existsSync(blocked), 'kept when its name is taken');
    assert.is(readFileSync(join(root, 'Plan.txt'), 'utf8'), 'newer plan');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
