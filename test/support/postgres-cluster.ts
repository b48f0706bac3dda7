// A throwaway PostgreSQL cluster for one test file: initdb into a temp folder owned by the
// `postgres` user (mode 0700; initdb and pg_ctl refuse to run as root, so as root they run through
// `runuser -u postgres --`), a socket folder of its own (-k) and a free loopback port. `stop()` ends
// it and removes the folder; it is also stopped when the test process exits, failure or not.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { ensurePostgres } from './ensure-postgres.js';

export interface PostgresCluster {
  port: number;
  /** `postgres://postgres@127.0.0.1:PORT/DB` for a database of this cluster (default `postgres`). */
  url(database?: string): string;
  /** Creates a fresh database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the cluster at once and removes its folder. */
  stop(): Promise<void>;
  /** Stops the server but keeps the folder, for "the database went away" tests; `start()` brings it back. */
  halt(): void;
  start(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = ensurePostgres();
  const root = process.getuid?.() === 0;
  const asPostgres = (cmd: string, args: string[]) => (root ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]) as [string, string[]];
  const dir = mkdtempSync(join(tmpdir(), 'vbx-pg-'));
  const data = join(dir, 'data');
  const sockets = dir;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asPostgres(cmd, args);
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Test settings: no durability waits (a throwaway cluster), enough connections for several relays.
  const serverOptions = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
  const halt = () => {
    const [file, argv] = asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, argv, { encoding: 'utf8' });
  };
  start();
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    const [file, argv] = asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, argv, { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopNow);
  // A test run stopped from outside (Ctrl-C, SIGTERM) still stops the server it started.
  const onSignal = () => { stopNow(); process.exit(1); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const sql = postgres(url(), { max: 1, onnotice: () => undefined });
      try { await sql.unsafe(`CREATE DATABASE ${name}`); } finally { await sql.end({ timeout: 1 }); }
      return url(name);
    },
    async stop() {
      stopNow();
      process.off('exit', stopNow);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
    halt,
    start,
  };
}
