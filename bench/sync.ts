// `npm run bench -- sync [--files N] [--mib M] [--keep]`: the helper's initial sync of a tree of N files
// (default 10,000) totalling M MiB (default 1024, mixed sizes: many small, some medium, a few large,
// incompressible) to a real relay on 127.0.0.1, and a no-change rescan of it, against `rclone copy` of
// the same tree into an rclone `crypt` remote on local disk (Debian's rclone, installed with apt-get
// when missing), measured in the same run. Prints both times, the ratio, files/s, MiB/s, peak RSS and the
// CPU each side used (rclone's own varies from run to run on this machine, and its time with it). The
// tree is read whole just before each contender starts, so both find it in the page cache.
// Targets (issue 7): initial sync within 1.5× rclone's time; a no-change rescan of 10,000 files < 2 s.
//  - initial sync: the real helper CLI (`veilbox-helper sync --folder`) as a child process, from spawn
//    to its status saying the first pass is done; its own pass time and peak RSS (VmHWM) come too.
//  - rescan: a pass in this process over the helper's SQLite base and paired device, nothing changed
//    (the vault tree already pulled, as in the running helper), best of 3.
// VEILBOX_BENCH_CPU_PROF=DIR writes CPU profiles of the helper and the relay into DIR/helper, DIR/relay.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimPairing, PairingHost } from '../worker/src/client/pairing.js';
import { VaultCore } from '../worker/src/client/vault-core.js';
import { MemoryDeviceStore } from '../worker/src/client/remembered-device.js';
import { runSyncPass, VaultRemote } from '../worker/src/sync/index.js';
import { NodeFolder } from '../worker/src/sync/node-folder.js';
import { FileDeviceStore } from '../windows-helper/src/device-store-file.js';
import { loadPair, openSyncDb, SqliteSyncBase } from '../windows-helper/src/sqlite-sync-base.js';
import { readStatus } from '../windows-helper/src/status-file.js';
import { HOME_FILES } from '../windows-helper/src/helper-home.js';
import { startRelay, type RelayProcess } from '../test/relay/support/relay-process.js';
import { option } from './options.js';
import { childrenCpuSeconds, cpuSeconds, procStatus } from './process-stats.js';

const MiB = 1024 * 1024;
const root = new URL('..', import.meta.url).pathname;

/** Sizes for `files` files adding up to `total` bytes: 90 % small (≤ 64 KiB), 9.5 % medium (≤ 1 MiB), 0.5 % large. */
function mixedSizes(files: number, total: number): number[] {
  let seed = 0x2545f491;
  const rand = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
  const raw: number[] = [];
  for (let i = 0; i < files; i++) {
    const r = i % 200;
    raw.push(r === 0 ? 4 + rand() * 28 : r < 20 ? 0.06 + rand() * 0.9 : 0.001 + rand() * 0.06);
  }
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => Math.max(1, Math.round((r / sum) * total)));
}

function makeTree(dir: string, sizes: number[]): void {
  const pool = randomBytes(8 * MiB);
  for (const [i, size] of sizes.entries()) {
    const sub = join(dir, `d${String(i % 100).padStart(2, '0')}`, `e${i % 7}`);
    if (i < 700) mkdirSync(sub, { recursive: true });
    const parts: Buffer[] = [];
    // Different bytes in every file (no two alike, nothing compressible): a slice of the pool, salted.
    for (let left = size, at = (i * 7919) % pool.length; left > 0;) {
      const n = Math.min(left, pool.length - at);
      parts.push(pool.subarray(at, at + n));
      left -= n;
      at = 0;
    }
    const data = Buffer.concat(parts);
    if (data.length >= 4) data.writeUInt32LE(i, 0);
    writeFileSync(join(sub, `f${i}.bin`), data);
  }
}

/**
 * Reads every file of the tree, so both contenders start with it in the page cache: this machine
 * reclaims cold pages within seconds (DAMON), and the helper runs after rclone and the relay start.
 */
function warm(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) readFileSync(join(entry.parentPath, entry.name));
  }
}

function ensureRclone(): string {
  const found = spawnSync('sh', ['-c', 'command -v rclone'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  console.log('rclone is missing: apt-get install -y rclone');
  execFileSync('apt-get', ['install', '-y', '-q', 'rclone'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return 'rclone';
}

/** The relay for the run (test/relay/support), profiled with VEILBOX_BENCH_CPU_PROF. */
function startBenchRelay(dataDir: string): Promise<RelayProcess> {
  const profile = process.env.VEILBOX_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VEILBOX_BENCH_CPU_PROF}/relay`] : [];
  return startRelay(dataDir, ['--scrypt-cost', '10', '--quota-gib', '1000'], profile);
}

async function main(): Promise<void> {
  const files = option('files', 10_000);
  const totalMiB = option('mib', 1024);
  const dir = mkdtempSync(join(tmpdir(), 'veilbox-bench-sync-'));
  const tree = join(dir, 'tree');
  const sizes = mixedSizes(files, totalMiB * MiB);
  const bytes = sizes.reduce((a, b) => a + b, 0);
  console.log(`sync bench: ${files} files, ${(bytes / MiB).toFixed(0)} MiB (${sizes.filter((s) => s <= 64 * 1024).length} ≤ 64 KiB, ${sizes.filter((s) => s > MiB).length} > 1 MiB), in ${dir}`);
  makeTree(tree, sizes);
  execFileSync('sync');

  // Baseline: rclone copy into a crypt remote on local disk.
  const rclone = ensureRclone();
  const obscured = execFileSync(rclone, ['obscure', 'a bench password'], { encoding: 'utf8' }).trim();
  const rcloneEnv = { ...process.env, RCLONE_CONFIG_VBCRYPT_TYPE: 'crypt', RCLONE_CONFIG_VBCRYPT_REMOTE: join(dir, 'rclone-crypt'), RCLONE_CONFIG_VBCRYPT_PASSWORD: obscured, RCLONE_CONFIG: join(dir, 'rclone.conf') };
  writeFileSync(join(dir, 'rclone.conf'), '');
  const version = execFileSync(rclone, ['version'], { encoding: 'utf8' }).split('\n')[0];
  warm(tree);
  const childCpuBefore = childrenCpuSeconds();
  let started = performance.now();
  const rc = spawnSync(rclone, ['copy', tree, 'vbcrypt:'], { env: rcloneEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  const rcloneMs = performance.now() - started;
  const rcloneCpu = childrenCpuSeconds() - childCpuBefore;
  if (rc.status !== 0) throw new Error('rclone copy failed');
  execFileSync('sync');

  // Veilbox: a real relay, an account, the helper paired and started on the tree.
  const relay = await startBenchRelay(join(dir, 'relay'));
  const home = join(dir, 'helper-home');
  const owner = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new MemoryDeviceStore(), webSocket: null });
  await owner.signUp('bench', 'a bench password that is long');
  const offer = await new PairingHost(owner, relay.url).offer();
  const claimed = await claimPairing({ baseUrl: relay.url, code: offer.code, deviceName: 'Bench PC' });
  await new FileDeviceStore(home).saveSecrets({ relay: relay.url, login: claimed.login, accountId: claimed.accountId, deviceId: claimed.deviceId, pairedAt: new Date().toISOString() }, { token: claimed.deviceToken, secret: claimed.deviceSecret });
  await owner.lock();

  warm(tree);
  const relayCpuBefore = cpuSeconds(relay.proc.pid!);
  started = performance.now();
  const profile = process.env.VEILBOX_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VEILBOX_BENCH_CPU_PROF}/helper`] : [];
  const helper = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'windows-helper/src/cli.ts'), 'sync', '--folder', tree, '--vault-folder', 'Bench', '--rescan-seconds', '3600'], {
    cwd: root, env: { ...process.env, VEILBOX_HOME: home }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const helperExit = once(helper, 'exit');
  let peak = 0;
  let helperCpu = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    peak = Math.max(peak, procStatus(helper.pid!, 'VmHWM') / MiB);
    helperCpu = Math.max(helperCpu, cpuSeconds(helper.pid!));
    const s = readStatus(home);
    if (s && s.passes >= 1 && s.lastPass) break;
    if (helper.exitCode !== null) throw new Error(`the helper exited with ${helper.exitCode}`);
  }
  const helperMs = performance.now() - started;
  const relayCpu = cpuSeconds(relay.proc.pid!) - relayCpuBefore;
  const status = readStatus(home)!;
  const passMs = Date.parse(status.lastPass!.finishedAt) - Date.parse(status.lastPass!.startedAt);
  helper.kill('SIGINT');
  await helperExit;
  if (status.lastPass!.counts.sent !== files || status.errors.length > 0) throw new Error(`the first pass sent ${status.lastPass!.counts.sent} of ${files} files: ${JSON.stringify(status.errors.slice(0, 3))}`);

  // No-change rescan, as the running helper does it (vault open, tree pulled).
  const core = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new FileDeviceStore(home), webSocket: null });
  await core.unlockWithDevice();
  const db = openSyncDb(join(home, HOME_FILES.syncDb));
  const { vaultFolderId } = loadPair(db, tree)!;
  const pair = { local: new NodeFolder(tree), remote: new VaultRemote(core, vaultFolderId), base: new SqliteSyncBase(db, tree), device: 'bench' };
  const rescans: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const report = await runSyncPass(pair);
    rescans.push(performance.now() - t);
    if (report.status !== 'done' || report.log.length > 0) throw new Error(`a no-change pass did something: ${JSON.stringify(report.log.slice(0, 3))}`);
  }
  db.close();
  await core.lock();
  await relay.stop();

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rescan = Math.min(...rescans);
  console.log(`rclone copy → crypt (${version}):  ${s(rcloneMs)}  ${(files / (rcloneMs / 1000)).toFixed(0)} files/s  ${(bytes / MiB / (rcloneMs / 1000)).toFixed(1)} MiB/s  (CPU ${rcloneCpu.toFixed(1)} s)`);
  console.log(`veilbox helper initial sync:       ${s(helperMs)}  ${(files / (helperMs / 1000)).toFixed(0)} files/s  ${(bytes / MiB / (helperMs / 1000)).toFixed(1)} MiB/s  (its first pass ${s(passMs)}; helper peak RSS ${peak.toFixed(0)} MiB)`);
  console.log(`  CPU during the initial sync:     helper ${helperCpu.toFixed(1)} s, relay ${relayCpu.toFixed(1)} s (2 cores: ${((helperCpu + relayCpu) / (helperMs / 1000) * 50).toFixed(0)} % of the machine)`);
  console.log(`ratio helper / rclone:             ${(helperMs / rcloneMs).toFixed(2)}×  (target ≤ 1.5×)`);
  console.log(`no-change rescan of ${files} files:  ${(rescan / 1000).toFixed(2)} s  (best of 3: ${rescans.map((r) => (r / 1000).toFixed(2)).join(', ')}; target < 2 s)`);
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
