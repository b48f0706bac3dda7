// `npm run bench -- relay [--mib N] [--rounds N] [--seconds N]`: the relay against a plain node:http
// stream-to-disk server measured in the same run, both as child processes on 127.0.0.1.
//  1. upload of 1 GiB in 8 MiB parts, 4 in flight (relay: create + parts + commit), and the download;
//  2. small requests: 4 KiB blobs at concurrency 16 (relay: create + part + commit per blob; GETs);
//  3. the relay's resident memory (VmRSS sampled, and VmHWM) during the 1 GiB upload and download.
// The client sends one reused 8 MiB buffer: the bench never holds 1 GiB. Also runs directly:
// `node --import tsx bench/relay.ts`. Best of `--rounds` per figure (the machine may be shared).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { median } from './median.js';
import { option } from './options.js';
import { cpuSeconds, procStatus } from './process-stats.js';

const MiB = 1024 * 1024;
const PART = 8 * MiB;
const IN_FLIGHT = 4;
const SMALL = 4096;
const SMALL_CONCURRENCY = 16;
const root = new URL('..', import.meta.url).pathname;

// ---------------------------------------------------------------- the plain baseline server

/** PUT /parts/:i writes the body at i·8 MiB into one file; GET /blob streams it; PUT/GET /small/:n. */
async function plainServer(dir: string): Promise<void> {
  const file = join(dir, 'blob');
  writeFileSync(file, '');
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    const done = (status: number) => { res.writeHead(status, { 'content-length': '2' }); res.end('{}'); };
    const fail = () => { if (!res.headersSent) done(500); };
    let m: RegExpExecArray | null;
    if (req.method === 'PUT' && (m = /^\/parts\/(\d+)$/.exec(url))) {
      pipeline(req, createWriteStream(file, { flags: 'r+', start: Number(m[1]) * PART })).then(() => done(200), fail);
    } else if (req.method === 'GET' && url === '/blob') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      pipeline(createReadStream(file, { highWaterMark: MiB }), res).catch(() => undefined);
    } else if (req.method === 'PUT' && (m = /^\/small\/(\d+)$/.exec(url))) {
      pipeline(req, createWriteStream(join(dir, `s${m[1]}`))).then(() => done(200), fail);
    } else if (req.method === 'GET' && (m = /^\/small\/(\d+)$/.exec(url))) {
      res.writeHead(200, { 'content-length': String(SMALL) });
      pipeline(createReadStream(join(dir, `s${m[1]}`)), res).catch(() => undefined);
    } else {
      done(404);
    }
  });
  server.keepAliveTimeout = 65_000;
  process.on('SIGTERM', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`plain listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
}

// ---------------------------------------------------------------- processes and HTTP

interface Child { proc: ChildProcess; url: string; pid: number; stop(): Promise<void> }

async function startChild(args: string[]): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stderr!.on('data', (d) => { output += d; });
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      output += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`child exited with ${code}: ${output}`)));
  });
  const exited = once(proc, 'exit');
  return { proc, url, pid: proc.pid!, async stop() { proc.kill('SIGTERM'); await exited; } };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Answer { status: number; body: Buffer; bytes: number }

/** One request (body given as chunks, sent without copying); `discard` counts the answer's bytes only. */
function send(url: string, method: string, body: Buffer | Buffer[] | null, headers: Record<string, string> = {}, discard = false): Promise<Answer> {
  const chunks = body === null ? [] : Array.isArray(body) ? body : [body];
  const length = chunks.reduce((n, c) => n + c.length, 0);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { ...headers, ...(body ? { 'content-length': String(length) } : {}) } }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (d: Buffer) => { bytes += d.length; if (!discard) chunks.push(d); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

async function sendJson<T>(url: string, method: string, json: unknown, token?: string, expect = 200): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const answer = await send(url, method, json === undefined ? null : Buffer.from(JSON.stringify(json)), headers);
  if (answer.status !== expect) throw new Error(`${method} ${url}: ${answer.status} ${answer.body.toString()}`);
  return JSON.parse(answer.body.toString() || '{}') as T;
}

// ---------------------------------------------------------------- memory

async function sampled<T>(pid: number | null, run: () => Promise<T>): Promise<{ result: T; ms: number; peak: number; cpu: number }> {
  let peak = pid === null ? 0 : procStatus(pid, 'VmRSS');
  const timer = pid === null ? null : setInterval(() => { peak = Math.max(peak, procStatus(pid, 'VmRSS')); }, 20);
  const cpu0 = pid === null ? 0 : cpuSeconds(pid);
  const start = performance.now();
  try {
    const result = await run();
    return { result, ms: performance.now() - start, peak, cpu: pid === null ? 0 : cpuSeconds(pid) - cpu0 };
  } finally {
    if (timer) clearInterval(timer);
  }
}

// ---------------------------------------------------------------- the phases

async function inParallel(count: number, width: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < count; i = next++) await job(i);
  }));
}

/** Parts carry the same random 8 MiB behind their own index, so no two parts are identical. */
function partBody(buffer: Buffer, i: number, size: number): Buffer[] {
  const stamp = Buffer.alloc(4);
  stamp.writeUInt32BE(i, 0);
  return [stamp, buffer.subarray(4, size)];
}

/** Flushes dirty pages first, so one phase's writeback doesn't land in the next phase's time. */
function settle(): void {
  try { execFileSync('sync'); } catch { /* not available: measure anyway */ }
}

async function relayBig(relay: Child, token: string, total: number, buffer: Buffer) {
  settle();
  const upload = await sampled(relay.pid, async () => {
    const u = await sendJson<{ blobId: string; partCount: number }>(`${relay.url}/api/v1/uploads`, 'POST', { size: total }, token, 201);
    await inParallel(u.partCount, IN_FLIGHT, async (i) => {
      const body = partBody(buffer, i, Math.min(PART, total - i * PART));
      const r = await send(`${relay.url}/api/v1/uploads/${u.blobId}/parts/${i}`, 'PUT', body, { authorization: `Bearer ${token}` });
      if (r.status !== 200) throw new Error(`part ${i}: ${r.status} ${r.body.toString()}`);
    });
    await sendJson(`${relay.url}/api/v1/uploads/${u.blobId}/commit`, 'POST', undefined, token, 201);
    return u.blobId;
  });
  const download = await sampled(relay.pid, async () => {
    const r = await send(`${relay.url}/api/v1/blobs/${upload.result}`, 'GET', null, { authorization: `Bearer ${token}` }, true);
    if (r.status !== 200 || r.bytes !== total) throw new Error(`download: ${r.status}, ${r.bytes} bytes`);
  });
  await sendJson(`${relay.url}/api/v1/blobs/${upload.result}`, 'DELETE', undefined, token);
  settle();
  return { upload, download };
}

async function plainBig(plain: Child, total: number, buffer: Buffer) {
  settle();
  const upload = await sampled(plain.pid, () => inParallel(Math.ceil(total / PART), IN_FLIGHT, async (i) => {
    const r = await send(`${plain.url}/parts/${i}`, 'PUT', partBody(buffer, i, Math.min(PART, total - i * PART)));
    if (r.status !== 200) throw new Error(`plain part ${i}: ${r.status}`);
  }));
  const download = await sampled(plain.pid, async () => {
    const r = await send(`${plain.url}/blob`, 'GET', null, {}, true);
    if (r.bytes !== total) throw new Error(`plain download: ${r.bytes} bytes`);
  });
  settle();
  return { upload, download };
}

/** Runs `job` from SMALL_CONCURRENCY workers for `seconds`; returns completed jobs per second. */
async function rate(seconds: number, job: (worker: number, n: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: SMALL_CONCURRENCY }, async (_, w) => {
    for (let n = 0; performance.now() < deadline; n++) {
      await job(w, n);
      done++;
    }
  }));
  return done / ((performance.now() - start) / 1000);
}

async function relaySmall(relay: Child, token: string, seconds: number) {
  const small = randomBytes(SMALL);
  const auth = { authorization: `Bearer ${token}` };
  const ids: string[] = [];
  const uploads = await rate(seconds, async () => {
    const u = await sendJson<{ blobId: string }>(`${relay.url}/api/v1/uploads`, 'POST', { size: SMALL }, token, 201);
    const r = await send(`${relay.url}/api/v1/uploads/${u.blobId}/parts/0`, 'PUT', small, auth);
    if (r.status !== 200) throw new Error(`small part: ${r.status}`);
    await sendJson(`${relay.url}/api/v1/uploads/${u.blobId}/commit`, 'POST', undefined, token, 201);
    ids.push(u.blobId);
  });
  const gets = await rate(seconds, async (w, n) => {
    const r = await send(`${relay.url}/api/v1/blobs/${ids[(w * 7919 + n) % ids.length]}`, 'GET', null, auth, true);
    if (r.status !== 200 || r.bytes !== SMALL) throw new Error(`small get: ${r.status}`);
  });
  return { uploads, gets };
}

async function plainSmall(plain: Child, seconds: number) {
  const small = randomBytes(SMALL);
  let count = 0;
  const uploads = await rate(seconds, async () => {
    const r = await send(`${plain.url}/small/${count++}`, 'PUT', small);
    if (r.status !== 200) throw new Error(`plain small put: ${r.status}`);
  });
  const stored = count;
  const gets = await rate(seconds, async (w, n) => {
    const r = await send(`${plain.url}/small/${(w * 7919 + n) % stored}`, 'GET', null, {}, true);
    if (r.bytes !== SMALL) throw new Error('plain small get');
  });
  return { uploads, gets };
}

// ---------------------------------------------------------------- main

export default async function main(): Promise<void> {
  const total = option('mib', 1024) * MiB;
  const rounds = option('rounds', 3);
  const seconds = option('seconds', 5);
  const buffer = randomBytes(PART);
  const dir = mkdtempSync(join(tmpdir(), 'vbx-bench-'));
  console.log(`relay bench: ${total / MiB} MiB in ${PART / MiB} MiB parts, ${IN_FLIGHT} in flight; ${SMALL / 1024} KiB blobs at concurrency ${SMALL_CONCURRENCY}; best of ${rounds}`);
  const relay = await startChild(['relay/src/server.ts', '--port', '0', '--data', join(dir, 'relay'), '--scrypt-cost', '10', '--quota-gib', '1000']);
  const plain = await startChild(['bench/relay.ts', '--plain-server', join(dir, 'plain')]);
  try {
    const name = `bench${Date.now()}`;
    const { token } = await sendJson<{ token: string }>(`${relay.url}/api/v1/auth/signup`, 'POST', {
      name, kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 },
      salt: randomBytes(16).toString('base64url'), authKey: randomBytes(32).toString('base64url'),
      passwordWrap: randomBytes(60).toString('base64url'), recoveryWrap: randomBytes(60).toString('base64url'),
      recoveryAuthKey: randomBytes(32).toString('base64url'), session: 'bearer',
    }, undefined, 201);

    const best = { rUp: Infinity, rDown: Infinity, pUp: Infinity, pDown: Infinity, memUp: 0, memDown: 0 };
    const ratios = { up: [] as number[], down: [] as number[] };
    for (let round = 1; round <= rounds; round++) {
      // Alternate which server goes first, so neither always inherits the other's aftermath.
      const p = round % 2 === 1 ? await plainBig(plain, total, buffer) : null;
      const r = await relayBig(relay, token, total, buffer);
      const p2 = p ?? (await plainBig(plain, total, buffer));
      best.pUp = Math.min(best.pUp, p2.upload.ms);
      best.pDown = Math.min(best.pDown, p2.download.ms);
      best.rUp = Math.min(best.rUp, r.upload.ms);
      best.rDown = Math.min(best.rDown, r.download.ms);
      ratios.up.push(p2.upload.ms / r.upload.ms);
      ratios.down.push(p2.download.ms / r.download.ms);
      best.memUp = Math.max(best.memUp, r.upload.peak);
      best.memDown = Math.max(best.memDown, r.download.peak);
      console.log(`  round ${round}: upload relay ${(r.upload.ms / 1000).toFixed(2)} s (cpu ${r.upload.cpu.toFixed(2)} s) / plain ${(p2.upload.ms / 1000).toFixed(2)} s (cpu ${p2.upload.cpu.toFixed(2)} s); `
        + `download relay ${(r.download.ms / 1000).toFixed(2)} s (cpu ${r.download.cpu.toFixed(2)} s) / plain ${(p2.download.ms / 1000).toFixed(2)} s (cpu ${p2.download.cpu.toFixed(2)} s)`);
    }
    const hwm = procStatus(relay.pid, 'VmHWM');
    const pSmall = await plainSmall(plain, seconds);
    const rSmall = await relaySmall(relay, token, seconds);

    const mibs = (ms: number) => total / MiB / (ms / 1000);
    const rows: [string, string, string, string][] = [
      ['figure (best of rounds)', 'relay', 'plain node:http', 'relay / plain'],
      [`upload ${total / MiB} MiB`, `${mibs(best.rUp).toFixed(0)} MiB/s`, `${mibs(best.pUp).toFixed(0)} MiB/s`, `${(best.pUp / best.rUp).toFixed(2)}×`],
      [`  same round, median`, '', '', `${median(ratios.up).toFixed(2)}×`],
      [`download ${total / MiB} MiB`, `${mibs(best.rDown).toFixed(0)} MiB/s`, `${mibs(best.pDown).toFixed(0)} MiB/s`, `${(best.pDown / best.rDown).toFixed(2)}×`],
      [`  same round, median`, '', '', `${median(ratios.down).toFixed(2)}×`],
      ['4 KiB blob uploads (create+part+commit)', `${rSmall.uploads.toFixed(0)} /s`, `${pSmall.uploads.toFixed(0)} PUT/s`, `${(rSmall.uploads / pSmall.uploads).toFixed(2)}×`],
      ['4 KiB blob downloads', `${rSmall.gets.toFixed(0)} /s`, `${pSmall.gets.toFixed(0)} GET/s`, `${(rSmall.gets / pSmall.gets).toFixed(2)}×`],
      ['relay peak RSS during upload', `${(best.memUp / MiB).toFixed(0)} MiB`, '', 'target < 150 MiB'],
      ['relay peak RSS during download', `${(best.memDown / MiB).toFixed(0)} MiB`, '', ''],
      ['relay VmHWM (whole run so far)', `${(hwm / MiB).toFixed(0)} MiB`, '', ''],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log('');
    for (const row of rows) console.log('  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   '));
    console.log('');
    console.log('  The relay fsyncs every committed blob (and flushes uploads as they arrive); the plain server never');
    console.log('  flushes. A relay small upload is three requests (create, part, commit) with a durable commit.');
    const ok = best.pUp / best.rUp >= 0.8 && best.pDown / best.rDown >= 0.8 && best.memUp < 150 * MiB;
    console.log(ok ? 'targets met: upload and download ≥ 0.8× plain, memory < 150 MiB' : 'TARGETS MISSED (see the table)');
  } finally {
    await relay.stop();
    await plain.stop();
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--plain-server')) {
  const dir = process.argv[process.argv.indexOf('--plain-server') + 1];
  mkdirSync(dir, { recursive: true });
  await plainServer(dir);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
