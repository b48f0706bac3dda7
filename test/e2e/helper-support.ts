// Test support for the helper's end-to-end tests: the real CLI (windows-helper/src/cli.ts) as a child
// process with its own VEILBOX_HOME, its output collected, and polling for observable state with
// generous timeouts (never timed assertions).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'windows-helper/src/cli.ts');

export interface HelperRun { code: number | null; stdout: string; stderr: string }

export function helperHomeDir(): string {
  return mkdtempSync(join(tmpdir(), 'veilbox-helper-home-'));
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
