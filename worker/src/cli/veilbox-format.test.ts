// The real veilbox-format CLI as a child process (through bin/veilbox-format.js, as npx runs it):
// round trips, what seal reports, and failures with a clear message and a non-zero exit.
import { spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pseudoRandomBytes, textBytes } from '../../../test/vectors/check-harness.js';
import { bytesToHex } from '../format/bytes.js';
import { padme } from '../format/padme.js';
import { main } from './veilbox-format.js';

const BIN = fileURLToPath(new URL('../../bin/veilbox-format.js', import.meta.url));
const KEY = bytesToHex(pseudoRandomBytes(32, 99));
const OTHER_KEY = bytesToHex(pseudoRandomBytes(32, 98));

interface Run { code: number | null; stdout: Buffer; stderr: string }

function cli(args: string[], input: Uint8Array): Promise<Run> {
  return new Promise((resolve, reject) => {
    // cwd elsewhere: the launcher must not depend on where it is started from.
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    child.stdin.on('error', () => undefined); // the CLI may exit before reading everything
    child.stdin.end(input);
  });
}

const lengthOf = (stderr: string): number => Number(/^length (\d+)$/m.exec(stderr)?.[1]);

/** The CLI's main() in this process, for the cases that need no real process. */
async function inProcess(args: string[], input: Uint8Array): Promise<Run> {
  const out: Buffer[] = [];
  let stderr = '';
  const stdout = new Writable({ write(chunk: Buffer, _enc, done) { out.push(chunk); done(); } });
  const errors = new Writable({ write(chunk: Buffer, _enc, done) { stderr += chunk; done(); } });
  const code = await main(args, { stdin: Readable.from([Buffer.from(input)]), stdout, stderr: errors });
  return { code, stdout: Buffer.concat(out), stderr };
}

const DATA = pseudoRandomBytes(1024 * 1024 + 7, 1);
let sealedOnce: Promise<Run> | undefined;
/** One real `seal` of DATA, shared by the tests that open or damage it. */
const sealedData = (): Promise<Run> => (sealedOnce ??= cli(['seal', '--key', KEY], DATA));

const roundTrip = suite('veilbox-format seal | open (child process)');
roundTrip('stored: seal prints the length, open --length gives the exact input', async () => {
  const sealed = await sealedData();
  assert.is(sealed.code, 0, sealed.stderr);
  assert.is(lengthOf(sealed.stderr), DATA.length);
  assert.is(sealed.stdout.subarray(0, 4).toString(), 'VBX1');
  const opened = await cli(['open', '--key', KEY, '--length', String(DATA.length)], sealed.stdout);
  assert.is(opened.code, 0, opened.stderr);
  assert.ok(Buffer.from(DATA).equals(opened.stdout));
});
roundTrip('stored, opened without --length: padding kept, and a note says so', async () => {
  const sealed = await sealedData();
  const opened = await cli(['open', `--key=${KEY}`], sealed.stdout);
  assert.is(opened.code, 0);
  assert.is(opened.stdout.length, padme(DATA.length));
  assert.ok(Buffer.from(DATA).equals(opened.stdout.subarray(0, DATA.length)));
  assert.match(opened.stderr, /padding/);
});
roundTrip('--deflate: opens exactly without --length; --length-out writes the length', async () => {
  const data = textBytes(500000);
  const dir = mkdtempSync(join(tmpdir(), 'veilbox-cli-'));
  const lengthFile = join(dir, 'length');
  const sealed = await cli(['seal', '--key', KEY, '--deflate', '--length-out', lengthFile], data);
  assert.is(sealed.code, 0, sealed.stderr);
  assert.is(sealed.stdout[5], 1, 'DEFLATE flag');
  const length = Number(readFileSync(lengthFile, 'utf8').trim());
  assert.is(length, lengthOf(sealed.stderr));
  assert.ok(length < data.length / 2);
  const opened = await cli(['open', '--key', KEY], sealed.stdout);
  assert.is(opened.code, 0, opened.stderr);
  assert.ok(Buffer.from(data).equals(opened.stdout));
  const exact = await inProcess(['open', '--key', KEY, '--length', String(length)], sealed.stdout);
  assert.is(exact.code, 0, exact.stderr);
  assert.ok(Buffer.from(data).equals(exact.stdout));
});
roundTrip.run();

const failures = suite('veilbox-format failures (child process)');
failures('wrong key: exit 1, a clear message, no output', async () => {
  const opened = await cli(['open', '--key', OTHER_KEY], (await sealedData()).stdout);
  assert.is(opened.code, 1);
  assert.match(opened.stderr, /key is wrong/);
  assert.match(opened.stderr, /\[wrong-key\]/);
  assert.is(opened.stdout.length, 0);
});
failures('tampered blob: exit 1, chunk-auth, only the intact prefix was written', async () => {
  const blob = Buffer.from((await sealedData()).stdout);
  blob[64 + 2 * 16400 + 10] ^= 1;
  const opened = await cli(['open', '--key', KEY, '--length', String(DATA.length)], blob);
  assert.is(opened.code, 1);
  assert.match(opened.stderr, /changed or damaged/);
  assert.match(opened.stderr, /\[chunk-auth\]/);
  assert.ok(opened.stdout.length <= 2 * 16384);
  assert.ok(Buffer.from(DATA.subarray(0, opened.stdout.length)).equals(opened.stdout));
});
failures('truncated blob: exit 1, truncated', async () => {
  const blob = (await sealedData()).stdout;
  const cut = await cli(['open', '--key', KEY, '--length', String(DATA.length)], blob.subarray(0, blob.length - 10));
  assert.is(cut.code, 1);
  assert.match(cut.stderr, /incomplete/);
  assert.match(cut.stderr, /\[truncated\]/);
});
failures.run();

const mistakes = suite('veilbox-format main (in process)');
mistakes('extra bytes and non-blobs: exit 1 with the kind named', async () => {
  const data = pseudoRandomBytes(40000, 4);
  const { stdout: blob, code } = await inProcess(['seal', '--key', KEY], data);
  assert.is(code, 0);
  const longer = await inProcess(['open', '--key', KEY, '--length', '40000'], Buffer.concat([blob, Buffer.from([0])]));
  assert.is(longer.code, 1);
  assert.match(longer.stderr, /\[trailing-data\]/);
  const notBlob = await inProcess(['open', '--key', KEY], textBytes(1000));
  assert.is(notBlob.code, 1);
  assert.match(notBlob.stderr, /isn't a Veilbox file/);
});
mistakes('usage mistakes: exit 2 with the usage text', async () => {
  for (const args of [[], ['seal'], ['seal', '--key', 'abc'], ['open', '--key', KEY, '--length', 'ten'], ['shred', '--key', KEY], ['open', '--key', KEY, '--deflate']]) {
    const run = await inProcess(args, new Uint8Array(0));
    assert.is(run.code, 2, args.join(' '));
    assert.match(run.stderr, /Usage:/);
  }
});
mistakes.run();
