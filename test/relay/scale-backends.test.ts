// The relay's route suites (relay/src/routes/*.test.ts and app.test.ts) against the scale-out back
// ends: PostgreSQL + blob folder, and PostgreSQL + S3 (s3rver). One throwaway PostgreSQL cluster and
// one s3rver serve the whole file; each suite runs in its own process with VEILBOX_TEST_PG /
// VEILBOX_TEST_S3 set, and its fixture takes a fresh schema (and bucket) per case ([Note: Back ends
// under test] in relay/src/test-support/fixture.ts). SQLite + folder is the suites' own default run.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';

const root = new URL('../../', import.meta.url).pathname;
const suites = [
  ...readdirSync(join(root, 'relay/src/routes')).filter((f) => f.endsWith('.test.ts')).map((f) => `relay/src/routes/${f}`),
  'relay/src/app.test.ts',
].sort();

let pg: PostgresCluster;
let s3: S3Server;
let pgUrl: string;

test.before(async () => {
  [pg, s3] = await Promise.all([startPostgresCluster(), startS3Server()]);
  pgUrl = await pg.createDatabase('routes');
});

test.after(async () => {
  await s3?.stop();
  await pg?.stop();
});

interface Run { code: number | null; output: string }

function runSuite(file: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root, env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** "Total: N" and "Passed: N" of the suite's uvu summary. */
function counts(output: string): { total: number; passed: number } {
  const grab = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(output)?.[1] ?? -1);
  return { total: grab('Total'), passed: grab('Passed') };
}

const combos: [string, () => Record<string, string>][] = [
  ['PostgreSQL + folder', () => ({ VEILBOX_TEST_PG: pgUrl })],
  ['PostgreSQL + S3', () => ({
    VEILBOX_TEST_PG: pgUrl, VEILBOX_TEST_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  })],
];

// Two suites at a time: each is mostly waiting on PostgreSQL and s3rver, which run in other processes.
for (const [name, env] of combos) {
  test(`${name}: every relay route suite passes`, async () => {
    const queue = [...suites];
    const failures: string[] = [];
    let cases = 0;
    await Promise.all([0, 1].map(async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const run = await runSuite(file, env());
        const c = counts(run.output);
        cases += Math.max(c.passed, 0);
        if (run.code !== 0 || c.total <= 0 || c.passed !== c.total) failures.push(`${file} (exit ${run.code}):\n${run.output.slice(-4000)}`);
      }
    }));
    assert.ok(failures.length === 0, `${name}: failing suites:\n${failures.join('\n')}`);
    assert.ok(cases >= suites.length, 'every suite ran its cases');
    console.log(`  ${name}: ${suites.length} suites, ${cases} cases passed`);
  });
}

test.run();
