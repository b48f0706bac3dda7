// Unit tests for format.ts: sizes, speeds, durations, dates, plurals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatBytes, formatDuration, formatSpeed, plural, formatDate } from './format.js';

test('formatBytes', () => {
  assert.is(formatBytes(0), '0 bytes');
  assert.is(formatBytes(1), '1 byte');
  assert.is(formatBytes(1023), '1023 bytes');
  assert.is(formatBytes(1024), '1 KB');
  assert.is(formatBytes(1536), '1.5 KB');
  assert.is(formatBytes(200 * 1024 * 1024), '200 MB');
  assert.is(formatBytes(1024 ** 3 * 1.25), '1.3 GB');
  assert.is(formatBytes(-1), '—');
});

test('formatSpeed', () => {
  assert.is(formatSpeed(0), '—');
  assert.is(formatSpeed(2 * 1024 * 1024), '2 MB/s');
});

test('formatDuration', () => {
  assert.is(formatDuration(null), '—');
  assert.is(formatDuration(Infinity), '—');
  assert.is(formatDuration(12.4), '12 s');
  assert.is(formatDuration(60), '1 min');
  assert.is(formatDuration(184), '3 min 4 s');
  assert.is(formatDuration(7500), '2 h 5 min');
});

test('formatDate shows time for today and the year only when it differs', () => {
  const now = new Date(2026, 5, 15, 12, 0).getTime();
  assert.match(formatDate(new Date(2026, 5, 15, 9, 30).getTime(), now, 'en-GB'), /09:30/);
  assert.not.match(formatDate(new Date(2026, 0, 3).getTime(), now, 'en-GB'), /2026/);
  assert.match(formatDate(new Date(2024, 0, 3).getTime(), now, 'en-GB'), /2024/);
});

test('plural', () => {
  assert.is(plural(1, 'file'), '1 file');
  assert.is(plural(10000, 'file'), '10,000 files');
  assert.is(plural(2, 'entry', 'entries'), '2 entries');
});

test.run();
