// Starts the real relay (`relay/src/server.ts`) as a child process on 127.0.0.1 with a free port and a
// given data folder, for the cross-process tests; waits for its "listening on" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const root = new URL('../../../', import.meta.url).pathname;

export interface RelayProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait: the crash case. */
  kill(): Promise<void>;
}

/** `nodeArgs` go to Node itself (e.g. `--cpu-prof` for a benchmark). */
export async function startRelay(dataDir: string, args: string[] = [], nodeArgs: string[] = []): Promise<RelayProcess> {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'relay/src/server.ts', '--port', '0', '--data', dataDir, ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' },
  });
  // A failed test must not leave a relay behind holding the test process open.
  const reap = () => proc.kill('SIGKILL');
  process.on('exit', reap);
  proc.on('exit', () => process.off('exit', reap));
  let output = '';
  proc.stderr!.on('data', (d) => { output += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output}`)), 20_000);
    proc.stdout!.on('data', (d) => {
      output += d;
      const m = /listening on (https?:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`relay exited with ${code}:\n${output}`)));
  });
  const exited = once(proc, 'exit');
  return {
    url,
    port: Number(new URL(url).port),
    proc,
    output: () => output,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
