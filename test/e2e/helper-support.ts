// Test support for the helper's end-to-end tests: the real CLI (windows-helper/src/cli.ts) as a child
// process with its own VEILBOX_HOME, its output collected, a home paired as `veilbox-helper pair` leaves
// it, and polling for observable state with generous timeouts (never timed assertions).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimPairing, PairingHost } from '../../worker/src/client/pairing.js';
import type { VaultCore } from '../../worker/src/client/vault-core.js';
import { FileDeviceStore } from '../../windows-helper/src/device-store-file.js';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'windows-helper/src/cli.ts');

export interface HelperRun { code: number | null; stdout: string; stderr: string }

export function helperHomeDir(): string {
  return mkdtempSync(join(tmpdir(), 'veilbox-helper-home-'));
}

/**
 * Pairs a device for `owner` on `relayUrl` and stores it in `home` as `veilbox-helper pair` does
 * (helper-pairing.test.ts runs the CLI itself); the helper will reach the relay at `helperRelayUrl`
 * (default: the same). `confirm` has the owner confirm the pairing, as the PWA does. Answers the device id.
 */
export async function pairHome(owner: VaultCore, relayUrl: string, home: string, options: { deviceName: string; confirm?: boolean; helperRelayUrl?: string }): Promise<string> {
  const host = new PairingHost(owner, relayUrl);
  const offer = await host.offer();
  const claimed = await claimPairing({ baseUrl: relayUrl, code: offer.code, deviceName: options.deviceName });
  await new FileDeviceStore(home).saveSecrets(
    { relay: options.helperRelayUrl ?? relayUrl, login: claimed.login, accountId: claimed.accountId, deviceId: claimed.deviceId, pairedAt: new Date().toISOString() },
    { token: claimed.deviceToken, secret: claimed.deviceSecret },
  );
  if (options.confirm) await host.confirm(offer.pairingId);
  return claimed.deviceId;
}

export interface HelperProcess { child: ChildProcess; output(): string; exited: Promise<number | null> }

export function startHelper(home: string, args: string[]): HelperProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root, env: { ...process.env, VEILBOX_HOME: home, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function runHelper(home: string, args: string[]): Promise<HelperRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root, env: { ...process.env, VEILBOX_HOME: home, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

/** Polls `check` until it returns a value other than undefined, null or false; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
