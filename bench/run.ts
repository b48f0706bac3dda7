// `npm run bench -- NAME [args]`: runs bench/NAME.ts in its own Node process (so each benchmark's
// peak memory is its own). With no name, lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('.', import.meta.url).pathname;
// A benchmark's file opens with its own usage line; the others here are the benchmarks' shared parts.
const names = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .filter((name) => readFileSync(`${dir}${name}.ts`, 'utf8').startsWith(`// \`npm run bench -- ${name}`));
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.log(`usage: npm run bench -- <${names.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${name}.ts`, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
