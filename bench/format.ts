// `npm run bench -- format [--mib N] [--gc]`: VBX1 seal and open of a generated stream (1 GiB by default) in
// Node and in a Chromium Web Worker, against raw AES-256-GCM over the same bytes in 1 MiB calls
// measured in the same run, with peak memory above idle; plus Argon2id time at the account defaults.
// With --gc, Chromium runs with --expose-gc and collects every 64 MiB: it tells memory that is held
// from garbage the browser has not collected yet (WebCrypto returns a fresh buffer per call).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sealStream, openStream } from '../worker/src/format/blob-stream.js';
import { derivePasswordKeys } from '../worker/src/keys/password-keys.js';
import { DEFAULT_PASSWORD_KDF } from '../worker/src/keys/password-kdf-params.js';
import { ownRss, treeRss, withMemoryPeak, type MemoryPeak } from './memory-sampler.js';
import { generatedStream, countBytes, MiB } from './format/streams.js';
import { runInChromium } from './format/chromium.js';

const forceGc = process.argv.includes('--gc');
const mib = Number(process.argv.find((a, i, all) => all[i - 1] === '--mib') ?? 1024);
const total = mib * MiB;

interface Row { where: string; what: string; ms: number; bytes: number; memory?: MemoryPeak; browser?: MemoryPeak }
const rows: Row[] = [];
const rate = (r: Row) => r.bytes / MiB / (r.ms / 1000);

async function timed(where: string, what: string, bytes: number, run: () => Promise<unknown>, read = ownRss) {
  const start = performance.now();
  const { memory } = await withMemoryPeak(read, run);
  const row = { where, what, ms: performance.now() - start, bytes, memory };
  rows.push(row);
  console.log(`  ${where.padEnd(8)} ${what.padEnd(34)} ${rate(row).toFixed(0).padStart(6)} MiB/s  peak +${memory.aboveIdleMiB.toFixed(0)} MiB`);
}

/** Raw node:crypto AES-256-GCM, one cipher per 1 MiB call (the fastest this machine does). */
async function nodeRawAes(direction: 'encrypt' | 'decrypt') {
  const key = randomBytes(32), iv = randomBytes(12), block = randomBytes(MiB);
  const sealed = Buffer.concat([createCipheriv('aes-256-gcm', key, iv).update(block)]);
  const tag = (() => { const c = createCipheriv('aes-256-gcm', key, iv); c.update(block); c.final(); return c.getAuthTag(); })();
  for (let done = 0; done < total; done += MiB) {
    if (direction === 'encrypt') {
      const c = createCipheriv('aes-256-gcm', key, iv); c.update(block); c.final(); c.getAuthTag();
    } else {
      const d = createDecipheriv('aes-256-gcm', key, iv); d.setAuthTag(tag); d.update(sealed); d.final();
    }
    if ((done & (64 * MiB - 1)) === 0) await new Promise((r) => setImmediate(r)); // let the sampler run
  }
}

/** Raw WebCrypto AES-256-GCM in Node, 1 MiB per call, one at a time. */
async function webRawAes(direction: 'encrypt' | 'decrypt') {
  const key = await crypto.subtle.importKey('raw', randomBytes(32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const iv = randomBytes(12), block = randomBytes(MiB);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, block));
  for (let done = 0; done < total; done += MiB) {
    if (direction === 'encrypt') await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, block);
    else await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-bench-format-'));
  const blobPath = join(dir, 'sealed.vbx');
  const fileKey = randomBytes(32);
  try {
    console.log(`Veilbox format benchmark: ${mib} MiB of incompressible data, compression 'auto'\n`);
    console.log('Node', process.version);
    await timed('node', 'baseline: node:crypto encrypt 1 MiB', total, () => nodeRawAes('encrypt'));
    await timed('node', 'baseline: node:crypto decrypt 1 MiB', total, () => nodeRawAes('decrypt'));
    await timed('node', 'baseline: WebCrypto encrypt 1 MiB', total, () => webRawAes('encrypt'));
    let length = 0;
    await timed('node', 'VBX1 sealStream (node:crypto)', total, async () => {
      const seal = sealStream(fileKey);
      const [, result] = await Promise.all([generatedStream(total).pipeTo(seal.writable), seal.result, countBytes(seal.readable)]);
      length = result.length;
    });
    // Keep a sealed copy on disk (not timed) for the open runs in Node and in Chromium.
    {
      const seal = sealStream(fileKey);
      generatedStream(total).pipeTo(seal.writable);
      await pipeline(Readable.fromWeb(seal.readable as never), createWriteStream(blobPath));
      length = (await seal.result).length;
    }
    await timed('node', 'VBX1 openStream (node:crypto)', total, async () => {
      const opened = (Readable.toWeb(createReadStream(blobPath, { highWaterMark: MiB })) as unknown as ReadableStream<Uint8Array>)
        .pipeThrough(openStream(fileKey, { length }));
      const n = await countBytes(opened);
      if (n !== total) throw new Error(`opened ${n} bytes, expected ${total}`);
    });
    await timed('node', 'VBX1 sealStream (WebCrypto backend)', total, async () => {
      const seal = sealStream(fileKey, { backend: 'webcrypto' });
      await Promise.all([generatedStream(total).pipeTo(seal.writable), countBytes(seal.readable)]);
    });

    const salt = randomBytes(16);
    const argonStart = performance.now();
    await derivePasswordKeys('correct horse battery staple', salt, DEFAULT_PASSWORD_KDF);
    const argonNodeMs = performance.now() - argonStart;
    console.log(`  node     Argon2id m=64 MiB t=3 p=1               ${argonNodeMs.toFixed(0)} ms`);

    console.log(`\nChromium (Web Worker, WebCrypto backend${forceGc ? '; instrumented: garbage collected every 64 MiB' : ''})`);
    const chromium = await runInChromium({ totalBytes: total, fileKeyHex: fileKey.toString('hex'), forceGc },
      (where, what, ms, bytes, memory, renderer) => {
        const row = { where, what, ms, bytes, memory: renderer, browser: memory };
        rows.push(row);
        console.log(`  ${where.padEnd(8)} ${what.padEnd(34)} ${rate(row).toFixed(0).padStart(6)} MiB/s  peak +${renderer.aboveIdleMiB.toFixed(0)} MiB renderer (tab + worker), +${memory.aboveIdleMiB.toFixed(0)} MiB all browser processes`);
      }, treeRss);
    console.log(`  chromium Argon2id m=64 MiB t=3 p=1               ${chromium.argonMs.toFixed(0)} ms first in a fresh worker, ${chromium.argonWarmMs.toFixed(0)} ms next`);

    const find = (where: string, prefix: string) => rows.find((r) => r.where === where && r.what.startsWith(prefix))!;
    const ratio = (a: Row, b: Row) => (rate(a) / rate(b)).toFixed(2);
    console.log('\nSummary (ratio to the raw AES-GCM baseline of this run; target ≥ 0.6)');
    console.log(`  node     seal ${ratio(find('node', 'VBX1 sealStream (node'), find('node', 'baseline: node:crypto encrypt'))}×   open ${ratio(find('node', 'VBX1 openStream'), find('node', 'baseline: node:crypto decrypt'))}×`);
    console.log(`  chromium seal ${ratio(find('chromium', 'VBX1 sealStream'), find('chromium', 'baseline: WebCrypto encrypt'))}×   open ${ratio(find('chromium', 'VBX1 openStream'), find('chromium', 'baseline: WebCrypto decrypt'))}×`);
    const peaks = rows.filter((r) => r.what.startsWith('VBX1')).map((r) => `${r.where} ${r.what.split(' ')[1]} +${r.memory!.aboveIdleMiB.toFixed(0)} MiB`);
    console.log(`  peak memory above idle (target < 64 MiB; Chromium: the renderer running the worker): ${peaks.join(', ')}`);
    console.log(`  Argon2id (target < 1000 ms in Chromium): node ${argonNodeMs.toFixed(0)} ms, chromium ${chromium.argonMs.toFixed(0)} ms (fresh worker) / ${chromium.argonWarmMs.toFixed(0)} ms (second)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
