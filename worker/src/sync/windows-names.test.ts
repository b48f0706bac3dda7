// Unit tests of windows-names.ts: each rule Windows has, and names it accepts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { windowsNameProblem, windowsPathProblem } from './windows-names.js';

test('device names are refused with or without an extension, in any case', () => {
  for (const name of ['CON', 'prn', 'Aux', 'NUL.txt', 'com1', 'COM9.tar.gz', 'lpt3', 'CON .txt']) {
    assert.ok(windowsNameProblem(name), name);
  }
  for (const name of ['CONSOLE', 'com10', 'nul-file', 'my CON.txt', 'LPT']) assert.is(windowsNameProblem(name), null, name);
});

test('trailing dots and spaces, reserved characters and control characters are refused', () => {
  for (const name of ['trail.', 'space ', 'a<b', 'a>b', 'a:b', 'a"b', 'a|b', 'a?b', 'a*b', 'a\\b', 'tab\there']) {
    assert.ok(windowsNameProblem(name), name);
  }
  for (const name of ['.hidden', 'a.b.c', 'ünïcode ✓.txt', 'a b', '[x] (1).txt']) assert.is(windowsNameProblem(name), null, name);
});

test('windowsPathProblem names the first segment that fails', () => {
  assert.equal(windowsPathProblem('ok/AUX/x.txt')?.segment, 'AUX');
  assert.is(windowsPathProblem('ok/fine/x.txt'), null);
});

test.run();
