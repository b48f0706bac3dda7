// Unit tests of folder-zip.ts's date handling: every file time becomes one a ZIP entry can hold.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { unzipSync, Zip, ZipPassThrough } from 'fflate';
import { zipEntryDate } from './folder-zip.js';

test('zipEntryDate keeps a date the format can hold and clamps the rest to 1980–2099', () => {
  const now = Date.UTC(2024, 4, 17, 9, 30, 0);
  assert.is(zipEntryDate(now).getTime(), now);
  assert.equal(zipEntryDate(0), new Date(1980, 0, 1, 0, 0, 0));
  assert.equal(zipEntryDate(Date.UTC(1975, 5, 1)), new Date(1980, 0, 1, 0, 0, 0));
  assert.equal(zipEntryDate(Date.UTC(2150, 0, 1)), new Date(2099, 11, 31, 23, 59, 58));
  assert.ok(zipEntryDate(Number.NaN).getFullYear() >= 2024, 'no time at all: now');
});

test('an entry dated 1970 is written, not refused', () => {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => { if (error) throw error; out.push(chunk); });
  const entry = new ZipPassThrough('old.txt');
  entry.mtime = zipEntryDate(0);
  zip.add(entry);
  entry.push(new TextEncoder().encode('old'), true);
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  out.reduce((at, c) => { bytes.set(c, at); return at + c.length; }, 0);
  assert.equal(new TextDecoder().decode(unzipSync(bytes)['old.txt']), 'old');
});

test.run();
