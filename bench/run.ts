// `npm run bench -- NAME [args]`: runs bench/NAME.ts in its own Node process (so each benchmark's
// peak memory is its own). With no name, lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const dir = new URL('.', import.meta.url).pathname;
const names = readdirSync(dir).filter((f) => f.endsWith('.ts') && !['run.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.log(`usage: npm run bench -- <${names.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${name}.ts`, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
